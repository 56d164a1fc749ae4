#!/usr/bin/env bash
# ctest bench_smoke: keeps the benchmark harness working. Times nothing: it
# drives a few hundred records through the ceiling child and the npm aws-kcl
# children and checks that each run ends cleanly with records counted.
# Needs QMLD_BIN_DIR and QMLD_NODE_PEERS (set by CTest).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${QMLD_BIN_DIR:?QMLD_BIN_DIR must name the bin folder of the build}"
: "${QMLD_NODE_PEERS:?QMLD_NODE_PEERS must name tests/peers/node}"
driver=$QMLD_BIN_DIR/qmld-bench-driver
ceiling=$QMLD_BIN_DIR/qmld-bench-ceiling-child

# The Node cases need node and the npm peers (./dev deps): without them the
# test is a visible skip (exit 77, CTest's SKIP_RETURN_CODE), a failure when
# QMLD_REQUIRE_PEERS=1 (the ci preset).
if ! command -v node >/dev/null || [[ ! -d $QMLD_NODE_PEERS/node_modules/aws-kcl ]]; then
    missing="node and the npm peers in $QMLD_NODE_PEERS (./dev deps installs them)"
    if [[ ${QMLD_REQUIRE_PEERS:-} == 1 ]]; then
        echo "FAIL: missing test peer (QMLD_REQUIRE_PEERS=1): $missing" >&2
        exit 1
    fi
    echo "SKIP: $missing are missing"
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/qmld-bench-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect_run NAME CHECK-REGEX DRIVER-ARGS...: the driver exits 0 and its
# result JSON matches CHECK-REGEX.
expect_run() {
    local name=$1 check=$2
    shift 2
    local result=$work/$name.json
    if ! "$driver" "$@" --records 300 --batch 100 --seconds 60 --label "$name" --result "$result"; then
        fail "$name: the driver exited non-zero"
        return
    fi
    if ! grep -Eq '"records":[1-9][0-9]*' "$result" || ! grep -Eq "$check" "$result"; then
        fail "$name: unexpected result $(cat "$result")"
        return
    fi
    echo "PASS: $name: $(cat "$result")"
}

expect_run ceiling '"childPeakRssKiB":[0-9]+' --child "$ceiling"

expect_run ceiling_1k_payload '"payloadBytes":1024' --child "$ceiling" --payload 1024

# executableName split on runs of spaces, as the Java daemon does.
printf '%s\n' "# written by bench_smoke" "applicationName = smoke" \
    "executableName = node   $here/node_noop.js" >"$work/node.properties"
expect_run node_noop_from_properties '"checkpointsAnswered":0' --properties-file "$work/node.properties"

# kcl_minimal.js checkpoints after every batch: each request gets its reply.
expect_run node_checkpointing '"checkpointsAnswered":3' --child "node $QMLD_NODE_PEERS/kcl_minimal.js"

# Each message in 8 KiB write(2)s, as the Java daemon's buffered stdout writes
# it: the aws-kcl child must still read whole batches of 1 KB records.
expect_run node_in_8k_pieces '"payloadBytes":1024' --child "node $here/node_noop.js" --payload 1024 --write-bytes 8192

expect_run parent_rss '"parentPeakRssKiB":[0-9]+' --child "$ceiling" --report-parent-rss

# A child that exits at once is a protocol surprise: non-zero, one clear line
# (whether the driver notices at its write or at its read is a race).
if "$driver" --child true --records 100 2>"$work/eof.err" >/dev/null; then
    fail "eof: the driver exited 0 although the child never answered"
elif ! grep -Eq "^qmld-bench-driver: .*initialize: the child closed its std(in|out)" "$work/eof.err" \
    || [[ $(wc -l <"$work/eof.err") -ne 1 ]]; then
    fail "eof: unexpected message: $(cat "$work/eof.err")"
else
    echo "PASS: eof: $(cat "$work/eof.err")"
fi

# The embedded-daemon case: qmld-daemon delivers every stored record of two
# shards to the store child, which ends each shard at SHARD_END; the daemon
# then exits 0 on SIGTERM (also while the split children's consumers start).
if [[ ! -x $QMLD_BIN_DIR/qmld-daemon ]]; then
    fail "daemon: $QMLD_BIN_DIR/qmld-daemon is not built (it is part of every build)"
elif "$QMLD_BIN_DIR/qmld-bench-daemon" --daemon "$QMLD_BIN_DIR/qmld-daemon" \
    --child "$QMLD_BIN_DIR/qmld-bench-store-child" --records 3000 --shards 2 --timeout 60 \
    --result "$work/daemon.json" >"$work/daemon.log" 2>&1 \
    && grep -q '"records":3000,' "$work/daemon.json" && grep -q '"shards":2' "$work/daemon.json"; then
    echo "PASS: daemon: $(cat "$work/daemon.json")"
else
    fail "daemon: $(tail -n 12 "$work/daemon.log") $(cat "$work/daemon.json" 2>/dev/null)"
fi

# The relay ceiling: the real qmld-connect in front of qmld-bench-relay-server,
# which checks qmld-connect's token like qmld does and then answers every line.
relay=$QMLD_BIN_DIR/qmld-bench-relay-server
if "$relay" "$driver" --child "$QMLD_BIN_DIR/qmld-connect {port}" --records 300 --batch 100 --seconds 60 \
    --label relay --result "$work/relay.json" 2>"$work/relay.err" \
    && grep -q '"records":300,' "$work/relay.json" && grep -q '"child":"[^"]*qmld-connect [0-9]*"' "$work/relay.json"; then
    echo "PASS: relay: $(cat "$work/relay.json")"
else
    fail "relay: $(cat "$work/relay.err") $(cat "$work/relay.json" 2>/dev/null)"
fi
# A connection with another token gets no answers: the run fails.
if "$relay" env QMLD_CONNECT_TOKEN=not-the-token "$driver" --child "$QMLD_BIN_DIR/qmld-connect {port}" \
    --records 100 --reply-timeout 10 --result "$work/relay-token.json" 2>"$work/relay-token.err" >/dev/null; then
    fail "relay_wrong_token: the run succeeded with a wrong token"
elif ! grep -q "wrong token" "$work/relay-token.err"; then
    fail "relay_wrong_token: unexpected message: $(cat "$work/relay-token.err")"
else
    echo "PASS: relay_wrong_token: $(grep "wrong token" "$work/relay-token.err")"
fi

if [[ $failures -ne 0 ]]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all checks passed"

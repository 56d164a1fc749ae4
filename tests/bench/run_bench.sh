#!/usr/bin/env bash
# Throughput of one shard's record path: qmld vs the npm aws-kcl child vs the
# ceiling child vs the relay ceiling (the real qmld-connect in front of a
# server that only finds newlines and answers: qmld-bench-relay-server), each
# driven by qmld-bench-driver acting as the MLD.
#
# usage: run_bench.sh [BIN_DIR]       (or QMLD_BIN_DIR=...; `cmake --build B --target bench`)
#
# Environment:
#   BENCH_SECONDS           record phase of each run (default 5)
#   BENCH_RUNS              rounds of the throughput cases, interleaved; each row shows the median round (default 3)
#   BENCH_PAYLOADS          payload sizes in bytes (default "100 1024")
#   BENCH_BATCH             records per processRecords (default 1000)
#   BENCH_CHECKPOINT_EVERY  qmld's checkpoint policy (default 10000)
#   BENCH_DAEMON_SHARDS     shard counts of the embedded-daemon cases (default "1 2 4"; "" skips them)
#   BENCH_DAEMON_RECORDS    records in the store of each embedded-daemon case (default 1000000, 100 B each)
#   BENCH_CPU=0             skip the CPU per batch of each thread, relay against qmld run (cpu_per_batch.py)
#   BENCH_CONSOLE=0         skip the console-at-scale case (qmld-bench-console, offscreen)
#   BENCH_KEEP=1            keep the result JSON and logs (their folder is printed)
#   QMLD_NODE_PEERS         folder with node_modules/aws-kcl (default tests/peers/node)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${1:-${QMLD_BIN_DIR:-}}
if [[ -z $bin || ! -d $bin ]]; then
    echo "run_bench.sh: give the build's bin folder as the argument or in QMLD_BIN_DIR" >&2
    exit 2
fi
bin=$(cd "$bin" && pwd)
seconds=${BENCH_SECONDS:-5}
runs=${BENCH_RUNS:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "run_bench.sh: BENCH_RUNS must be a positive whole number" >&2; exit 2; }
payloads=${BENCH_PAYLOADS:-100 1024}
batch=${BENCH_BATCH:-1000}
checkpoint_every=${BENCH_CHECKPOINT_EVERY:-10000}
daemon_shards=${BENCH_DAEMON_SHARDS-1 2 4}
daemon_records=${BENCH_DAEMON_RECORDS:-1000000}
export QMLD_NODE_PEERS=${QMLD_NODE_PEERS:-$here/../peers/node}

driver=$bin/qmld-bench-driver
ceiling=$bin/qmld-bench-ceiling-child
relay=$bin/qmld-bench-relay-server
for tool in "$driver" "$ceiling" "$relay"; do
    [[ -x $tool ]] || { echo "run_bench.sh: $tool is not built" >&2; exit 2; }
done
command -v jq >/dev/null || { echo "run_bench.sh: jq is needed to read the results" >&2; exit 2; }
command -v node >/dev/null || { echo "run_bench.sh: node is needed for the Node peer" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/qmld-bench.XXXXXX")
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "results and logs: $work"
else
    trap 'rm -rf "$work"' EXIT
fi

failed=0

# run_case NAME PAYLOAD [ROUND]: leaves $work/NAME-PAYLOAD[.ROUND].json, or prints why not.
run_case() {
    local name=$1 payload=$2 key=$1-$2${3:+.$3}
    local result=$work/$key.json log=$work/$key.log
    local common=(--payload "$payload" --batch "$batch" --seconds "$seconds" --label "$name"
                  --result "$result")
    case $name in
    ceiling)
        "$driver" --child "$ceiling" "${common[@]}" 2>"$log" ;;
    relay)
        if [[ ! -x $bin/qmld-connect ]]; then
            echo "not built" >"$work/$key.status"
            return 0
        fi
        "$relay" "$driver" --child "$bin/qmld-connect {port}" "${common[@]}" 2>"$log" ;;
    node)
        "$driver" --child "node $here/node_noop.js" "${common[@]}" 2>"$log" ;;
    daemon)
        # $payload is the shard count here: qmld-daemon feeding the store child.
        if [[ ! -x $bin/qmld-daemon || ! -x $bin/qmld-bench-daemon ]]; then
            echo "not built" >"$work/$name-$payload.status"
            return 0
        fi
        "$bin/qmld-bench-daemon" --daemon "$bin/qmld-daemon" --child "$bin/qmld-bench-store-child" \
            --records "$daemon_records" --shards "$payload" --payload 100 --result "$result" >"$log" 2>&1 ;;
    qmld)
        if [[ ! -x $bin/qmld || ! -x $bin/qmld-connect ]]; then
            echo "not built" >"$work/$key.status"
            return 0
        fi
        # qmld run puts its own qmld-connect into executableName; a placeholder
        # that cannot start makes a run that skipped that step fail loudly.
        local properties=$work/$key.properties
        printf '%s\n' "applicationName = qmld-bench" "streamName = qmld-bench" \
            "executableName = replaced-by-qmld-run" >"$properties"
        "$bin/qmld" run --properties "$properties" \
            --mld "$driver --properties-file {properties} --payload $payload --batch $batch --seconds $seconds --label qmld --report-parent-rss --result $result" \
            --processor null --checkpoint-every "$checkpoint_every" >"$log" 2>&1 ;;
    esac
    local status=$?
    # qmld run exits 0 even when its daemon (the driver) fails; the result
    # file is only written by a driver run that went through.
    if [[ $status -eq 0 && -s $result && $name == qmld ]] && ! jq -e '.child | test("qmld-connect")' "$result" >/dev/null; then
        echo "run_bench.sh: qmld run did not make qmld-connect the child: $(jq -r .child "$result")" >"$log"
        rm -f "$result"
    fi
    if [[ $status -ne 0 || ! -s $result ]]; then
        echo "failed" >"$work/$key.status"
        echo "run_bench.sh: $name at $payload B${3:+ (round $3)} failed (exit $status); last lines of its log:" >&2
        tail -n 5 "$log" | sed 's/^/    /' >&2
        failed=1
    fi
}

# pick_median NAME PAYLOAD: the round with the median rate becomes NAME-PAYLOAD.json
# (with an even count, the faster of the middle two).
pick_median() {
    local name=$1 payload=$2 round rounds=()
    for ((round = 1; round <= runs; round++)); do
        [[ -s $work/$name-$payload.$round.json ]] && rounds+=("$work/$name-$payload.$round.json")
    done
    if [[ ${#rounds[@]} -eq 0 ]]; then
        cat "$work/$name-$payload.1.status" >"$work/$name-$payload.status" 2>/dev/null
        return
    fi
    local median
    median=$(for f in "${rounds[@]}"; do echo "$(jq -r .recordsPerSecond "$f") $f"; done | sort -g | awk '{ f[NR] = $2 } END { print f[int(NR / 2) + 1] }')
    cp "$median" "$work/$name-$payload.json"
}

field() { # field NAME PAYLOAD JQ-EXPRESSION
    local result=$work/$1-$2.json
    if [[ -s $result ]]; then jq -r "$3 // \"-\"" "$result"; else cat "$work/$1-$2.status" 2>/dev/null || echo "-"; fi
}

rate() { # 9287242.2 -> 9.29M, 305217.3 -> 305k
    awk -v v="$1" 'BEGIN { if (v !~ /^[0-9.]+$/) print v; else if (v >= 1e6) printf "%.2fM\n", v / 1e6; else printf "%.0fk\n", v / 1e3 }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) print "-"; else printf "%.2fx\n", a / b }'
}

decimal() {
    awk -v v="$1" 'BEGIN { if (v !~ /^[0-9.]+$/) print v; else printf "%.1f\n", v }'
}

mib() {
    awk -v v="$1" 'BEGIN { if (v !~ /^[0-9]+$/) print "-"; else printf "%.1f MiB\n", v / 1024 }'
}

echo "machine: $(nproc) cores, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), Linux $(uname -r)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); ${seconds} s per run, batches of $batch records, qmld checkpoints every $checkpoint_every"
echo

throughput_cases="ceiling relay node qmld"
for ((round = 1; round <= runs; round++)); do
    for payload in $payloads; do
        for name in $throughput_cases; do
            echo "running $name at $payload B$( ((runs > 1)) && echo " (round $round of $runs)") ..." >&2
            run_case "$name" "$payload" "$round"
        done
    done
done
for payload in $payloads; do
    for name in $throughput_cases; do
        pick_median "$name" "$payload"
    done
done
for shards in $daemon_shards; do
    echo "running qmld-daemon with $shards shard(s) of $daemon_records records in all ..." >&2
    run_case daemon "$shards"
done
echo

row='%-8s  %11s  %11s  %13s  %11s  %9s  %12s  %10s  %11s  %10s  %13s  %14s\n'
printf "$row" case "qmld rec/s" "Node rec/s" "ceiling rec/s" "relay rec/s" qmld/Node qmld/ceiling qmld/relay relay/ceiling \
    "qmld MB/s" "RSS qmld run" "RSS Node child"
for payload in $payloads; do
    q=$(field qmld "$payload" .recordsPerSecond)
    n=$(field node "$payload" .recordsPerSecond)
    c=$(field ceiling "$payload" .recordsPerSecond)
    r=$(field relay "$payload" .recordsPerSecond)
    printf "$row" "$payload B" "$(rate "$q")" "$(rate "$n")" "$(rate "$c")" "$(rate "$r")" "$(ratio "$q" "$n")" \
        "$(ratio "$q" "$c")" "$(ratio "$q" "$r")" "$(ratio "$r" "$c")" \
        "$(decimal "$(field qmld "$payload" .payloadMBps)")" "$(mib "$(field qmld "$payload" .parentPeakRssKiB)")" \
        "$(mib "$(field node "$payload" .childPeakRssKiB)")"
done
for shards in $daemon_shards; do
    printf "$row" "daemon/$shards" "$(rate "$(field daemon "$shards" .recordsPerSecond)")" - - - - - - - \
        "$(decimal "$(field daemon "$shards" .payloadMBps)")" "$(mib "$(field daemon "$shards" .daemonPeakRssKiB)")" -
done
if [[ $runs -gt 1 ]]; then
    echo "each throughput row: the median of $runs rounds (ratios are of those medians); qmld/relay by round:"
    for payload in $payloads; do
        shares=()
        for ((round = 1; round <= runs; round++)); do
            shares+=("$(ratio "$(field qmld "$payload.$round" .recordsPerSecond)" "$(field relay "$payload.$round" .recordsPerSecond)")")
        done
        echo "          $payload B: ${shares[*]}"
    done
fi
echo "relay: the real qmld-connect in front of qmld-bench-relay-server, which only finds newlines and answers"
if [[ -n $daemon_shards ]]; then
    echo "daemon/N: qmld-daemon, N shards of 100 B records from the store ($daemon_records in all) to the store child;"
    echo "          timed from the first processRecords to the last shardEnded; RSS is qmld-daemon's peak"
fi

echo
echo "details (MB/s = 10^6 bytes/s of record payload; protocol = bytes written to the child):"
detail='%-8s  %-8s  %11s  %9s  %10s  %12s  %11s  %13s  %14s\n'
printf "$detail" case run records rec/s "MB/s" "protocol MB/s" checkpoints "RSS child" "RSS parent"
for payload in $payloads; do
    for name in $throughput_cases; do
        printf "$detail" "$payload B" "$name" "$(field "$name" "$payload" .records)" \
            "$(rate "$(field "$name" "$payload" .recordsPerSecond)")" "$(decimal "$(field "$name" "$payload" .payloadMBps)")" \
            "$(decimal "$(field "$name" "$payload" .protocolMBps)")" "$(field "$name" "$payload" .checkpointsAnswered)" \
            "$(mib "$(field "$name" "$payload" .childPeakRssKiB)")" "$(mib "$(field "$name" "$payload" .parentPeakRssKiB)")"
    done
done
for shards in $daemon_shards; do
    printf "$detail" "daemon/$shards" "daemon" "$(field daemon "$shards" .records)" \
        "$(rate "$(field daemon "$shards" .recordsPerSecond)")" "$(decimal "$(field daemon "$shards" .payloadMBps)")" \
        - "$(field daemon "$shards" .shards)" \
        "$(mib "$(field daemon "$shards" .childPeakRssKiB)")" "$(mib "$(field daemon "$shards" .daemonPeakRssKiB)")"
done
if [[ -x $bin/qmld-bench-decode ]]; then
    echo
    echo "the decoder alone (qmld-bench-decode: one line of 1,000 records decoded again and again; steadier than the rounds):"
    "$bin/qmld-bench-decode" $payloads || failed=1
fi
if [[ ${BENCH_CPU:-1} != 0 ]]; then
    echo
    echo "where a batch's time goes: CPU per batch of each thread, relay against qmld run (cpu_per_batch.py):"
    "$here/cpu_per_batch.py" "$bin" $payloads || failed=1
fi
if [[ ${BENCH_CONSOLE:-1} != 0 && -x $bin/qmld-bench-console ]]; then
    echo
    QT_QPA_PLATFORM=offscreen "$bin/qmld-bench-console" 2>/dev/null || failed=1
fi
"$(dirname "$0")/aws_bench.sh" "$bin" || failed=1
"$(dirname "$0")/java_bench.sh" "$bin" || failed=1
exit $failed

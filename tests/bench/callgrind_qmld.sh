#!/usr/bin/env bash
# Instructions per record on qmld run's side of the benchmark (qmld-connect
# and the driver not counted), by callgrind: repeatable whatever else the
# machine is doing, unlike the rates of run_bench.sh.
#
# usage: callgrind_qmld.sh BIN_DIR [PAYLOAD_BYTES ...]     (default: 100 1024)
#
# Runs qmld run --processor null under callgrind twice per payload, with
# CALLGRIND_RECORDS and twice that many records (default 100000, batches of
# 1,000), and prints (Ir of the long run - Ir of the short run) / records,
# which leaves out start-up and shut-down, and where those instructions go
# (callgrind_breakdown.py, the same difference per part of the record path).
# CALLGRIND_KEEP=DIR keeps both profiles there (callgrind_annotate reads them).
# Valgrind reports a CPU without AVX-512, so simdjson runs its AVX2 kernels here.
set -euo pipefail

bin=${1:?usage: callgrind_qmld.sh BIN_DIR [PAYLOAD_BYTES ...]}
bin=$(cd "$bin" && pwd)
shift
payloads=("$@")
[[ ${#payloads[@]} -gt 0 ]] || payloads=(100 1024)
records=${CALLGRIND_RECORDS:-100000}
command -v valgrind >/dev/null || { echo "callgrind_qmld.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/qmld-callgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%s\n' "applicationName = qmld-callgrind" "streamName = qmld-callgrind" \
    "executableName = replaced-by-qmld-run" >"$work/app.properties"

# instructions PAYLOAD RECORDS OUT: total Ir of one qmld run.
instructions() {
    local payload=$1 count=$2 out=$3
    valgrind --tool=callgrind --callgrind-out-file="$out" \
        "$bin/qmld" run --properties "$work/app.properties" \
        --mld "$bin/qmld-bench-driver --properties-file {properties} --payload $payload --batch 1000 --records $count --reply-timeout 600 --result $work/result.json" \
        --processor null --checkpoint-every 10000 >"$work/log" 2>&1 || { tail -n 20 "$work/log" >&2; return 1; }
    jq -e ".records == $count" "$work/result.json" >/dev/null || { echo "callgrind_qmld.sh: the driver did not deliver $count records" >&2; return 1; }
    grep -m1 '^summary:' "$out" | awk '{ print $2 }'
}

for payload in "${payloads[@]}"; do
    short=$(instructions "$payload" "$records" "$work/short.out")
    long=$(instructions "$payload" $((2 * records)) "$work/long.out")
    awk -v p="$payload" -v s="$short" -v l="$long" -v n="$records" \
        'BEGIN { printf "%5d B: %.0f instructions per record (qmld run, callgrind, %d records)\n", p, (l - s) / n, n }'
    python3 "$(dirname "${BASH_SOURCE[0]}")/callgrind_breakdown.py" "$work/short.out" "$work/long.out" "$records"
    if [[ -n ${CALLGRIND_KEEP:-} ]]; then
        mkdir -p "$CALLGRIND_KEEP"
        cp "$work/short.out" "$CALLGRIND_KEEP/callgrind.qmld-$payload.short.out"
        cp "$work/long.out" "$CALLGRIND_KEEP/callgrind.qmld-$payload.out"
    fi
done

#!/usr/bin/env bash
# Records per second from kinesalite through the real Java KCL 3.x
# MultiLangDaemon (polling, metrics off, leases in dynalite) into `qmld run
# --processor null`, beside the same stream through the same daemon into the
# npm aws-kcl child; 100 B and 1 KiB records; the peak RSS of each child. Also
# kinesalite's own GetRecords rate, the ceiling of both. Measures and prints.
#
# usage: java_bench.sh BIN_DIR      (run by run_bench.sh; QMLD_NODE_PEERS: tests/peers/node)
#
# Environment:
#   BENCH_PAYLOADS        record sizes in bytes (default "100 1024")
#   BENCH_JAVA_RECORDS    records put into the stream before each pair of runs (default 300000)
#   BENCH_JAVA_SHARDS     shards of the stream (default 2)
#   BENCH_KEEP=1          keep the results and logs (their folder is printed)
#
# Each payload size gets one stream, filled before anything reads it; qmld and
# Node then each read it from TRIM_HORIZON as their own KCL application (their
# own lease table). Both checkpoint at the last record of every batch (qmld:
# --checkpoint-every 1; Node: node_batch_checkpoint.js), and a record counts
# as delivered once the lease table's checkpoint of its shard is at or past
# it: a run is done when every shard's checkpoint is its last sequence number.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${1:?usage: java_bench.sh BIN_DIR}
bin=$(cd "$bin" && pwd)
peers=${QMLD_NODE_PEERS:-$here/../peers/node}
export QMLD_NODE_PEERS=$peers
payloads=${BENCH_PAYLOADS:-100 1024}
records=${BENCH_JAVA_RECORDS:-300000}
shards=${BENCH_JAVA_SHARDS:-2}

skip() { echo; echo "Java daemon: skipped ($1)"; exit 0; }
command -v node >/dev/null || skip "needs node: ./dev deps"
for package in kinesalite dynalite aws-kcl; do
    [[ -d $peers/node_modules/$package ]] || skip "needs $package in $peers: ./dev deps"
done
java=$(command -v java) || skip "needs java: ./dev deps"
command -v jq >/dev/null || skip "needs jq"
[[ -x $bin/qmld && -x $bin/qmld-connect ]] || skip "qmld and qmld-connect are not built in $bin"
# The newest complete KCL 3.x install, where the kcl-v3 preset looks; both runs use it.
kcl_root=${QMLD_KCL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/qmld/kcl}
kcl_version=
for dir in $(ls -d "$kcl_root"/3.* 2>/dev/null | sort -V); do
    [[ -f $dir/.complete ]] && kcl_version=$(basename "$dir")
done
[[ -n $kcl_version ]] || skip "no KCL 3.x jars under $kcl_root: ./dev deps"
classpath=$kcl_root/$kcl_version/jars/*

work=$(mktemp -d "${TMPDIR:-/tmp}/qmld-java-bench.XXXXXX")
emulator_pids=()
cleanup() {
    for pid in "${emulator_pids[@]}"; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "java bench results and logs: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# start_emulator NAME: sets $port and $h2c_port
start_emulator() {
    node "$here/java_bench_emulator.js" "$1" >"$work/$1.port" 2>"$work/$1.log" &
    emulator_pids+=($!)
    for _ in $(seq 300); do [[ -s $work/$1.port ]] && break; sleep 0.1; done
    read -r port h2c_port <"$work/$1.port" || { echo "java_bench.sh: $1 did not start: $(tail -n 3 "$work/$1.log")" >&2; exit 1; }
}
start_emulator kinesalite
kinesis=http://127.0.0.1:$port
kinesis_h2c=http://127.0.0.1:$h2c_port
start_emulator dynalite
dynamo=http://127.0.0.1:$port
tool() { node "$here/java_bench_tool.js" "$@"; }

# Obviously fake credentials (the emulators check none). CBOR off: kinesalite
# writes arrival times in CBOR as floats that the AWS SDK cannot parse.
for name in $(env | grep -o '^AWS_[A-Z_]*'); do unset "$name"; done
export AWS_ACCESS_KEY_ID=AKIDQMLDBENCH0000001 AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xmx512m -Daws.cborEnabled=false"
export JAVA=$java

# Short intervals as in the tests: with an empty lease table KCL 3 sleeps
# shardSyncIntervalMillis after its first shard sync, and assigns leases only
# to workers that reported metrics.
properties() { # properties APPLICATION STREAM EXECUTABLE
    cat <<EOF
executableName = $3
applicationName = $1
streamName = $2
regionName = us-east-1
initialPositionInStream = TRIM_HORIZON
kinesisEndpoint = $kinesis_h2c
dynamoDBEndpoint = $dynamo
AWSCredentialsProvider = DefaultCredentialsProvider
metricsLevel = NONE
retrievalMode = POLLING
maxRecords = 10000
idleTimeBetweenReadsInMillis = 200
failoverTimeMillis = 10000
shardSyncIntervalMillis = 1000
leaseAssignmentIntervalMillis = 1000
workerMetricsReporterFreqInMillis = 1000
shutdownGraceMillis = 20000
EOF
}

failed=0
# run_case NAME PAYLOAD: leaves $work/NAME-PAYLOAD.json
run_case() {
    local name=$1 payload=$2 application=bench-$1-$2
    local props=$work/$application.properties result=$work/$name-$payload.json log=$work/$name-$payload.log
    tool lease-table "$dynamo" "$application" || return 1
    case $name in
    qmld)
        properties "$application" "stream-$payload" replaced-by-qmld-run >"$props"
        tool run "$dynamo" "$application" "$work/fill-$payload.json" "$result" -- \
            "$bin/qmld" run --properties "$props" --mld kcl-v3 --java-classpath "$classpath" \
            --processor null --checkpoint-every 1 --status-interval 0 >"$log" 2>&1 ;;
    node)
        properties "$application" "stream-$payload" "node $here/node_batch_checkpoint.js" >"$props"
        tool run "$dynamo" "$application" "$work/fill-$payload.json" "$result" -- \
            "$java" -cp "$classpath" software.amazon.kinesis.multilang.MultiLangDaemon --properties-file "$props" \
            >"$log" 2>&1 ;;
    esac
    local status=$?
    tool batches "$log" >"$work/$name-$payload.batches.json"
    if [[ $status -ne 0 ]]; then
        echo "java_bench.sh: $name at $payload B failed (exit $status); last lines of its log:" >&2
        grep -v '^\s*at ' "$log" | tail -n 5 | sed 's/^/    /' >&2
        failed=1
    fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for payload in $payloads; do
    echo "java bench: putting $records records of $payload B into a $shards-shard kinesalite stream ..." >&2
    tool fill "$kinesis" "stream-$payload" "$shards" "$records" "$payload" "$work/fill-$payload.json" || exit 1
    tool read "$kinesis" "stream-$payload" 10000 >"$work/read-$payload.json" || exit 1
    for name in qmld node; do
        echo "java bench: $name at $payload B ..." >&2
        run_case "$name" "$payload"
    done
done

field() { # field FILE JQ-EXPRESSION
    if [[ -s $1 ]]; then jq -r "$2 // \"-\"" "$1"; else echo "-"; fi
}
rate() { awk -v v="$1" 'BEGIN { if (v !~ /^[0-9.e+]+$/) print v; else if (v >= 1e6) printf "%.2fM\n", v / 1e6; else if (v >= 1e4) printf "%.1fk\n", v / 1e3; else printf "%.0f\n", v }'; }
decimal() { awk -v v="$1" 'BEGIN { if (v !~ /^[0-9.e+]+$/) print v; else printf "%.1f\n", v }'; }
ms() { awk -v v="$1" 'BEGIN { if (v !~ /^[0-9.e+-]+$/) print "-"; else printf "%.0f\n", v * 1000 }'; }
mib() { awk -v v="$1" 'BEGIN { if (v !~ /^[0-9]+$/) print "-"; else printf "%.1f\n", v / 1024 }'; }

echo
java_version=$(JAVA_TOOL_OPTIONS= "$java" -version 2>&1 | grep -m1 version | cut -d'"' -f2)
echo "Java daemon (KCL $kcl_version MultiLangDaemon on Java $java_version, polling, metrics off;"
echo "kinesalite $(jq -r .version "$peers/node_modules/kinesalite/package.json") and dynalite $(jq -r .version "$peers/node_modules/dynalite/package.json") on loopback, node $(node --version);"
echo "$records records per size in $shards shards, read from TRIM_HORIZON; both children checkpoint every batch;"
echo "load average before: $load_before):"
row='%-7s  %-5s  %12s  %11s  %13s  %9s  %9s  %14s  %12s  %10s\n'
printf "$row" size child "steady rec/s" "start rec/s" "1st ckpt at s" "exchange" "wait" "child RSS MiB" "java RSS MiB" "kinesalite"
for payload in $payloads; do
    ceiling=$(field "$work/read-$payload.json" .recordsPerSecond)
    for name in qmld node; do
        result=$work/$name-$payload.json
        if [[ $name == qmld ]]; then
            # qmld's side: qmld run itself, plus its qmld-connect children (the largest, and their number).
            child="$(mib "$(field "$result" '.peakRss.qmld.maxKiB')") + $(field "$result" '.peakRss["qmld-connect"].processes')x$(mib "$(field "$result" '.peakRss["qmld-connect"].maxKiB')")"
        else
            child="$(field "$result" '.peakRss.node.processes')x$(mib "$(field "$result" '.peakRss.node.maxKiB')")"
        fi
        batches=$work/$name-$payload.batches.json
        printf "$row" "$payload B" "$name" "$(rate "$(field "$result" .steadyRecordsPerSecond)")" \
            "$(rate "$(field "$result" .recordsPerSecond)")" "$(decimal "$(field "$result" .secondsToFirstCheckpoint)")" \
            "$(ms "$(field "$batches" .meanSecondsInChild)") ms" "$(ms "$(field "$batches" .meanSecondsBetweenBatches)") ms" \
            "$child" "$(mib "$(field "$result" '.peakRss.java.maxKiB')")" "$(rate "$ceiling")"
    done
done
echo "steady: records after the first checkpoint seen / time from it to the last one (polled every 100 ms);"
echo "start: all records / time from starting the daemon (JVM start, KCL 3 lease table and assignment included);"
echo "exchange: mean time per batch from the daemon writing processRecords to the child's status (the daemon's"
echo "          encoding, the child's work, its checkpoint through the daemon to dynalite), from the daemon's log;"
echo "wait: mean time a shard waits between a status and its next batch (the daemon's GetRecords from kinesalite);"
echo "kinesalite: GetRecords alone (10,000 a call, one shard after the other, unpaced), the ceiling of both;"
echo "child RSS: peak (VmHWM); qmld = qmld run + N x qmld-connect, node = N x the aws-kcl child."
exit $failed

#!/usr/bin/env bash
# Against kinesalite: a 1,000-shard stream described and a 100,000-record
# shard read into a capture, qmld beside the AWS CLI doing the same, with
# qmld's GetRecords calls per second under its cap. Measures and prints.
# Usage: aws_bench.sh BIN_DIR   (QMLD_NODE_PEERS: tests/peers/node)
set -euo pipefail
bin=${1:?usage: aws_bench.sh BIN_DIR}
here=$(cd "$(dirname "$0")" && pwd)
peers=${QMLD_NODE_PEERS:-$here/../peers/node}
aws_cli=$(command -v /usr/bin/aws || command -v aws || true)
if ! command -v node >/dev/null || [[ ! -d $peers/node_modules/kinesalite ]] || [[ -z $aws_cli ]]; then
    echo "aws: skipped (needs node, kinesalite in $peers and the AWS CLI: ./dev deps)"
    exit 0
fi

tmp=$(mktemp -d)
kinesalite_pid=
cleanup() {
    if [[ -n $kinesalite_pid ]]; then kill "$kinesalite_pid" 2>/dev/null || true; wait "$kinesalite_pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

node -e "const s = require(process.argv[1])(JSON.parse(process.argv[2]));
         s.listen(0, '127.0.0.1', () => console.log(s.address().port));" \
    "$peers/node_modules/kinesalite" '{"createStreamMs":0,"updateStreamMs":0,"shardLimit":2000}' >"$tmp/port" 2>/dev/null &
kinesalite_pid=$!
for _ in $(seq 100); do [[ -s $tmp/port ]] && break; sleep 0.1; done
url=http://127.0.0.1:$(head -1 "$tmp/port")

export AWS_ACCESS_KEY_ID=AKIDQMLDBENCH0000001 AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true HOME=$tmp AWS_PAGER=""
awsk() { "$aws_cli" --endpoint-url "$url" --output json kinesis "$@"; }
now() { date +%s.%N; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

awsk create-stream --stream-name wide --shard-count 1000 >/dev/null
awsk create-stream --stream-name deep --shard-count 1 >/dev/null
awsk wait stream-exists --stream-name deep

echo
echo "AWS (kinesalite on loopback; qmld beside the AWS CLI $("$aws_cli" --version 2>&1 | cut -d' ' -f1)):"
format='%-44s  %10s  %10s  %s\n'
printf "$format" case "qmld s" "aws cli s" notes

t0=$(now)
shards=$("$bin/qmld" stream describe wide --aws --endpoint-url "$url" --json | python3 -c \
    "import json,sys; print(len(json.load(sys.stdin)['StreamDescription']['Shards']))")
t1=$(now)
cli_shards=$(awsk list-shards --stream-name wide | python3 -c "import json,sys; print(len(json.load(sys.stdin)['Shards']))")
t2=$(now)
printf "$format" "describe a 1,000-shard stream" "$(seconds "$t0" "$t1")" "$(seconds "$t1" "$t2")" \
    "$shards and $cli_shards shards listed"

records=100000
python3 -c "import sys; sys.stdout.write(''.join(f'record {i:06d} of the deep shard, 48 bytes....\n' for i in range($records)))" >"$tmp/lines"
t0=$(now)
"$bin/qmld" stream put deep --aws --endpoint-url "$url" --lines "$tmp/lines" >/dev/null
t1=$(now)
printf "$format" "put $records records (PutRecords of 500)" "$(seconds "$t0" "$t1")" - "qmld only"

t0=$(now)
"$bin/qmld" capture --stream deep --aws --endpoint-url "$url" --calls-per-second 5 --out "$tmp/deep.jsonl" --json \
    >"$tmp/capture.json" 2>/dev/null
t1=$(now)
read -r captured calls < <(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['Records'], d['GetRecordsCalls'])" \
    "$tmp/capture.json")
capture_seconds=$(seconds "$t0" "$t1")
# The AWS CLI reading the same shard: GetShardIterator, then GetRecords until the tip.
iterator=$(awsk get-shard-iterator --stream-name deep --shard-id shardId-000000000000 --shard-iterator-type TRIM_HORIZON \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['ShardIterator'])")
cli_records=0
cli_calls=0
while [[ -n $iterator ]]; do
    awsk get-records --shard-iterator "$iterator" --limit 10000 >"$tmp/batch.json"
    cli_calls=$((cli_calls + 1))
    read -r count iterator < <(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); n=len(d['Records']);
print(n, d.get('NextShardIterator') or '' if n == 10000 else '')" "$tmp/batch.json")
    cli_records=$((cli_records + count))
done
t2=$(now)
rate=$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$calls" "$capture_seconds")
printf "$format" "read a $records-record shard into a capture" "$capture_seconds" "$(seconds "$t1" "$t2")" \
    "$captured and $cli_records records; qmld $calls GetRecords, $rate/s (cap 5/s), the CLI $cli_calls unpaced"

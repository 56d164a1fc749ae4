#!/usr/bin/env bash
# Against kinesalite and dynalite: a 10,000-lease table listed, a 1,000-shard
# stream described and a 100,000-record shard read into a capture, qmld beside
# the AWS CLI doing the same, with qmld's API calls per second (GetRecords
# under its cap). Measures and prints.
# Usage: aws_bench.sh BIN_DIR   (QMLD_NODE_PEERS: tests/peers/node)
set -euo pipefail
bin=${1:?usage: aws_bench.sh BIN_DIR}
here=$(cd "$(dirname "$0")" && pwd)
peers=${QMLD_NODE_PEERS:-$here/../peers/node}
aws_cli=$(command -v /usr/bin/aws || command -v aws || true)
if ! command -v node >/dev/null || [[ ! -d $peers/node_modules/kinesalite ]] || [[ ! -d $peers/node_modules/dynalite ]] \
    || [[ -z $aws_cli ]] || ! python3 -c 'import botocore' 2>/dev/null; then
    echo "aws: skipped (needs node, kinesalite and dynalite in $peers, the AWS CLI and python3-botocore: ./dev deps)"
    exit 0
fi

tmp=$(mktemp -d)
kinesalite_pid=
dynalite_pid=
cleanup() {
    for pid in $kinesalite_pid $dynalite_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# start_emulator PACKAGE OPTIONS PORTFILE: its server on loopback port 0; the port goes to PORTFILE.
start_emulator() {
    node -e "const s = require(process.argv[1])(JSON.parse(process.argv[2]));
             s.listen(0, '127.0.0.1', () => console.log(s.address().port));" \
        "$peers/node_modules/$1" "$2" >"$3" 2>/dev/null &
}
start_emulator kinesalite '{"createStreamMs":0,"updateStreamMs":0,"shardLimit":2000}' "$tmp/port"
kinesalite_pid=$!
start_emulator dynalite '{"createTableMs":0,"deleteTableMs":0,"updateTableMs":0}' "$tmp/dynamo-port"
dynalite_pid=$!
for _ in $(seq 100); do [[ -s $tmp/port && -s $tmp/dynamo-port ]] && break; sleep 0.1; done
url=http://127.0.0.1:$(head -1 "$tmp/port")
dynamo_url=http://127.0.0.1:$(head -1 "$tmp/dynamo-port")

export AWS_ACCESS_KEY_ID=AKIDQMLDBENCH0000001 AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true HOME=$tmp AWS_PAGER=""
awsk() { "$aws_cli" --endpoint-url "$url" --output json kinesis "$@"; }
now() { date +%s.%N; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

awsd() { "$aws_cli" --endpoint-url "$dynamo_url" --output json dynamodb "$@"; }
# API calls qmld made: its AWS layer logs each answer at debug level.
calls_in() { grep -c 'answered HTTP' "$1" || true; }

awsk create-stream --stream-name wide --shard-count 1000 >/dev/null
awsk create-stream --stream-name deep --shard-count 1 >/dev/null
awsk wait stream-exists --stream-name deep

echo
echo "AWS (kinesalite and dynalite on loopback; qmld beside the AWS CLI $("$aws_cli" --version 2>&1 | cut -d' ' -f1)):"
format='%-44s  %10s  %10s  %s\n'
printf "$format" case "qmld s" "aws cli s" notes

# A KCL application's lease table with 10,000 leases, written as the KCL writes
# them (botocore, the SDK under the AWS CLI, in BatchWriteItem calls of 25).
leases=10000
awsd create-table --table-name bench-app --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=leaseKey,AttributeType=S --key-schema AttributeName=leaseKey,KeyType=HASH >/dev/null
awsd wait table-exists --table-name bench-app
python3 - "$dynamo_url" "$leases" <<'PY'
import sys, botocore.session
client = botocore.session.get_session().create_client('dynamodb', endpoint_url=sys.argv[1], region_name='us-east-1')
items = [{'PutRequest': {'Item': {
    'leaseKey': {'S': f'shardId-{i:012d}'}, 'leaseOwner': {'S': f'worker-{i % 8}'}, 'leaseCounter': {'N': str(i % 97)},
    'checkpoint': {'S': '49590338271490256608559692538361571095921575989136588898'},
    'checkpointSubSequenceNumber': {'N': '0'}, 'ownerSwitchesSinceCheckpoint': {'N': '0'}}}}
    for i in range(int(sys.argv[2]))]
for start in range(0, len(items), 25):
    pending = {'bench-app': items[start:start + 25]}
    while pending:
        pending = client.batch_write_item(RequestItems=pending).get('UnprocessedItems') or None
PY
t0=$(now)
listed=$(QT_LOGGING_RULES='qmld.aws.debug=true' "$bin/qmld" lease list bench-app --aws --endpoint-url "$dynamo_url" --json \
    2>"$tmp/lease-list.log" | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
t1=$(now)
cli_listed=$(awsd scan --table-name bench-app --consistent-read | python3 -c "import json,sys; print(len(json.load(sys.stdin)['Items']))")
t2=$(now)
list_calls=$(calls_in "$tmp/lease-list.log")
list_rate=$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$list_calls" "$(seconds "$t0" "$t1")")
printf "$format" "list a 10,000-lease table" "$(seconds "$t0" "$t1")" "$(seconds "$t1" "$t2")" \
    "$listed and $cli_listed leases; qmld $list_calls calls, $list_rate/s (consistent Scan, every page)"

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

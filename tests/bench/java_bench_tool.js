#!/usr/bin/env node
/*
 * The Kinesis/DynamoDB side of the Java-daemon benchmark (java_bench.sh), in
 * plain Node over HTTP/1.1 JSON to kinesalite and dynalite on loopback (they
 * want an Authorization header but check none).
 *
 *   fill KINESIS_URL STREAM SHARDS RECORDS BYTES OUT.json
 *       creates the stream and puts RECORDS records of BYTES bytes with
 *       PutRecords of 500; writes each shard's record count and last
 *       sequence number to OUT.json
 *   read KINESIS_URL STREAM LIMIT
 *       reads every shard from TRIM_HORIZON with GetRecords (at most LIMIT per
 *       call), one shard after the other, unpaced: the emulator's own read rate
 *   lease-table DYNAMO_URL TABLE
 *       creates a KCL 3 lease table as KCL makes it (dynalite rejects the
 *       UpdateTable with which KCL 3.1.3 adds its index)
 *   batches DAEMON.log
 *       from the Java daemon's INFO log: how many processRecords it wrote and
 *       the mean time from writing one to the child's status (the child's
 *       share: decoding, the processor, its checkpoint's round trip), and the
 *       mean wait of a shard between a status and its next batch
 *   run DYNAMO_URL TABLE FILL.json RESULT.json -- COMMAND...
 *       starts COMMAND (its own process group), polls the lease table until
 *       every shard's checkpoint is its last sequence number, samples the peak
 *       RSS (VmHWM) of every process below COMMAND by name, then SIGTERMs it
 *       and waits for it; writes the timings and peaks to RESULT.json
 */
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function call(url, target, body) {
  const json = target.startsWith('Kinesis') ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        'Content-Type': json,
        'Content-Length': payload.length,
        'X-Amz-Target': target,
        'X-Amz-Date': '20260101T000000Z',
        Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDQMLDBENCH0000001/20260101/us-east-1/x/aws4_request, ' +
          'SignedHeaders=host, Signature=00',
      },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const reply = text ? JSON.parse(text) : {};
        if (response.statusCode !== 200) reject(new Error(`${target}: ${response.statusCode} ${text.slice(0, 300)}`));
        else resolve(reply);
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

const kinesis = (url, operation, body) => call(url, `Kinesis_20131202.${operation}`, body);
const dynamo = (url, operation, body) => call(url, `DynamoDB_20120810.${operation}`, body);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Number(process.hrtime.bigint()) / 1e9;

async function fill(url, stream, shards, records, bytes, out) {
  await kinesis(url, 'CreateStream', { StreamName: stream, ShardCount: shards });
  const data = Buffer.alloc(bytes, 'x');
  const perShard = {};
  const started = now();
  for (let first = 0; first < records; first += 500) {
    const entries = [];
    for (let i = first; i < Math.min(records, first + 500); i++) {
      const stamp = Buffer.from(`${i} `);
      stamp.copy(data); // every record differs, and keeps its size
      entries.push({ PartitionKey: `key-${i}`, Data: data.toString('base64') });
    }
    const reply = await kinesis(url, 'PutRecords', { StreamName: stream, Records: entries });
    if (reply.FailedRecordCount) throw new Error(`PutRecords: ${reply.FailedRecordCount} records failed`);
    for (const put of reply.Records) {
      const shard = perShard[put.ShardId] || (perShard[put.ShardId] = { records: 0, last: '0', sequences: [] });
      shard.records += 1;
      shard.sequences.push(put.SequenceNumber); // ascending: one PutRecords after the other
      shard.last = put.SequenceNumber;
    }
  }
  const seconds = now() - started;
  fs.writeFileSync(out, JSON.stringify({ stream, records, bytes, seconds, shards: perShard }));
}

async function read(url, stream, limit) {
  const { Shards: shards } = await kinesis(url, 'ListShards', { StreamName: stream });
  let records = 0;
  let calls = 0;
  const started = now();
  for (const shard of shards) {
    let { ShardIterator: iterator } = await kinesis(url, 'GetShardIterator',
      { StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
    for (;;) {
      const reply = await kinesis(url, 'GetRecords', { ShardIterator: iterator, Limit: limit });
      calls += 1;
      records += reply.Records.length;
      if (reply.Records.length === 0 || !reply.NextShardIterator) break;
      iterator = reply.NextShardIterator;
    }
  }
  const seconds = now() - started;
  console.log(JSON.stringify({ records, calls, seconds, recordsPerSecond: records / seconds }));
}

async function leaseTable(url, table) {
  const attribute = (name) => ({ AttributeName: name, AttributeType: 'S' });
  const key = (name, type) => ({ AttributeName: name, KeyType: type });
  await dynamo(url, 'CreateTable', {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [attribute('leaseKey'), attribute('leaseOwner')],
    KeySchema: [key('leaseKey', 'HASH')],
    GlobalSecondaryIndexes: [{
      IndexName: 'LeaseOwnerToLeaseKeyIndex',
      KeySchema: [key('leaseOwner', 'HASH'), key('leaseKey', 'RANGE')],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    }],
  });
}

// pid -> { ppid, name } of every process now.
function processTable() {
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      table.set(Number(entry), { ppid, name });
    } catch (e) { /* gone meanwhile */ }
  }
  return table;
}

function peakRssKiB(pid) {
  try {
    const match = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch (e) {
    return 0;
  }
}

// The peak RSS of each process below (and including) root, by process name:
// name -> { count, maxKiB, sumKiB } over the processes seen so far.
function samplePeaks(root, peaks) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    const info = table.get(pid);
    if (!info) continue;
    const kib = peakRssKiB(pid);
    const name = info.name;
    const byName = peaks[name] || (peaks[name] = { pids: {} });
    byName.pids[pid] = Math.max(byName.pids[pid] || 0, kib);
    stack.push(...(children.get(pid) || []));
  }
}

function summarize(peaks) {
  const out = {};
  for (const [name, { pids }] of Object.entries(peaks)) {
    const values = Object.values(pids);
    out[name] = { processes: values.length, maxKiB: Math.max(...values), sumKiB: values.reduce((a, b) => a + b, 0) };
  }
  return out;
}

async function run(url, table, fillPath, resultPath, command) {
  const filled = JSON.parse(fs.readFileSync(fillPath, 'utf8'));
  const lastOf = new Map(Object.entries(filled.shards).map(([id, shard]) => [id, BigInt(shard.last)]));
  const sequencesOf = new Map(Object.entries(filled.shards).map(([id, shard]) => [id, shard.sequences.map(BigInt)]));
  // How many of a shard's records are at or below a checkpoint.
  const covered = (shard, checkpoint) => {
    const sequences = sequencesOf.get(shard) || [];
    let low = 0;
    let high = sequences.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sequences[middle] <= checkpoint) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const started = now();
  const child = spawn(command[0], command.slice(1), { detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const peaks = {};
  let firstCheckpoint = null; // { at, records }: the first poll that saw a checkpoint
  let done = null;
  const deadline = started + Number(process.env.BENCH_JAVA_TIMEOUT || 900);
  while (!done && !exited && now() < deadline) {
    samplePeaks(child.pid, peaks);
    let reply = null;
    try {
      reply = await dynamo(url, 'Scan', { TableName: table, ConsistentRead: true });
    } catch (e) { /* the table is made by the daemon (KCL 1.x, 2.x) */ }
    if (reply) {
      let finished = 0;
      let records = 0;
      for (const item of reply.Items) {
        const checkpoint = item.checkpoint && item.checkpoint.S;
        if (!checkpoint || !/^\d+$/.test(checkpoint) || !lastOf.has(item.leaseKey.S)) continue;
        records += covered(item.leaseKey.S, BigInt(checkpoint));
        if (BigInt(checkpoint) >= lastOf.get(item.leaseKey.S)) finished += 1;
      }
      if (records > 0 && firstCheckpoint === null) firstCheckpoint = { at: now(), records };
      if (finished === lastOf.size) done = now();
    }
    if (!done) await sleep(100);
  }
  samplePeaks(child.pid, peaks);
  // Stop: SIGTERM to the command only (a graceful stop), SIGKILL to its group after 60 s.
  if (!exited) {
    process.kill(child.pid, 'SIGTERM');
    const stopBy = now() + 60;
    while (!exited && now() < stopBy) await sleep(100);
  }
  if (!exited) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch (e) { /* already gone */ }
    while (!exited) await sleep(100);
  }
  const result = {
    records: filled.records,
    bytes: filled.bytes,
    shards: lastOf.size,
    delivered: done !== null,
    secondsToAllCheckpointed: done !== null ? done - started : null,
    secondsToFirstCheckpoint: firstCheckpoint !== null ? firstCheckpoint.at - started : null,
    recordsAtFirstCheckpoint: firstCheckpoint !== null ? firstCheckpoint.records : null,
    recordsPerSecond: done !== null ? filled.records / (done - started) : null,
    // After the first checkpoint: the record path without the JVM's start and lease assignment.
    steadyRecordsPerSecond: done !== null && firstCheckpoint !== null && done > firstCheckpoint.at
      ? (filled.records - firstCheckpoint.records) / (done - firstCheckpoint.at) : null,
    exit: exited,
    peakRss: summarize(peaks),
  };
  fs.writeFileSync(resultPath, JSON.stringify(result));
  if (!result.delivered) {
    process.stderr.write(`java_bench_tool: not every record was checkpointed (exit ${JSON.stringify(exited)})\n`);
    process.exit(1);
  }
}

// Log times are the daemon's wall clock in ms (HH:MM:SS,mmm): only differences are used.
function batches(logPath) {
  const pattern = /(\d\d):(\d\d):(\d\d),(\d\d\d) .*?(?:Writing ProcessRecordsMessage to child process for shard (\S+)|Received response \{"action":"status","responseFor":"processRecords"\}.* processing shard (\S+))/;
  const written = new Map();
  const answered = new Map();
  let inChild = 0;
  let count = 0;
  let waited = 0;
  let waits = 0;
  for (const line of fs.readFileSync(logPath, 'utf8').split('\n')) {
    const match = pattern.exec(line);
    if (!match) continue;
    const ms = ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000 + Number(match[4]);
    if (match[5]) {
      if (answered.has(match[5])) { waited += ms - answered.get(match[5]); waits += 1; }
      written.set(match[5], ms);
    } else if (written.has(match[6])) {
      inChild += ms - written.get(match[6]);
      count += 1;
      written.delete(match[6]);
      answered.set(match[6], ms);
    }
  }
  console.log(JSON.stringify({ batches: count, meanSecondsInChild: count ? inChild / count / 1000 : null,
    meanSecondsBetweenBatches: waits ? waited / waits / 1000 : null }));
}

async function main() {
  const [what, ...args] = process.argv.slice(2);
  switch (what) {
    case 'fill': return fill(args[0], args[1], Number(args[2]), Number(args[3]), Number(args[4]), args[5]);
    case 'read': return read(args[0], args[1], Number(args[2]));
    case 'lease-table': return leaseTable(args[0], args[1]);
    case 'batches': return batches(args[0]);
    case 'run': {
      const dash = args.indexOf('--');
      if (dash !== 4 || args.length < 6) break;
      return run(args[0], args[1], args[2], args[3], args.slice(5));
    }
    default: break;
  }
  process.stderr.write('usage: java_bench_tool.js fill|read|lease-table|batches|run ... (see the comment at its top)\n');
  process.exit(2);
}

main().catch((error) => {
  process.stderr.write(`java_bench_tool: ${error.message}\n`);
  process.exit(1);
});

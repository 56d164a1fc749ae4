#!/usr/bin/env node
// Peer for qmld's KPL tests: drives the official npm aws-kinesis-agg package.
//
//   node kpl_agg.js aggregate    stdin: [{"partitionKey": "...", "explicitHashKey": "..."?, "data": "<base64>"}, ...]
//                                stdout: {"partitionKey": "...", "explicitHashKey": "..."|null, "data": "<base64>"}
//   node kpl_agg.js deaggregate  stdin: {"sequenceNumber": "...", "partitionKey": "...", "data": "<base64>"}
//                                stdout: [{"partitionKey", "explicitHashKey", "sequenceNumber", "subSequenceNumber", "data"}, ...]
//
// All records go into one aggregate (RecordAggregator.addUserRecord throws if
// they do not fit). Checksums are always verified. Errors go to stderr with exit code 1.
'use strict';

const agg = require('aws-kinesis-agg');

function readStdin() {
    return JSON.parse(require('fs').readFileSync(0, 'utf8'));
}

function aggregate(records) {
    const aggregator = new agg.RecordAggregator();
    for (const r of records) {
        const record = { partitionKey: r.partitionKey, data: Buffer.from(r.data, 'base64') };
        if (r.explicitHashKey !== undefined && r.explicitHashKey !== null)
            record.explicitHashKey = r.explicitHashKey;
        aggregator.addUserRecord(record);
    }
    const encoded = aggregator.build();
    return {
        partitionKey: encoded.partitionKey,
        explicitHashKey: encoded.ExplicitHashKey === undefined ? null : encoded.ExplicitHashKey,
        data: encoded.data.toString('base64'),
    };
}

function deaggregate(record) {
    let result;
    agg.deaggregateSync(record, true, (err, userRecords) => {
        if (err) throw err;
        result = userRecords.map((u) => ({
            partitionKey: u.partitionKey,
            explicitHashKey: u.explicitPartitionKey === undefined ? null : u.explicitPartitionKey,
            sequenceNumber: u.sequenceNumber,
            subSequenceNumber: u.subSequenceNumber === undefined ? null : u.subSequenceNumber,
            data: u.data,
        }));
    });
    return result;
}

const mode = process.argv[2];
try {
    const input = readStdin();
    let output;
    if (mode === 'aggregate')
        output = aggregate(input);
    else if (mode === 'deaggregate')
        output = deaggregate(input);
    else
        throw new Error('usage: kpl_agg.js aggregate|deaggregate');
    process.stdout.write(JSON.stringify(output) + '\n');
} catch (e) {
    process.stderr.write('kpl_agg.js: ' + (e && e.message ? e.message : String(e)) + '\n');
    process.exit(1);
}

#!/usr/bin/env node
/*
 * One emulator of the Java-daemon benchmark, kinesalite or dynalite (npm,
 * from $QMLD_NODE_PEERS), on loopback port 0. Prints "PORT H2C_PORT": the
 * same store is also served over cleartext HTTP/2, which the Java KCL
 * 2.x/3.x daemon's Kinesis client insists on (as tests/support/AwsEmulators.h).
 *
 *   node java_bench_emulator.js kinesalite|dynalite
 */
'use strict';

const http2 = require('http2');
const path = require('path');

const name = process.argv[2];
const options = {
  kinesalite: { createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000 },
  dynalite: { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 },
}[name];
if (!options) {
  process.stderr.write('usage: java_bench_emulator.js kinesalite|dynalite\n');
  process.exit(2);
}
const peers = process.env.QMLD_NODE_PEERS || path.join(__dirname, '..', 'peers', 'node');
const server = require(require.resolve(name, { paths: [peers] }))(options);
const h2c = http2.createServer();
for (const listener of server.listeners('request')) h2c.on('request', listener);
server.listen(0, '127.0.0.1', () =>
  h2c.listen(0, '127.0.0.1', () => console.log(`${server.address().port} ${h2c.address().port}`)));

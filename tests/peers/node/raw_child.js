#!/usr/bin/env node
/*
 * A child written straight against the line protocol (no aws-kcl), to check
 * that qmld-scripted-daemon reacts as the Java MultiLangDaemon would:
 *
 *   node raw_child.js MODE
 *
 *   conforming       checkpoints at the last record of every batch and with no
 *                    argument on shardEnded, shutdownRequested and the v1
 *                    shutdown (which aws-kcl cannot handle)
 *   wrong-status     answers initialize with responseFor "processRecords"
 *   extra-key        answers initialize with a status carrying an extra property
 *   bare-null        writes a bare `null` line during initialize
 *   exit-mid-action  exits during the first processRecords, without a status
 *   ignore-eof       behaves, but keeps running after stdin is closed
 *   checkpoint-out-of-range
 *                    checkpoints above the largest record delivered, then completes
 */
'use strict';

const readline = require('readline');

const mode = process.argv[2];
const modes = ['conforming', 'wrong-status', 'extra-key', 'bare-null', 'exit-mid-action', 'ignore-eof', 'checkpoint-out-of-range'];
if (!modes.includes(mode)) {
  process.stderr.write(`raw_child: unknown mode ${mode} (one of ${modes.join(', ')})\n`);
  process.exit(2);
}

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function status(action) {
  send({ action: 'status', responseFor: action });
}

let awaitingCheckpointReplyFor = null;

const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (!line) {
    return;
  }
  const message = JSON.parse(line);
  switch (message.action) {
    case 'initialize':
      if (mode === 'wrong-status') {
        status('processRecords');
      } else if (mode === 'extra-key') {
        send({ action: 'status', responseFor: 'initialize', extra: 1 });
      } else if (mode === 'bare-null') {
        process.stdout.write('null\n');
      } else {
        status('initialize');
      }
      break;
    case 'processRecords':
      if (mode === 'exit-mid-action') {
        process.exit(3);
      }
      if (message.records.length === 0) {
        status('processRecords');
      } else {
        awaitingCheckpointReplyFor = 'processRecords';
        const last = message.records[message.records.length - 1].sequenceNumber;
        send({ action: 'checkpoint', sequenceNumber: mode === 'checkpoint-out-of-range' ? '9'.repeat(60) : last });
      }
      break;
    case 'checkpoint':
      process.stderr.write(`raw_child: checkpoint reply error=${message.error}\n`);
      status(awaitingCheckpointReplyFor);
      awaitingCheckpointReplyFor = null;
      break;
    case 'shardEnded':
    case 'shutdownRequested':
    case 'shutdown':
      awaitingCheckpointReplyFor = message.action;
      send({ action: 'checkpoint', sequenceNumber: null });
      break;
    default:
      status(message.action);
  }
});

input.on('close', () => {
  if (mode === 'ignore-eof') {
    setInterval(() => {}, 1000);
  }
});

#!/usr/bin/env node
/*
 * A minimal record processor on the official npm aws-kcl child library
 * (callback style of aws-kcl 2.x), used as `executableName` by the peer tests:
 *
 *   processRecords     checkpoints at the last record of every non-empty batch
 *   leaseLost          completes
 *   shardEnded         checkpoints with no argument (SHARD_END), then completes
 *   shutdownRequested  checkpoints with no argument, then completes
 *
 * A checkpoint error is logged to stderr and the action still completes.
 * Logs go to stderr only: stdout belongs to the protocol.
 *
 * With KCL_MINIMAL_RECORD_LOG=FILE set, it also appends to FILE, before
 * checkpointing, one line per delivery so that a test can tell what each
 * worker was given:
 *   <shardId> initialize <sequenceNumber> <subSequenceNumber>
 *   <shardId> record <sequenceNumber> <subSequenceNumber>
 *   <shardId> shutdownRequested
 */
'use strict';

const fs = require('fs');
const kcl = require('aws-kcl');

let shardId = '?';
const recordLog = process.env.KCL_MINIMAL_RECORD_LOG;

function appendToRecordLog(lines) {
  if (recordLog && lines.length > 0) {
    fs.appendFileSync(recordLog, lines.join(''));
  }
}

function log(message) {
  process.stderr.write(`kcl_minimal ${shardId}: ${message}\n`);
}

function checkpointThenComplete(checkpointer, sequenceNumber, what, completeCallback) {
  const onReply = (err) => {
    if (err) {
      log(`checkpoint ${what} failed: ${err}`);
    }
    completeCallback();
  };
  if (sequenceNumber === undefined) {
    checkpointer.checkpoint(onReply);
  } else {
    checkpointer.checkpoint(sequenceNumber, onReply);
  }
}

const processor = {
  initialize(input, completeCallback) {
    shardId = input.shardId;
    appendToRecordLog([`${shardId} initialize ${input.sequenceNumber} ${input.subSequenceNumber}\n`]);
    completeCallback();
  },

  processRecords(input, completeCallback) {
    const records = input.records || [];
    appendToRecordLog(records.map((r) => `${shardId} record ${r.sequenceNumber} ${r.subSequenceNumber}\n`));
    if (records.length === 0) {
      completeCallback();
      return;
    }
    const last = records[records.length - 1].sequenceNumber;
    checkpointThenComplete(input.checkpointer, last, `at ${last}`, completeCallback);
  },

  leaseLost(input, completeCallback) {
    completeCallback();
  },

  shardEnded(input, completeCallback) {
    checkpointThenComplete(input.checkpointer, undefined, 'at shard end', completeCallback);
  },

  shutdownRequested(input, completeCallback) {
    appendToRecordLog([`${shardId} shutdownRequested\n`]);
    checkpointThenComplete(input.checkpointer, undefined, 'on shutdown request', completeCallback);
  },
};

kcl(processor).run();

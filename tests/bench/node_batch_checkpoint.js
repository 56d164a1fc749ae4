#!/usr/bin/env node
/*
 * The Node peer of the Java-daemon benchmark: the official npm aws-kcl 2.x
 * child library with a processor that does nothing with the records and
 * checkpoints at the last record of every batch, as `qmld run --processor
 * null --checkpoint-every 1` does. The lease table's checkpoints are then how
 * the benchmark sees which records were delivered.
 *
 * aws-kcl is loaded from $QMLD_NODE_PEERS, or else from tests/peers/node next
 * to this folder. Logs go to stderr: stdout belongs to the protocol.
 */
'use strict';

const path = require('path');

const peers = process.env.QMLD_NODE_PEERS || path.join(__dirname, '..', 'peers', 'node');
const kcl = require(require.resolve('aws-kcl', { paths: [peers] }));

function checkpointThen(checkpointer, sequenceNumber, what, done) {
  checkpointer.checkpoint(sequenceNumber, (err) => {
    if (err) process.stderr.write(`node_batch_checkpoint: ${what} checkpoint failed: ${err}\n`);
    done();
  });
}

const processor = {
  initialize(input, completeCallback) {
    completeCallback();
  },

  processRecords(input, completeCallback) {
    const records = input.records;
    if (!records || records.length === 0) {
      completeCallback();
      return;
    }
    const last = records[records.length - 1];
    checkpointThen(input.checkpointer, last.sequenceNumber, 'batch', completeCallback);
  },

  leaseLost(input, completeCallback) {
    completeCallback();
  },

  shardEnded(input, completeCallback) {
    checkpointThen(input.checkpointer, null, 'shard end', completeCallback);
  },

  shutdownRequested(input, completeCallback) {
    completeCallback();
  },
};

kcl(processor).run();

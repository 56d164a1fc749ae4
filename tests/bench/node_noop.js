#!/usr/bin/env node
/*
 * The Node peer of the throughput benchmark: the official npm aws-kcl 2.x
 * child library with a processor that does nothing, so what is measured is
 * the library's own protocol cost.
 *
 *   processRecords     completes at once, never checkpoints
 *   leaseLost          completes
 *   shardEnded         checkpoints (SHARD_END), then completes
 *   shutdownRequested  completes
 *
 * aws-kcl is loaded from $QMLD_NODE_PEERS, or else from tests/peers/node next
 * to this folder. Logs go to stderr: stdout belongs to the protocol.
 */
'use strict';

const path = require('path');

const peers = process.env.QMLD_NODE_PEERS || path.join(__dirname, '..', 'peers', 'node');
const kcl = require(require.resolve('aws-kcl', { paths: [peers] }));

const processor = {
  initialize(input, completeCallback) {
    completeCallback();
  },

  processRecords(input, completeCallback) {
    completeCallback();
  },

  leaseLost(input, completeCallback) {
    completeCallback();
  },

  shardEnded(input, completeCallback) {
    input.checkpointer.checkpoint((err) => {
      if (err) {
        process.stderr.write(`node_noop: checkpoint at shard end failed: ${err}\n`);
      }
      completeCallback();
    });
  },

  shutdownRequested(input, completeCallback) {
    completeCallback();
  },
};

kcl(processor).run();

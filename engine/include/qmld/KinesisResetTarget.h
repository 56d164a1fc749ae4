#pragma once

// Where a KCL worker resumes on a real Kinesis shard, for LeaseReset: the
// checkpoint to write for a reset target, checked against the shard.
//
// A KCL worker resumes after its checkpoint (it asks for an iterator
// AT_SEQUENCE_NUMBER of the checkpoint and drops every record up to and
// including it). So for AT_TIMESTAMP:T the checkpoint is the last record
// that arrived before T, and the first record at or after T comes next; with
// no record before T in the shard, TRIM_HORIZON. With no record at or after
// T yet, the checkpoint is the shard's last record: the next record to
// arrive comes next (LATEST would skip those that arrive before a worker
// takes the lease). A sequence number must lie in the shard's
// SequenceNumberRange (ListShards).
//
// Synchronous: runs the calling thread's event loop while Kinesis answers;
// every GetRecords goes through ShardPacer under the per-shard limit. Use it
// from a command-line tool or a worker thread, never from a UI thread.

#include <qmld/SequenceNumber.h>
#include <qmld/StreamRecord.h>
#include <qmld/StreamStore.h>
#include <qmld/aws/AwsError.h>

#include <chrono>
#include <optional>

namespace qmld::aws {
class KinesisClient;
}

namespace qmld {

struct KinesisResetTarget
{
    SequenceNumber checkpoint;
    // AT_TIMESTAMP: the first record at or after T, the one a worker resumes
    // with; nullopt when none has arrived yet.
    std::optional<StreamRecord> next;
    QString problem;     // the target is no place in the shard (one line); nothing to write
    aws::AwsError error; // Kinesis failed or refused

    bool ok() const { return problem.isEmpty() && !error.isError(); }
};

// `shardId` as Kinesis names it (shardId-…); `interval` between GetRecords of the shard.
KinesisResetTarget resolveKinesisResetTarget(aws::KinesisClient &kinesis, const QString &stream,
                                             const QString &shardId, const ShardPosition &target,
                                             std::chrono::milliseconds interval = std::chrono::milliseconds(1000));

} // namespace qmld

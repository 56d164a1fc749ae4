#pragma once

#include <qmld/SequenceNumber.h>
#include <qmld/StreamRecord.h>

#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>

namespace qmld {

struct InitializationInput
{
    QString shardId;
    // Where processing resumes: the lease checkpoint (a sequence number or a
    // sentinel such as TRIM_HORIZON); nullopt when the daemon did not say.
    std::optional<SequenceNumber> checkpoint;
};

struct ProcessRecordsInput
{
    // De-aggregated records in delivery order. Valid only during the call:
    // copy what you keep.
    std::span<const StreamRecord> records;
    std::optional<std::int64_t> millisBehindLatest;
};

struct CheckpointResult
{
    // Where the checkpoint was asked for; nullopt means "the latest delivered
    // record" (SHARD_END at the end of a shard).
    std::optional<SequenceNumber> position;
    // The daemon's error class name ("ThrottlingException", "ShutdownException",
    // "InvalidStateException", "IllegalArgumentException", ...), or a qmld
    // reason such as "NotConfirmed"; empty on success.
    QString error;
    int attempts = 1;
    bool manual = false; // requested from outside the processor (console, CLI)

    bool ok() const { return error.isEmpty(); }
};

// Handed to a processor during processRecords, shardEnded and
// shutdownRequested, the exchanges in which the protocol allows checkpoints.
// Requests are sent to the daemon when the callback returns, before its
// status; each result arrives in RecordProcessor::checkpointed().
class Checkpointer
{
public:
    virtual ~Checkpointer() = default;

    // Checkpoint at the latest delivered record (in shardEnded: SHARD_END).
    virtual void checkpoint() = 0;
    // Checkpoint at this record: processing resumes after it.
    virtual void checkpoint(const SequenceNumber &position) = 0;
};

// Lets a processor that handles records asynchronously say which records are
// done (RecordProcessor::confirmation() == Confirmation::Explicit). The
// checkpoint policy only ever checkpoints up to the end of the contiguous
// prefix of confirmed records.
class Confirmer
{
public:
    virtual ~Confirmer() = default;
    virtual void confirm(const SequenceNumber &record) = 0;
};

enum class Confirmation {
    OnReturn, // every record in a batch is handled when processRecords returns
    Explicit, // the processor calls Confirmer::confirm for each record it has handled
};

// One instance per shard, created by a RecordProcessorFactory when the daemon
// connects a shard, destroyed when the shard's session ends. All calls come
// from that shard's own thread. A callback that throws (a std::exception or
// anything else), like a factory that throws or returns null, fails only that
// shard: its session ends without a status and with an error naming the shard,
// the callback and the exception's what(); the daemon notices, and nothing
// past the last confirmed record is ever checkpointed. Destructors must not
// throw (C++ ends the process when one does).
class RecordProcessor
{
public:
    virtual ~RecordProcessor() = default;

    virtual void initialize(const InitializationInput &input) = 0;
    virtual void processRecords(const ProcessRecordsInput &input, Checkpointer &checkpointer) = 0;

    // The lease went to another worker. No checkpoint is possible.
    virtual void leaseLost() {}
    // The shard is closed and fully delivered. Flush everything: when this
    // returns, the session checkpoints SHARD_END unless the processor did.
    virtual void shardEnded(Checkpointer &checkpointer) { Q_UNUSED(checkpointer); }
    // The daemon is shutting down; a good moment to checkpoint.
    virtual void shutdownRequested(Checkpointer &checkpointer) { Q_UNUSED(checkpointer); }
    // The daemon's answer to a checkpoint (the processor's own, the policy's or a manual one).
    virtual void checkpointed(const CheckpointResult &result) { Q_UNUSED(result); }

    virtual Confirmation confirmation() const { return Confirmation::OnReturn; }
    // Called once before initialize when confirmation() is Explicit.
    virtual void setConfirmer(Confirmer *confirmer) { Q_UNUSED(confirmer); }
};

using RecordProcessorFactory = std::function<std::unique_ptr<RecordProcessor>()>;

} // namespace qmld

#pragma once

// The MultiLangDaemon line protocol messages, both directions
// (docs/protocol.md §2-§3). Shared by the child side (ShardSession)
// and the daemon side (the embedded daemon).

#include <qmld/SequenceNumber.h>
#include <qmld/StreamRecord.h>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

namespace qmld::protocol {

enum class Action : std::uint8_t {
    Initialize,
    ProcessRecords,
    LeaseLost,
    ShardEnded,
    ShutdownRequested,
    Shutdown, // KCL 1.x only, with a reason
    Checkpoint,
    Status,
};

// The exact, case-sensitive wire name ("processRecords", ...).
QByteArray actionName(Action action);
std::optional<Action> actionFromName(QByteArrayView name);

// ---- daemon -> child -------------------------------------------------------

struct InitializeMessage
{
    QString shardId;
    // The lease checkpoint with its sub-sequence number; nullopt when null.
    std::optional<SequenceNumber> sequenceNumber;
    // True when the message had no "sequenceNumber" key at all: a KCL 1.x
    // daemon before 1.7.2, which also uses the legacy {"checkpoint": seq} form.
    bool legacy = false;
};

struct ProcessRecordsMessage
{
    // Records exactly as delivered: not de-aggregated (that is the session's job).
    std::vector<StreamRecord> records;
    std::optional<std::int64_t> millisBehindLatest;
};

struct LeaseLostMessage {};
struct ShardEndedMessage {};
struct ShutdownRequestedMessage {};

// KCL 1.x terminal message: reason "TERMINATE" (shard end) or "ZOMBIE" (lease lost).
struct ShutdownMessage
{
    QString reason;
};

// The daemon's reply to a checkpoint request. It echoes the request as
// received, not the stored value.
struct CheckpointReplyMessage
{
    std::optional<QByteArray> sequenceNumber;
    std::optional<std::int64_t> subSequenceNumber;
    std::optional<QString> error; // simple Java exception class name; nullopt on success
    bool legacy = false;          // {"action":"checkpoint","checkpoint":...} form
};

using DaemonMessage = std::variant<InitializeMessage, ProcessRecordsMessage, LeaseLostMessage, ShardEndedMessage,
                                   ShutdownRequestedMessage, ShutdownMessage, CheckpointReplyMessage>;

Action actionOf(const DaemonMessage &message);

// ---- child -> daemon -------------------------------------------------------

struct StatusMessage
{
    QByteArray responseFor; // raw, so a daemon can report a mismatch exactly
};

struct CheckpointRequestMessage
{
    std::optional<QByteArray> sequenceNumber; // nullopt: checkpoint at the largest permitted value
    std::optional<std::int64_t> subSequenceNumber;
    bool legacy = false; // {"action":"checkpoint","checkpoint":...} form
};

using ChildMessage = std::variant<StatusMessage, CheckpointRequestMessage>;

} // namespace qmld::protocol

#pragma once

#include <qmld/MetricHistory.h>
#include <qmld/SequenceNumber.h>
#include <qmld/StreamRunner.h>

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

// What StreamMonitor publishes: one stream's daemon and shards at one moment.
// A snapshot never changes once published; share it as
// std::shared_ptr<const MonitorSnapshot> across threads without locks.
namespace qmld {

enum class ShardState : std::uint8_t {
    Unowned,           // a lease no worker holds
    WaitingForParents, // a parent shard has not reached SHARD_END yet
    Assigned,          // this process's worker holds the lease; no session reports for it yet
    Processing,        // a session here processes it, or another worker holds a lease on it
    ShuttingDown,      // the session here was asked to shut down
    Ended,             // reached SHARD_END
    LeaseLost,         // the session here lost its lease
    Stopped,           // the session here finished without ending the shard
    Failed,            // the session here failed; ShardRow::lastError says why
};

enum class Ownership : std::uint8_t {
    Unknown,     // no lease seen and no session here
    ThisProcess, // the lease owner is this process's worker (or, without a lease table, a session runs here)
    OtherWorker,
    Nobody,
};

QString shardStateName(ShardState state);
QString ownershipName(Ownership ownership);

struct CheckpointStatus
{
    enum class State : std::uint8_t { None, Pending, Ok, Failed };

    State state = State::None;
    std::optional<SequenceNumber> position; // Ok: where the checkpoint now is
    QString error;                          // Failed: the daemon's error class, or why it was not made
    bool manual = false;                    // asked for by hand (console, CLI)
    QDateTime at;                           // Pending: when asked; otherwise when answered

    friend bool operator==(const CheckpointStatus &, const CheckpointStatus &) = default;
};

QString checkpointStateName(CheckpointStatus::State state);

struct DaemonStatus
{
    StreamRunner::State state = StreamRunner::State::Stopped;
    qint64 pid = 0;
    int restarts = 0;
    QDateTime startedAt; // of the current daemon; invalid when none runs
    QString lastError;

    // Reads `runner`: call it on the runner's thread.
    static DaemonStatus of(const StreamRunner &runner, const QDateTime &now = QDateTime::currentDateTimeUtc());
    std::chrono::milliseconds uptime(const QDateTime &now) const;

    friend bool operator==(const DaemonStatus &, const DaemonStatus &) = default;
};

struct ShardRow
{
    QString shardId;
    QStringList parentShardIds;
    ShardState state = ShardState::Unowned;
    Ownership ownership = Ownership::Unknown;
    bool sessionHere = false;  // a live session in this process serves the shard
    bool inLeaseTable = false; // the fields below marked "lease" are known

    // lease
    std::optional<QString> leaseOwner;
    std::optional<std::int64_t> leaseCounter;
    std::optional<std::int64_t> ownerSwitchesSinceCheckpoint;
    bool expired = false; // unowned, or its counter has not changed for the failover time
    // The lease's checkpoint; without a lease table, the last one a session here reported.
    std::optional<SequenceNumber> checkpoint;

    // sessions here
    std::optional<SequenceNumber> lastProcessed;
    // From the session here; for a shard no session here serves, how far the
    // lease's checkpoint is behind the tip (the store, or a Kinesis probe),
    // measured at lagMeasuredAt.
    std::optional<std::int64_t> millisBehindLatest;
    QDateTime lagMeasuredAt; // invalid: the lag is the session's
    double recordsPerSecond = 0; // over the last few complete seconds
    double bytesPerSecond = 0;
    std::int64_t recordsProcessed = 0; // since the monitor started
    std::int64_t bytesProcessed = 0;
    CheckpointStatus lastCheckpoint;
    QString lastError;
    // Null for a shard no session here has reported on and no lag was
    // measured for. Shared between
    // snapshots until the next complete second.
    std::shared_ptr<const ShardHistory> history;
};

struct MonitorTotals
{
    int shards = 0;
    int here = 0;         // Ownership::ThisProcess
    int otherWorkers = 0; // Ownership::OtherWorker
    int unowned = 0;      // Ownership::Nobody
    int failed = 0;
    double recordsPerSecond = 0;
    double bytesPerSecond = 0;
    std::int64_t recordsProcessed = 0;
    // Over every shard whose lag is known: sessions here, and checkpoints measured for the others.
    std::optional<std::int64_t> maxMillisBehindLatest;
};

struct MonitorSnapshot
{
    QString streamName;
    quint64 serial = 0;    // 1 for the first snapshot, one more for each after it
    QDateTime takenAt;     // wall clock
    std::int64_t second = 0; // the monitor's clock in seconds: histories end at second - 1
    DaemonStatus daemon;
    std::vector<ShardRow> shards; // in shardId order
    MonitorTotals totals;
    QDateTime leasesReadAt; // the last successful lease table read; invalid when none
    QString leaseError;     // why the last lease table read failed; empty when it did not
    QString lastSessionError; // a session that failed before it knew its shard

    // Binary search by shard id; -1 or nullptr when absent.
    int indexOf(const QString &shardId) const;
    const ShardRow *find(const QString &shardId) const;
};

using MonitorSnapshotPtr = std::shared_ptr<const MonitorSnapshot>;

} // namespace qmld

Q_DECLARE_METATYPE(qmld::DaemonStatus)
Q_DECLARE_METATYPE(qmld::MonitorSnapshotPtr)

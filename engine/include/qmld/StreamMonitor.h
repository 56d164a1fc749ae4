#pragma once

#include <qmld/LeaseObserver.h>
#include <qmld/LeaseSource.h>
#include <qmld/MonitorSnapshot.h>
#include <qmld/SessionEvent.h>

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace qmld {

struct StreamMonitorOptions
{
    QString streamName;
    // This process's KCL workerId: leases it owns are Ownership::ThisProcess.
    // Empty: a lease counts as this process's while a session here serves its shard.
    QString workerId;
    std::optional<LeaseSource> leases; // none: shards are known from sessions only
    std::chrono::milliseconds publishInterval{100};
    int rateWindowSeconds = 5; // records/s and bytes/s average this many complete seconds
    // Monotonic: rates, histories and lease expiry. Called from the monitor's
    // thread and the lease reader's thread, so a fake one must be thread-safe.
    LeaseObserver::Clock clock = LeaseObserver::steadyClock();
    // For the times shown to the user (checkpoint answers, lease reads).
    std::function<QDateTime()> wallClock = [] { return QDateTime::currentDateTimeUtc(); };
};

// One stream's live picture for the console and the CLI: merges the session
// events of this process's ShardServer with the whole lease table (every
// worker's leases), keeps a ten-minute history per shard, and publishes
// immutable snapshots at most once per publishInterval, and only after
// something changed, never one signal per record.
//
// Lives on any thread (typically not the UI thread). Feed it with queued
// connections: ShardServer::sessionEvent -> onSessionEvent, and a DaemonStatus
// read on the runner's thread -> onDaemonStatus. The lease table is read on a
// thread of the monitor's own, never on the monitor's or the caller's.
class StreamMonitor : public QObject
{
    Q_OBJECT
public:
    explicit StreamMonitor(StreamMonitorOptions options, QObject *parent = nullptr);
    // Stops the lease reader and waits for it.
    ~StreamMonitor() override;

    const StreamMonitorOptions &options() const;
    // The last published snapshot, from any thread. Null before the first,
    // which follows construction after at most one publishInterval.
    MonitorSnapshotPtr latest() const;

public Q_SLOTS:
    void onSessionEvent(const qmld::SessionEvent &event);
    void onDaemonStatus(const qmld::DaemonStatus &status);
    // Call after ShardServer::requestCheckpoint(shardId, ...) returned true:
    // the shard shows Pending until the session's Checkpoint event answers.
    void noteManualCheckpointRequested(const QString &shardId);
    // Reads the lease table now instead of at the next poll (after a reset, say).
    // A read publishes only if the table (or an expiry) changed.
    void pollLeasesNow();
    // Takes in the passing of time (rates decay, histories advance) at
    // options().clock now; publishes if that changed anything. Runs every
    // second by itself while a session is live or a shard's rate is not yet 0.
    void refresh();

Q_SIGNALS:
    void snapshotReady(qmld::MonitorSnapshotPtr snapshot);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace qmld

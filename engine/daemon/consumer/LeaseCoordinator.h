#pragma once

// What the embedded daemon needs from the lease table (docs/protocol.md §10): which
// shards this worker holds, every lease's checkpoint (for parents), creating
// leases at shard sync, checkpointing, and deleting finished leases. The
// Scheduler and ShardConsumer see leases only through these interfaces.

#include <qmld/Lease.h>
#include <qmld/SequenceNumber.h>
#include <qmld/StreamStore.h>

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace qmld::daemon {


// The checkpoint call of one shard's consumer.
class LeaseCheckpointer
{
public:
    virtual ~LeaseCheckpointer() = default;
    // Stores the checkpoint if this worker still holds the lease. Returns an
    // empty string, or the simple name of the Java exception KCL would throw:
    // "ShutdownException" (lease not held), "ThrottlingException" (the store
    // was busy), "InvalidStateException" (no lease table),
    // "KinesisClientLibDependencyException" (any other store failure).
    virtual QString checkpoint(const QString &shardId, const SequenceNumber &value) = 0;
};

class LeaseCoordinator : public QObject, public LeaseCheckpointer
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Opens (creating if needed) the lease table; an empty string on success,
    // else one line naming the table and the store.
    virtual QString open() = 0;
    // Starts renewing and taking leases on timers.
    virtual void start() = 0;
    // Stops renewing and taking; held leases stay in the table as they are.
    virtual void stop() = 0;

    // Creates the missing leases of the stream (docs/protocol.md §10.4: roots at the
    // initial position, children at TRIM_HORIZON); false with *error on a
    // store failure.
    virtual bool syncShards(const StreamDescription &stream, const SequenceNumber &initialPosition,
                            QString *error) = 0;

    // The leases this worker holds now.
    virtual QStringList heldShards() const = 0;
    virtual bool holds(const QString &shardId) const = 0;
    // Every lease in the table, as last read (all workers).
    virtual std::optional<Lease> lease(const QString &shardId) const = 0;
    // Re-reads the table.
    virtual bool refresh(QString *error) = 0;
    // Deletes a lease this worker holds (cleanupLeasesUponShardCompletion).
    virtual bool deleteLease(const QString &shardId, QString *error) = 0;

Q_SIGNALS:
    // Emitted after a take or a failed renew changed heldShards().
    void leasesChanged();
};

} // namespace qmld::daemon

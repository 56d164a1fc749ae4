#pragma once

#include <qmld/Lease.h>
#include <qmld/StreamStore.h>

#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

// The lease table of one KCL application (its tableName, else its
// applicationName), kept in the embedded store file next to the streams.
//
// Every write is one short transaction and, as a DynamoDB UpdateItem with an
// expected value, applies only if the lease still has the leaseCounter the
// caller observed (and, where it says so, the owner). A write that finds
// anything else is not an error: it returns LeaseWrite::Outcome::ConditionFailed
// with the lease as it is now. StoreError is kept for the store failing.
//
// Like StreamStore, a LeaseTable is one SQLite connection: use it from the
// thread that opened it.
namespace qmld {

struct LeaseWrite
{
    enum class Outcome : std::uint8_t {
        Applied,
        // The lease is gone, exists already (create), or its leaseCounter or
        // leaseOwner is not what the caller observed.
        ConditionFailed,
        // resetCheckpoint without Force on a lease that a worker owns.
        RefusedOwned,
    };

    Outcome outcome = Outcome::Applied;
    // After the write when it applied; as found otherwise (nullopt: no such lease).
    std::optional<Lease> lease;

    bool applied() const { return outcome == Outcome::Applied; }
};

class LeaseTable
{
public:
    enum class ResetGuard : std::uint8_t { RefuseWhileOwned, Force };

    // Opens the store (creating it if asked) and the lease table `tableName`
    // in it. Any name a KCL application may have is fine.
    static StoreResult<LeaseTable> open(const QString &storePath, const QString &tableName,
                                        StreamStore::OpenMode mode = StreamStore::OpenMode::CreateIfMissing,
                                        std::chrono::milliseconds busyTimeout = StreamStore::kDefaultBusyTimeout);

    LeaseTable(LeaseTable &&other) noexcept;
    LeaseTable &operator=(LeaseTable &&other) noexcept;
    LeaseTable(const LeaseTable &) = delete;
    LeaseTable &operator=(const LeaseTable &) = delete;
    ~LeaseTable();

    const QString &tableName() const;
    QString storePath() const;

    // Every lease of the table, in leaseKey order, from one consistent snapshot.
    StoreResult<std::vector<Lease>> list();
    StoreResult<std::optional<Lease>> lease(const QString &leaseKey);

    // Writes `lease` as given if no lease with its key exists (shard sync).
    StoreResult<LeaseWrite> create(const Lease &lease);

    // leaseCounter + 1, if the lease has expectedCounter and is owned by `owner`.
    StoreResult<LeaseWrite> renew(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner);
    // leaseCounter + 1 and leaseOwner = newOwner; ownerSwitchesSinceCheckpoint + 1
    // if another worker owned it.
    StoreResult<LeaseWrite> take(const QString &leaseKey, std::int64_t expectedCounter, const QString &newOwner);
    // leaseOwner = nobody, leaseCounter + 1: eviction, or a worker releasing its own lease.
    StoreResult<LeaseWrite> evict(const QString &leaseKey, std::int64_t expectedCounter);
    // checkpoint, ownerSwitchesSinceCheckpoint = 0, no pending checkpoint,
    // leaseCounter + 1; only if `owner` owns the lease with expectedCounter.
    // A ConditionFailed here is KCL's ShutdownException.
    StoreResult<LeaseWrite> checkpoint(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner,
                                       const SequenceNumber &checkpoint);
    // childShardIds, at shard end. As KCL, this leaves leaseCounter alone so
    // that the owner's next renew still matches.
    StoreResult<LeaseWrite> setChildShardIds(const QString &leaseKey, std::int64_t expectedCounter,
                                             const QStringList &childShardIds);
    // Deletes the lease of a finished shard (cleanupLeasesUponShardCompletion).
    StoreResult<LeaseWrite> remove(const QString &leaseKey, std::int64_t expectedCounter);

    // For the console and CLI: moves a shard's checkpoint to TRIM_HORIZON,
    // LATEST, AT_TIMESTAMP or a sequence number, leaves the lease unowned and
    // bumps leaseCounter, so that a worker still holding it loses it at its
    // next renew and whoever takes it next starts from `to`. RefuseWhileOwned
    // refuses while any worker owns the lease. SHARD_END is not a place to
    // reset to (StoreError::Code::InvalidArgument).
    StoreResult<LeaseWrite> resetCheckpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                            const SequenceNumber &to, ResetGuard guard);

private:
    struct Private;
    explicit LeaseTable(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace qmld

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
// applicationName): in the embedded store file next to the streams, or in
// another backend.
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

// Where a lease table lives: the embedded store (the first backend) or, to
// come, DynamoDB. Every call may be slow or fail (StoreError); list() returns
// every page; a conditional write that does not apply reports the lease as
// found. LeaseTable below is the handle every user holds.
class LeaseTableBackend
{
public:
    virtual ~LeaseTableBackend() = default;

    virtual QString tableName() const = 0;
    // Where the table lives, for messages: "store /path/store.sqlite".
    virtual QString location() const = 0;

    virtual StoreResult<std::vector<Lease>> list() = 0;
    virtual StoreResult<std::optional<Lease>> lease(const QString &leaseKey) = 0;
    virtual StoreResult<LeaseWrite> create(const Lease &lease) = 0;
    virtual StoreResult<LeaseWrite> renew(const QString &leaseKey, std::int64_t expectedCounter,
                                          const QString &owner) = 0;
    virtual StoreResult<LeaseWrite> take(const QString &leaseKey, std::int64_t expectedCounter,
                                         const QString &newOwner) = 0;
    virtual StoreResult<LeaseWrite> evict(const QString &leaseKey, std::int64_t expectedCounter) = 0;
    virtual StoreResult<LeaseWrite> checkpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                               const QString &owner, const SequenceNumber &checkpoint) = 0;
    virtual StoreResult<LeaseWrite> setChildShardIds(const QString &leaseKey, std::int64_t expectedCounter,
                                                     const QStringList &childShardIds) = 0;
    virtual StoreResult<LeaseWrite> remove(const QString &leaseKey, std::int64_t expectedCounter) = 0;
    // checkpoint = to, no owner, leaseCounter + 1; refused (RefusedOwned) while
    // owned unless `force`. Deciding whether an owner is alive is LeaseReset's.
    virtual StoreResult<LeaseWrite> resetCheckpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                                    const SequenceNumber &to, bool force) = 0;
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
    // A table of another backend.
    explicit LeaseTable(std::unique_ptr<LeaseTableBackend> backend);

    LeaseTable(LeaseTable &&other) noexcept;
    LeaseTable &operator=(LeaseTable &&other) noexcept;
    LeaseTable(const LeaseTable &) = delete;
    LeaseTable &operator=(const LeaseTable &) = delete;
    ~LeaseTable();

    QString tableName() const { return m_backend->tableName(); }
    QString location() const { return m_backend->location(); }

    // Every lease of the table, in leaseKey order, from one consistent snapshot.
    StoreResult<std::vector<Lease>> list() { return m_backend->list(); }
    StoreResult<std::optional<Lease>> lease(const QString &leaseKey) { return m_backend->lease(leaseKey); }

    // Writes `lease` as given if no lease with its key exists (shard sync).
    StoreResult<LeaseWrite> create(const Lease &lease) { return m_backend->create(lease); }

    // leaseCounter + 1, if the lease has expectedCounter and is owned by `owner`.
    StoreResult<LeaseWrite> renew(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner)
    {
        return m_backend->renew(leaseKey, expectedCounter, owner);
    }
    // leaseCounter + 1 and leaseOwner = newOwner; ownerSwitchesSinceCheckpoint + 1
    // if another worker owned it.
    StoreResult<LeaseWrite> take(const QString &leaseKey, std::int64_t expectedCounter, const QString &newOwner)
    {
        return m_backend->take(leaseKey, expectedCounter, newOwner);
    }
    // leaseOwner = nobody, leaseCounter + 1: eviction, or a worker releasing its own lease.
    StoreResult<LeaseWrite> evict(const QString &leaseKey, std::int64_t expectedCounter)
    {
        return m_backend->evict(leaseKey, expectedCounter);
    }
    // checkpoint, ownerSwitchesSinceCheckpoint = 0, no pending checkpoint,
    // leaseCounter + 1; only if `owner` owns the lease with expectedCounter.
    // A ConditionFailed here is KCL's ShutdownException.
    StoreResult<LeaseWrite> checkpoint(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner,
                                       const SequenceNumber &checkpoint)
    {
        return m_backend->checkpoint(leaseKey, expectedCounter, owner, checkpoint);
    }
    // childShardIds, at shard end. As KCL, this leaves leaseCounter alone so
    // that the owner's next renew still matches.
    StoreResult<LeaseWrite> setChildShardIds(const QString &leaseKey, std::int64_t expectedCounter,
                                             const QStringList &childShardIds)
    {
        return m_backend->setChildShardIds(leaseKey, expectedCounter, childShardIds);
    }
    // Deletes the lease of a finished shard (cleanupLeasesUponShardCompletion).
    StoreResult<LeaseWrite> remove(const QString &leaseKey, std::int64_t expectedCounter)
    {
        return m_backend->remove(leaseKey, expectedCounter);
    }

    // Moves a shard's checkpoint to TRIM_HORIZON, LATEST, AT_TIMESTAMP or a
    // sequence number, leaves the lease unowned and bumps leaseCounter, so that
    // a worker still holding it loses it at its next renew and whoever takes
    // it next starts from `to`. RefuseWhileOwned refuses while any worker owns
    // the lease. SHARD_END is not a place to reset to (InvalidArgument). Users
    // reset through LeaseReset, which judges an owner alive or gone.
    StoreResult<LeaseWrite> resetCheckpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                            const SequenceNumber &to, ResetGuard guard)
    {
        return m_backend->resetCheckpoint(leaseKey, expectedCounter, to, guard == ResetGuard::Force);
    }

private:
    std::unique_ptr<LeaseTableBackend> m_backend;
};

} // namespace qmld

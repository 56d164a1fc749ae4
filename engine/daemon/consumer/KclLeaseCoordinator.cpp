#include "daemon/consumer/KclLeaseCoordinator.h"

#include "daemon/consumer/Logging.h"

#include <qmld/ShardSync.h>

using namespace Qt::StringLiterals;

namespace qmld::daemon {

KclLeaseCoordinator::KclLeaseCoordinator(QString storePath, QString tableName, LeaseTakerConfig taker,
                                         QObject *parent)
    : LeaseCoordinator(parent),
      m_storePath(std::move(storePath)),
      m_tableName(std::move(tableName)),
      m_workerId(taker.workerId),
      m_taker(taker)
{
    m_renewTimer.setInterval(std::max(leaseRenewInterval(taker.failoverTime), std::chrono::milliseconds(10)));
    m_takeTimer.setInterval(leaseTakerInterval(taker.failoverTime));
    connect(&m_renewTimer, &QTimer::timeout, this, &KclLeaseCoordinator::renewAll);
    connect(&m_takeTimer, &QTimer::timeout, this, &KclLeaseCoordinator::takeLeases);
}

KclLeaseCoordinator::~KclLeaseCoordinator() = default;

QString KclLeaseCoordinator::open()
{
    StoreResult<LeaseTable> table = LeaseTable::open(m_storePath, m_tableName, StreamStore::OpenMode::MustExist);
    if (!table)
        return table.error().message;
    m_table.emplace(std::move(table).value());
    QString error;
    refresh(&error);
    return error;
}

void KclLeaseCoordinator::start()
{
    // KCL's renewer starts with the leases this worker owned before it restarted.
    bool changed = false;
    for (const Lease &lease : std::as_const(m_leases)) {
        if (lease.isOwnedBy(m_workerId) && !m_held.contains(lease.leaseKey)) {
            StoreResult<LeaseWrite> renewed = m_table->renew(lease.leaseKey, lease.leaseCounter, m_workerId);
            if (renewed && record(lease.leaseKey, *renewed)) {
                m_held.insert(lease.leaseKey);
                changed = true;
                qCInfo(lcDaemon, "kept the lease of %s from an earlier run", qUtf8Printable(lease.leaseKey));
            }
        }
    }
    if (changed)
        Q_EMIT leasesChanged();
    takeLeases();
    m_renewTimer.start();
    m_takeTimer.start();
}

void KclLeaseCoordinator::stop()
{
    m_renewTimer.stop();
    m_takeTimer.stop();
}

bool KclLeaseCoordinator::refresh(QString *error)
{
    StoreResult<std::vector<Lease>> leases = m_table->list();
    if (!leases) {
        *error = leases.error().message;
        return false;
    }
    m_leases.clear();
    for (Lease &lease : *leases)
        m_leases.insert(lease.leaseKey, std::move(lease));
    // Held leases that another worker took, or that are gone.
    const QStringList held = heldShards();
    for (const QString &shardId : held) {
        const auto it = m_leases.constFind(shardId);
        if (it == m_leases.cend() || !it->isOwnedBy(m_workerId))
            markLost(shardId);
    }
    return true;
}

bool KclLeaseCoordinator::syncShards(const StreamDescription &stream, const SequenceNumber &initialPosition,
                                     QString *error)
{
    if (!refresh(error))
        return false;
    const std::vector<Lease> existing(m_leases.cbegin(), m_leases.cend());
    const std::vector<Lease> created = newLeasesForShards(stream.shards, existing, initialPosition);
    for (const Lease &lease : created) {
        StoreResult<LeaseWrite> write = m_table->create(lease);
        if (!write) {
            *error = write.error().message;
            return false;
        }
        if (write->applied())
            qCInfo(lcDaemon, "created the lease of %s at %s", qUtf8Printable(lease.leaseKey),
                   qUtf8Printable(lease.checkpoint.display()));
    }
    return refresh(error);
}

QStringList KclLeaseCoordinator::heldShards() const
{
    QStringList shards(m_held.cbegin(), m_held.cend());
    shards.sort();
    return shards;
}

bool KclLeaseCoordinator::holds(const QString &shardId) const
{
    return m_held.contains(shardId);
}

std::optional<Lease> KclLeaseCoordinator::lease(const QString &shardId) const
{
    const auto it = m_leases.constFind(shardId);
    return it == m_leases.cend() ? std::nullopt : std::optional<Lease>(*it);
}

void KclLeaseCoordinator::markLost(const QString &shardId)
{
    if (m_held.remove(shardId)) {
        qCInfo(lcDaemon, "lost the lease of %s", qUtf8Printable(shardId));
        Q_EMIT leasesChanged();
    }
}

bool KclLeaseCoordinator::record(const QString &shardId, const LeaseWrite &write)
{
    if (write.lease)
        m_leases.insert(shardId, *write.lease);
    else
        m_leases.remove(shardId);
    return write.applied();
}

void KclLeaseCoordinator::renewAll()
{
    const QStringList held = heldShards();
    for (const QString &shardId : held) {
        StoreResult<LeaseWrite> renewed = m_table->renew(shardId, m_leases.value(shardId).leaseCounter, m_workerId);
        if (!renewed) {
            // A busy store: try again at the next renewal, as KCL does after a throttled renew.
            qCWarning(lcDaemon, "cannot renew the lease of %s: %s", qUtf8Printable(shardId),
                      qUtf8Printable(renewed.error().message));
            continue;
        }
        if (!record(shardId, *renewed))
            markLost(shardId);
    }
}

void KclLeaseCoordinator::takeLeases()
{
    QString error;
    if (!refresh(&error)) {
        qCWarning(lcDaemon, "%s", qUtf8Printable(error));
        return;
    }
    const std::vector<Lease> table(m_leases.cbegin(), m_leases.cend());
    bool changed = false;
    for (const Lease &lease : m_taker.leasesToTake(table)) {
        StoreResult<LeaseWrite> taken = m_table->take(lease.leaseKey, lease.leaseCounter, m_workerId);
        if (!taken) {
            qCWarning(lcDaemon, "cannot take the lease of %s: %s", qUtf8Printable(lease.leaseKey),
                      qUtf8Printable(taken.error().message));
            continue;
        }
        if (!record(lease.leaseKey, *taken))
            continue; // another worker got there first
        m_held.insert(lease.leaseKey);
        changed = true;
        qCInfo(lcDaemon, "took the lease of %s (checkpoint %s, previous owner %s)", qUtf8Printable(lease.leaseKey),
               qUtf8Printable(lease.checkpoint.display()), qUtf8Printable(lease.leaseOwner.value_or(u"none"_s)));
    }
    if (changed)
        Q_EMIT leasesChanged();
}

bool KclLeaseCoordinator::deleteLease(const QString &shardId, QString *error)
{
    StoreResult<LeaseWrite> removed = m_table->remove(shardId, m_leases.value(shardId).leaseCounter);
    if (!removed) {
        *error = removed.error().message;
        return false;
    }
    if (!removed->applied()) {
        record(shardId, *removed);
        return true; // it changed under us: the next pass decides again
    }
    m_leases.remove(shardId);
    m_held.remove(shardId);
    qCInfo(lcDaemon, "deleted the lease of the finished shard %s", qUtf8Printable(shardId));
    return true;
}

QString KclLeaseCoordinator::checkpoint(const QString &shardId, const SequenceNumber &value)
{
    if (!m_held.contains(shardId))
        return u"ShutdownException"_s;
    StoreResult<LeaseWrite> written =
        m_table->checkpoint(shardId, m_leases.value(shardId).leaseCounter, m_workerId, value);
    if (!written) {
        qCWarning(lcDaemon, "cannot checkpoint %s: %s", qUtf8Printable(shardId),
                  qUtf8Printable(written.error().message));
        return written.error().code == StoreError::Code::Busy ? u"ThrottlingException"_s
                                                              : u"KinesisClientLibDependencyException"_s;
    }
    if (!record(shardId, *written)) {
        markLost(shardId);
        return u"ShutdownException"_s;
    }
    return {};
}

} // namespace qmld::daemon

#pragma once

#include "daemon/consumer/LeaseCoordinator.h"

#include <qmld/LeaseTable.h>
#include <qmld/LeaseTaker.h>

#include <QHash>
#include <QSet>
#include <QTimer>

namespace qmld::daemon {

// The KCL 2.x lease coordinator over the store's lease table (LeaseTable,
// LeaseTaker, newLeasesForShards): renews held leases every
// leaseRenewInterval, takes and steals every leaseTakerInterval, and keeps
// the leases this worker owned in an earlier run at start, as KCL's renewer
// does. Every write is conditional on leaseCounter (and the owner).
class KclLeaseCoordinator : public LeaseCoordinator
{
    Q_OBJECT
public:
    KclLeaseCoordinator(QString storePath, QString tableName, LeaseTakerConfig taker, QObject *parent = nullptr);
    ~KclLeaseCoordinator() override;

    QString open() override;
    void start() override;
    void stop() override;
    bool syncShards(const StreamDescription &stream, const SequenceNumber &initialPosition, QString *error) override;
    QStringList heldShards() const override;
    bool holds(const QString &shardId) const override;
    std::optional<Lease> lease(const QString &shardId) const override;
    bool refresh(QString *error) override;
    bool deleteLease(const QString &shardId, QString *error) override;
    QString checkpoint(const QString &shardId, const SequenceNumber &value) override;

private:
    void renewAll();
    void takeLeases();
    void markLost(const QString &shardId);
    // Applies a write's result to the cache; true when it applied.
    bool record(const QString &shardId, const LeaseWrite &write);

    QString m_storePath;
    QString m_tableName;
    QString m_workerId;
    std::optional<LeaseTable> m_table;
    LeaseTaker m_taker;
    QHash<QString, Lease> m_leases; // as last read or written
    QSet<QString> m_held;
    QTimer m_renewTimer;
    QTimer m_takeTimer;
};

} // namespace qmld::daemon

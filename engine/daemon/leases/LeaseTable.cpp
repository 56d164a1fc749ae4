#include <qmld/LeaseTable.h>

#include "daemon/leases/Logging.h"
#include "daemon/store/StoreConnection.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <functional>

using namespace Qt::StringLiterals;

namespace qmld {

using leases::lcLeases;
using store::StoreConnection;
using store::Transaction;
using TransactionKind = StoreConnection::TransactionKind;

namespace {

// The translation context of these messages, named for lupdate and
// QCoreApplication::translate alike (lupdate would file a bare tr() under
// the enclosing class, which the console would then never find).
class LeaseText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::LeaseTable)
};

// The leases table is the store's (StoreConnection, schema 3).
const QString kColumns = u"leaseKey, leaseOwner, leaseCounter, checkpoint, checkpointSubSequenceNumber,"
                         " ownerSwitchesSinceCheckpoint, parentShardId, childShardIds, pendingCheckpoint,"
                         " pendingCheckpointSubSequenceNumber, startingHashKey, endingHashKey"_s;

const QString kSelectAll = u"SELECT "_s + kColumns + u" FROM leases WHERE tableName = ? ORDER BY leaseKey"_s;
const QString kSelectOne = u"SELECT "_s + kColumns + u" FROM leases WHERE tableName = ? AND leaseKey = ?"_s;
const QString kSave = u"INSERT OR REPLACE INTO leases (tableName, "_s + kColumns
    + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString kDelete = u"DELETE FROM leases WHERE tableName = ? AND leaseKey = ?"_s;

QVariant stringSet(const QStringList &ids)
{
    if (ids.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}

QStringList stringSetFrom(const QVariant &value)
{
    QStringList ids;
    if (value.isNull())
        return ids;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &id : array)
        ids.append(id.toString());
    return ids;
}

QVariant optionalString(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<QString>());
}

} // namespace

// The embedded store's lease tables: rows of its `leases` table.
class StoreLeaseTable final : public LeaseTableBackend
{
public:
    std::unique_ptr<StoreConnection> connection;
    QString m_tableName;

    StoreError failed(const QSqlQuery &query, QStringView doing) const
    {
        return connection->errorFrom(query.lastError(), doing);
    }

    std::optional<Lease> leaseFrom(const QSqlQuery &query) const;
    StoreResult<std::optional<Lease>> load(const QString &leaseKey);
    std::optional<StoreError> save(const Lease &lease);
    std::optional<StoreError> erase(const QString &leaseKey);

    // One write transaction: reads the lease, asks `check` whether the write
    // may happen, and if so applies `change` to it, or deletes it if `change` is empty.
    using Check = std::function<LeaseWrite::Outcome(const std::optional<Lease> &)>;
    using Change = std::function<void(Lease &)>;
    StoreResult<LeaseWrite> write(const QString &leaseKey, const Check &check, const Change &change);
    // The common case: the lease exists with expectedCounter, and `also` holds.
    StoreResult<LeaseWrite> update(const QString &leaseKey, std::int64_t expectedCounter, const Change &change,
                                   const std::function<bool(const Lease &)> &also = {});

    QString tableName() const override { return m_tableName; }
    QString location() const override { return LeaseText::tr("store %1").arg(connection->path()); }
    StoreResult<std::vector<Lease>> list() override;
    StoreResult<std::optional<Lease>> lease(const QString &leaseKey) override { return load(leaseKey); }
    StoreResult<LeaseWrite> create(const Lease &lease) override;
    StoreResult<LeaseWrite> renew(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner) override;
    StoreResult<LeaseWrite> take(const QString &leaseKey, std::int64_t expectedCounter, const QString &newOwner) override;
    StoreResult<LeaseWrite> evict(const QString &leaseKey, std::int64_t expectedCounter) override;
    StoreResult<LeaseWrite> checkpoint(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner,
                                       const SequenceNumber &checkpoint) override;
    StoreResult<LeaseWrite> setChildShardIds(const QString &leaseKey, std::int64_t expectedCounter,
                                             const QStringList &childShardIds) override;
    StoreResult<LeaseWrite> remove(const QString &leaseKey, std::int64_t expectedCounter) override;
    StoreResult<LeaseWrite> resetCheckpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                            const SequenceNumber &to, bool force) override;
};

std::optional<Lease> StoreLeaseTable::leaseFrom(const QSqlQuery &query) const
{
    Lease lease;
    lease.leaseKey = query.value(0).toString();
    if (!query.value(1).isNull())
        lease.leaseOwner = query.value(1).toString();
    lease.leaseCounter = query.value(2).toLongLong();
    const auto checkpoint = SequenceNumber::parse(query.value(3).toString(), query.value(4).toLongLong());
    if (!checkpoint) {
        qCWarning(lcLeases).nospace() << "lease " << lease.leaseKey << " of " << m_tableName << " in "
                                      << connection->path() << " has an invalid checkpoint "
                                      << query.value(3).toString() << "; it is skipped";
        return std::nullopt;
    }
    lease.checkpoint = *checkpoint;
    lease.ownerSwitchesSinceCheckpoint = query.value(5).toLongLong();
    lease.parentShardId = stringSetFrom(query.value(6));
    lease.childShardIds = stringSetFrom(query.value(7));
    if (!query.value(8).isNull())
        lease.pendingCheckpoint = SequenceNumber::parse(query.value(8).toString(), query.value(9).toLongLong());
    if (!query.value(10).isNull() && !query.value(11).isNull())
        lease.hashKeyRange =
            HashKeyRange::parse(query.value(10).toString().toLatin1(), query.value(11).toString().toLatin1());
    return lease;
}

StoreResult<std::optional<Lease>> StoreLeaseTable::load(const QString &leaseKey)
{
    StoreError error;
    QSqlQuery *query = connection->prepared(kSelectOne, &error);
    if (!query)
        return error;
    query->addBindValue(m_tableName);
    query->addBindValue(leaseKey);
    if (!query->exec())
        return failed(*query, LeaseText::tr("reading a lease from"));
    std::optional<Lease> lease;
    if (query->next())
        lease = leaseFrom(*query);
    query->finish();
    return lease;
}

std::optional<StoreError> StoreLeaseTable::save(const Lease &lease)
{
    StoreError error;
    QSqlQuery *query = connection->prepared(kSave, &error);
    if (!query)
        return error;
    query->addBindValue(m_tableName);
    query->addBindValue(lease.leaseKey);
    query->addBindValue(optionalString(lease.leaseOwner));
    query->addBindValue(qint64(lease.leaseCounter));
    query->addBindValue(lease.checkpoint.toString());
    query->addBindValue(qint64(lease.checkpoint.subSequence()));
    query->addBindValue(qint64(lease.ownerSwitchesSinceCheckpoint));
    query->addBindValue(stringSet(lease.parentShardId));
    query->addBindValue(stringSet(lease.childShardIds));
    if (lease.pendingCheckpoint) {
        query->addBindValue(lease.pendingCheckpoint->toString());
        query->addBindValue(qint64(lease.pendingCheckpoint->subSequence()));
    } else {
        query->addBindValue(QVariant(QMetaType::fromType<QString>()));
        query->addBindValue(QVariant(QMetaType::fromType<qint64>()));
    }
    if (lease.hashKeyRange) {
        query->addBindValue(lease.hashKeyRange->starting.toString());
        query->addBindValue(lease.hashKeyRange->ending.toString());
    } else {
        query->addBindValue(QVariant(QMetaType::fromType<QString>()));
        query->addBindValue(QVariant(QMetaType::fromType<QString>()));
    }
    if (!query->exec())
        return failed(*query, LeaseText::tr("writing a lease to"));
    return std::nullopt;
}

std::optional<StoreError> StoreLeaseTable::erase(const QString &leaseKey)
{
    StoreError error;
    QSqlQuery *query = connection->prepared(kDelete, &error);
    if (!query)
        return error;
    query->addBindValue(m_tableName);
    query->addBindValue(leaseKey);
    if (!query->exec())
        return failed(*query, LeaseText::tr("deleting a lease from"));
    return std::nullopt;
}

StoreResult<LeaseWrite> StoreLeaseTable::write(const QString &leaseKey, const Check &check, const Change &change)
{
    Transaction transaction(*connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto current = load(leaseKey);
    if (!current)
        return current.error();
    if (const auto outcome = check(*current); outcome != LeaseWrite::Outcome::Applied) {
        qCDebug(lcLeases) << "conditional write to lease" << leaseKey << "of" << m_tableName << "refused";
        return LeaseWrite{outcome, std::move(*current)};
    }
    std::optional<Lease> &lease = current.value();
    if (change) {
        if (!lease)
            lease.emplace();
        change(*lease);
    } else {
        lease.reset();
    }
    if (auto error = lease ? save(*lease) : erase(leaseKey))
        return *error;
    if (auto error = transaction.commit())
        return *error;
    return LeaseWrite{LeaseWrite::Outcome::Applied, std::move(lease)};
}

StoreResult<LeaseWrite> StoreLeaseTable::update(const QString &leaseKey, std::int64_t expectedCounter,
                                                    const Change &change,
                                                    const std::function<bool(const Lease &)> &also)
{
    const auto check = [&](const std::optional<Lease> &lease) {
        const bool holds = lease && lease->leaseCounter == expectedCounter && (!also || also(*lease));
        return holds ? LeaseWrite::Outcome::Applied : LeaseWrite::Outcome::ConditionFailed;
    };
    return write(leaseKey, check, change);
}

LeaseTable::LeaseTable(std::unique_ptr<LeaseTableBackend> backend) : m_backend(std::move(backend)) {}
LeaseTable::LeaseTable(LeaseTable &&other) noexcept = default;
LeaseTable &LeaseTable::operator=(LeaseTable &&other) noexcept = default;
LeaseTable::~LeaseTable() = default;

StoreResult<LeaseTable> LeaseTable::open(const QString &storePath, const QString &tableName,
                                         StreamStore::OpenMode mode, std::chrono::milliseconds busyTimeout)
{
    if (tableName.isEmpty())
        return StoreError{StoreError::Code::InvalidArgument,
                          LeaseText::tr("no lease table name (applicationName or tableName) given for store %1").arg(storePath)};
    auto connection = StoreConnection::open(storePath, mode, busyTimeout);
    if (!connection)
        return connection.error();
    auto table = std::make_unique<StoreLeaseTable>();
    table->connection = std::move(*connection);
    table->m_tableName = tableName;
    return LeaseTable(std::move(table));
}

StoreResult<std::vector<Lease>> StoreLeaseTable::list()
{
    StoreError error;
    QSqlQuery *query = connection->prepared(kSelectAll, &error);
    if (!query)
        return error;
    query->addBindValue(m_tableName);
    if (!query->exec())
        return failed(*query, LeaseText::tr("reading the leases of"));
    std::vector<Lease> leases;
    while (query->next()) {
        if (auto lease = leaseFrom(*query))
            leases.push_back(std::move(*lease));
    }
    query->finish();
    return leases;
}

StoreResult<LeaseWrite> StoreLeaseTable::create(const Lease &lease)
{
    if (!lease.checkpoint.isValid() || lease.leaseKey.isEmpty())
        return StoreError{StoreError::Code::InvalidArgument,
                          LeaseText::tr("cannot create a lease without a leaseKey and a checkpoint in %1").arg(m_tableName)};
    const auto absent = [](const std::optional<Lease> &current) {
        return current ? LeaseWrite::Outcome::ConditionFailed : LeaseWrite::Outcome::Applied;
    };
    return write(lease.leaseKey, absent, [&](Lease &created) { created = lease; });
}

StoreResult<LeaseWrite> StoreLeaseTable::renew(const QString &leaseKey, std::int64_t expectedCounter,
                                          const QString &owner)
{
    return update(
        leaseKey, expectedCounter,
        [](Lease &lease) { ++lease.leaseCounter; },
        [&](const Lease &lease) { return lease.isOwnedBy(owner); });
}

StoreResult<LeaseWrite> StoreLeaseTable::take(const QString &leaseKey, std::int64_t expectedCounter,
                                         const QString &newOwner)
{
    return update(leaseKey, expectedCounter, [&](Lease &lease) {
        if (lease.leaseOwner && *lease.leaseOwner != newOwner)
            ++lease.ownerSwitchesSinceCheckpoint;
        lease.leaseOwner = newOwner;
        ++lease.leaseCounter;
    });
}

StoreResult<LeaseWrite> StoreLeaseTable::evict(const QString &leaseKey, std::int64_t expectedCounter)
{
    return update(leaseKey, expectedCounter, [](Lease &lease) {
        lease.leaseOwner.reset();
        ++lease.leaseCounter;
    });
}

StoreResult<LeaseWrite> StoreLeaseTable::checkpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                               const QString &owner, const SequenceNumber &checkpoint)
{
    if (!checkpoint.isValid())
        return StoreError{StoreError::Code::InvalidArgument,
                          LeaseText::tr("invalid checkpoint for lease %1 of %2").arg(leaseKey, m_tableName)};
    return update(
        leaseKey, expectedCounter,
        [&](Lease &lease) {
            lease.checkpoint = checkpoint;
            lease.pendingCheckpoint.reset();
            lease.ownerSwitchesSinceCheckpoint = 0;
            ++lease.leaseCounter;
        },
        [&](const Lease &lease) { return lease.isOwnedBy(owner); });
}

StoreResult<LeaseWrite> StoreLeaseTable::setChildShardIds(const QString &leaseKey, std::int64_t expectedCounter,
                                                     const QStringList &childShardIds)
{
    return update(leaseKey, expectedCounter, [&](Lease &lease) { lease.childShardIds = childShardIds; });
}

StoreResult<LeaseWrite> StoreLeaseTable::remove(const QString &leaseKey, std::int64_t expectedCounter)
{
    return update(leaseKey, expectedCounter, {});
}

StoreResult<LeaseWrite> StoreLeaseTable::resetCheckpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                                         const SequenceNumber &to, bool force)
{
    if (!to.isValid() || to.kind() == SequenceNumber::Kind::ShardEnd)
        return StoreError{StoreError::Code::InvalidArgument,
                          LeaseText::tr("cannot reset lease %1 of %2 to %3: use TRIM_HORIZON, LATEST, AT_TIMESTAMP or a "
                             "sequence number")
                              .arg(leaseKey, m_tableName, to.isValid() ? to.toString() : u"?"_s)};
    const auto check = [&](const std::optional<Lease> &lease) {
        if (!lease || lease->leaseCounter != expectedCounter)
            return LeaseWrite::Outcome::ConditionFailed;
        if (lease->leaseOwner && !force)
            return LeaseWrite::Outcome::RefusedOwned;
        return LeaseWrite::Outcome::Applied;
    };
    auto result = write(leaseKey, check, [&](Lease &lease) {
        lease.checkpoint = to;
        lease.pendingCheckpoint.reset();
        lease.ownerSwitchesSinceCheckpoint = 0;
        lease.leaseOwner.reset();
        ++lease.leaseCounter;
    });
    if (result && result->applied())
        qCInfo(lcLeases).noquote() << "lease" << leaseKey << "of" << m_tableName << "in" << connection->path()
                                   << "reset to" << to.display();
    return result;
}

} // namespace qmld

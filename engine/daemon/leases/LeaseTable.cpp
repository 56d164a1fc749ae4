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

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld::LeaseTable", text);
}

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

struct LeaseTable::Private
{
    std::unique_ptr<StoreConnection> connection;
    QString tableName;

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
};

std::optional<Lease> LeaseTable::Private::leaseFrom(const QSqlQuery &query) const
{
    Lease lease;
    lease.leaseKey = query.value(0).toString();
    if (!query.value(1).isNull())
        lease.leaseOwner = query.value(1).toString();
    lease.leaseCounter = query.value(2).toLongLong();
    const auto checkpoint = SequenceNumber::parse(query.value(3).toString(), query.value(4).toLongLong());
    if (!checkpoint) {
        qCWarning(lcLeases).nospace() << "lease " << lease.leaseKey << " of " << tableName << " in "
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

StoreResult<std::optional<Lease>> LeaseTable::Private::load(const QString &leaseKey)
{
    StoreError error;
    QSqlQuery *query = connection->prepared(kSelectOne, &error);
    if (!query)
        return error;
    query->addBindValue(tableName);
    query->addBindValue(leaseKey);
    if (!query->exec())
        return failed(*query, tr("reading a lease from"));
    std::optional<Lease> lease;
    if (query->next())
        lease = leaseFrom(*query);
    query->finish();
    return lease;
}

std::optional<StoreError> LeaseTable::Private::save(const Lease &lease)
{
    StoreError error;
    QSqlQuery *query = connection->prepared(kSave, &error);
    if (!query)
        return error;
    query->addBindValue(tableName);
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
        return failed(*query, tr("writing a lease to"));
    return std::nullopt;
}

std::optional<StoreError> LeaseTable::Private::erase(const QString &leaseKey)
{
    StoreError error;
    QSqlQuery *query = connection->prepared(kDelete, &error);
    if (!query)
        return error;
    query->addBindValue(tableName);
    query->addBindValue(leaseKey);
    if (!query->exec())
        return failed(*query, tr("deleting a lease from"));
    return std::nullopt;
}

StoreResult<LeaseWrite> LeaseTable::Private::write(const QString &leaseKey, const Check &check, const Change &change)
{
    Transaction transaction(*connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto current = load(leaseKey);
    if (!current)
        return current.error();
    if (const auto outcome = check(*current); outcome != LeaseWrite::Outcome::Applied) {
        qCDebug(lcLeases) << "conditional write to lease" << leaseKey << "of" << tableName << "refused";
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

StoreResult<LeaseWrite> LeaseTable::Private::update(const QString &leaseKey, std::int64_t expectedCounter,
                                                    const Change &change,
                                                    const std::function<bool(const Lease &)> &also)
{
    const auto check = [&](const std::optional<Lease> &lease) {
        const bool holds = lease && lease->leaseCounter == expectedCounter && (!also || also(*lease));
        return holds ? LeaseWrite::Outcome::Applied : LeaseWrite::Outcome::ConditionFailed;
    };
    return write(leaseKey, check, change);
}

LeaseTable::LeaseTable(std::unique_ptr<Private> d) : d(std::move(d)) {}
LeaseTable::LeaseTable(LeaseTable &&other) noexcept = default;
LeaseTable &LeaseTable::operator=(LeaseTable &&other) noexcept = default;
LeaseTable::~LeaseTable() = default;

StoreResult<LeaseTable> LeaseTable::open(const QString &storePath, const QString &tableName,
                                         StreamStore::OpenMode mode, std::chrono::milliseconds busyTimeout)
{
    if (tableName.isEmpty())
        return StoreError{StoreError::Code::InvalidArgument,
                          tr("no lease table name (applicationName or tableName) given for store %1").arg(storePath)};
    auto connection = StoreConnection::open(storePath, mode, busyTimeout);
    if (!connection)
        return connection.error();
    auto d = std::make_unique<Private>();
    d->connection = std::move(*connection);
    d->tableName = tableName;
    return LeaseTable(std::move(d));
}

const QString &LeaseTable::tableName() const
{
    return d->tableName;
}

QString LeaseTable::storePath() const
{
    return d->connection->path();
}

StoreResult<std::vector<Lease>> LeaseTable::list()
{
    StoreError error;
    QSqlQuery *query = d->connection->prepared(kSelectAll, &error);
    if (!query)
        return error;
    query->addBindValue(d->tableName);
    if (!query->exec())
        return d->failed(*query, tr("reading the leases of"));
    std::vector<Lease> leases;
    while (query->next()) {
        if (auto lease = d->leaseFrom(*query))
            leases.push_back(std::move(*lease));
    }
    query->finish();
    return leases;
}

StoreResult<std::optional<Lease>> LeaseTable::lease(const QString &leaseKey)
{
    return d->load(leaseKey);
}

StoreResult<LeaseWrite> LeaseTable::create(const Lease &lease)
{
    if (!lease.checkpoint.isValid() || lease.leaseKey.isEmpty())
        return StoreError{StoreError::Code::InvalidArgument,
                          tr("cannot create a lease without a leaseKey and a checkpoint in %1").arg(d->tableName)};
    const auto absent = [](const std::optional<Lease> &current) {
        return current ? LeaseWrite::Outcome::ConditionFailed : LeaseWrite::Outcome::Applied;
    };
    return d->write(lease.leaseKey, absent, [&](Lease &created) { created = lease; });
}

StoreResult<LeaseWrite> LeaseTable::renew(const QString &leaseKey, std::int64_t expectedCounter,
                                          const QString &owner)
{
    return d->update(
        leaseKey, expectedCounter,
        [](Lease &lease) { ++lease.leaseCounter; },
        [&](const Lease &lease) { return lease.isOwnedBy(owner); });
}

StoreResult<LeaseWrite> LeaseTable::take(const QString &leaseKey, std::int64_t expectedCounter,
                                         const QString &newOwner)
{
    return d->update(leaseKey, expectedCounter, [&](Lease &lease) {
        if (lease.leaseOwner && *lease.leaseOwner != newOwner)
            ++lease.ownerSwitchesSinceCheckpoint;
        lease.leaseOwner = newOwner;
        ++lease.leaseCounter;
    });
}

StoreResult<LeaseWrite> LeaseTable::evict(const QString &leaseKey, std::int64_t expectedCounter)
{
    return d->update(leaseKey, expectedCounter, [](Lease &lease) {
        lease.leaseOwner.reset();
        ++lease.leaseCounter;
    });
}

StoreResult<LeaseWrite> LeaseTable::checkpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                               const QString &owner, const SequenceNumber &checkpoint)
{
    if (!checkpoint.isValid())
        return StoreError{StoreError::Code::InvalidArgument,
                          tr("invalid checkpoint for lease %1 of %2").arg(leaseKey, d->tableName)};
    return d->update(
        leaseKey, expectedCounter,
        [&](Lease &lease) {
            lease.checkpoint = checkpoint;
            lease.pendingCheckpoint.reset();
            lease.ownerSwitchesSinceCheckpoint = 0;
            ++lease.leaseCounter;
        },
        [&](const Lease &lease) { return lease.isOwnedBy(owner); });
}

StoreResult<LeaseWrite> LeaseTable::setChildShardIds(const QString &leaseKey, std::int64_t expectedCounter,
                                                     const QStringList &childShardIds)
{
    return d->update(leaseKey, expectedCounter, [&](Lease &lease) { lease.childShardIds = childShardIds; });
}

StoreResult<LeaseWrite> LeaseTable::remove(const QString &leaseKey, std::int64_t expectedCounter)
{
    return d->update(leaseKey, expectedCounter, {});
}

StoreResult<LeaseWrite> LeaseTable::resetCheckpoint(const QString &leaseKey, std::int64_t expectedCounter,
                                                    const SequenceNumber &to, ResetGuard guard)
{
    if (!to.isValid() || to.kind() == SequenceNumber::Kind::ShardEnd)
        return StoreError{StoreError::Code::InvalidArgument,
                          tr("cannot reset lease %1 of %2 to %3: use TRIM_HORIZON, LATEST, AT_TIMESTAMP or a "
                             "sequence number")
                              .arg(leaseKey, d->tableName, to.isValid() ? to.toString() : u"?"_s)};
    const auto check = [&](const std::optional<Lease> &lease) {
        if (!lease || lease->leaseCounter != expectedCounter)
            return LeaseWrite::Outcome::ConditionFailed;
        if (lease->leaseOwner && guard == ResetGuard::RefuseWhileOwned)
            return LeaseWrite::Outcome::RefusedOwned;
        return LeaseWrite::Outcome::Applied;
    };
    auto result = d->write(leaseKey, check, [&](Lease &lease) {
        lease.checkpoint = to;
        lease.pendingCheckpoint.reset();
        lease.ownerSwitchesSinceCheckpoint = 0;
        lease.leaseOwner.reset();
        ++lease.leaseCounter;
    });
    if (result && result->applied())
        qCInfo(lcLeases).noquote() << "lease" << leaseKey << "of" << d->tableName << "in" << storePath()
                                   << "reset to" << to.display();
    return result;
}

} // namespace qmld

#include "dynamodb/LeaseItem.h"

#include <QJsonArray>

namespace qmld::dynamodb {

namespace {

QString string(const QJsonObject &item, QLatin1StringView name)
{
    return item.value(name).toObject().value(QLatin1StringView("S")).toString();
}

bool has(const QJsonObject &item, QLatin1StringView name)
{
    return item.value(name).isObject();
}

std::int64_t number(const QJsonObject &item, QLatin1StringView name)
{
    return item.value(name).toObject().value(QLatin1StringView("N")).toString().toLongLong();
}

QStringList stringSet(const QJsonObject &item, QLatin1StringView name)
{
    QStringList values;
    for (const QJsonValue &value : item.value(name).toObject().value(QLatin1StringView("SS")).toArray())
        values.append(value.toString());
    return values;
}

QJsonObject s(const QString &value) { return {{QStringLiteral("S"), value}}; }
QJsonObject n(std::int64_t value) { return {{QStringLiteral("N"), QString::number(value)}}; }
QJsonObject ss(const QStringList &values) { return {{QStringLiteral("SS"), QJsonArray::fromStringList(values)}}; }

} // namespace

std::optional<Lease> leaseFromItem(const QJsonObject &item)
{
    Lease lease;
    lease.leaseKey = string(item, QLatin1StringView("leaseKey"));
    if (lease.leaseKey.isEmpty())
        return std::nullopt;
    if (has(item, QLatin1StringView("leaseOwner")))
        lease.leaseOwner = string(item, QLatin1StringView("leaseOwner"));
    lease.leaseCounter = number(item, QLatin1StringView("leaseCounter"));
    const QString checkpoint = string(item, QLatin1StringView("checkpoint"));
    const auto parsed = SequenceNumber::parse(checkpoint.isEmpty() ? QStringLiteral("TRIM_HORIZON") : checkpoint,
                                              number(item, QLatin1StringView("checkpointSubSequenceNumber")));
    if (!parsed)
        return std::nullopt;
    lease.checkpoint = *parsed;
    lease.ownerSwitchesSinceCheckpoint = number(item, QLatin1StringView("ownerSwitchesSinceCheckpoint"));
    lease.parentShardId = stringSet(item, QLatin1StringView("parentShardId"));
    lease.childShardIds = stringSet(item, QLatin1StringView("childShardIds"));
    if (has(item, QLatin1StringView("pendingCheckpoint")))
        lease.pendingCheckpoint = SequenceNumber::parse(string(item, QLatin1StringView("pendingCheckpoint")),
                                                        number(item, QLatin1StringView("pendingCheckpointSubSequenceNumber")));
    if (has(item, QLatin1StringView("startingHashKey")) && has(item, QLatin1StringView("endingHashKey")))
        lease.hashKeyRange = HashKeyRange::parse(string(item, QLatin1StringView("startingHashKey")).toLatin1(),
                                                 string(item, QLatin1StringView("endingHashKey")).toLatin1());
    return lease;
}

QJsonObject itemFromLease(const Lease &lease, const QJsonObject &base)
{
    QJsonObject item = base;
    // DynamoDB has no empty sets and no nulls: an absent value is an absent attribute.
    const auto setOrRemove = [&item](const QString &name, const std::optional<QJsonObject> &value) {
        if (value)
            item.insert(name, *value);
        else
            item.remove(name);
    };
    item.insert(QStringLiteral("leaseKey"), s(lease.leaseKey));
    setOrRemove(QStringLiteral("leaseOwner"), lease.leaseOwner ? std::optional(s(*lease.leaseOwner)) : std::nullopt);
    item.insert(QStringLiteral("leaseCounter"), n(lease.leaseCounter));
    item.insert(QStringLiteral("checkpoint"), s(lease.checkpoint.toString()));
    item.insert(QStringLiteral("checkpointSubSequenceNumber"), n(lease.checkpoint.subSequence()));
    item.insert(QStringLiteral("ownerSwitchesSinceCheckpoint"), n(lease.ownerSwitchesSinceCheckpoint));
    setOrRemove(QStringLiteral("parentShardId"), lease.parentShardId.isEmpty() ? std::nullopt : std::optional(ss(lease.parentShardId)));
    setOrRemove(QStringLiteral("childShardIds"), lease.childShardIds.isEmpty() ? std::nullopt : std::optional(ss(lease.childShardIds)));
    setOrRemove(QStringLiteral("pendingCheckpoint"),
                lease.pendingCheckpoint ? std::optional(s(lease.pendingCheckpoint->toString())) : std::nullopt);
    setOrRemove(QStringLiteral("pendingCheckpointSubSequenceNumber"),
                lease.pendingCheckpoint ? std::optional(n(lease.pendingCheckpoint->subSequence())) : std::nullopt);
    if (!lease.pendingCheckpoint)
        item.remove(QStringLiteral("pendingCheckpointState"));
    setOrRemove(QStringLiteral("startingHashKey"),
                lease.hashKeyRange ? std::optional(s(lease.hashKeyRange->starting.toString())) : std::nullopt);
    setOrRemove(QStringLiteral("endingHashKey"),
                lease.hashKeyRange ? std::optional(s(lease.hashKeyRange->ending.toString())) : std::nullopt);
    return item;
}

} // namespace qmld::dynamodb

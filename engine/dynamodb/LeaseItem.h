#pragma once

// A Lease and the DynamoDB item the KCL writes for it (DynamoDBLeaseSerializer).

#include <qmld/Lease.h>

#include <QJsonObject>

#include <optional>

namespace qmld::dynamodb {

// nullopt when the item has no leaseKey or an unreadable checkpoint.
std::optional<Lease> leaseFromItem(const QJsonObject &item);
// `base`'s attributes (those Lease does not model are kept) with the lease's written over them.
QJsonObject itemFromLease(const Lease &lease, const QJsonObject &base = {});

} // namespace qmld::dynamodb

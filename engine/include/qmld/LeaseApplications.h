#pragma once

#include <qmld/StreamStore.h>

#include <QString>

#include <chrono>
#include <vector>

namespace qmld {

// An application (a KCL lease table) that has leases in an embedded store.
struct LeaseApplication
{
    QString name;
    int leases = 0;
    int owned = 0; // leases with an owner
};

// Every application with leases in the store, by name; reads only (a store
// without a lease table has none).
StoreResult<std::vector<LeaseApplication>> leaseApplications(
    const QString &storePath, std::chrono::milliseconds busyTimeout = std::chrono::seconds(5));

} // namespace qmld

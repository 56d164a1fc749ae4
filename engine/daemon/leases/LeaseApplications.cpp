#include <qmld/LeaseApplications.h>

#include "daemon/store/StoreConnection.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace qmld {

StoreResult<std::vector<LeaseApplication>> leaseApplications(const QString &storePath,
                                                             std::chrono::milliseconds busyTimeout)
{
    auto connection = store::StoreConnection::open(storePath, StreamStore::OpenMode::MustExist, busyTimeout);
    if (!connection)
        return connection.error();
    StoreError error;
    QSqlQuery *exists = (*connection)->prepared(
        u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'leases'"_s, &error);
    if (!exists)
        return error;
    if (!exists->exec() || !exists->next())
        return (*connection)->errorFrom(exists->lastError(), u"reading");
    const bool hasTable = exists->value(0).toInt() > 0;
    exists->finish();
    std::vector<LeaseApplication> applications;
    if (!hasTable)
        return applications;
    QSqlQuery *query = (*connection)->prepared(
        u"SELECT tableName, COUNT(*), COUNT(leaseOwner) FROM leases GROUP BY tableName ORDER BY tableName"_s, &error);
    if (!query)
        return error;
    if (!query->exec())
        return (*connection)->errorFrom(query->lastError(), u"reading");
    while (query->next())
        applications.push_back({query->value(0).toString(), query->value(1).toInt(), query->value(2).toInt()});
    query->finish();
    return applications;
}

} // namespace qmld

#pragma once

#include "monitor/ShardActivity.h"

#include <qmld/Lease.h>
#include <qmld/MonitorSnapshot.h>

#include <QString>

#include <map>
#include <vector>

namespace qmld::monitor {

// The lease table as last read: the leases, each judged expired or not.
struct LeaseView
{
    std::vector<Lease> leases;
    std::vector<bool> expired; // parallel to leases
};

// One row per shard that a session here reported on or that has a lease, in
// shardId order: the lease says who owns it and where its checkpoint is,
// the sessions here say what is happening to it in this process.
std::vector<ShardRow> mergeRows(const std::map<QString, ShardActivity> &activity, const LeaseView &leases,
                                const QString &workerId, int rateWindowSeconds);

MonitorTotals totalsOf(const std::vector<ShardRow> &rows);

} // namespace qmld::monitor

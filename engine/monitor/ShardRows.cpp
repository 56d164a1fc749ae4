#include "monitor/ShardRows.h"

#include <algorithm>

namespace qmld::monitor {

namespace {

struct Sources
{
    const ShardActivity *activity = nullptr;
    const Lease *lease = nullptr;
    bool expired = false;
};

Ownership ownershipOf(const Sources &shard, const QString &workerId)
{
    const bool sessionHere = shard.activity && shard.activity->live();
    if (!shard.lease)
        return sessionHere ? Ownership::ThisProcess : Ownership::Unknown;
    if (!shard.lease->leaseOwner || shard.lease->leaseOwner->isEmpty())
        return Ownership::Nobody;
    if (workerId.isEmpty())
        return sessionHere ? Ownership::ThisProcess : Ownership::OtherWorker;
    return shard.lease->isOwnedBy(workerId) ? Ownership::ThisProcess : Ownership::OtherWorker;
}

ShardState stateOf(const Sources &shard, Ownership ownership, const LeaseView &table)
{
    const std::optional<ShardState> here = shard.activity ? shard.activity->sessionState() : std::nullopt;
    if (here == ShardState::Ended
        || (shard.lease && shard.lease->checkpoint.kind() == SequenceNumber::Kind::ShardEnd))
        return ShardState::Ended;
    if (shard.activity && shard.activity->live())
        return here.value_or(ShardState::Processing);
    if (!shard.lease)
        return here.value_or(ShardState::Unowned);
    if (!readyToProcess(*shard.lease, table.leases))
        return ShardState::WaitingForParents;
    switch (ownership) {
    case Ownership::Nobody:
        return ShardState::Unowned;
    case Ownership::OtherWorker:
        return ShardState::Processing;
    case Ownership::ThisProcess:
    case Ownership::Unknown:
        break;
    }
    // Ours, but no session here serves it: what the last one left, else the
    // daemon has not started one yet.
    return here.value_or(ShardState::Assigned);
}

ShardRow rowOf(const QString &shardId, const Sources &shard, const LeaseView &table, const QString &workerId,
               int rateWindowSeconds)
{
    ShardRow row;
    row.shardId = shardId;
    row.ownership = ownershipOf(shard, workerId);
    row.state = stateOf(shard, row.ownership, table);
    if (const Lease *lease = shard.lease) {
        row.inLeaseTable = true;
        row.parentShardIds = lease->parentShardId;
        row.leaseOwner = lease->leaseOwner;
        row.leaseCounter = lease->leaseCounter;
        row.ownerSwitchesSinceCheckpoint = lease->ownerSwitchesSinceCheckpoint;
        row.expired = shard.expired;
        row.checkpoint = lease->checkpoint;
    }
    if (const ShardActivity *activity = shard.activity) {
        row.sessionHere = activity->live();
        if (!shard.lease)
            row.checkpoint = activity->checkpoint();
        row.lastProcessed = activity->lastProcessed();
        row.millisBehindLatest = activity->millisBehindLatest();
        if (!row.sessionHere && row.millisBehindLatest)
            row.lagMeasuredAt = activity->lagMeasuredAt();
        row.recordsPerSecond = activity->recordsPerSecond(rateWindowSeconds);
        row.bytesPerSecond = activity->bytesPerSecond(rateWindowSeconds);
        row.recordsProcessed = activity->recordsProcessed();
        row.bytesProcessed = activity->bytesProcessed();
        row.lastCheckpoint = activity->lastCheckpoint();
        row.lastError = activity->lastError();
        row.history = activity->history();
    }
    return row;
}

} // namespace

std::vector<ShardRow> mergeRows(const std::map<QString, ShardActivity> &activity, const LeaseView &leases,
                                const QString &workerId, int rateWindowSeconds)
{
    std::map<QString, Sources> shards;
    for (const auto &[shardId, shard] : activity)
        shards[shardId].activity = &shard;
    for (std::size_t i = 0; i < leases.leases.size(); ++i) {
        Sources &shard = shards[leases.leases[i].leaseKey];
        shard.lease = &leases.leases[i];
        shard.expired = i < leases.expired.size() && leases.expired[i];
    }
    std::vector<ShardRow> rows;
    rows.reserve(shards.size());
    for (const auto &[shardId, shard] : shards)
        rows.push_back(rowOf(shardId, shard, leases, workerId, rateWindowSeconds));
    return rows;
}

MonitorTotals totalsOf(const std::vector<ShardRow> &rows)
{
    MonitorTotals totals;
    totals.shards = int(rows.size());
    for (const ShardRow &row : rows) {
        totals.here += row.ownership == Ownership::ThisProcess;
        totals.otherWorkers += row.ownership == Ownership::OtherWorker;
        totals.unowned += row.ownership == Ownership::Nobody;
        totals.failed += row.state == ShardState::Failed;
        totals.recordsPerSecond += row.recordsPerSecond;
        totals.bytesPerSecond += row.bytesPerSecond;
        totals.recordsProcessed += row.recordsProcessed;
        if (row.millisBehindLatest)
            totals.maxMillisBehindLatest = std::max(totals.maxMillisBehindLatest.value_or(0), *row.millisBehindLatest);
    }
    return totals;
}

} // namespace qmld::monitor

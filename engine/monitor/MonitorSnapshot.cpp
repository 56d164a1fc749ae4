#include <qmld/MonitorSnapshot.h>

#include <QCoreApplication>

#include <algorithm>

namespace qmld {

QString shardStateName(ShardState state)
{
    switch (state) {
    case ShardState::Unowned:
        return QCoreApplication::translate("qmld::ShardState", "unowned");
    case ShardState::WaitingForParents:
        return QCoreApplication::translate("qmld::ShardState", "waiting for parents");
    case ShardState::Assigned:
        return QCoreApplication::translate("qmld::ShardState", "assigned");
    case ShardState::Processing:
        return QCoreApplication::translate("qmld::ShardState", "processing");
    case ShardState::ShuttingDown:
        return QCoreApplication::translate("qmld::ShardState", "shutting down");
    case ShardState::Ended:
        return QCoreApplication::translate("qmld::ShardState", "ended");
    case ShardState::LeaseLost:
        return QCoreApplication::translate("qmld::ShardState", "lease lost");
    case ShardState::Stopped:
        return QCoreApplication::translate("qmld::ShardState", "stopped");
    case ShardState::Failed:
        return QCoreApplication::translate("qmld::ShardState", "failed");
    }
    return {};
}

QString ownershipName(Ownership ownership)
{
    switch (ownership) {
    case Ownership::Unknown:
        return QCoreApplication::translate("qmld::Ownership", "unknown");
    case Ownership::ThisProcess:
        return QCoreApplication::translate("qmld::Ownership", "this process");
    case Ownership::OtherWorker:
        return QCoreApplication::translate("qmld::Ownership", "another worker");
    case Ownership::Nobody:
        return QCoreApplication::translate("qmld::Ownership", "nobody");
    }
    return {};
}

QString checkpointStateName(CheckpointStatus::State state)
{
    switch (state) {
    case CheckpointStatus::State::None:
        return {};
    case CheckpointStatus::State::Pending:
        return QCoreApplication::translate("qmld::CheckpointStatus", "pending");
    case CheckpointStatus::State::Ok:
        return QCoreApplication::translate("qmld::CheckpointStatus", "ok");
    case CheckpointStatus::State::Failed:
        return QCoreApplication::translate("qmld::CheckpointStatus", "failed");
    }
    return {};
}

DaemonStatus DaemonStatus::of(const StreamRunner &runner, const QDateTime &now)
{
    DaemonStatus status;
    status.state = runner.state();
    status.pid = runner.daemonPid();
    status.restarts = runner.restartCount();
    if (status.pid != 0)
        status.startedAt = now.addMSecs(-runner.uptime().count());
    status.lastError = runner.lastError();
    return status;
}

std::chrono::milliseconds DaemonStatus::uptime(const QDateTime &now) const
{
    if (!startedAt.isValid())
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::max<qint64>(0, startedAt.msecsTo(now)));
}

int MonitorSnapshot::indexOf(const QString &shardId) const
{
    const auto it = std::lower_bound(shards.begin(), shards.end(), shardId,
                                     [](const ShardRow &row, const QString &id) { return row.shardId < id; });
    return it != shards.end() && it->shardId == shardId ? int(it - shards.begin()) : -1;
}

const ShardRow *MonitorSnapshot::find(const QString &shardId) const
{
    const int index = indexOf(shardId);
    return index < 0 ? nullptr : &shards[std::size_t(index)];
}

} // namespace qmld

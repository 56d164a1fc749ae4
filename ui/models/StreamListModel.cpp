#include "models/StreamListModel.h"

#include <QColor>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
QString durationText(std::chrono::milliseconds duration)
{
    const qint64 seconds = duration.count() / 1000;
    if (seconds < 60)
        return StreamListModel::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return StreamListModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return StreamListModel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds / 60) % 60);
}
} // namespace

StreamListModel::StreamListModel(QObject *parent) : QAbstractTableModel(parent) {}

int StreamListModel::addStream(const QString &name)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back({name, nullptr, false});
    endInsertRows();
    return row;
}

void StreamListModel::removeStream(int row)
{
    if (row < 0 || row >= int(m_entries.size()))
        return;
    beginRemoveRows({}, row, row);
    m_entries.erase(m_entries.begin() + row);
    endRemoveRows();
}

void StreamListModel::renameStream(int row, const QString &name)
{
    if (row < 0 || row >= int(m_entries.size()))
        return;
    m_entries[std::size_t(row)] = {name, nullptr, false};
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void StreamListModel::setSnapshot(const QString &name, MonitorSnapshotPtr snapshot)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    m_entries[std::size_t(row)].snapshot = std::move(snapshot);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void StreamListModel::setLagAlert(const QString &name, bool over)
{
    const int row = rowOf(name);
    if (row < 0 || m_entries[std::size_t(row)].lagAlert == over)
        return;
    m_entries[std::size_t(row)].lagAlert = over;
    Q_EMIT dataChanged(index(row, State), index(row, State));
}

int StreamListModel::rowOf(const QString &name) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].name == name)
            return int(i);
    }
    return -1;
}

QString StreamListModel::name(int row) const
{
    return row >= 0 && row < int(m_entries.size()) ? m_entries[std::size_t(row)].name : QString();
}

MonitorSnapshotPtr StreamListModel::snapshot(int row) const
{
    return row >= 0 && row < int(m_entries.size()) ? m_entries[std::size_t(row)].snapshot : nullptr;
}

QString StreamListModel::stateText(const DaemonStatus &daemon)
{
    switch (daemon.state) {
    case StreamRunner::State::Stopped: return tr("stopped");
    case StreamRunner::State::Starting: return tr("starting");
    case StreamRunner::State::Running: return tr("running");
    case StreamRunner::State::BackingOff: return tr("backing off");
    case StreamRunner::State::Stopping: return tr("stopping");
    case StreamRunner::State::Failed: return tr("failed");
    }
    return QString();
}

int StreamListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int StreamListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_entries.size()))
        return {};
    const Entry &entry = m_entries[std::size_t(index.row())];
    const DaemonStatus daemon = entry.snapshot ? entry.snapshot->daemon : DaemonStatus{};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return entry.name;
        case State: return entry.lagAlert ? tr("%1 · ⚠ lag").arg(stateText(daemon)) : stateText(daemon);
        case Pid: return daemon.pid ? QVariant(daemon.pid) : QVariant();
        case Restarts: return daemon.restarts;
        case Uptime:
            return daemon.startedAt.isValid() && entry.snapshot
                       ? durationText(daemon.uptime(entry.snapshot->takenAt))
                       : QString();
        case Shards: return entry.snapshot ? QVariant(int(entry.snapshot->shards.size())) : QVariant();
        }
    }
    if (role == Qt::ToolTipRole) {
        if (entry.lagAlert && index.column() == State)
            return tr("%1; shards are over the stream's lag alert").arg(stateText(daemon));
        if (!daemon.lastError.isEmpty())
            return tr("%1: %2").arg(stateText(daemon), daemon.lastError);
        return stateText(daemon);
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (entry.lagAlert)
            return QColor(0xd9, 0x3b, 0x3b);
        switch (daemon.state) {
        case StreamRunner::State::Running: return QColor(0x2e, 0x9d, 0x4f);
        case StreamRunner::State::BackingOff: return QColor(0xe0, 0x8a, 0x1e);
        case StreamRunner::State::Failed: return QColor(0xd9, 0x3b, 0x3b);
        default: return {};
        }
    }
    return {};
}

QVariant StreamListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Stream");
        case State: return tr("State");
        case Pid: return tr("Daemon pid");
        case Restarts: return tr("Restarts");
        case Uptime: return tr("Uptime");
        case Shards: return tr("Shards");
        }
    }
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case Name: return tr("The stream's name in the console.");
        case State: return tr("The daemon: running, backing off before a restart, or failed with its last error (hover it).");
        case Pid: return tr("The process id of the stream's daemon while it runs.");
        case Restarts: return tr("How often the daemon was restarted since it was started.");
        case Uptime: return tr("How long the current daemon has been running.");
        case Shards: return tr("The shards of the stream known to the console: from the lease table and the sessions here.");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace qmld::ui

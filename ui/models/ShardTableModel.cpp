#include "models/ShardTableModel.h"

#include <QColor>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
bool sameShards(const MonitorSnapshot *a, const MonitorSnapshot *b)
{
    const std::size_t countA = a ? a->shards.size() : 0;
    const std::size_t countB = b ? b->shards.size() : 0;
    if (countA != countB)
        return false;
    for (std::size_t i = 0; i < countA; ++i) {
        if (a->shards[i].shardId != b->shards[i].shardId)
            return false;
    }
    return true;
}

QString sequenceText(const std::optional<SequenceNumber> &sequence)
{
    return sequence ? sequence->display() : QString();
}
} // namespace

ShardTableModel::ShardTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ShardTableModel::setSnapshot(MonitorSnapshotPtr snapshot)
{
    if (sameShards(m_snapshot.get(), snapshot.get())) {
        m_snapshot = std::move(snapshot);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    // Shards come and go rarely (resharding, a stream switched): a reset is
    // simplest; views keep their selection by shard id (ShardIdRole).
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

void ShardTableModel::setLagAlert(std::optional<std::int64_t> thresholdMs)
{
    if (thresholdMs && *thresholdMs <= 0)
        thresholdMs.reset();
    if (thresholdMs == m_lagAlertMs)
        return;
    m_lagAlertMs = thresholdMs;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Lag), index(rowCount() - 1, Lag));
}

bool ShardTableModel::isOverLagAlert(const ShardRow &row) const
{
    return m_lagAlertMs && row.sessionHere && row.millisBehindLatest && *row.millisBehindLatest >= *m_lagAlertMs;
}

const ShardRow *ShardTableModel::row(int row) const
{
    if (!m_snapshot || row < 0 || row >= int(m_snapshot->shards.size()))
        return nullptr;
    return &m_snapshot->shards[std::size_t(row)];
}

int ShardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_snapshot ? 0 : int(m_snapshot->shards.size());
}

int ShardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

ShardTableModel::Liveness ShardTableModel::liveness(const ShardRow &row)
{
    if (row.ownership == Ownership::Nobody)
        return Liveness::Nobody;
    if (row.ownership == Ownership::Unknown)
        return Liveness::Unknown;
    // An owner that stopped renewing is gone, whoever it was.
    if (row.expired && row.inLeaseTable && row.leaseOwner)
        return Liveness::Expired;
    if (row.ownership == Ownership::ThisProcess)
        return row.sessionHere ? Liveness::Here : Liveness::ThisWorkerIdle;
    return Liveness::OtherWorker;
}

QString ShardTableModel::ownerText(const ShardRow &row)
{
    const QString owner = row.leaseOwner.value_or(QString());
    switch (liveness(row)) {
    case Liveness::Here: return tr("%1 (this process)").arg(row.leaseOwner.value_or(tr("here")));
    case Liveness::ThisWorkerIdle: return tr("%1 (this console, not processing)").arg(owner);
    case Liveness::OtherWorker: return tr("%1 (other worker)").arg(owner);
    case Liveness::Expired: return tr("%1 (expired)").arg(owner);
    case Liveness::Nobody: return tr("nobody");
    case Liveness::Unknown: break;
    }
    return tr("unknown");
}

QString ShardTableModel::lagText(std::optional<std::int64_t> millis)
{
    if (!millis)
        return QString();
    if (*millis < 1000)
        return tr("%1 ms").arg(*millis);
    return tr("%1 s").arg(QLocale().toString(double(*millis) / 1000.0, 'f', 1));
}

QString ShardTableModel::rateText(double perSecond)
{
    if (perSecond >= 1e6)
        return QLocale().toString(perSecond / 1e6, 'f', 2) + u'M';
    if (perSecond >= 1e4)
        return QLocale().toString(perSecond / 1e3, 'f', 1) + u'k';
    return QLocale().toString(perSecond, 'f', 0);
}

QString ShardTableModel::checkpointStatusText(const CheckpointStatus &status)
{
    const QString at = status.at.isValid() ? status.at.toLocalTime().toString(u"HH:mm:ss"_s) : QString();
    // SHARD_END is the checkpoint every ended shard must make, whatever the policy (even "by hand only").
    const bool shardEnd = status.position && status.position->kind() == SequenceNumber::Kind::ShardEnd;
    const QString how = status.manual ? tr("by hand") : shardEnd ? tr("at shard end") : tr("by policy");
    switch (status.state) {
    case CheckpointStatus::State::None:
        return QString();
    case CheckpointStatus::State::Pending:
        return tr("pending since %1").arg(at);
    case CheckpointStatus::State::Ok:
        return tr("ok %1 (%2)").arg(at, how);
    case CheckpointStatus::State::Failed:
        return tr("failed %1: %2").arg(at, status.error);
    }
    return QString();
}

QVariant ShardTableModel::display(const ShardRow &row, int column) const
{
    switch (column) {
    case Shard: return row.shardId;
    case Parent: return row.parentShardIds.join(u", "_s);
    case State: return liveness(row) == Liveness::Expired ? tr("expired (was %1)").arg(shardStateName(row.state))
                                                          : shardStateName(row.state);
    case Owner: return ownerText(row);
    case LeaseCounter: return row.leaseCounter ? QVariant(qlonglong(*row.leaseCounter)) : QVariant();
    case Checkpoint: return sequenceText(row.checkpoint);
    case LastProcessed: return sequenceText(row.lastProcessed);
    case Lag: return isOverLagAlert(row) ? u"⚠ "_s + lagText(row.millisBehindLatest) : lagText(row.millisBehindLatest);
    case RecordsPerSecond: return row.sessionHere || row.recordsPerSecond > 0 ? rateText(row.recordsPerSecond) : QString();
    case BytesPerSecond:
        return row.sessionHere || row.bytesPerSecond > 0 ? QLocale().formattedDataSize(qint64(row.bytesPerSecond)) + tr("/s")
                                                         : QString();
    case LastCheckpoint: return checkpointStatusText(row.lastCheckpoint);
    case OwnerSwitches:
        return row.ownerSwitchesSinceCheckpoint ? QVariant(qlonglong(*row.ownerSwitchesSinceCheckpoint)) : QVariant();
    }
    return {};
}

QVariant ShardTableModel::sortValue(const ShardRow &row, int column) const
{
    switch (column) {
    case Lag: return row.millisBehindLatest ? QVariant(qlonglong(*row.millisBehindLatest)) : QVariant(qlonglong(-1));
    case RecordsPerSecond: return row.recordsPerSecond;
    case BytesPerSecond: return row.bytesPerSecond;
    case LastCheckpoint: return row.lastCheckpoint.at;
    case Checkpoint:
    case LastProcessed: {
        // Equal-length zero-padded digits sort as numbers; sentinels first.
        const auto &sequence = column == Checkpoint ? row.checkpoint : row.lastProcessed;
        if (!sequence)
            return QString();
        const QString text = sequence->toString();
        return sequence->kind() == SequenceNumber::Kind::Digits ? text.rightJustified(130, u'0') : text;
    }
    default: return display(row, column);
    }
}

QVariant ShardTableModel::foreground(const ShardRow &row, int column) const
{
    if (column == Owner || (column == State && liveness(row) == Liveness::Expired))
        return ownerColour(liveness(row));
    if (column == Lag && isOverLagAlert(row))
        return QColor(0xd9, 0x3b, 0x3b);
    if (column == Lag && row.millisBehindLatest) {
        if (*row.millisBehindLatest >= kLagAlarmMs)
            return QColor(0xd9, 0x3b, 0x3b);
        if (*row.millisBehindLatest >= kLagWarningMs)
            return QColor(0xe0, 0x8a, 0x1e);
    }
    if (column == State && row.state == ShardState::Failed)
        return QColor(0xd9, 0x3b, 0x3b);
    if (column == LastCheckpoint && row.lastCheckpoint.state == CheckpointStatus::State::Failed)
        return QColor(0xd9, 0x3b, 0x3b);
    return {};
}

QVariant ShardTableModel::ownerColour(Liveness liveness)
{
    switch (liveness) {
    case Liveness::Here: return QColor(0x2e, 0x9d, 0x4f);
    case Liveness::ThisWorkerIdle: return QColor(0xb0, 0x6d, 0x00);
    case Liveness::OtherWorker: return QColor(0x3a, 0x7b, 0xd5);
    case Liveness::Expired:
    case Liveness::Nobody: return QColor(0x8a, 0x8a, 0x8a);
    case Liveness::Unknown: break;
    }
    return {};
}

QVariant ShardTableModel::data(const QModelIndex &index, int role) const
{
    const ShardRow *shard = index.isValid() ? row(index.row()) : nullptr;
    if (!shard || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole: return display(*shard, index.column());
    case SortRole: return sortValue(*shard, index.column());
    case ShardIdRole: return shard->shardId;
    case Qt::ForegroundRole: return foreground(*shard, index.column());
    case Qt::ToolTipRole:
        if (index.column() == State && !shard->lastError.isEmpty())
            return shard->lastError;
        if (index.column() == Lag && isOverLagAlert(*shard))
            return tr("%1 behind the tip: at or over this stream's lag alert of %2")
                .arg(lagText(shard->millisBehindLatest), lagText(m_lagAlertMs));
        if (index.column() == Lag && shard->millisBehindLatest && shard->lagMeasuredAt.isValid())
            return tr("the lease's checkpoint is %1 behind the tip of the shard (measured at %2: no session in this "
                      "process serves it)")
                .arg(lagText(shard->millisBehindLatest), shard->lagMeasuredAt.toLocalTime().toString(u"HH:mm:ss"_s));
        if (index.column() == LastCheckpoint && shard->lastCheckpoint.position)
            return shard->lastCheckpoint.position->display();
        return display(*shard, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case LeaseCounter: case Lag: case RecordsPerSecond: case BytesPerSecond: case OwnerSwitches:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    default: return {};
    }
}

QVariant ShardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // The shard id again in the row header, which stays put when the table scrolls sideways.
    if (orientation == Qt::Vertical && (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
        const ShardRow *shard = row(section);
        return shard ? QVariant(shard->shardId) : QVariant();
    }
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Shard: return tr("Shard");
        case Parent: return tr("Parent");
        case State: return tr("State");
        case Owner: return tr("Lease owner");
        case LeaseCounter: return tr("Counter");
        case Checkpoint: return tr("Checkpoint");
        case LastProcessed: return tr("Last processed");
        case Lag: return tr("Behind latest");
        case RecordsPerSecond: return tr("Records/s");
        case BytesPerSecond: return tr("Bytes/s");
        case LastCheckpoint: return tr("Last checkpoint");
        case OwnerSwitches: return tr("Owner switches");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Shard: return tr("The shard id (the lease key in the KCL lease table).");
        case Parent: return tr("The shards this one was split or merged from; it starts only after they reach SHARD_END.");
        case State: return tr("What is happening to the shard: processing here or by another worker, waiting for its parents, ended, failed.");
        case Owner: return tr("The worker holding the lease (leaseOwner): this process, another worker, or nobody.");
        case LeaseCounter: return tr("leaseCounter: the owner bumps it at every renewal; a counter that stops moving means the owner is gone.");
        case Checkpoint: return tr("The lease's checkpoint: processing resumes after it.");
        case LastProcessed: return tr("The last record the processor here handled.");
        case Lag: return tr("millisBehindLatest: how far behind the tip of the shard the last batch was.");
        case RecordsPerSecond: return tr("Records handled here per second, over the last seconds.");
        case BytesPerSecond: return tr("Payload bytes handled here per second.");
        case LastCheckpoint: return tr("The last checkpoint asked for here: pending, ok or failed with the daemon's error.");
        case OwnerSwitches: return tr("ownerSwitchesSinceCheckpoint: how often the lease changed hands since its last checkpoint.");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace qmld::ui

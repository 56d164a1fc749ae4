#include "aws/AwsShardModel.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace qmld::ui {

AwsShardModel::AwsShardModel(QObject *parent) : QAbstractTableModel(parent) {}

void AwsShardModel::setShards(const QJsonArray &shards)
{
    beginResetModel();
    m_shards = shards;
    endResetModel();
}

QJsonObject AwsShardModel::shard(int row) const
{
    return row >= 0 && row < m_shards.size() ? m_shards.at(row).toObject() : QJsonObject();
}

int AwsShardModel::rowOf(const QString &shardId) const
{
    for (int row = 0; row < m_shards.size(); ++row)
        if (m_shards.at(row)["ShardId"_L1].toString() == shardId)
            return row;
    return -1;
}

bool AwsShardModel::isClosed(int row) const
{
    return shard(row)["SequenceNumberRange"_L1].toObject().contains("EndingSequenceNumber"_L1);
}

int AwsShardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shards.size());
}

int AwsShardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AwsShardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QJsonObject shard = m_shards.at(index.row()).toObject();
    const bool closed = isClosed(index.row());
    if (role == Qt::ForegroundRole && closed)
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::ToolTipRole && index.column() == State)
        return closed ? tr("Closed by a split or merge: it takes no new records, its records stay for the retention period.")
                      : tr("Open: new records with keys in its hash key range go here.");
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) // the tooltip: keys and sequence numbers in full
        return {};
    const QJsonObject hash = shard["HashKeyRange"_L1].toObject();
    const QJsonObject sequence = shard["SequenceNumberRange"_L1].toObject();
    switch (index.column()) {
    case ShardId: return shard["ShardId"_L1].toString();
    case State: return closed ? tr("closed") : tr("open");
    case Parent: return shard["ParentShardId"_L1].toString();
    case AdjacentParent: return shard["AdjacentParentShardId"_L1].toString();
    case StartingHashKey: return hash["StartingHashKey"_L1].toString();
    case EndingHashKey: return hash["EndingHashKey"_L1].toString();
    case StartingSequence: return sequence["StartingSequenceNumber"_L1].toString();
    case EndingSequence: return sequence["EndingSequenceNumber"_L1].toString();
    }
    return {};
}

QVariant AwsShardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ShardId: return tr("Shard");
    case State: return tr("State");
    case Parent: return tr("Parent");
    case AdjacentParent: return tr("Adjacent parent");
    case StartingHashKey: return tr("Starting hash key");
    case EndingHashKey: return tr("Ending hash key");
    case StartingSequence: return tr("Starting sequence number");
    case EndingSequence: return tr("Ending sequence number");
    }
    return {};
}

} // namespace qmld::ui

#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

namespace qmld::ui {

// Every shard of a Kinesis stream as ListShards gives them, open and closed:
// parents, hash key range, sequence number range.
class AwsShardModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ShardId,
        State,
        Parent,
        AdjacentParent,
        StartingHashKey,
        EndingHashKey,
        StartingSequence,
        EndingSequence,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit AwsShardModel(QObject *parent = nullptr);

    void setShards(const QJsonArray &shards);
    void clear() { setShards({}); }
    QJsonObject shard(int row) const;
    int rowOf(const QString &shardId) const;
    bool isClosed(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QJsonArray m_shards;
};

} // namespace qmld::ui

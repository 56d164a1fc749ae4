#pragma once

#include <qmld/MonitorSnapshot.h>

#include <QAbstractTableModel>

namespace qmld::ui {

// The shards and leases of one stream, from the monitor's snapshots: every
// worker's leases, not only this process's. Qt::UserRole gives the raw value
// for sorting (numbers as numbers).
class ShardTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Shard,
        Parent,
        State,
        Owner,
        LeaseCounter,
        Checkpoint,
        LastProcessed,
        Lag,
        RecordsPerSecond,
        BytesPerSecond,
        LastCheckpoint,
        OwnerSwitches,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int SortRole = Qt::UserRole;
    static constexpr int ShardIdRole = Qt::UserRole + 1;

    // Lag at or above these shows in the warning / the alarm colour.
    static constexpr std::int64_t kLagWarningMs = 5000;
    static constexpr std::int64_t kLagAlarmMs = 30000;

    explicit ShardTableModel(QObject *parent = nullptr);

    void setSnapshot(MonitorSnapshotPtr snapshot);
    MonitorSnapshotPtr snapshot() const { return m_snapshot; }
    const ShardRow *row(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString ownerText(const ShardRow &row);
    static QString lagText(std::optional<std::int64_t> millis);
    static QString rateText(double perSecond);
    static QString checkpointStatusText(const CheckpointStatus &status);

private:
    QVariant display(const ShardRow &row, int column) const;
    QVariant sortValue(const ShardRow &row, int column) const;
    QVariant foreground(const ShardRow &row, int column) const;

    MonitorSnapshotPtr m_snapshot;
};

} // namespace qmld::ui

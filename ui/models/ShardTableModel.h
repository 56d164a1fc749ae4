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
    // In the order an operator reads them: who has the shard, how far behind
    // it is, how fast it goes, then the details.
    enum Column {
        Shard,
        Owner,
        Lag,
        RecordsPerSecond,
        State,
        Checkpoint,
        LastCheckpoint,
        LastProcessed,
        BytesPerSecond,
        LeaseCounter,
        OwnerSwitches,
        Parent,
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
    // The stream's lag alert: lag at or above it is marked (⚠, the alarm colour, a tooltip); nullopt: off.
    void setLagAlert(std::optional<std::int64_t> thresholdMs);
    bool isOverLagAlert(const ShardRow &row) const;
    MonitorSnapshotPtr snapshot() const { return m_snapshot; }
    const ShardRow *row(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Who holds the lease, as the user must read it whatever the daemon's
    // state: processing here, held by this console's worker id while no
    // session here serves it (stopped or starting), another live worker, an
    // owner that stopped renewing, nobody.
    enum class Liveness { Here, ThisWorkerIdle, OtherWorker, Expired, Nobody, Unknown };
    static Liveness liveness(const ShardRow &row);
    static QVariant ownerColour(Liveness liveness);
    static QString ownerText(const ShardRow &row);
    static QString lagText(std::optional<std::int64_t> millis);
    static QString rateText(double perSecond);
    static QString checkpointStatusText(const CheckpointStatus &status);

private:
    QVariant display(const ShardRow &row, int column) const;
    QVariant sortValue(const ShardRow &row, int column) const;
    QVariant foreground(const ShardRow &row, int column) const;

    MonitorSnapshotPtr m_snapshot;
    std::optional<std::int64_t> m_lagAlertMs;
};

} // namespace qmld::ui

#pragma once

#include <qmld/MonitorSnapshot.h>

#include <QAbstractTableModel>

namespace qmld::ui {

// The configured streams and how their daemons are doing.
class StreamListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, State, Pid, Restarts, Uptime, Shards, ColumnCount };
    Q_ENUM(Column)

    explicit StreamListModel(QObject *parent = nullptr);

    int addStream(const QString &name);
    void removeStream(int row);
    void renameStream(int row, const QString &name);
    void setSnapshot(const QString &name, MonitorSnapshotPtr snapshot);
    // Shards of the stream are over its lag alert: the state says so (⚠ lag), in the alarm colour.
    void setLagAlert(const QString &name, bool over);
    int rowOf(const QString &name) const;
    QString name(int row) const;
    MonitorSnapshotPtr snapshot(int row) const;

    static QString stateText(const DaemonStatus &daemon);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Entry
    {
        QString name;
        MonitorSnapshotPtr snapshot;
        bool lagAlert = false;
    };
    std::vector<Entry> m_entries;
};

} // namespace qmld::ui

#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

#include <vector>

namespace qmld::ui {

// The Kinesis streams of an account and region: ListStreams' summaries,
// completed by each stream's DescribeStreamSummary (open shards, retention).
class AwsStreamModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Status, OpenShards, Retention, Mode, ColumnCount };
    Q_ENUM(Column)

    explicit AwsStreamModel(QObject *parent = nullptr);

    // ListStreams' StreamSummaries (or only its StreamNames).
    void setStreams(const QJsonObject &listed);
    // A stream's StreamDescriptionSummary.
    void setSummary(const QJsonObject &summary);
    void clear();
    QString name(int row) const;
    int rowOf(const QString &name) const;
    QJsonObject summary(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Entry
    {
        QString name;
        QJsonObject listed;  // from ListStreams
        QJsonObject summary; // from DescribeStreamSummary, once known
    };
    std::vector<Entry> m_entries;
};

} // namespace qmld::ui

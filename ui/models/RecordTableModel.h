#pragma once

#include <qmld/StreamRecord.h>

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <deque>
#include <span>

namespace qmld::ui {

// A live tail of one shard's records, bounded by a record count and a byte
// cap: the oldest rows leave as new ones arrive.
class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Sequence, SubSequence, PartitionKey, Arrival, Size, ColumnCount };
    Q_ENUM(Column)
    static constexpr int SortRole = Qt::UserRole;

    explicit RecordTableModel(QObject *parent = nullptr);

    void setLimits(int maxRecords, qint64 maxBytes);
    int maxRecords() const { return m_maxRecords; }
    qint64 maxBytes() const { return m_maxBytes; }
    qint64 bytesHeld() const { return m_bytes; }

    void append(std::span<const StreamRecord> records);
    void clear();
    const StreamRecord *record(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void trim();

    std::deque<StreamRecord> m_records;
    qint64 m_bytes = 0;
    int m_maxRecords = 5000;
    qint64 m_maxBytes = 32 * 1024 * 1024;
};

// Filters the tail by text in the data and by partition key (both substrings,
// case-insensitive).
class RecordFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RecordFilterModel(QObject *parent = nullptr);
    void setTextFilter(const QString &text);
    void setPartitionKeyFilter(const QString &key);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_key;
};

} // namespace qmld::ui

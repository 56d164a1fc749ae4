#include "models/RecordTableModel.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
qint64 sizeOf(const StreamRecord &record)
{
    return record.data.size() + (record.partitionKey ? record.partitionKey->size() : 0);
}
} // namespace

RecordTableModel::RecordTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecordTableModel::setLimits(int maxRecords, qint64 maxBytes)
{
    m_maxRecords = std::max(1, maxRecords);
    m_maxBytes = std::max<qint64>(1, maxBytes);
    trim();
}

void RecordTableModel::append(std::span<const StreamRecord> records)
{
    // Only what can stay is inserted.
    if (qsizetype(records.size()) > m_maxRecords)
        records = records.subspan(records.size() - std::size_t(m_maxRecords));
    if (records.empty())
        return;
    const int first = int(m_records.size());
    beginInsertRows({}, first, first + int(records.size()) - 1);
    for (const StreamRecord &record : records) {
        m_bytes += sizeOf(record);
        m_records.push_back(record);
    }
    endInsertRows();
    trim();
}

void RecordTableModel::trim()
{
    int excess = 0;
    qint64 bytes = m_bytes;
    while (excess < int(m_records.size()) - 1
           && (int(m_records.size()) - excess > m_maxRecords || bytes > m_maxBytes)) {
        bytes -= sizeOf(m_records[std::size_t(excess)]);
        ++excess;
    }
    if (excess == 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_records.erase(m_records.begin(), m_records.begin() + excess);
    m_bytes = bytes;
    endRemoveRows();
}

void RecordTableModel::clear()
{
    if (m_records.empty())
        return;
    beginResetModel();
    m_records.clear();
    m_bytes = 0;
    endResetModel();
}

const StreamRecord *RecordTableModel::record(int row) const
{
    return row >= 0 && row < int(m_records.size()) ? &m_records[std::size_t(row)] : nullptr;
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    const StreamRecord *r = index.isValid() ? record(index.row()) : nullptr;
    if (!r)
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Sequence: return r->sequenceNumber.toString();
        case SubSequence: return r->sequenceNumber.rawSubSequence() ? QVariant(qlonglong(*r->sequenceNumber.rawSubSequence())) : QVariant();
        case PartitionKey: return r->partitionKey ? QVariant(r->partitionKeyString()) : QVariant(tr("(null)"));
        case Arrival:
            return r->approximateArrivalTimestamp
                       ? QDateTime::fromMSecsSinceEpoch(*r->approximateArrivalTimestamp).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)
                       : QString();
        case Size: return QLocale().formattedDataSize(r->data.size());
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Sequence: return index.row(); // delivery order is sequence order
        case Size: return qlonglong(r->data.size());
        case Arrival: return qlonglong(r->approximateArrivalTimestamp.value_or(0));
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == SubSequence))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Sequence: return tr("Sequence number");
        case SubSequence: return tr("Sub");
        case PartitionKey: return tr("Partition key");
        case Arrival: return tr("Arrival");
        case Size: return tr("Size");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Sequence: return tr("The record's sequence number in its shard.");
        case SubSequence: return tr("The index of the record inside a KPL aggregate (0 for plain records).");
        case PartitionKey: return tr("The partition key the producer gave; it chose the shard.");
        case Arrival: return tr("approximateArrivalTimestamp: when the stream accepted the record.");
        case Size: return tr("The size of the record's data.");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

RecordFilterModel::RecordFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RecordTableModel::SortRole);
}

void RecordFilterModel::setTextFilter(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

void RecordFilterModel::setPartitionKeyFilter(const QString &key)
{
    m_key = key;
    invalidateFilter();
}

bool RecordFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *source = qobject_cast<const RecordTableModel *>(sourceModel());
    const StreamRecord *record = source ? source->record(sourceRow) : nullptr;
    if (!record)
        return false;
    if (!m_key.isEmpty() && !record->partitionKeyString().contains(m_key, Qt::CaseInsensitive))
        return false;
    // As text, so that case folds beyond ASCII ("MÜLLER" finds "Müller").
    return m_text.isEmpty() || QString::fromUtf8(record->data).contains(m_text, Qt::CaseInsensitive);
}

} // namespace qmld::ui

#include "aws/AwsStreamModel.h"

using namespace Qt::StringLiterals;

namespace qmld::ui {

AwsStreamModel::AwsStreamModel(QObject *parent) : QAbstractTableModel(parent) {}

void AwsStreamModel::setStreams(const QJsonObject &listed)
{
    beginResetModel();
    m_entries.clear();
    const QJsonArray summaries = listed["StreamSummaries"_L1].toArray();
    if (!summaries.isEmpty()) {
        for (const QJsonValue &summary : summaries)
            m_entries.push_back({summary["StreamName"_L1].toString(), summary.toObject(), {}});
    } else {
        for (const QJsonValue &name : listed["StreamNames"_L1].toArray())
            m_entries.push_back({name.toString(), {}, {}});
    }
    endResetModel();
}

void AwsStreamModel::setSummary(const QJsonObject &summary)
{
    const int row = rowOf(summary["StreamName"_L1].toString());
    if (row < 0)
        return;
    m_entries[size_t(row)].summary = summary;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void AwsStreamModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

QString AwsStreamModel::name(int row) const
{
    return row >= 0 && row < int(m_entries.size()) ? m_entries[size_t(row)].name : QString();
}

int AwsStreamModel::rowOf(const QString &name) const
{
    for (size_t row = 0; row < m_entries.size(); ++row)
        if (m_entries[row].name == name)
            return int(row);
    return -1;
}

QJsonObject AwsStreamModel::summary(int row) const
{
    return row >= 0 && row < int(m_entries.size()) ? m_entries[size_t(row)].summary : QJsonObject();
}

int AwsStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AwsStreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AwsStreamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Entry &entry = m_entries[size_t(index.row())];
    const QJsonObject &known = entry.summary.isEmpty() ? entry.listed : entry.summary;
    if (role == Qt::TextAlignmentRole && (index.column() == OpenShards || index.column() == Retention))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return entry.name;
    case Status: return known["StreamStatus"_L1].toString();
    case Mode: return known["StreamModeDetails"_L1]["StreamMode"_L1].toString();
    case OpenShards:
        return entry.summary.contains("OpenShardCount"_L1) ? QVariant(entry.summary["OpenShardCount"_L1].toInt()) : QVariant();
    case Retention:
        return entry.summary.contains("RetentionPeriodHours"_L1)
                   ? QVariant(tr("%1 h").arg(entry.summary["RetentionPeriodHours"_L1].toInt()))
                   : QVariant();
    }
    return {};
}

QVariant AwsStreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Stream");
        case Status: return tr("Status");
        case Mode: return tr("Mode");
        case OpenShards: return tr("Shards");
        case Retention: return tr("Retention");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Mode: return tr("PROVISIONED or ON_DEMAND capacity.");
        case OpenShards: return tr("Open shards: those that take new records. Closed ones show when the stream is opened.");
        case Retention: return tr("How long the stream keeps records.");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace qmld::ui

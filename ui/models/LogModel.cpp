#include "models/LogModel.h"

#include <QColor>

using namespace Qt::StringLiterals;

namespace qmld::ui {

LogModel::LogModel(int maxLines, QObject *parent) : QAbstractTableModel(parent), m_maxLines(std::max(1, maxLines)) {}

void LogModel::append(const QString &stream, const QString &text, StreamRunner::LogLevel level)
{
    if (int(m_lines.size()) >= m_maxLines) {
        beginRemoveRows({}, 0, 0);
        m_lines.pop_front();
        endRemoveRows();
    }
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.push_back({QDateTime::currentDateTime(), stream, level, text});
    endInsertRows();
}

const LogModel::Line *LogModel::line(int row) const
{
    return row >= 0 && row < int(m_lines.size()) ? &m_lines[std::size_t(row)] : nullptr;
}

QString LogModel::levelName(StreamRunner::LogLevel level)
{
    switch (level) {
    case StreamRunner::LogLevel::Debug: return tr("debug");
    case StreamRunner::LogLevel::Info: return tr("info");
    case StreamRunner::LogLevel::Warning: return tr("warning");
    case StreamRunner::LogLevel::Error: return tr("error");
    }
    return QString();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    const Line *l = index.isValid() ? line(index.row()) : nullptr;
    if (!l)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Time: return l->time.toString(u"HH:mm:ss.zzz"_s);
        case Stream: return l->stream;
        case Level: return levelName(l->level);
        case Message: return l->text;
        }
        return {};
    case LevelRole: return int(l->level);
    case Qt::ForegroundRole:
        if (l->level == StreamRunner::LogLevel::Error)
            return QColor(0xd9, 0x3b, 0x3b);
        if (l->level == StreamRunner::LogLevel::Warning)
            return QColor(0xe0, 0x8a, 0x1e);
        if (l->level == StreamRunner::LogLevel::Debug)
            return QColor(0x9a, 0x9a, 0x9a);
        return {};
    default: return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case Time: return tr("Time");
        case Stream: return tr("Stream");
        case Level: return tr("Level");
        case Message: return tr("Message");
        }
    }
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case Time: return tr("When the console received the line (local time).");
        case Stream: return tr("The stream whose daemon wrote the line.");
        case Level: return tr("The line's level as the daemon logged it: debug, info, warning or error.");
        case Message: return tr("The line the daemon wrote to its standard error.");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

LogFilterModel::LogFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

void LogFilterModel::setMinimumLevel(StreamRunner::LogLevel level)
{
    m_level = level;
    invalidateFilter();
}

void LogFilterModel::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *source = qobject_cast<const LogModel *>(sourceModel());
    const LogModel::Line *line = source ? source->line(sourceRow) : nullptr;
    if (!line || int(line->level) < int(m_level))
        return false;
    return m_text.isEmpty() || line->text.contains(m_text, Qt::CaseInsensitive)
           || line->stream.contains(m_text, Qt::CaseInsensitive);
}

} // namespace qmld::ui

#pragma once

#include <qmld/StreamRunner.h>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSortFilterProxyModel>

#include <deque>

namespace qmld::ui {

// The daemons' log lines (their stderr), newest last, at most maxLines.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Stream, Level, Message, ColumnCount };
    Q_ENUM(Column)
    static constexpr int LevelRole = Qt::UserRole;

    struct Line
    {
        QDateTime time;
        QString stream;
        StreamRunner::LogLevel level = StreamRunner::LogLevel::Info;
        QString text;
    };

    explicit LogModel(int maxLines = 20000, QObject *parent = nullptr);

    void append(const QString &stream, const QString &text, StreamRunner::LogLevel level);
    const Line *line(int row) const;
    static QString levelName(StreamRunner::LogLevel level);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::deque<Line> m_lines;
    int m_maxLines;
};

// Lines at or above a level that contain a text.
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit LogFilterModel(QObject *parent = nullptr);
    void setMinimumLevel(StreamRunner::LogLevel level);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    StreamRunner::LogLevel m_level = StreamRunner::LogLevel::Debug;
    QString m_text;
};

} // namespace qmld::ui

#pragma once

#include <qmld/SessionEvent.h>
#include <qmld/StreamRunner.h>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

// Totals for `qmld run`'s status line, fed by session events (one per batch).
class RunStatus : public QObject
{
    Q_OBJECT
public:
    explicit RunStatus(const qmld::StreamRunner &runner, QObject *parent = nullptr);

    void onSessionEvent(const qmld::SessionEvent &event);
    // "qmld: running · daemon pid 4242 · 4 shards · 12,345 records (1,234/s) · ..."
    QString line();

private:
    const qmld::StreamRunner &m_runner;
    QHash<quint64, QString> m_activeShards; // session id -> shard id
    QHash<QString, qint64> m_lagByShard;
    qint64 m_records = 0;
    qint64 m_bytes = 0;
    qint64 m_checkpoints = 0;
    qint64 m_checkpointFailures = 0;
    qint64 m_sessionFailures = 0;
    qint64 m_recordsAtLastLine = 0;
    QElapsedTimer m_sinceLastLine;
};

#pragma once

// What the qmld-test-event-log plugin wrote down: one line per call its
// processors got ("initialize SHARD", "records SHARD LAST-SEQUENCE",
// "shutdownRequested SHARD", ...).

#include <QFile>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace qmld::test {

struct EventLog
{
    QSet<QString> initialized;
    QHash<QString, QString> lastRecord; // shard → its last processed sequence number
    QSet<QString> shutdownRequested;
};

inline EventLog readEventLog(const QString &path)
{
    EventLog events;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return events;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QStringList parts = QString::fromUtf8(line).split(u' ');
        if (parts.size() < 2)
            continue;
        if (parts[0] == QLatin1String("initialize"))
            events.initialized << parts[1];
        else if (parts[0] == QLatin1String("records") && parts.size() == 3)
            events.lastRecord[parts[1]] = parts[2];
        else if (parts[0] == QLatin1String("shutdownRequested"))
            events.shutdownRequested << parts[1];
    }
    return events;
}

} // namespace qmld::test

#include "RunStatus.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;
using Kind = qmld::SessionEvent::Kind;

RunStatus::RunStatus(const qmld::StreamRunner &runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{
    m_sinceLastLine.start();
}

void RunStatus::onSessionEvent(const qmld::SessionEvent &event)
{
    switch (event.kind) {
    case Kind::Initialized:
        m_activeShards.insert(event.sessionId, event.shardId);
        break;
    case Kind::Records:
        m_records += event.records;
        m_bytes += event.bytes;
        if (event.millisBehindLatest)
            m_lagByShard.insert(event.shardId, *event.millisBehindLatest);
        break;
    case Kind::Checkpoint:
        ++(event.checkpoint.ok() ? m_checkpoints : m_checkpointFailures);
        break;
    case Kind::Failed:
        ++m_sessionFailures;
        [[fallthrough]];
    case Kind::Finished:
        m_activeShards.remove(event.sessionId);
        m_lagByShard.remove(event.shardId);
        break;
    case Kind::Connected:
    case Kind::ShutdownRequested:
    case Kind::LeaseLost:
    case Kind::ShardEnded:
        break;
    }
}

QString RunStatus::line()
{
    const QLocale locale = QLocale::system();
    const qint64 elapsed = std::max<qint64>(1, m_sinceLastLine.restart());
    const qint64 rate = (m_records - m_recordsAtLastLine) * 1000 / elapsed;
    m_recordsAtLastLine = m_records;

    QStringList parts;
    parts << qmld::StreamRunner::stateName(m_runner.state());
    if (m_runner.daemonPid() > 0)
        parts << QCoreApplication::translate("qmld run", "daemon pid %1").arg(m_runner.daemonPid());
    parts << QCoreApplication::translate("qmld run", "%n shard(s)", nullptr, int(m_activeShards.size()));
    parts << QCoreApplication::translate("qmld run", "%1 records (%2/s)").arg(locale.toString(m_records), locale.toString(rate));
    parts << QCoreApplication::translate("qmld run", "%1 checkpoints").arg(locale.toString(m_checkpoints));
    if (m_checkpointFailures > 0)
        parts << QCoreApplication::translate("qmld run", "%1 checkpoints failed").arg(locale.toString(m_checkpointFailures));
    if (m_sessionFailures > 0)
        parts << QCoreApplication::translate("qmld run", "%1 shard sessions failed").arg(locale.toString(m_sessionFailures));
    if (!m_lagByShard.isEmpty()) {
        const qint64 lag = *std::max_element(m_lagByShard.cbegin(), m_lagByShard.cend());
        parts << QCoreApplication::translate("qmld run", "max lag %1 ms").arg(locale.toString(lag));
    }
    return u"qmld: "_s + parts.join(u" \u00b7 "_s);
}

#include "ScriptedDaemon.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace qmld::peers {

ScriptedDaemon::ScriptedDaemon(const Scenario &scenario, const ShardDriver::Settings &settings, QObject *parent)
    : QObject(parent)
    , m_scenarioPath(scenario.path)
    , m_transcriptDir(settings.transcriptDir)
{
    for (const ShardScript &script : scenario.shards) {
        auto *driver = new ShardDriver(script, settings, this);
        connect(driver, &ShardDriver::shardEndCheckpointed, this, &ScriptedDaemon::onShardEndCheckpointed);
        connect(driver, &ShardDriver::finished, this, &ScriptedDaemon::onShardFinished);
        connect(driver, &ShardDriver::violation, this, &ScriptedDaemon::onViolation);
        connect(driver, &ShardDriver::idle, this, [this](const QString &shardId) { recordEvent(u"idle"_s, shardId); });
        m_drivers.append(driver);
    }
}

void ScriptedDaemon::start()
{
    startReadyChildren();
}

void ScriptedDaemon::startReadyChildren()
{
    for (ShardDriver *driver : std::as_const(m_drivers)) {
        if (m_done || m_shuttingDown)
            return;
        if (driver->state() != ShardDriver::State::NotStarted)
            continue;
        const QStringList &parents = driver->parents();
        if (std::all_of(parents.begin(), parents.end(), [this](const QString &p) { return m_shardEnded.contains(p); }))
            startShard(driver);
    }
}

void ScriptedDaemon::startShard(ShardDriver *driver)
{
    recordEvent(u"started"_s, driver->shardId());
    driver->start();
}

void ScriptedDaemon::onShardEndCheckpointed(const QString &shardId)
{
    recordEvent(u"checkpointedShardEnd"_s, shardId);
    m_shardEnded.insert(shardId);
    startReadyChildren();
}

void ScriptedDaemon::onShardFinished(const QString &shardId)
{
    recordEvent(u"finished"_s, shardId);
    finishIfDone();
}

void ScriptedDaemon::finishIfDone()
{
    if (m_done)
        return;
    for (ShardDriver *driver : std::as_const(m_drivers)) {
        if (driver->isLive())
            return;
    }
    if (!m_shuttingDown) {
        for (ShardDriver *driver : std::as_const(m_drivers)) {
            if (driver->state() == ShardDriver::State::NotStarted) {
                QStringList missing;
                for (const QString &parent : driver->parents()) {
                    if (!m_shardEnded.contains(parent))
                        missing.append(parent);
                }
                onViolation(driver->shardId(), u"never started: parent %1 finished without checkpointing SHARD_END"_s.arg(
                                                   missing.join(", "_L1)));
                return;
            }
        }
    }
    finish(0);
}

void ScriptedDaemon::onViolation(const QString &shardId, const QString &message)
{
    if (m_done)
        return;
    const QString line = u"shard %1: %2"_s.arg(shardId, message);
    qCCritical(lcScriptedDaemon, "%s", qUtf8Printable(line));
    m_violations.append(line);
    recordEvent(u"violation"_s, shardId);
    m_done = true;
    const QDeadlineTimer deadline(std::chrono::seconds(5));
    for (ShardDriver *driver : std::as_const(m_drivers))
        driver->abort(deadline);
    writeSummary(1);
    Q_EMIT done(1);
}

void ScriptedDaemon::shutDownGracefully(int signalNumber)
{
    if (m_shuttingDown || m_done)
        return;
    qCInfo(lcScriptedDaemon, "signal %d: graceful shutdown (shutdownRequested, then leaseLost)", signalNumber);
    m_shuttingDown = true;
    m_events.append(QJsonObject{{u"event"_s, u"gracefulShutdown"_s}});
    for (ShardDriver *driver : std::as_const(m_drivers))
        driver->requestGracefulShutdown();
    finishIfDone();
}

void ScriptedDaemon::finish(int exitCode)
{
    m_done = true;
    writeSummary(exitCode);
    Q_EMIT done(exitCode);
}

void ScriptedDaemon::recordEvent(const QString &event, const QString &shardId)
{
    m_events.append(QJsonObject{{u"event"_s, event}, {u"shardId"_s, shardId}});
}

void ScriptedDaemon::writeSummary(int exitCode) const
{
    QJsonObject shards;
    for (const ShardDriver *driver : m_drivers)
        shards.insert(driver->shardId(), driver->summary());
    const QJsonObject summary{
        {u"scenario"_s, m_scenarioPath},
        {u"exitCode"_s, exitCode},
        {u"interrupted"_s, m_shuttingDown},
        {u"violations"_s, QJsonArray::fromStringList(m_violations)},
        {u"events"_s, m_events},
        {u"shards"_s, shards},
    };
    QSaveFile file(QDir(m_transcriptDir).filePath(u"summary.json"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(summary).toJson()) < 0 || !file.commit())
        qCCritical(lcScriptedDaemon, "cannot write %s: %s", qUtf8Printable(file.fileName()),
                   qUtf8Printable(file.errorString()));
}

} // namespace qmld::peers

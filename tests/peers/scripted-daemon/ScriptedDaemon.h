#pragma once

#include "Scenario.h"
#include "ShardDriver.h"

#include <QJsonArray>
#include <QObject>
#include <QSet>

namespace qmld::peers {

// Runs every shard of a scenario: shards without parents at once, a child
// shard once all its parents have checkpointed SHARD_END. Ends with exit code
// 0 when every shard finished its script, 1 at the first violation (after
// stopping every child), and writes summary.json either way.
class ScriptedDaemon : public QObject
{
    Q_OBJECT

public:
    ScriptedDaemon(const Scenario &scenario, const ShardDriver::Settings &settings, QObject *parent = nullptr);

    void start();
    void shutDownGracefully(int signalNumber);

Q_SIGNALS:
    void done(int exitCode);

private:
    void onShardEndCheckpointed(const QString &shardId);
    void onShardFinished(const QString &shardId);
    void onViolation(const QString &shardId, const QString &message);
    void startShard(ShardDriver *driver);
    void startReadyChildren();
    void finishIfDone();
    void finish(int exitCode);
    void writeSummary(int exitCode) const;
    void recordEvent(const QString &event, const QString &shardId);

    QString m_scenarioPath;
    QString m_transcriptDir;
    QList<ShardDriver *> m_drivers;
    QSet<QString> m_shardEnded;
    QStringList m_violations;
    QJsonArray m_events;
    bool m_shuttingDown = false;
    bool m_done = false;
};

} // namespace qmld::peers

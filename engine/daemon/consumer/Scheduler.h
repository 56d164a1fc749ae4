#pragma once

#include "daemon/consumer/DaemonConfig.h"
#include "daemon/consumer/LeaseCoordinator.h"
#include "daemon/consumer/ShardConsumer.h"

#include <qmld/StreamStore.h>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

namespace qmld::daemon {

// The embedded daemon's main loop, as KCL's Scheduler: shard sync, leases,
// one ShardConsumer per held shard whose parents are done, leaseLost for
// leases that go, finished leases cleaned up, graceful shutdown on request
// and, like Java's System.exit(1), every child stopped then exit code 1 when
// any child fails.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    explicit Scheduler(DaemonConfig config, QObject *parent = nullptr);
    ~Scheduler() override;

    // Opens the store, the stream and the lease table and starts working.
    // False with one line in *error (unknown stream: its name and the store path).
    bool start(QString *error);
    // SIGTERM: shutdownRequested then leaseLost to every child, bounded by
    // DaemonConfig::shutdownBound(); then finished(0).
    void shutdown();

Q_SIGNALS:
    // Every child has exited; the process should exit with this code.
    void finished(int exitCode);

private:
    void reconcile();
    void syncShards();
    void cleanupFinishedLeases();
    bool parentsDone(const Lease &lease) const;
    const ShardInfo *shardInfo(const QString &shardId);
    void startConsumer(const ShardInfo &shard, const SequenceNumber &checkpoint);
    void consumerFinished(ShardConsumer *consumer, ShardConsumer::Outcome outcome);
    void fail(const QString &reason);
    void finishWhenIdle();

    DaemonConfig m_config;
    std::optional<StreamStore> m_store;
    std::unique_ptr<LeaseCoordinator> m_leases;
    StreamDescription m_stream;
    QHash<QString, ShardConsumer *> m_consumers;
    // Shards whose child ended without checkpointing SHARD_END: stuck until the lease goes, as in KCL.
    QSet<QString> m_stuck;
    QTimer m_shardSyncTimer;
    QTimer m_parentPollTimer;
    QTimer m_shutdownTimer;
    bool m_shuttingDown = false;
    bool m_stopping = false; // children are being stopped (abort); no new work
    bool m_finishing = false;
    int m_exitCode = 0;
};

} // namespace qmld::daemon

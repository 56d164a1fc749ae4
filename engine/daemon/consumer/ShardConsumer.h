#pragma once

#include "daemon/consumer/ChildProcess.h"
#include "daemon/consumer/LeaseCoordinator.h"
#include "daemon/consumer/RecordFetcher.h"
#include "protocol/Messages.h"

#include <qmld/SequenceNumber.h>
#include <qmld/StreamStore.h>

#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace qmld::daemon {

// One owned shard, driven as KCL 2.x drives a MultiLangShardRecordProcessor:
// initialize, processRecords from the store, checkpoint requests validated
// and stored through the lease, then leaseLost or shardEnded, then stdin
// closed and the child awaited. Event-driven: nothing here blocks on the child.
class ShardConsumer : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QStringList command;
        RecordFetcher::Settings reading;
        std::optional<std::chrono::seconds> timeout;
        std::int64_t atTimestampMs = 0;
        // How long a child may take to exit once its stdin is closed.
        std::chrono::milliseconds exitBound{10000};
    };

    enum class Outcome : std::uint8_t {
        ShardCompleted,         // shardEnded and the checkpoint is SHARD_END
        ShardEndNotCheckpointed, // shardEnded without SHARD_END: the lease stays stuck, as in KCL
        LeaseLost,
    };
    Q_ENUM(Outcome)

    ShardConsumer(LeaseCheckpointer &checkpointer, Settings settings, ShardInfo shard, SequenceNumber checkpoint,
                  QObject *parent = nullptr);
    ~ShardConsumer() override;

    QString shardId() const { return m_shard.shardId; }
    void start();
    // leaseLost after the current action.
    void loseLease();
    // shutdownRequested after the current action, then leaseLost.
    void requestShutdown();
    // The daemon is failing: close the child's stdin and kill it if it lingers.
    void abort(std::chrono::milliseconds bound);
    bool isChildRunning() const;
    qint64 childProcessId() const;

Q_SIGNALS:
    // The terminal action is done and the child has exited.
    void finished(qmld::daemon::ShardConsumer::Outcome outcome);
    // Fatal for the whole daemon, as Java's System.exit(1): one line.
    void failed(const QString &reason);
    // A child exited after abort().
    void aborted();

private:
    void send(protocol::Action action, const QByteArray &line);
    void handleLines();
    void handleCheckpoint(const protocol::CheckpointRequestMessage &request);
    QString validateAndCheckpoint(const protocol::CheckpointRequestMessage &request);
    void actionCompleted(protocol::Action action);
    void next();
    void sendBatch();
    void closeChild();
    void fail(const QString &reason);
    ShardPosition startPosition() const;

    LeaseCheckpointer &m_checkpointer;
    Settings m_settings;
    ShardInfo m_shard;
    ChildProcess *m_child = nullptr;

    SequenceNumber m_lastCheckpoint;
    SequenceNumber m_largestPermitted;
    // The last record of a closed shard, once delivered: a checkpoint there becomes SHARD_END.
    std::optional<SequenceNumber> m_sequenceNumberAtShardEnd;
    std::unique_ptr<RecordFetcher> m_fetcher; // from start() until the terminal action
    bool m_batchReachedShardEnd = false;
    bool m_shardEndReached = false;

    bool m_initializeSent = false;
    std::optional<protocol::Action> m_pending;
    bool m_leaseLostWanted = false;
    bool m_shutdownWanted = false;
    bool m_shutdownNotified = false;
    std::optional<Outcome> m_outcome; // set when the terminal action is sent
    bool m_terminalDone = false;
    bool m_aborting = false;
    bool m_failed = false;

    QTimer m_statusTimer;
};

} // namespace qmld::daemon

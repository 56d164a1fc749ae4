#pragma once

#include "protocol/Messages.h"
#include "protocol/PlainRecordsDecoder.h"
#include "worker/ConfirmationTracker.h"

#include <qmld/RecordProcessor.h>
#include <qmld/SessionEvent.h>
#include <qmld/ShardServer.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>

class QSocketNotifier;

namespace qmld::protocol {
class LineSplitter;
}

namespace qmld::worker {

// One shard's conversation with the MultiLangDaemon (through its qmld-connect
// child), on its own thread: authenticates the connection, decodes each
// daemon message, calls the processor, sends checkpoint requests and then
// exactly one status per message. It never waits forever for the daemon.
class ShardSession : public QObject
{
    Q_OBJECT
public:
    ShardSession(quint64 id, qintptr socketDescriptor, RecordProcessorFactory factory, const ShardServerOptions &options,
                 QByteArray token);
    ~ShardSession() override;

    quint64 id() const { return m_id; }

    // For the server's watchdog, from any thread: when the current processor
    // call started (ms since the epoch), 0 when no call is running.
    std::int64_t processorBusySinceMs() const { return m_busySinceMs.load(std::memory_order_relaxed); }
    // Cuts the connection from any thread, even while a processor call blocks this one.
    void severConnection();
    bool isSevered() const { return m_severed.load(); }

public Q_SLOTS:
    void start();
    // Queued from any thread (ShardServer::requestCheckpoint).
    void requestCheckpoint(std::optional<qmld::SequenceNumber> position);
    void abort(const QString &reason);

Q_SIGNALS:
    void event(const qmld::SessionEvent &event);
    void shardIdentified(quint64 id, const QString &shardId);
    void finished(quint64 id);

private:
    enum class State { Authenticating, AwaitingInitialize, Ready, Exchanging, Closing, Done };

    struct PendingCheckpoint
    {
        std::optional<SequenceNumber> position; // nullopt: the latest permitted (SHARD_END in shardEnded)
        bool manual = false;
        int attempts = 0;
        // The position is a record the processor or the user named, not yet
        // in the daemon's terms (see ConfirmationTracker::daemonPosition).
        bool named = false;
    };

    struct Exchange
    {
        protocol::Action action = protocol::Action::Initialize;
        bool terminal = false;
        std::deque<PendingCheckpoint> queue;
        std::optional<PendingCheckpoint> inFlight;
        bool checkpointsAllowed = false;
        bool shardEnd = false;  // shardEnded or v1 shutdown TERMINATE: "latest" means SHARD_END
        bool leaseGone = false; // a ShutdownException: no further checkpoints
    };

    class SessionCheckpointer;
    class SessionConfirmer;

    void onReadable();
    void readAuthentication();
    void handleCompleteLines();
    void onDisconnected();
    void flushWrites();
    void closeConnection();
    bool authenticate();
    void handleLine(QByteArrayView line);
    void handleAction(protocol::DaemonMessage &&message);
    void handleCheckpointReply(const protocol::CheckpointReplyMessage &reply);

    void onInitialize(const protocol::InitializeMessage &message);
    void onProcessRecords(protocol::ProcessRecordsMessage &&message);
    void onShutdownRequested();
    void onLeaseLost(protocol::Action action);
    void onShardEnded(protocol::Action action);

    void beginExchange(protocol::Action action, bool terminal, bool checkpointsAllowed, bool shardEnd);
    void queueCheckpoint(std::optional<SequenceNumber> position, bool manual);
    void queueManualAndPolicyCheckpoints(bool finalFlush);
    void sendNextCheckpointOrStatus();
    void sendCheckpoint(PendingCheckpoint checkpoint);
    void finishCheckpoint(const PendingCheckpoint &checkpoint, const QString &error);
    void failManualCheckpoints(const QString &reason);
    void sendStatus();

    template <typename Call>
    bool callProcessor(const char *what, Call &&call);
    void checkWatchdog();

    void write(const QByteArray &line);
    void protocolError(const QString &what, QByteArrayView line);
    void fail(const QString &reason);
    void finish();
    void emitEvent(SessionEvent event);
    void reportRecords(SessionEvent batch);
    void flushRecordsEvent();
    QString who() const;

    const quint64 m_id;
    const qintptr m_descriptor;
    RecordProcessorFactory m_factory;
    const ShardServerOptions m_options;
    const QByteArray m_token;

    // The connection, read straight into m_lines (a QTcpSocket would copy
    // every byte once more through its own buffer). -1 once closed.
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_unsent; // what the kernel did not take yet
    std::unique_ptr<protocol::LineSplitter> m_lines;
    QByteArray m_authBuffer;
    QTimer m_authTimer;
    QTimer m_closeTimer;
    QTimer m_retryTimer;
    QTimer m_watchdogTimer;
    QTimer m_recordsEventTimer;

    State m_state = State::Authenticating;
    QString m_shardId;
    bool m_legacyCheckpoints = false;
    bool m_shutdownRequested = false;
    std::unique_ptr<RecordProcessor> m_processor;
    bool m_explicitConfirmation = false;
    std::unique_ptr<SessionCheckpointer> m_checkpointer;
    std::unique_ptr<SessionConfirmer> m_confirmer;
    std::unique_ptr<ConfirmationTracker> m_tracker;
    std::optional<Exchange> m_exchange;
    std::vector<StreamRecord> m_recycledRecords; // the last batch's, for the decoder to reuse
    protocol::IncomingRecords m_incoming;         // the records of the line still arriving
    std::deque<std::optional<SequenceNumber>> m_manualRequests;
    std::optional<SequenceNumber> m_lastCheckpoint;
    QElapsedTimer m_sinceCheckpoint;
    // Records events: at most one per kRecordsEventInterval, batches in between summed.
    std::optional<SessionEvent> m_pendingRecords;
    QElapsedTimer m_sinceRecordsEvent;
    std::atomic<std::int64_t> m_busySinceMs{0};
    std::atomic<bool> m_severed{false};
};

} // namespace qmld::worker

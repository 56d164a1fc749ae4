#pragma once

#include "CheckpointBook.h"
#include "Scenario.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcScriptedDaemon)

namespace qmld::peers {

// Plays one shard's script against one child process, as the Java daemon's
// MultiLangShardRecordProcessor + MultiLangProtocol do: one message at a time,
// checkpoint requests answered, exactly one status awaited, then stdin closed
// and the child's exit awaited. Anything the Java daemon would die of is
// reported through violation(); the caller then aborts everything.
class ShardDriver : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        QStringList command; // executableName split as the Java daemon does
        std::optional<int> timeoutInSeconds;
        int childExitTimeoutSeconds = 10;
        ProtocolGeneration protocol = ProtocolGeneration::V2;
        QString transcriptDir;
    };

    enum class State { NotStarted, Running, Idle, Draining, Finished, Stopped };

    ShardDriver(ShardScript script, Settings settings, QObject *parent = nullptr);
    ~ShardDriver() override;

    QString shardId() const { return m_script.shardId; }
    const QStringList &parents() const { return m_script.parents; }
    State state() const { return m_state; }
    bool isLive() const { return m_state == State::Running || m_state == State::Idle || m_state == State::Draining; }

    void start();
    // The daemon is shutting down: shutdownRequested, then leaseLost (v2) or
    // end of input (v1), once the current action has its status.
    void requestGracefulShutdown();
    // Stops after a violation elsewhere: closes stdin, waits until the
    // deadline for the child to exit, then kills it.
    void abort(QDeadlineTimer deadline);

    QJsonObject summary() const;

Q_SIGNALS:
    void shardEndCheckpointed(const QString &shardId);
    void idle(const QString &shardId);
    void finished(const QString &shardId);
    void violation(const QString &shardId, const QString &message);

private:
    void onStarted();
    void onErrorOccurred(QProcess::ProcessError error);
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void readStdout();
    void readStderr();
    void acceptLine(QByteArray line);
    void processPendingLines();
    void handleLine(const QByteArray &line);
    void handleCheckpoint(const CheckpointRequest &request, bool legacyForm);
    void handleStatus(const std::optional<QString> &responseFor);
    void sendNextStep();
    void send(const ScriptStep &step, std::optional<int> scriptIndex);
    void beginDrain();
    void onMessageTimeout();
    void onExitTimeout();
    void reportViolation(const QString &message);
    QString currentAction() const;

    ShardScript m_script;
    Settings m_settings;
    CheckpointBook m_checkpoints;
    QProcess *m_child = nullptr;
    QTimer m_messageTimer;
    QTimer m_exitTimer;
    QFile m_childTranscript;
    QFile m_daemonTranscript;

    State m_state = State::NotStarted;
    int m_nextStep = 0;
    QList<ScriptStep> m_daemonOwnSteps; // graceful shutdown messages
    bool m_gracefulShutdown = false;
    bool m_shutdownRequestedSent = false;
    std::optional<ScriptStep> m_current; // the action awaiting its status
    std::optional<int> m_currentScriptIndex;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrBuffer;
    QList<QByteArray> m_pendingLines;
    bool m_processingLines = false;
    bool m_shardEndReported = false;

    qsizetype m_recordsDelivered = 0;
    int m_messagesSent = 0;
    int m_statusesReceived = 0;
    QJsonArray m_checkpointLog;
    QStringList m_violations;
    QJsonValue m_childExit;
};

} // namespace qmld::peers

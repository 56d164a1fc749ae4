#pragma once

#include <qmld/DaemonPreset.h>
#include <qmld/JavaProperties.h>

#include <QObject>
#include <QProcessEnvironment>

#include <chrono>
#include <memory>

namespace qmld {

struct StreamRunnerOptions
{
    DaemonPreset daemon;   // embedded by default
    QString javaClasspath; // for the KCL presets; empty: $QMLD_JAVA_CLASSPATH
    QString binDirectory;  // where qmld-daemon lives; empty: the running executable's folder
    // Absolute path of qmld-connect; empty: next to the running executable.
    QString connectProgram;
    quint16 port = 0;  // the ShardServer's port
    QByteArray token;  // the ShardServer's token, given to the daemon as QMLD_CONNECT_TOKEN
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString workingDirectory; // empty: qmld's own
    // Parent of the private runtime folder; empty: $XDG_RUNTIME_DIR, else $TMPDIR or /tmp.
    QString runtimeParent;

    // Restarts after an unexpected exit: a delay doubling from initialBackoff
    // up to maxBackoff (with jitter), at most restartBudget restarts within
    // restartWindow, after which the runner is Failed.
    std::chrono::milliseconds initialBackoff{1000};
    std::chrono::milliseconds maxBackoff{60000};
    int restartBudget = 5;
    std::chrono::milliseconds restartWindow{std::chrono::minutes(10)};
    // stop(): SIGTERM to the daemon's process group, SIGKILL after this.
    std::chrono::milliseconds stopGrace{10000};
    // A daemon that exits with code 0 is restarted like any other exit unless
    // this is false; then the runner stops (a daemon that finishes its work).
    bool restartOnCleanExit = true;
    // A daemon that exits with an error within this long of its start, before
    // shardConnected() was called, failed to start. Two such exits in a row
    // with the same reason (a bad property, a missing class) make the runner
    // Failed at once instead of spending the restart budget. 0 turns it off.
    std::chrono::milliseconds startupWindow{std::chrono::seconds(60)};
};

// Runs one stream's MultiLangDaemon. Writes the user's properties (with
// executableName = "<qmld-connect> <port>") into a private runtime folder,
// starts the daemon in its own process group, turns its output into log
// lines, restarts it with backoff within a budget, and stops it with SIGTERM
// to the whole group, then SIGKILL. No daemon or child outlives the runner.
//
// The daemon is tied to the thread that starts it (PR_SET_PDEATHSIG, so it
// dies with qmld even on SIGKILL): keep the runner on a long-lived thread.
class StreamRunner : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, BackingOff, Stopping, Failed };
    Q_ENUM(State)
    enum class LogLevel { Debug, Info, Warning, Error };
    Q_ENUM(LogLevel)

    StreamRunner(JavaProperties properties, StreamRunnerOptions options, QObject *parent = nullptr);
    // Kills the daemon's process group synchronously if it still runs.
    ~StreamRunner() override;

    // Checks the properties and the daemon command, writes the runtime
    // folder and starts the daemon. On a configuration error returns false,
    // the state is Failed and lastError() says why; nothing was started.
    bool start();
    // Ends the daemon and its group; stopped() follows once all are gone.
    // Does nothing when Stopped or Failed.
    void stop();
    // A child of the current daemon reached the shard server: the daemon is
    // past its startup, and a later exit is a crash to restart from.
    void shardConnected();

    State state() const;
    qint64 daemonPid() const; // 0 when no daemon runs
    int restartCount() const; // restarts since start()
    // Failed because the daemon exited twice in a row during its startup with
    // the same error; lastError() says what it printed.
    bool failedToStart() const;
    std::chrono::milliseconds uptime() const; // of the current daemon; 0 when none runs
    QString lastError() const;
    DaemonCommand command() const;
    QString runtimeDirectory() const; // empty when Stopped or Failed
    QString propertiesFilePath() const;
    const StreamRunnerOptions &options() const;

    static QString stateName(State state);

Q_SIGNALS:
    void stateChanged(qmld::StreamRunner::State state);
    // One line of the daemon's stderr or stdout, without its line end.
    void logLine(const QString &line, qmld::StreamRunner::LogLevel level);
    void daemonStarted(qint64 pid);
    // The daemon exited while it was expected to run; `reason` names the exit
    // code or signal and the last line it printed.
    void daemonExited(const QString &reason);
    void stopped();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace qmld

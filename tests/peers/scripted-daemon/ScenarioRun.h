#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <chrono>

namespace qmld::peers {

// What one shard's child and the daemon said to each other.
struct ShardTranscript
{
    QList<QByteArray> childLines;  // child→daemon, verbatim, blank lines dropped
    QList<QByteArray> daemonLines; // daemon→child, line terminators removed
    // The lines of each side that parse as JSON objects, in order. Compare
    // these, not the bytes: children frame and order keys differently.
    QList<QJsonObject> childMessages;
    QList<QJsonObject> daemonMessages;
};

struct ScenarioResult
{
    bool exitedInTime = false;
    int exitCode = -1;
    QByteArray daemonStderr;
    QJsonObject summary; // the daemon's summary.json
    QMap<QString, ShardTranscript> shards;
    bool processGroupEmpty = false; // nothing the run started is still alive

    // Checked in tests: QVERIFY2(result.isSuccess(), result.describe())
    bool isSuccess() const { return exitedInTime && exitCode == 0 && processGroupEmpty; }
    QByteArray describe() const;
};

// Runs a scenario through qmld-scripted-daemon ($QMLD_BIN_DIR) in a private
// transcript folder, in its own process group so that a timeout or a failed
// test kills the daemon and every child it started. Two ways to run:
//   startDaemon(executableName)   the daemon spawns executableName per shard;
//   startLauncher(program, args)  something else (e.g. `qmld run ... --mld
//                                 <daemonCommandLine()>`) starts the daemon.
class ScenarioRun
{
public:
    explicit ScenarioRun(QString scenarioPath);
    ~ScenarioRun();
    ScenarioRun(const ScenarioRun &) = delete;
    ScenarioRun &operator=(const ScenarioRun &) = delete;

    static QString scriptedDaemonPath();
    static QJsonObject readScenario(const QString &scenarioPath, QString *error);

    bool isValid() const { return m_transcriptDir.isValid(); }
    QString transcriptDir() const { return m_transcriptDir.path(); }

    // Writes a MultiLangDaemon properties file into the transcript folder.
    QString writeProperties(const QString &executableName, const QMap<QString, QString> &extra = {});
    // `qmld-scripted-daemon --properties-file <properties> --scenario S --transcript-dir D`,
    // with <properties> verbatim (e.g. "{properties}" for a launcher to fill in).
    QString daemonCommandLine(const QString &properties) const;

    bool startDaemon(const QString &executableName, const QMap<QString, QString> &extraProperties = {});
    bool startLauncher(const QString &program, const QStringList &arguments);

    // Everything the daemon wrote to stderr so far (shard-prefixed child logs included).
    QByteArray stderrSoFar();
    // The started process (the daemon, or the launcher); 0 when none runs.
    qint64 processId() const { return m_process.processId(); }
    // SIGTERM to the started process only, as an operator stopping the daemon.
    void terminate();
    // Waits for exit; on timeout kills the whole process group. Then reads
    // the transcripts and checks that the process group is empty.
    ScenarioResult waitForResult(std::chrono::milliseconds timeout);

    static QMap<QString, ShardTranscript> readTranscripts(const QString &transcriptDir);

private:
    bool start(const QString &program, const QStringList &arguments);
    void killProcessGroup();
    bool waitForEmptyProcessGroup(std::chrono::milliseconds timeout) const;

    QString m_scenarioPath;
    QTemporaryDir m_transcriptDir;
    QProcess m_process;
    qint64 m_processGroup = 0;
    QByteArray m_stderr;
};

} // namespace qmld::peers

#include "ScenarioRun.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace qmld::peers {
namespace {

QList<QByteArray> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines;
    const QByteArray content = file.readAll();
    for (QByteArray line : content.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line);
    }
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QList<QJsonObject> jsonObjects(const QList<QByteArray> &lines)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : lines) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject())
            objects.append(document.object());
    }
    return objects;
}

} // namespace

QByteArray ScenarioResult::describe() const
{
    QByteArray text;
    if (!exitedInTime)
        text += "the daemon did not exit in time and was killed; ";
    else
        text += "daemon exit code " + QByteArray::number(exitCode) + "; ";
    if (!processGroupEmpty)
        text += "processes of the run were left behind; ";
    return text + "stderr:\n" + daemonStderr;
}

ScenarioRun::ScenarioRun(QString scenarioPath)
    : m_scenarioPath(std::move(scenarioPath))
{
}

ScenarioRun::~ScenarioRun()
{
    if (m_process.state() != QProcess::NotRunning) {
        killProcessGroup();
        m_process.waitForFinished(5000);
    }
}

QString ScenarioRun::scriptedDaemonPath()
{
    return QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld-scripted-daemon"_s);
}

QJsonObject ScenarioRun::readScenario(const QString &scenarioPath, QString *error)
{
    QFile file(scenarioPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(scenarioPath, file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    *error = document.isObject() ? QString() : u"%1: %2"_s.arg(scenarioPath, parseError.errorString());
    return document.object();
}

QString ScenarioRun::writeProperties(const QString &executableName, const QMap<QString, QString> &extra)
{
    const QString path = QDir(transcriptDir()).filePath(u"scenario.properties"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    QByteArray text = "executableName = " + executableName.toUtf8() + '\n';
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        text += it.key().toUtf8() + " = " + it.value().toUtf8() + '\n';
    return file.write(text) == text.size() ? path : QString();
}

QString ScenarioRun::daemonCommandLine(const QString &properties) const
{
    return QStringList{scriptedDaemonPath(), u"--properties-file"_s, properties, u"--scenario"_s, m_scenarioPath,
                       u"--transcript-dir"_s, transcriptDir()}
        .join(u' ');
}

bool ScenarioRun::startDaemon(const QString &executableName, const QMap<QString, QString> &extraProperties)
{
    const QString properties = writeProperties(executableName, extraProperties);
    if (properties.isEmpty())
        return false;
    return start(scriptedDaemonPath(), {u"--properties-file"_s, properties, u"--scenario"_s, m_scenarioPath,
                                        u"--transcript-dir"_s, transcriptDir()});
}

bool ScenarioRun::startLauncher(const QString &program, const QStringList &arguments)
{
    return start(program, arguments);
}

bool ScenarioRun::start(const QString &program, const QStringList &arguments)
{
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    m_process.setChildProcessModifier([] { ::setpgid(0, 0); });
    // A launcher's runtime folder (qmld run: $XDG_RUNTIME_DIR/qmld-<app>-*)
    // goes into the transcript folder, so that it goes with it even after a kill.
    const QString runtime = QDir(transcriptDir()).filePath(u"runtime"_s);
    QDir().mkpath(runtime);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    m_process.setProcessEnvironment(environment);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    m_processGroup = m_process.processId();
    return true;
}

QByteArray ScenarioRun::stderrSoFar()
{
    m_stderr += m_process.readAllStandardError();
    return m_stderr;
}

void ScenarioRun::terminate()
{
    m_process.terminate();
}

void ScenarioRun::killProcessGroup()
{
    if (m_processGroup > 0)
        ::kill(-pid_t(m_processGroup), SIGKILL);
}

bool ScenarioRun::waitForEmptyProcessGroup(std::chrono::milliseconds timeout) const
{
    if (m_processGroup <= 0)
        return true;
    const QDeadlineTimer deadline(timeout);
    while (!(::kill(-pid_t(m_processGroup), 0) == -1 && errno == ESRCH)) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(20);
    }
    return true;
}

ScenarioResult ScenarioRun::waitForResult(std::chrono::milliseconds timeout)
{
    ScenarioResult result;
    result.exitedInTime = m_process.waitForFinished(int(timeout.count()));
    if (!result.exitedInTime) {
        killProcessGroup();
        m_process.waitForFinished(5000);
    }
    result.exitCode = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    result.daemonStderr = stderrSoFar();
    result.processGroupEmpty = waitForEmptyProcessGroup(std::chrono::seconds(5));
    if (!result.processGroupEmpty) {
        killProcessGroup();
        waitForEmptyProcessGroup(std::chrono::seconds(5));
    }

    QFile summary(QDir(transcriptDir()).filePath(u"summary.json"_s));
    if (summary.open(QIODevice::ReadOnly))
        result.summary = QJsonDocument::fromJson(summary.readAll()).object();
    result.shards = readTranscripts(transcriptDir());
    return result;
}

QMap<QString, ShardTranscript> ScenarioRun::readTranscripts(const QString &transcriptDir)
{
    QMap<QString, ShardTranscript> shards;
    const QDir dir(transcriptDir);
    const QStringList daemonFiles = dir.entryList({u"*.daemon.jsonl"_s}, QDir::Files);
    for (const QString &daemonFile : daemonFiles) {
        const QString shardId = daemonFile.chopped(int(qstrlen(".daemon.jsonl")));
        ShardTranscript transcript;
        transcript.daemonLines = readLines(dir.filePath(daemonFile));
        transcript.childLines = readLines(dir.filePath(shardId + u".jsonl"_s));
        transcript.daemonMessages = jsonObjects(transcript.daemonLines);
        transcript.childMessages = jsonObjects(transcript.childLines);
        shards.insert(shardId, transcript);
    }
    return shards;
}

} // namespace qmld::peers

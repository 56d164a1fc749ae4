#include <qmld/StreamRunner.h>
#include <qmld/KclApplication.h>

#include "supervisor/DaemonLogLevel.h"
#include "supervisor/Logging.h"
#include "supervisor/ProcessGroup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace qmld {

namespace {

// A daemon that prints without line ends must not grow a buffer forever.
constexpr qsizetype MaxLogLineBytes = 64 * 1024;
// How long a destructor waits for a SIGKILLed group to disappear.
constexpr auto DestructorKillTimeout = 5s;

QString fileNamePart(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        const bool safe = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'_' || c == u'.';
        out.append(safe ? c : u'_');
        if (out.size() == 40)
            break;
    }
    return out.isEmpty() ? u"stream"_s : out;
}

} // namespace

class StreamRunner::Private
{
public:
    struct OutputChannel
    {
        QByteArray pending;
        LogLevel fallback;
    };

    Private(StreamRunner *owner, JavaProperties userProperties, StreamRunnerOptions runnerOptions)
        : q(owner)
        , properties(std::move(userProperties))
        , options(std::move(runnerOptions))
        , terminator(owner)
    {
        clock.start();
        restartTimer.setSingleShot(true);
    }

    bool prepare(QString *error);
    void launch();
    void onStarted();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onStartFailed();
    void onGroupGone();
    void settle();
    void scheduleRestartOrFail();
    void finishStop();
    void releaseProcess();
    void killNow();
    void setState(State next);
    void readOutput(QProcess::ProcessChannel channel, bool flush);
    void emitLine(QByteArrayView bytes, QProcess::ProcessChannel channel);
    std::chrono::milliseconds nextBackoff() const;
    void noteExit(const QString &exit, const QString &lastLine, bool duringStartup);

    static QString sameErrorKey(const QString &reason);

    StreamRunner *q;
    JavaProperties properties;
    StreamRunnerOptions options;

    State state = State::Stopped;
    QString lastError;
    std::unique_ptr<QTemporaryDir> runtimeDirectory;
    QString propertiesPath;
    DaemonCommand command;

    QProcess *process = nullptr;
    pid_t pgid = 0;
    bool processFinished = true;
    bool groupGone = true;
    bool stopRequested = false;
    supervisor::ProcessGroupTerminator terminator;

    QTimer restartTimer;
    QElapsedTimer clock;
    QList<qint64> restartTimes; // clock times of recent restarts, for the budget
    int restarts = 0;
    QElapsedTimer upSince;
    bool shardSeen = false;         // a child of the current daemon reached the shard server
    QString previousStartupFailure; // sameErrorKey() of the last exit, when it came during startup
    bool giveUp = false;            // fail instead of restarting, once the group is gone
    bool failedToStart = false;

    OutputChannel standardOutput{{}, LogLevel::Info};
    OutputChannel standardError{{}, LogLevel::Warning};
    LogLevel previousLevel = LogLevel::Info;
    QString lastStderrLine;
    QString lastErrorLine;
    QString lastExceptionLine; // "java.lang.X: message": the cause, where a JVM names one
};

bool StreamRunner::Private::prepare(QString *error)
{
    const auto application = KclApplication::fromProperties(properties);
    if (const auto *problems = std::get_if<KclApplication::Problems>(&application)) {
        *error = KclApplication::messages(*problems).join(u'\n');
        return false;
    }
    if (options.port == 0 || options.token.isEmpty()) {
        *error = StreamRunner::tr("the stream runner needs the shard server's port and token");
        return false;
    }

    const QFileInfo connect(options.connectProgram.isEmpty()
                                ? QCoreApplication::applicationDirPath() + u"/qmld-connect"_s
                                : options.connectProgram);
    const QString connectPath = connect.absoluteFilePath();
    if (!connect.isFile() || !connect.isExecutable()) {
        *error = StreamRunner::tr("qmld-connect not found or not executable: %1").arg(connectPath);
        return false;
    }
    // The MultiLangDaemon splits executableName on spaces, with no quoting.
    if (connectPath.contains(u' ') || connectPath.contains(u'\t')) {
        *error = StreamRunner::tr("the path of qmld-connect contains a space, which the MultiLangDaemon "
                                  "cannot run: %1")
                     .arg(connectPath);
        return false;
    }

    QString parent = options.runtimeParent;
    if (parent.isEmpty()) {
        const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
        parent = !xdg.isEmpty() && QFileInfo(xdg).isDir() ? xdg : QDir::tempPath();
    }
    const QString applicationName = fileNamePart(properties.value(u"applicationName"_s));
    auto directory = std::make_unique<QTemporaryDir>(parent + u"/qmld-"_s + applicationName + u"-XXXXXX"_s);
    if (!directory->isValid()) {
        *error = StreamRunner::tr("cannot create a runtime folder in %1: %2").arg(parent, directory->errorString());
        return false;
    }
    QFile::setPermissions(directory->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    JavaProperties written = properties;
    const QString executableName = connectPath + u' ' + QString::number(options.port);
    if (written.contains(u"executableName"))
        qCInfo(lcRunner) << "replacing executableName" << written.value(u"executableName") << "from"
                         << properties.location(u"executableName") << "with qmld-connect";
    written.set(u"executableName"_s, executableName);
    // A distinctive name: KCL v1 looks the file up on the classpath first.
    const QString path = directory->filePath(u"qmld-"_s + applicationName + u".properties"_s);
    const QString header = u"Written by qmld from "_s
        + (properties.sourceName().isEmpty() ? u"in-memory properties"_s : properties.sourceName());
    if (!written.save(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner, error, header))
        return false;

    DaemonLaunchContext context;
    context.propertiesFile = path;
    context.javaClasspath = options.javaClasspath;
    context.binDirectory = options.binDirectory;
    context.environment = options.environment;
    const auto resolved = options.daemon.resolve(context, error);
    if (!resolved)
        return false;

    command = *resolved;
    propertiesPath = path;
    runtimeDirectory = std::move(directory);
    return true;
}

void StreamRunner::Private::launch()
{
    releaseProcess();
    standardOutput.pending.clear();
    standardError.pending.clear();
    lastStderrLine.clear();
    lastErrorLine.clear();
    lastExceptionLine.clear();
    shardSeen = false;

    process = new QProcess(q);
    process->setProgram(command.program);
    process->setArguments(command.arguments);
    if (!options.workingDirectory.isEmpty())
        process->setWorkingDirectory(options.workingDirectory);
    QProcessEnvironment environment = options.environment;
    environment.insert(u"QMLD_CONNECT_TOKEN"_s, QString::fromLatin1(options.token));
    process->setProcessEnvironment(environment);

    const pid_t qmldPid = ::getpid();
    process->setChildProcessModifier([qmldPid] {
        // Async-signal-safe calls only: this runs between fork and exec.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != qmldPid)
            ::_exit(127); // qmld died before prctl took effect
    });

    QObject::connect(process, &QProcess::started, q, [this] { onStarted(); });
    QObject::connect(process, &QProcess::finished, q, [this](int code, QProcess::ExitStatus status) {
        onFinished(code, status);
    });
    QObject::connect(process, &QProcess::errorOccurred, q, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            QMetaObject::invokeMethod(q, [this] { onStartFailed(); }, Qt::QueuedConnection);
    });
    QObject::connect(process, &QProcess::readyReadStandardOutput, q, [this] {
        readOutput(QProcess::StandardOutput, false);
    });
    QObject::connect(process, &QProcess::readyReadStandardError, q, [this] {
        readOutput(QProcess::StandardError, false);
    });

    processFinished = false;
    groupGone = false;
    setState(State::Starting);
    process->start();
    pgid = pid_t(process->processId());
    if (pgid > 0) {
        // Also from this side, so that a stop right after start finds the group.
        ::setpgid(pgid, pgid);
        qCInfo(lcRunner).noquote() << "started daemon" << command.argv().join(u' ') << "pid" << pgid;
    }
}

void StreamRunner::Private::onStarted()
{
    upSince.start();
    if (state == State::Starting)
        setState(State::Running);
    Q_EMIT q->daemonStarted(process ? process->processId() : 0);
}

void StreamRunner::Private::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readOutput(QProcess::StandardOutput, true);
    readOutput(QProcess::StandardError, true);
    processFinished = true;
    const bool withinStartup = upSince.isValid() && options.startupWindow.count() > 0
        && upSince.elapsed() < options.startupWindow.count();
    upSince.invalidate();

    if (stopRequested) {
        settle();
        return;
    }
    if (!options.restartOnCleanExit && status == QProcess::NormalExit && exitCode == 0) {
        // The daemon's work is done (a replay, a test daemon): stop, do not restart.
        qCInfo(lcRunner) << "the daemon finished with exit code 0";
        Q_EMIT q->daemonExited(StreamRunner::tr("the daemon finished (exit code 0)"));
        stopRequested = true;
        setState(State::Stopping);
        terminator.terminate(pgid, options.stopGrace);
        return;
    }
    const QString exit = status == QProcess::CrashExit
        ? StreamRunner::tr("the daemon was killed by signal %1").arg(exitCode)
        : StreamRunner::tr("the daemon exited with code %1").arg(exitCode);
    QString reason = exit;
    // The exception a JVM named beats its last ERROR line ("For more information, visit: ...").
    const QString lastLine = !lastExceptionLine.isEmpty() ? lastExceptionLine
                             : !lastErrorLine.isEmpty()   ? lastErrorLine
                                                          : lastStderrLine;
    if (!lastLine.isEmpty())
        reason += u": "_s + lastLine;
    lastError = reason;
    qCWarning(lcRunner).noquote() << reason;
    // A signal came from outside (kill -9, the OOM killer): never a startup failure.
    noteExit(exit, lastLine, status == QProcess::NormalExit && exitCode != 0 && withinStartup && !shardSeen);
    setState(State::BackingOff);
    Q_EMIT q->daemonExited(reason);
    // Whatever the daemon left in its group (connectors, helpers) goes too.
    terminator.terminate(pgid, options.stopGrace);
}

void StreamRunner::Private::onStartFailed()
{
    if (!process || processFinished)
        return;
    lastError = StreamRunner::tr("cannot start the daemon %1: %2").arg(command.program, process->errorString());
    qCWarning(lcRunner).noquote() << lastError;
    processFinished = true;
    groupGone = true;
    if (stopRequested) {
        settle();
        return;
    }
    const QString reason = lastError;
    noteExit(reason, {}, true);
    setState(State::BackingOff);
    Q_EMIT q->daemonExited(reason);
    settle();
}

void StreamRunner::Private::onGroupGone()
{
    groupGone = true;
    settle();
}

// Acts once both the daemon and its group are gone.
void StreamRunner::Private::settle()
{
    if (!processFinished || !groupGone)
        return;
    if (stopRequested)
        finishStop();
    else if (state == State::BackingOff && !restartTimer.isActive())
        scheduleRestartOrFail();
}

// Numbers (times, pids, ports) differ from one start to the next; the error does not.
QString StreamRunner::Private::sameErrorKey(const QString &reason)
{
    static const QRegularExpression digits(u"\\d+"_s);
    return QString(reason).replace(digits, u"0"_s);
}

// The second exit in a row during startup with the same error is not worth a
// third start: a bad property or a missing class fails the same way each time.
void StreamRunner::Private::noteExit(const QString &exit, const QString &lastLine, bool duringStartup)
{
    if (!duringStartup) {
        previousStartupFailure.clear();
        return;
    }
    const QString key = sameErrorKey(exit + u'\n' + lastLine);
    if (key == previousStartupFailure) {
        giveUp = true;
        // What the daemon said comes first: it is what the user has to fix.
        lastError = lastLine.isEmpty()
            ? StreamRunner::tr("the daemon cannot start: %1, twice in a row during its startup").arg(exit)
            : StreamRunner::tr("the daemon cannot start: %1 (%2, twice in a row during its startup)").arg(lastLine, exit);
    }
    previousStartupFailure = key;
}

std::chrono::milliseconds StreamRunner::Private::nextBackoff() const
{
    const auto cap = std::max(options.maxBackoff, options.initialBackoff);
    auto delay = options.initialBackoff;
    for (qsizetype i = 0; i < restartTimes.size() && delay < cap; ++i)
        delay *= 2;
    delay = std::min(delay, cap);
    // Half fixed, half random, so that several runners do not restart in step.
    const qint64 half = delay.count() / 2;
    return std::chrono::milliseconds(delay.count() - half + QRandomGenerator::global()->bounded(half + 1));
}

void StreamRunner::Private::scheduleRestartOrFail()
{
    const qint64 now = clock.elapsed();
    const qint64 windowMs = options.restartWindow.count();
    restartTimes.removeIf([&](qint64 at) { return now - at > windowMs; });
    if (giveUp) {
        qCWarning(lcRunner).noquote() << lastError;
        failedToStart = true;
        releaseProcess();
        runtimeDirectory.reset();
        setState(State::Failed);
        return;
    }
    if (restartTimes.size() >= options.restartBudget) {
        lastError = StreamRunner::tr("gave up after %n restart(s) within %1 s: %2", nullptr,
                                     int(restartTimes.size()))
                        .arg(windowMs / 1000)
                        .arg(lastError);
        qCWarning(lcRunner).noquote() << lastError;
        releaseProcess();
        runtimeDirectory.reset();
        setState(State::Failed);
        return;
    }
    const auto delay = nextBackoff();
    qCInfo(lcRunner) << "restarting the daemon in" << delay.count() << "ms";
    restartTimer.start(delay);
}

void StreamRunner::Private::finishStop()
{
    stopRequested = false;
    restartTimer.stop();
    releaseProcess();
    runtimeDirectory.reset();
    setState(State::Stopped);
    Q_EMIT q->stopped();
}

void StreamRunner::Private::releaseProcess()
{
    if (process) {
        process->disconnect(q);
        process->deleteLater();
        process = nullptr;
    }
    pgid = 0;
}

void StreamRunner::Private::killNow()
{
    restartTimer.stop();
    if (pgid > 0 && (!processFinished || !groupGone)) {
        // Not the graceful way: the children get no shutdownRequested. Said,
        // so that a caller that should have stopped first can be found.
        qCWarning(lcRunner) << "destroyed while the daemon's process group" << pgid << "runs: sent SIGKILL";
        if (!supervisor::killProcessGroupNow(pgid, DestructorKillTimeout))
            qCCritical(lcRunner) << "processes of group" << pgid << "survived SIGKILL";
    }
    if (process) {
        process->disconnect(q);
        if (process->state() != QProcess::NotRunning)
            process->waitForFinished(int(std::chrono::milliseconds(DestructorKillTimeout).count()));
        delete process;
        process = nullptr;
    }
    pgid = 0;
    runtimeDirectory.reset();
}

void StreamRunner::Private::setState(State next)
{
    if (state == next)
        return;
    state = next;
    Q_EMIT q->stateChanged(next);
}

void StreamRunner::Private::readOutput(QProcess::ProcessChannel channel, bool flush)
{
    if (!process)
        return;
    OutputChannel &output = channel == QProcess::StandardError ? standardError : standardOutput;
    process->setReadChannel(channel);
    output.pending += process->readAll();
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = output.pending.indexOf('\n', start);
        if (end < 0) {
            if (output.pending.size() - start >= MaxLogLineBytes) {
                emitLine(QByteArrayView(output.pending).sliced(start, MaxLogLineBytes), channel);
                start += MaxLogLineBytes;
                continue;
            }
            break;
        }
        emitLine(QByteArrayView(output.pending).sliced(start, end - start), channel);
        start = end + 1;
    }
    output.pending.remove(0, start);
    if (flush && !output.pending.isEmpty()) {
        emitLine(output.pending, channel);
        output.pending.clear();
    }
}

void StreamRunner::Private::emitLine(QByteArrayView bytes, QProcess::ProcessChannel channel)
{
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    const QString line = QString::fromUtf8(bytes);
    const LogLevel fallback = channel == QProcess::StandardError ? standardError.fallback : standardOutput.fallback;
    const LogLevel level = supervisor::guessLogLevel(line, previousLevel, fallback);
    previousLevel = level;
    if (!line.trimmed().isEmpty() && !supervisor::isContinuationLine(line)) {
        if (channel == QProcess::StandardError)
            lastStderrLine = line.trimmed();
        if (level == LogLevel::Error)
            lastErrorLine = line.trimmed();
    }
    static const QRegularExpression javaException(u"\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): *\\S"_s);
    if (javaException.match(line).hasMatch())
        lastExceptionLine = line.trimmed();
    Q_EMIT q->logLine(line, level);
}

StreamRunner::StreamRunner(JavaProperties properties, StreamRunnerOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(properties), std::move(options)))
{
    connect(&d->terminator, &supervisor::ProcessGroupTerminator::gone, this, [this] { d->onGroupGone(); });
    connect(&d->terminator, &supervisor::ProcessGroupTerminator::escalated, this, [this] {
        qCWarning(lcRunner) << "the daemon's process group ignored SIGTERM for"
                            << d->options.stopGrace.count() << "ms: sent SIGKILL";
    });
    connect(&d->restartTimer, &QTimer::timeout, this, [this] {
        d->restartTimes.append(d->clock.elapsed());
        ++d->restarts;
        d->launch();
    });
}

StreamRunner::~StreamRunner()
{
    d->killNow();
}

bool StreamRunner::start()
{
    switch (d->state) {
    case State::Starting:
    case State::Running:
    case State::BackingOff:
        return true;
    case State::Stopping:
        d->lastError = tr("the daemon is still stopping");
        return false;
    case State::Stopped:
    case State::Failed:
        break;
    }
    d->restarts = 0;
    d->restartTimes.clear();
    d->lastError.clear();
    d->previousStartupFailure.clear();
    d->giveUp = false;
    d->failedToStart = false;
    QString error;
    if (!d->prepare(&error)) {
        d->lastError = error;
        qCWarning(lcRunner).noquote() << error;
        d->setState(State::Failed);
        return false;
    }
    d->launch();
    return true;
}

void StreamRunner::stop()
{
    switch (d->state) {
    case State::Stopped:
    case State::Failed:
    case State::Stopping:
        return;
    case State::Starting:
    case State::Running:
        d->stopRequested = true;
        d->setState(State::Stopping);
        d->terminator.terminate(d->pgid, d->options.stopGrace);
        return;
    case State::BackingOff:
        d->stopRequested = true;
        d->restartTimer.stop();
        if (d->processFinished && d->groupGone) {
            d->finishStop();
        } else {
            d->setState(State::Stopping); // the leftovers of the last daemon are still being ended
        }
        return;
    }
}

void StreamRunner::shardConnected()
{
    if (d->process && !d->processFinished)
        d->shardSeen = true;
}

bool StreamRunner::failedToStart() const
{
    return d->failedToStart;
}

StreamRunner::State StreamRunner::state() const
{
    return d->state;
}

qint64 StreamRunner::daemonPid() const
{
    return d->process && !d->processFinished ? d->process->processId() : 0;
}

int StreamRunner::restartCount() const
{
    return d->restarts;
}

std::chrono::milliseconds StreamRunner::uptime() const
{
    return d->upSince.isValid() ? std::chrono::milliseconds(d->upSince.elapsed()) : 0ms;
}

QString StreamRunner::lastError() const
{
    return d->lastError;
}

DaemonCommand StreamRunner::command() const
{
    return d->command;
}

QString StreamRunner::runtimeDirectory() const
{
    return d->runtimeDirectory ? d->runtimeDirectory->path() : QString();
}

QString StreamRunner::propertiesFilePath() const
{
    return d->runtimeDirectory ? d->propertiesPath : QString();
}

const StreamRunnerOptions &StreamRunner::options() const
{
    return d->options;
}

QString StreamRunner::stateName(State state)
{
    switch (state) {
    case State::Stopped: return tr("stopped");
    case State::Starting: return tr("starting");
    case State::Running: return tr("running");
    case State::BackingOff: return tr("backing off");
    case State::Stopping: return tr("stopping");
    case State::Failed: return tr("failed");
    }
    return {};
}

} // namespace qmld

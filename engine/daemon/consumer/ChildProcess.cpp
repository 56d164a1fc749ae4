#include "daemon/consumer/ChildProcess.h"

#include "daemon/consumer/Logging.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace qmld::daemon {

ChildProcess::ChildProcess(QStringList command, QString shardId, QObject *parent)
    : QObject(parent), m_shardId(std::move(shardId)), m_command(std::move(command))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_exitTimer.setSingleShot(true);
    connect(&m_process, &QProcess::started, this, &ChildProcess::started);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failedToStart(m_process.errorString());
    });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ChildProcess::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] { forwardStderr(false); });
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        m_exitTimer.stop();
        readStdout();
        forwardStderr(true);
        qCInfo(lcDaemon, "Child process for shard %s exited with value %d%s", qUtf8Printable(m_shardId), exitCode,
               status == QProcess::CrashExit ? " (killed by a signal)" : "");
        Q_EMIT exited(exitCode, status);
    });
    connect(&m_exitTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcDaemon, "the child for shard %s did not exit after its stdin was closed: killing it",
                  qUtf8Printable(m_shardId));
        m_process.kill();
    });
}

ChildProcess::~ChildProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect(this);
        m_process.kill();
        m_process.waitForFinished(2000); // reap it: no child outlives the daemon
    }
}

void ChildProcess::start()
{
    QStringList arguments = m_command;
    const QString program = arguments.takeFirst();
    m_process.start(program, arguments);
}

bool ChildProcess::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

qint64 ChildProcess::processId() const
{
    return m_process.processId();
}

bool ChildProcess::write(const QByteArray &bytes)
{
    return isRunning() && m_process.write(bytes) == bytes.size();
}

void ChildProcess::readStdout()
{
    m_stdout.append(m_process.readAllStandardOutput());
    Q_EMIT linesAvailable();
}

std::optional<QByteArray> ChildProcess::takeLine()
{
    if (m_skipLineFeed && m_stdoutStart < m_stdout.size()) {
        if (m_stdout.at(m_stdoutStart) == '\n')
            ++m_stdoutStart;
        m_skipLineFeed = false;
    }
    const QByteArrayView pending = QByteArrayView(m_stdout).sliced(m_stdoutStart);
    qsizetype end = -1;
    for (qsizetype i = 0; i < pending.size(); ++i) {
        if (pending[i] == '\n' || pending[i] == '\r') {
            end = i;
            break;
        }
    }
    if (end < 0) {
        if (m_stdoutStart > 0) {
            m_stdout.remove(0, m_stdoutStart);
            m_stdoutStart = 0;
        }
        return std::nullopt;
    }
    QByteArray line = pending.first(end).toByteArray();
    m_stdoutStart += end + 1;
    if (pending[end] == '\r')
        m_skipLineFeed = true;
    return line;
}

void ChildProcess::forwardStderr(bool flushPartial)
{
    m_stderr.append(m_process.readAllStandardError());
    qsizetype start = 0;
    QByteArray out;
    while (true) {
        const qsizetype newline = m_stderr.indexOf('\n', start);
        if (newline < 0)
            break;
        out += '[' + m_shardId.toUtf8() + "] " + QByteArrayView(m_stderr).sliced(start, newline - start + 1);
        start = newline + 1;
    }
    m_stderr.remove(0, start);
    if (flushPartial && !m_stderr.isEmpty()) {
        out += '[' + m_shardId.toUtf8() + "] " + m_stderr + '\n';
        m_stderr.clear();
    }
    if (!out.isEmpty()) {
        std::fwrite(out.constData(), 1, size_t(out.size()), stderr);
        std::fflush(stderr);
    }
}

void ChildProcess::closeStdin(std::chrono::milliseconds bound)
{
    m_process.closeWriteChannel();
    if (m_process.state() != QProcess::NotRunning)
        m_exitTimer.start(bound);
}

void ChildProcess::kill()
{
    if (m_process.state() != QProcess::NotRunning)
        m_process.kill();
}

} // namespace qmld::daemon

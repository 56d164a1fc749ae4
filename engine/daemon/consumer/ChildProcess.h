#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <optional>

namespace qmld::daemon {

// One shard's child, started as the Java daemon starts it: the first word of
// the command is the program (found on PATH), no shell, the daemon's own
// environment and working directory. Its stderr is copied to the daemon's
// stderr line by line, each line prefixed with the shard id. Its stdout is
// buffered and handed out line by line (\n, \r\n or \r, as readLine does).
//
// Destroying a ChildProcess that is still running kills and reaps it.
class ChildProcess : public QObject
{
    Q_OBJECT
public:
    ChildProcess(QStringList command, QString shardId, QObject *parent = nullptr);
    ~ChildProcess() override;

    void start();
    bool isRunning() const;
    qint64 processId() const;

    // False when the write could not even be queued (the child is gone).
    bool write(const QByteArray &bytes);
    // The next complete stdout line without its terminator, if any.
    std::optional<QByteArray> takeLine();

    // Closes the child's stdin; a child that has not exited within `bound`
    // is logged and killed.
    void closeStdin(std::chrono::milliseconds bound);
    void kill();

Q_SIGNALS:
    void started();
    void failedToStart(const QString &reason);
    void linesAvailable();
    void exited(int exitCode, QProcess::ExitStatus status);

private:
    void readStdout();
    void forwardStderr(bool flushPartial);

    QString m_shardId;
    QStringList m_command;
    QProcess m_process;
    QByteArray m_stdout;
    qsizetype m_stdoutStart = 0;
    bool m_skipLineFeed = false; // the last line ended with \r: a following \n belongs to it
    QByteArray m_stderr;
    QTimer m_exitTimer;
};

} // namespace qmld::daemon

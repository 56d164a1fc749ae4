#pragma once

// Signalling and stopping the processes a test starts. Every test signals a
// process through signalProcess(), never by passing QProcess::processId() to kill():
// once a QProcess has ended its processId() is 0, and kill(0, ...) signals the
// whole process group, the test runner included.

#include <ProcessProbe.h>

#include <QProcess>

#include <csignal>

namespace qmld::test {

// Sends `signal` to `pid`; refuses 0, 1 and negative ids (a group, init).
inline bool signalPid(qint64 pid, int signal)
{
    return pid > 1 && ::kill(pid_t(pid), signal) == 0;
}

// Sends `signal` to `process` if it is running.
inline bool signalProcess(const QProcess &process, int signal)
{
    return process.state() == QProcess::Running && signalPid(process.processId(), signal);
}

// SIGTERM, `graceMs` to exit, then SIGKILL; reaped. Whatever was below it and
// outlived it (a child its parent did not stop) gets SIGKILL too.
inline void stopAndReap(QProcess &process, int graceMs = 30000)
{
    if (process.state() == QProcess::NotRunning)
        return;
    const QList<qint64> below = process.processId() > 1 ? descendantsOf(process.processId()) : QList<qint64>();
    signalProcess(process, SIGTERM);
    if (!process.waitForFinished(graceMs)) {
        process.kill();
        process.waitForFinished();
    }
    for (const qint64 pid : below)
        if (isAlive(pid))
            signalPid(pid, SIGKILL);
}

// Stops a process when the scope ends, however the test leaves it: a passed
// check, a failed QVERIFY/QCOMPARE, or an early return.
class ProcessGuard
{
public:
    explicit ProcessGuard(QProcess &process, int graceMs = 30000)
        : m_process(&process)
        , m_graceMs(graceMs)
    {
    }
    ~ProcessGuard()
    {
        if (m_process)
            stopAndReap(*m_process, m_graceMs);
    }
    Q_DISABLE_COPY_MOVE(ProcessGuard)

private:
    QProcess *m_process;
    int m_graceMs;
};

} // namespace qmld::test

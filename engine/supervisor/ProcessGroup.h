#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <chrono>

#include <sys/types.h>

namespace qmld::supervisor {

// Whether any process of group `pgid` is still alive. Zombies do not count:
// orphans are reaped by init, which in a container may never do it.
bool processGroupAlive(pid_t pgid);

// SIGKILL to the group, then waits (bounded) until no member is alive. For
// destructors, which cannot wait for an event loop.
bool killProcessGroupNow(pid_t pgid, std::chrono::milliseconds timeout);

// Ends a process group: SIGTERM now, SIGKILL when the grace period is over,
// then gone() once no member is alive.
class ProcessGroupTerminator : public QObject
{
    Q_OBJECT
public:
    explicit ProcessGroupTerminator(QObject *parent = nullptr);

    void terminate(pid_t pgid, std::chrono::milliseconds grace);
    bool isActive() const { return m_pgid > 0; }

Q_SIGNALS:
    void escalated(); // the grace period ended: SIGKILL sent
    void gone();

private:
    void check();

    pid_t m_pgid = 0;
    bool m_killed = false;
    QDeadlineTimer m_graceEnd;
    QTimer m_poll;
};

} // namespace qmld::supervisor

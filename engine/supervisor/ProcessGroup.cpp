#include "supervisor/ProcessGroup.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace qmld::supervisor {

namespace {

// Reads state and process group from /proc/<pid>/stat ("pid (comm) S ppid pgrp ...").
bool readStat(const char *pid, char *state, pid_t *pgrp)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%s/stat", pid);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[512];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buffer[n] = '\0';
    const char *afterName = std::strrchr(buffer, ')'); // the name may contain ") "
    if (!afterName)
        return false;
    int parent = 0;
    int group = 0;
    if (std::sscanf(afterName + 1, " %c %d %d", state, &parent, &group) != 3)
        return false;
    *pgrp = group;
    return true;
}

} // namespace

bool processGroupAlive(pid_t pgid)
{
    if (pgid <= 0)
        return false;
    if (::kill(-pgid, 0) != 0 && errno == ESRCH)
        return false;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return true; // cannot tell: assume alive
    bool alive = false;
    while (const dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        char state = 0;
        pid_t group = 0;
        if (readStat(entry->d_name, &state, &group) && group == pgid && state != 'Z' && state != 'X') {
            alive = true;
            break;
        }
    }
    ::closedir(proc);
    return alive;
}

bool killProcessGroupNow(pid_t pgid, std::chrono::milliseconds timeout)
{
    if (pgid <= 0)
        return true;
    ::kill(-pgid, SIGKILL);
    const QDeadlineTimer deadline(timeout);
    while (processGroupAlive(pgid)) {
        if (deadline.hasExpired())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

ProcessGroupTerminator::ProcessGroupTerminator(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(std::chrono::milliseconds(20));
    connect(&m_poll, &QTimer::timeout, this, &ProcessGroupTerminator::check);
}

void ProcessGroupTerminator::terminate(pid_t pgid, std::chrono::milliseconds grace)
{
    m_pgid = pgid;
    m_killed = false;
    m_graceEnd = QDeadlineTimer(grace);
    if (pgid > 0)
        ::kill(-pgid, SIGTERM);
    m_poll.start();
    // gone() always arrives from the event loop, never inside terminate().
    QTimer::singleShot(0, this, &ProcessGroupTerminator::check);
}

void ProcessGroupTerminator::check()
{
    if (m_pgid <= 0)
        return;
    if (!processGroupAlive(m_pgid)) {
        m_poll.stop();
        m_pgid = 0;
        Q_EMIT gone();
        return;
    }
    if (!m_killed && m_graceEnd.hasExpired()) {
        m_killed = true;
        ::kill(-m_pgid, SIGKILL);
        Q_EMIT escalated();
    }
}

} // namespace qmld::supervisor

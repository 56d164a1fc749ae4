#include "ChildProcess.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace qmld::bench {
namespace {

void closeIfOpen(int *fd)
{
    if (*fd >= 0)
        ::close(*fd);
    *fd = -1;
}

std::string describe(const std::vector<std::string> &command)
{
    std::string text;
    for (const std::string &piece : command)
        text += (text.empty() ? "" : " ") + piece;
    return text;
}

} // namespace

std::optional<ChildProcess> ChildProcess::start(const std::vector<std::string> &command,
                                                std::size_t stdinPipeBytes, std::string *error)
{
    int toChild[2];
    int fromChild[2];
    if (::pipe2(toChild, O_CLOEXEC) != 0) {
        *error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return std::nullopt;
    }
    if (::pipe2(fromChild, O_CLOEXEC) != 0) {
        *error = std::string("cannot create a pipe: ") + std::strerror(errno);
        ::close(toChild[0]);
        ::close(toChild[1]);
        return std::nullopt;
    }

    ChildProcess child;
    child.m_stdin = toChild[1];
    child.m_stdout = fromChild[0];
    // Enlarged before the child starts, as a daemon that cares about
    // throughput would do; the size actually granted is reported.
    ::fcntl(toChild[1], F_SETPIPE_SZ, int(stdinPipeBytes));
    const int granted = ::fcntl(toChild[1], F_GETPIPE_SZ);
    child.m_stdinPipeBytes = granted > 0 ? std::size_t(granted) : 0;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO);

    std::vector<char *> argv;
    for (const std::string &piece : command)
        argv.push_back(const_cast<char *>(piece.c_str()));
    argv.push_back(nullptr);

    const int spawnError = ::posix_spawnp(&child.m_pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(toChild[0]);
    ::close(fromChild[1]);
    if (spawnError != 0) {
        child.m_pid = -1;
        *error = "cannot start child '" + describe(command) + "': " + std::strerror(spawnError);
        return std::nullopt;
    }
    ::fcntl(child.m_stdin, F_SETFL, ::fcntl(child.m_stdin, F_GETFL) | O_NONBLOCK);
    ::fcntl(child.m_stdout, F_SETFL, ::fcntl(child.m_stdout, F_GETFL) | O_NONBLOCK);
    return child;
}

ChildProcess::ChildProcess(ChildProcess &&other) noexcept
    : m_pid(other.m_pid)
    , m_stdin(other.m_stdin)
    , m_stdout(other.m_stdout)
    , m_stdinPipeBytes(other.m_stdinPipeBytes)
{
    other.m_pid = -1;
    other.m_stdin = -1;
    other.m_stdout = -1;
}

ChildProcess::~ChildProcess()
{
    closeIfOpen(&m_stdin);
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    closeIfOpen(&m_stdout);
}

bool ChildProcess::writeAll(const char *data, std::size_t size, std::chrono::milliseconds timeout,
                            std::string *error)
{
    while (size > 0) {
        const ssize_t written = ::write(m_stdin, data, size);
        if (written > 0) {
            data += written;
            size -= std::size_t(written);
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && errno == EAGAIN) {
            pollfd waitFor{m_stdin, POLLOUT, 0};
            const int ready = ::poll(&waitFor, 1, int(timeout.count()));
            if (ready == 0) {
                *error = "the child has not read its stdin for " + std::to_string(timeout.count()) + " ms";
                return false;
            }
            if (ready < 0 && errno != EINTR) {
                *error = std::string("poll on the child's stdin failed: ") + std::strerror(errno);
                return false;
            }
            continue;
        }
        *error = errno == EPIPE ? std::string("the child closed its stdin (has it exited?)")
                                : std::string("cannot write to the child: ") + std::strerror(errno);
        return false;
    }
    return true;
}

void ChildProcess::closeStdin()
{
    closeIfOpen(&m_stdin);
}

int ChildProcess::waitForExit(std::chrono::milliseconds timeout, bool *hadToKill)
{
    *hadToKill = false;
    if (m_pid <= 0)
        return -1;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (true) {
        const pid_t reaped = ::waitpid(m_pid, &status, WNOHANG);
        if (reaped == m_pid)
            break;
        if (reaped < 0 && errno != EINTR) {
            m_pid = -1;
            return -1;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            *hadToKill = true;
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
            break;
        }
        // Polling is fine here: this runs once, after the timed phase.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    m_pid = -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
}

} // namespace qmld::bench

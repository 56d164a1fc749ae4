#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace qmld::bench {

// A child started without a shell, its stdin and stdout on pipes (stdin
// enlarged, both non-blocking on this side) and its stderr shared with ours.
// The destructor kills and reaps a child that is still running.
class ChildProcess
{
public:
    static std::optional<ChildProcess> start(const std::vector<std::string> &command,
                                             std::size_t stdinPipeBytes, std::string *error);

    ChildProcess(ChildProcess &&other) noexcept;
    ChildProcess &operator=(ChildProcess &&) = delete;
    ChildProcess(const ChildProcess &) = delete;
    ~ChildProcess();

    pid_t pid() const { return m_pid; }
    int stdinFd() const { return m_stdin; }
    int stdoutFd() const { return m_stdout; }
    // What F_SETPIPE_SZ left the stdin pipe at (0 if the query failed).
    std::size_t stdinPipeBytes() const { return m_stdinPipeBytes; }

    // Writes all bytes, waiting at most `timeout` whenever the pipe is full.
    bool writeAll(const char *data, std::size_t size, std::chrono::milliseconds timeout,
                  std::string *error);
    void closeStdin();

    // Waits up to `timeout` for the child to exit; kills it if it does not.
    // Returns the exit code, or -signal if it died from a signal.
    int waitForExit(std::chrono::milliseconds timeout, bool *hadToKill);

private:
    ChildProcess() = default;

    pid_t m_pid = -1;
    int m_stdin = -1;
    int m_stdout = -1;
    std::size_t m_stdinPipeBytes = 0;
};

} // namespace qmld::bench

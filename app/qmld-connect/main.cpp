// qmld-connect <port>: the per-shard child the MultiLangDaemon starts.
//
// Connects to qmld's ShardServer on 127.0.0.1:<port>, presents the token it
// inherits in QMLD_CONNECT_TOKEN, then relays stdin -> socket and
// socket -> stdout until the daemon closes stdin. Plain POSIX on purpose: the
// daemon starts one per leased shard, so it must start fast.
//
// Exit codes: 0 the daemon finished (stdin EOF); 1 the connection failed or
// qmld closed it first (the daemon must notice that the shard failed);
// 2 usage error.

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

constexpr std::size_t ChunkBytes = std::size_t(1) << 20;
constexpr int PipeBytes = 1 << 20;
// After stdin EOF, how long qmld gets to send what is left and close.
constexpr auto DrainTimeout = std::chrono::seconds(5);

[[noreturn]] void quit(int code, const char *format, ...) __attribute__((format(printf, 2, 3)));

[[noreturn]] void quit(int code, const char *format, ...)
{
    if (format) {
        char line[512];
        va_list args;
        va_start(args, format);
        const int n = std::vsnprintf(line, sizeof line, format, args);
        va_end(args);
        if (n > 0) {
            std::string_view text(line, std::min<std::size_t>(std::size_t(n), sizeof line - 1));
            std::fprintf(stderr, "qmld-connect: %.*s\n", int(text.size()), text.data());
        }
    }
    std::fflush(stderr);
    // The relay threads may be blocked in splice(); _exit ends them too.
    _exit(code);
}

void printUsage(std::FILE *out)
{
    std::fprintf(out,
                 "usage: qmld-connect <port>\n"
                 "\n"
                 "Per-shard child of the KCL MultiLangDaemon, started by qmld through the\n"
                 "properties key executableName. Connects to qmld on 127.0.0.1:<port>,\n"
                 "authenticates with the token in the environment variable QMLD_CONNECT_TOKEN,\n"
                 "then relays stdin to the connection and the connection to stdout.\n");
}

// Waits until `fd` is ready for `events` (or has an error or hang-up).
bool waitFor(int fd, short events)
{
    pollfd ready {fd, events, 0};
    while (::poll(&ready, 1, -1) < 0) {
        if (errno != EINTR)
            return false;
    }
    return true;
}

bool writeAll(int fd, const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN && waitFor(fd, POLLOUT))
                continue;
            return false;
        }
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

void enlargePipe(int fd)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISFIFO(info.st_mode))
        return;
    if (::fcntl(fd, F_GETPIPE_SZ) < PipeBytes)
        ::fcntl(fd, F_SETPIPE_SZ, PipeBytes); // may exceed pipe-max-size: then keep the default
}

// How one direction of the relay ended.
struct CopyResult
{
    bool endOfInput = false; // false: failed with `error`
    int error = 0;
};

// Moves bytes from `in` to `out` until EOF on `in`: splice(2) when one side
// is a pipe (no copy through user space), read/write otherwise.
//
// splice(2) holds the pipe's lock while it waits on the other side, and
// whoever touches that pipe meanwhile (the daemon writing our stdin or
// reading our stdout) blocks uninterruptibly. So it never waits inside
// splice: the socket is non-blocking, SPLICE_F_NONBLOCK covers the pipe, and
// all waiting happens in poll(), which takes no lock.
CopyResult copyStream(int in, int out)
{
    bool useSplice = true;
    std::unique_ptr<char[]> buffer;
    for (;;) {
        if (!waitFor(in, POLLIN))
            return {false, errno};
        if (useSplice) {
            const ssize_t n = ::splice(in, nullptr, out, nullptr, ChunkBytes, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            if (n > 0)
                continue;
            if (n == 0)
                return {true, 0};
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                // `in` was just readable, so `out` is full.
                if (!waitFor(out, POLLOUT))
                    return {false, errno};
                continue;
            }
            if (errno != EINVAL)
                return {false, errno};
            useSplice = false; // neither side is a pipe, or the file type does not support it
            buffer = std::make_unique<char[]>(ChunkBytes);
        }
        const ssize_t n = ::read(in, buffer.get(), ChunkBytes);
        if (n == 0)
            return {true, 0};
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return {false, errno};
        }
        if (!writeAll(out, buffer.get(), std::size_t(n)))
            return {false, errno};
    }
}

bool isConnectionLoss(int error)
{
    return error == EPIPE || error == ECONNRESET || error == ENOTCONN || error == ETIMEDOUT;
}

int connectToQmld(unsigned port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        quit(1, "cannot create a socket: %s", std::strerror(errno));
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        int error = errno;
        if (error == EINTR) {
            // The connection goes on asynchronously: wait for its outcome.
            pollfd waiting {fd, POLLOUT, 0};
            while (::poll(&waiting, 1, -1) < 0 && errno == EINTR) {
            }
            socklen_t length = sizeof error;
            if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
                error = errno;
        }
        if (error != 0)
            quit(1, "cannot connect to 127.0.0.1:%u: %s", port, std::strerror(error));
    }
    return fd;
}

// Readable when the process `pid` has exited; -1 when the kernel lacks pidfd_open.
int openProcessHandle(pid_t pid)
{
#ifdef SYS_pidfd_open
    return int(::syscall(SYS_pidfd_open, pid, 0));
#else
    (void)pid;
    return -1;
#endif
}

enum Event : char { UpstreamDone = 'u', DownstreamDone = 'd' };

int g_events[2] = {-1, -1};
std::atomic<bool> g_stdinFinished {false};
CopyResult g_upstream;
CopyResult g_downstream;

void notify(Event event)
{
    const char byte = event;
    writeAll(g_events[1], &byte, 1);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
        printUsage(stdout);
        return 0;
    }
    if (argc != 2) {
        printUsage(stderr);
        return 2;
    }

    const std::string_view portText(argv[1]);
    unsigned port = 0;
    bool portValid = !portText.empty() && portText.size() <= 5;
    for (const char c : portText) {
        if (c < '0' || c > '9') {
            portValid = false;
            break;
        }
        port = port * 10 + unsigned(c - '0');
    }
    if (!portValid || port == 0 || port > 65535) {
        std::fprintf(stderr, "qmld-connect: '%s' is not a port number (1-65535)\n", argv[1]);
        return 2;
    }

    const char *token = std::getenv("QMLD_CONNECT_TOKEN");
    if (!token || !*token) {
        std::fprintf(stderr, "qmld-connect: the environment variable QMLD_CONNECT_TOKEN is not set "
                             "(qmld sets it for the daemon it starts)\n");
        return 2;
    }
    if (std::strpbrk(token, " \t\r\n")) {
        std::fprintf(stderr, "qmld-connect: QMLD_CONNECT_TOKEN contains whitespace\n");
        return 2;
    }

    ::signal(SIGPIPE, SIG_IGN);
    // The runner stops a stream with SIGTERM to the daemon's whole process
    // group. The daemon's graceful shutdown (shutdownRequested, final
    // checkpoints) still needs this line, so SIGTERM does not cut it: the
    // connector ends when the daemon closes stdin, when the daemon dies, or
    // by the runner's SIGKILL after its grace period.
    ::signal(SIGTERM, SIG_IGN);

    // Never outlive the daemon. PR_SET_PDEATHSIG would fire when the daemon
    // *thread* that started us ends (Java's cached pools retire idle threads),
    // so watch the parent process instead.
    const pid_t parent = ::getppid();
    const int parentHandle = parent > 1 ? openProcessHandle(parent) : -1;
    if (parent > 1 && ::getppid() != parent)
        quit(1, "the daemon (pid %d) exited before the connection was made", int(parent));

    const int socketFd = connectToQmld(port);

    const std::string authentication = std::string("QMLD-CONNECT ") + token + '\n';
    if (!writeAll(socketFd, authentication.data(), authentication.size()))
        quit(1, "cannot authenticate to 127.0.0.1:%u: %s", port, std::strerror(errno));

    ::fcntl(socketFd, F_SETFL, ::fcntl(socketFd, F_GETFL) | O_NONBLOCK);
    enlargePipe(STDIN_FILENO);
    enlargePipe(STDOUT_FILENO);

    if (::pipe2(g_events, O_CLOEXEC) != 0)
        quit(1, "cannot create a pipe: %s", std::strerror(errno));

    std::thread upstream([socketFd] {
        g_upstream = copyStream(STDIN_FILENO, socketFd);
        if (g_upstream.endOfInput) {
            g_stdinFinished.store(true);
            ::shutdown(socketFd, SHUT_WR);
        }
        notify(UpstreamDone);
    });
    upstream.detach();
    std::thread downstream([socketFd] {
        g_downstream = copyStream(socketFd, STDOUT_FILENO);
        notify(DownstreamDone);
    });
    downstream.detach();

    using Clock = std::chrono::steady_clock;
    std::optional<Clock::time_point> drainDeadline;
    for (;;) {
        int timeoutMs = parentHandle >= 0 ? -1 : 1000; // without a pidfd, poll getppid()
        if (drainDeadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*drainDeadline - Clock::now());
            timeoutMs = int(std::max<std::chrono::milliseconds::rep>(0, left.count()));
            if (parentHandle < 0)
                timeoutMs = std::min(timeoutMs, 1000);
        }
        pollfd watched[2] = {{g_events[0], POLLIN, 0}, {parentHandle, POLLIN, 0}};
        const int ready = ::poll(watched, parentHandle >= 0 ? 2 : 1, timeoutMs);
        if (ready < 0 && errno != EINTR)
            quit(1, "poll failed: %s", std::strerror(errno));

        if ((parentHandle >= 0 && (watched[1].revents & POLLIN)) || (parent > 1 && ::getppid() != parent))
            quit(1, "the daemon (pid %d) exited; closing the connection to 127.0.0.1:%u", int(parent), port);

        if (ready > 0 && (watched[0].revents & POLLIN)) {
            char event = 0;
            if (::read(g_events[0], &event, 1) == 1) {
                if (event == UpstreamDone) {
                    if (!g_upstream.endOfInput) {
                        if (isConnectionLoss(g_upstream.error))
                            quit(1, "connection to 127.0.0.1:%u closed by qmld before the daemon finished", port);
                        quit(1, "relaying stdin to 127.0.0.1:%u failed: %s", port, std::strerror(g_upstream.error));
                    }
                    drainDeadline = Clock::now() + DrainTimeout;
                } else if (event == DownstreamDone) {
                    if (g_downstream.endOfInput) {
                        if (g_stdinFinished.load())
                            quit(0, nullptr);
                        quit(1, "connection to 127.0.0.1:%u closed by qmld before the daemon finished", port);
                    }
                    if (g_downstream.error == EPIPE)
                        quit(1, "writing to stdout failed: %s", std::strerror(g_downstream.error));
                    if (isConnectionLoss(g_downstream.error))
                        quit(1, "connection to 127.0.0.1:%u closed by qmld before the daemon finished", port);
                    quit(1, "relaying 127.0.0.1:%u to stdout failed: %s", port, std::strerror(g_downstream.error));
                }
            }
        }

        if (drainDeadline && Clock::now() >= *drainDeadline)
            quit(0, "qmld did not close 127.0.0.1:%u within 5 s after the daemon closed stdin", port);
    }
}

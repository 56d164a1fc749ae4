/*
 * qmld-bench-relay-server: the relay ceiling of the throughput benchmark.
 *
 *   qmld-bench-relay-server DAEMON ARGS...
 *
 * Stands where qmld run stands, doing as little as the protocol allows: it
 * listens on 127.0.0.1 (a free port), starts DAEMON ARGS... with every "{port}"
 * in an argument replaced by that port and QMLD_CONNECT_TOKEN in the
 * environment, takes the one connection the daemon's qmld-connect makes,
 * checks its "QMLD-CONNECT <token>" line, and then answers like
 * qmld-bench-ceiling-child: it parses nothing, and for every '\n' it finds
 * (memchr) writes one status line:
 *
 *   first line                             -> status for initialize
 *   a line starting {"action":"leaseLost"  -> status for leaseLost
 *   any other line                         -> status for processRecords
 *
 * So the daemon's pipe, the real qmld-connect and loopback TCP are all there,
 * and the server's own work per line is close to nothing: what qmld run does
 * beyond that is the engine's. Exits with the daemon's exit status.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "answer_lines.h"

static const char kAuthPrefix[] = "QMLD-CONNECT ";

static void die(const char *what)
{
    fprintf(stderr, "qmld-bench-relay-server: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* 32 hex digits from the kernel's random pool. */
static void makeToken(char *token, size_t size)
{
    unsigned char bytes[16];
    const int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, bytes, sizeof bytes) != (ssize_t)sizeof bytes)
        die("cannot read /dev/urandom");
    close(fd);
    for (size_t i = 0; i < sizeof bytes && 2 * i + 2 < size; ++i)
        snprintf(token + 2 * i, 3, "%02x", bytes[i]);
}

/* argv with "{port}" replaced in every argument (each at most once: enough here). */
static char **withPort(char **argv, int argc, unsigned port)
{
    char **out = calloc((size_t)argc + 1, sizeof *out);
    if (!out)
        die("out of memory");
    for (int i = 0; i < argc; ++i) {
        const char *at = strstr(argv[i], "{port}");
        if (!at) {
            out[i] = argv[i];
            continue;
        }
        const size_t size = strlen(argv[i]) + 8;
        out[i] = malloc(size);
        if (!out[i])
            die("out of memory");
        snprintf(out[i], size, "%.*s%u%s", (int)(at - argv[i]), argv[i], port, at + 6);
    }
    return out;
}

static int exitStatus(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* Accepts the daemon's connection; returns -1 if the daemon exited first (*status set). */
static int acceptConnection(int listener, pid_t daemon, int *status)
{
    for (;;) {
        struct pollfd ready = {listener, POLLIN, 0};
        const int n = poll(&ready, 1, 200);
        if (n < 0 && errno != EINTR)
            die("poll failed");
        if (n > 0) {
            const int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
            if (fd >= 0)
                return fd;
            if (errno != EINTR && errno != EAGAIN)
                die("cannot accept the connection");
        }
        if (waitpid(daemon, status, WNOHANG) == daemon)
            return -1;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs("usage: qmld-bench-relay-server DAEMON ARGS...\n"
              "\n"
              "The relay ceiling: listens on 127.0.0.1, runs DAEMON ARGS... (\"{port}\" in an\n"
              "argument becomes the port; QMLD_CONNECT_TOKEN is set), and answers every line\n"
              "that arrives through qmld-connect with a status, parsing nothing.\n",
              argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    signal(SIGPIPE, SIG_IGN);

    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0)
        die("cannot create a socket");
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 4) != 0
        || getsockname(listener, (struct sockaddr *)&address, &length) != 0)
        die("cannot listen on 127.0.0.1");
    const unsigned port = ntohs(address.sin_port);

    char token[33] = {0};
    makeToken(token, sizeof token);
    if (setenv("QMLD_CONNECT_TOKEN", token, 1) != 0)
        die("cannot set QMLD_CONNECT_TOKEN");

    char **daemonArgv = withPort(argv + 1, argc - 1, port);
    const pid_t daemon = fork();
    if (daemon < 0)
        die("cannot fork");
    if (daemon == 0) {
        execvp(daemonArgv[0], daemonArgv);
        fprintf(stderr, "qmld-bench-relay-server: cannot run %s: %s\n", daemonArgv[0], strerror(errno));
        _exit(127);
    }

    int status = 0;
    const int connection = acceptConnection(listener, daemon, &status);
    if (connection < 0) {
        fprintf(stderr, "qmld-bench-relay-server: %s exited before its qmld-connect connected\n", daemonArgv[0]);
        return exitStatus(status) ? exitStatus(status) : 1;
    }
    close(listener);
    const int one = 1;
    setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    enum { BufferBytes = 1 << 20 };
    char *buffer = malloc(BufferBytes);
    if (!buffer)
        die("out of memory");
    int authenticated = 0;
    char auth[128];
    size_t authLength = 0;
    int refused = 0;
    struct LineAnswerer answerer = {connection, "qmld-bench-relay-server", 0, {0}, 0};

    for (;;) {
        const ssize_t got = read(connection, buffer, BufferBytes);
        if (got == 0)
            break;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno == ECONNRESET)
                break;
            die("cannot read the connection");
        }
        const char *p = buffer;
        const char *end = buffer + got;
        if (!authenticated) {
            const char *newline = memchr(p, '\n', (size_t)(end - p));
            const size_t take = (size_t)((newline ? newline : end) - p);
            if (authLength + take >= sizeof auth) {
                fputs("qmld-bench-relay-server: the connection sent no authentication line\n", stderr);
                refused = 1;
                break;
            }
            memcpy(auth + authLength, p, take);
            authLength += take;
            if (!newline)
                continue;
            auth[authLength] = '\0';
            if (strncmp(auth, kAuthPrefix, sizeof kAuthPrefix - 1) != 0
                || strcmp(auth + sizeof kAuthPrefix - 1, token) != 0) {
                fputs("qmld-bench-relay-server: the connection presented a wrong token\n", stderr);
                refused = 1;
                break;
            }
            authenticated = 1;
            p = newline + 1;
        }
        answerLines(&answerer, p, end);
    }
    close(connection); /* qmld-connect sees EOF and exits (0 unless refused) */
    free(buffer);

    while (waitpid(daemon, &status, 0) < 0) {
        if (errno != EINTR)
            die("cannot wait for the daemon");
    }
    return refused ? 1 : exitStatus(status);
}

/*
 * qmld-bench-ceiling-child: the fastest child the MLD protocol allows, used
 * as the ceiling of the throughput benchmark. It parses nothing: for every
 * '\n' it finds (memchr) in its stdin it writes one status line.
 *
 *   first line                         -> {"action":"status","responseFor":"initialize"}
 *   a line starting {"action":"leaseLost"  -> {"action":"status","responseFor":"leaseLost"}
 *   any other line                     -> {"action":"status","responseFor":"processRecords"}
 *
 * The leaseLost check is a prefix comparison of the line's first 21 bytes,
 * which is exact for qmld-bench-driver (and the Java daemon), which write
 * "action" first; it is not a general protocol child. Exits 0 on EOF.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char kLeaseLostPrefix[] = "{\"action\":\"leaseLost\"";
#define PREFIX_LENGTH (sizeof kLeaseLostPrefix - 1)

static const char kInitialize[] = "{\"action\":\"status\",\"responseFor\":\"initialize\"}\n";
static const char kProcessRecords[] = "{\"action\":\"status\",\"responseFor\":\"processRecords\"}\n";
static const char kLeaseLost[] = "{\"action\":\"status\",\"responseFor\":\"leaseLost\"}\n";

static void writeAll(const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t written = write(STDOUT_FILENO, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "qmld-bench-ceiling-child: cannot write to stdout: %s\n", strerror(errno));
            exit(1);
        }
        data += written;
        size -= (size_t)written;
    }
}

int main(void)
{
    enum { BufferBytes = 1 << 20 };
    char *buffer = malloc(BufferBytes);
    if (!buffer) {
        fputs("qmld-bench-ceiling-child: out of memory\n", stderr);
        return 1;
    }
    unsigned long long lines = 0;
    char prefix[PREFIX_LENGTH]; /* the current line's first bytes, across reads */
    size_t prefixLength = 0;

    for (;;) {
        const ssize_t got = read(STDIN_FILENO, buffer, BufferBytes);
        if (got == 0)
            break;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "qmld-bench-ceiling-child: cannot read stdin: %s\n", strerror(errno));
            return 1;
        }
        const char *p = buffer;
        const char *end = buffer + got;
        while (p < end) {
            const char *newline = memchr(p, '\n', (size_t)(end - p));
            const char *stop = newline ? newline : end;
            if (prefixLength < PREFIX_LENGTH) {
                size_t take = (size_t)(stop - p);
                if (take > PREFIX_LENGTH - prefixLength)
                    take = PREFIX_LENGTH - prefixLength;
                memcpy(prefix + prefixLength, p, take);
                prefixLength += take;
            }
            if (!newline)
                break;
            if (lines++ == 0)
                writeAll(kInitialize, sizeof kInitialize - 1);
            else if (prefixLength == PREFIX_LENGTH && memcmp(prefix, kLeaseLostPrefix, PREFIX_LENGTH) == 0)
                writeAll(kLeaseLost, sizeof kLeaseLost - 1);
            else
                writeAll(kProcessRecords, sizeof kProcessRecords - 1);
            prefixLength = 0;
            p = newline + 1;
        }
    }
    free(buffer);
    return 0;
}

/*
 * qmld-bench-store-child: the fastest child a real MultiLangDaemon can run a
 * whole shard with, for the embedded-daemon benchmark. Like the ceiling child
 * it parses almost nothing: it looks at each line's first bytes only to tell
 * the action, and counts '{' to count records.
 *
 *   initialize / processRecords / leaseLost / shutdownRequested
 *                              -> the status for that action
 *   shardEnded                 -> {"action":"checkpoint","sequenceNumber":null,"subSequenceNumber":null}
 *   checkpoint (the reply)     -> {"action":"status","responseFor":"shardEnded"}
 *
 * so a closed shard ends checkpointed at SHARD_END. The daemon writes
 * "action" first in every message (as the Java daemon does), which is what
 * the prefix test relies on; it is not a general protocol child.
 *
 * Records: every processRecords line is {"action":"processRecords","records":[{...},{...}],...}
 * with one '{' per record plus the line's own, as long as the data (base64)
 * and partition keys hold no '{' (the benchmark's keys are digits).
 *
 * usage: qmld-bench-store-child RESULT_DIR
 * On EOF it writes RESULT_DIR/<pid>.result: one line
 *   records batches first_batch_ns shard_ended_ns peak_rss_kib
 * (CLOCK_MONOTONIC, shared by every process of the machine), then exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PREFIX_LENGTH 32 /* more than the longest action prefix below */

static void writeAll(const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t written = write(STDOUT_FILENO, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "qmld-bench-store-child: cannot write to stdout: %s\n", strerror(errno));
            exit(1);
        }
        data += written;
        size -= (size_t)written;
    }
}

#define WRITE_LITERAL(text) writeAll(text, sizeof text - 1)

static unsigned long long nowNs(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (unsigned long long)now.tv_sec * 1000000000ull + (unsigned long long)now.tv_nsec;
}

static int startsWith(const char *prefix, size_t prefixLength, const char *literal)
{
    const size_t length = strlen(literal);
    return prefixLength >= length && memcmp(prefix, literal, length) == 0;
}

static long peakRssKiB(void)
{
    FILE *status = fopen("/proc/self/status", "r");
    if (!status)
        return -1;
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, status)) {
        if (strncmp(line, "VmHWM:", 6) == 0) {
            kib = strtol(line + 6, NULL, 10);
            break;
        }
    }
    fclose(status);
    return kib;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: qmld-bench-store-child RESULT_DIR\n", stderr);
        return 2;
    }
    enum { BufferBytes = 1 << 20 };
    char *buffer = malloc(BufferBytes);
    if (!buffer) {
        fputs("qmld-bench-store-child: out of memory\n", stderr);
        return 1;
    }
    unsigned long long records = 0, batches = 0, firstBatchNs = 0, shardEndedNs = 0;
    unsigned long long braces = 0; /* '{' in the current line */
    char prefix[PREFIX_LENGTH];    /* the current line's first bytes, across reads */
    size_t prefixLength = 0;

    for (;;) {
        const ssize_t got = read(STDIN_FILENO, buffer, BufferBytes);
        if (got == 0)
            break;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "qmld-bench-store-child: cannot read stdin: %s\n", strerror(errno));
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
            for (const char *c = p; c < stop; ++c) /* vectorised by the compiler */
                braces += *c == '{';
            if (!newline)
                break;
            if (startsWith(prefix, prefixLength, "{\"action\":\"processRecords\"")) {
                if (batches++ == 0)
                    firstBatchNs = nowNs();
                records += braces - 1;
                WRITE_LITERAL("{\"action\":\"status\",\"responseFor\":\"processRecords\"}\n");
            } else if (startsWith(prefix, prefixLength, "{\"action\":\"initialize\"")) {
                WRITE_LITERAL("{\"action\":\"status\",\"responseFor\":\"initialize\"}\n");
            } else if (startsWith(prefix, prefixLength, "{\"action\":\"shardEnded\"")) {
                shardEndedNs = nowNs();
                WRITE_LITERAL("{\"action\":\"checkpoint\",\"sequenceNumber\":null,\"subSequenceNumber\":null}\n");
            } else if (startsWith(prefix, prefixLength, "{\"action\":\"checkpoint\"")) {
                WRITE_LITERAL("{\"action\":\"status\",\"responseFor\":\"shardEnded\"}\n");
            } else if (startsWith(prefix, prefixLength, "{\"action\":\"leaseLost\"")) {
                WRITE_LITERAL("{\"action\":\"status\",\"responseFor\":\"leaseLost\"}\n");
            } else if (startsWith(prefix, prefixLength, "{\"action\":\"shutdownRequested\"")) {
                WRITE_LITERAL("{\"action\":\"status\",\"responseFor\":\"shutdownRequested\"}\n");
            } else if (newline > p || prefixLength > 0) {
                fprintf(stderr, "qmld-bench-store-child: unexpected line starting %.*s\n", (int)prefixLength, prefix);
                return 1;
            }
            prefixLength = 0;
            braces = 0;
            p = newline + 1;
        }
    }
    free(buffer);

    char path[4096];
    snprintf(path, sizeof path, "%s/%ld.result", argv[1], (long)getpid());
    char temporary[4200];
    snprintf(temporary, sizeof temporary, "%s.part", path);
    FILE *result = fopen(temporary, "w");
    if (!result) {
        fprintf(stderr, "qmld-bench-store-child: cannot write %s: %s\n", temporary, strerror(errno));
        return 1;
    }
    fprintf(result, "%llu %llu %llu %llu %ld\n", records, batches, firstBatchNs, shardEndedNs, peakRssKiB());
    if (fclose(result) != 0 || rename(temporary, path) != 0) {
        fprintf(stderr, "qmld-bench-store-child: cannot write %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

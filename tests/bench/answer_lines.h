/*
 * What the ceiling child and the relay server share: for every '\n' found
 * (memchr) one status line written to `fd`, parsing nothing. The first line
 * is answered as initialize, a line starting {"action":"leaseLost" as
 * leaseLost (exact for qmld-bench-driver and the Java daemon, which write
 * "action" first), any other as processRecords.
 */
#pragma once

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

struct LineAnswerer
{
    int fd;                     /* where the status lines go */
    const char *name;           /* for the error message */
    unsigned long long lines;
    char prefix[PREFIX_LENGTH]; /* the current line's first bytes, across reads */
    size_t prefixLength;
};

static void answerWrite(const struct LineAnswerer *answerer, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t written = write(answerer->fd, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "%s: cannot write the status: %s\n", answerer->name, strerror(errno));
            exit(1);
        }
        data += written;
        size -= (size_t)written;
    }
}

/* Answers every line that ends in [p, end); a line's start may have come in an earlier call. */
static void answerLines(struct LineAnswerer *answerer, const char *p, const char *end)
{
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *stop = newline ? newline : end;
        if (answerer->prefixLength < PREFIX_LENGTH) {
            size_t take = (size_t)(stop - p);
            if (take > PREFIX_LENGTH - answerer->prefixLength)
                take = PREFIX_LENGTH - answerer->prefixLength;
            memcpy(answerer->prefix + answerer->prefixLength, p, take);
            answerer->prefixLength += take;
        }
        if (!newline)
            break;
        if (answerer->lines++ == 0)
            answerWrite(answerer, kInitialize, sizeof kInitialize - 1);
        else if (answerer->prefixLength == PREFIX_LENGTH && memcmp(answerer->prefix, kLeaseLostPrefix, PREFIX_LENGTH) == 0)
            answerWrite(answerer, kLeaseLost, sizeof kLeaseLost - 1);
        else
            answerWrite(answerer, kProcessRecords, sizeof kProcessRecords - 1);
        answerer->prefixLength = 0;
        p = newline + 1;
    }
}

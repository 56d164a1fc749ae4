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
#include "answer_lines.h"

int main(void)
{
    enum { BufferBytes = 1 << 20 };
    char *buffer = malloc(BufferBytes);
    if (!buffer) {
        fputs("qmld-bench-ceiling-child: out of memory\n", stderr);
        return 1;
    }
    struct LineAnswerer answerer = {STDOUT_FILENO, "qmld-bench-ceiling-child", 0, {0}, 0};

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
        answerLines(&answerer, buffer, buffer + got);
    }
    free(buffer);
    return 0;
}

#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qmld::bench {

// Reads '\n'-terminated lines from a non-blocking fd through one large
// buffer that grows for longer lines. A trailing '\r' is dropped.
class LineReader
{
public:
    enum class Result { Line, EndOfFile, TimedOut, Failed };

    explicit LineReader(int fd, std::size_t bufferBytes = 1 << 20);

    // On Line, *line stays valid until the next call.
    Result next(std::string_view *line, std::chrono::milliseconds timeout, std::string *error);

private:
    int m_fd;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0; // first unconsumed byte
    std::size_t m_end = 0;   // one past the last byte read
    std::size_t m_scanned = 0; // bytes after m_begin already known to hold no '\n'
};

} // namespace qmld::bench

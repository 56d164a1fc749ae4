#include "LineReader.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace qmld::bench {

LineReader::LineReader(int fd, std::size_t bufferBytes)
    : m_fd(fd)
    , m_buffer(bufferBytes)
{
}

LineReader::Result LineReader::next(std::string_view *line, std::chrono::milliseconds timeout,
                                    std::string *error)
{
    while (true) {
        const char *start = m_buffer.data() + m_begin;
        const std::size_t available = m_end - m_begin;
        if (const void *newline = std::memchr(start + m_scanned, '\n', available - m_scanned)) {
            std::size_t length = std::size_t(static_cast<const char *>(newline) - start);
            m_begin += length + 1;
            m_scanned = 0;
            if (length > 0 && start[length - 1] == '\r')
                --length;
            *line = std::string_view(start, length);
            return Result::Line;
        }
        m_scanned = available;

        if (available == 0) {
            m_begin = 0;
            m_end = 0;
        } else if (m_begin > 0 && m_end == m_buffer.size()) {
            std::memmove(m_buffer.data(), m_buffer.data() + m_begin, available);
            m_begin = 0;
            m_end = available;
        }
        if (m_end == m_buffer.size())
            m_buffer.resize(m_buffer.size() * 2);

        const ssize_t got = ::read(m_fd, m_buffer.data() + m_end, m_buffer.size() - m_end);
        if (got > 0) {
            m_end += std::size_t(got);
            continue;
        }
        if (got == 0)
            return Result::EndOfFile;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            *error = std::string("cannot read the child's stdout: ") + std::strerror(errno);
            return Result::Failed;
        }
        pollfd waitFor{m_fd, POLLIN, 0};
        const int ready = ::poll(&waitFor, 1, int(timeout.count()));
        if (ready == 0)
            return Result::TimedOut;
        if (ready < 0 && errno != EINTR) {
            *error = std::string("poll on the child's stdout failed: ") + std::strerror(errno);
            return Result::Failed;
        }
    }
}

} // namespace qmld::bench

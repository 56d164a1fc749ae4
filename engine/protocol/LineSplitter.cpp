#include "protocol/LineSplitter.h"

#include <algorithm>
#include <cstring>

namespace qmld::protocol {

namespace {

constexpr qsizetype kPendingStartBytes = 256;
// An empty splitter gives back a buffer larger than this, so one huge line
// does not pin its memory for the rest of the session.
constexpr qsizetype kKeepCapacity = qsizetype(32) * 1024 * 1024;

bool isBlank(QByteArrayView line)
{
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; });
}

qsizetype find(const char *data, qsizetype from, qsizetype to, char byte)
{
    const void *hit = std::memchr(data + from, byte, std::size_t(to - from));
    return hit ? static_cast<const char *>(hit) - data : -1;
}

} // namespace

LineSplitter::LineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(maxLineBytes)
{
}

bool LineSplitter::append(QByteArrayView bytes)
{
    if (m_failed)
        return false;
    if (bytes.isEmpty())
        return true;
    std::memcpy(reserve(bytes.size()), bytes.data(), std::size_t(bytes.size()));
    return commit(bytes.size());
}

char *LineSplitter::reserve(qsizetype bytes)
{
    if (m_failed)
        return nullptr;
    makeRoom(bytes);
    return m_buffer.data() + m_end;
}

bool LineSplitter::commit(qsizetype bytes)
{
    if (m_failed)
        return false;
    const qsizetype from = m_end;
    m_end += bytes;
    m_buffer.resize(m_end + LinePadding); // smaller than reserved: no reallocation
    std::memset(m_buffer.data() + m_end, 0, LinePadding);
    scan(from);
    return !m_failed;
}

std::optional<QByteArrayView> LineSplitter::nextLine()
{
    if (m_failed || m_lines.empty())
        return std::nullopt;
    const Line line = m_lines.front();
    m_lines.pop_front();
    return QByteArrayView(m_buffer.constData() + line.start, line.length);
}

std::optional<QByteArrayView> LineSplitter::finish()
{
    if (m_failed)
        return std::nullopt;
    if (!m_lines.empty())
        return nextLine();
    const QByteArrayView last(m_buffer.constData() + m_lineStart, m_end - m_lineStart);
    m_lineStart = m_end;
    m_skipNewline = false;
    if (last.isEmpty() || isBlank(last))
        return std::nullopt;
    return last;
}

QByteArrayView LineSplitter::pendingStart() const
{
    if (m_failed)
        return m_buffer;
    const qsizetype start = m_lines.empty() ? m_lineStart : m_lines.front().start;
    return QByteArrayView(m_buffer.constData() + start, std::min(m_end - start, kPendingStartBytes));
}

void LineSplitter::makeRoom(qsizetype incoming)
{
    qsizetype liveStart = m_lines.empty() ? m_lineStart : m_lines.front().start;
    const qsizetype live = m_end - liveStart;
    const qsizetype required = live + incoming + LinePadding;

    if (live == 0) {
        if (m_buffer.capacity() > kKeepCapacity && required <= kKeepCapacity)
            m_buffer = QByteArray();
        // Nothing left to keep: start over at the front, so that every read
        // lands in the same, cache-warm bytes rather than walking on through
        // a buffer that grew for one long line (100 B batches of 334 KB:
        // 2.98M -> 3.17M records/s).
        m_lineStart = m_end = liveStart = 0;
    }

    if (m_end + incoming + LinePadding <= m_buffer.capacity()) {
        m_buffer.resize(m_end + incoming + LinePadding);
        return;
    }

    // Moving the live bytes to the front costs no more than the bytes already
    // consumed, so it is amortized; otherwise grow geometrically.
    if (required <= m_buffer.capacity() && liveStart >= live) {
        std::memmove(m_buffer.data(), m_buffer.constData() + liveStart, std::size_t(live));
        m_buffer.resize(required);
    } else {
        QByteArray grown;
        grown.reserve(std::max(required, m_buffer.capacity() * 2));
        grown.resize(required);
        if (live > 0)
            std::memcpy(grown.data(), m_buffer.constData() + liveStart, std::size_t(live));
        m_buffer = std::move(grown);
    }
    for (Line &line : m_lines)
        line.start -= liveStart;
    m_lineStart -= liveStart;
    m_end -= liveStart;
}

// Finds the terminators in [from, m_end). Each byte is looked at once:
// the next "\n" is remembered, and "\r" is only searched up to it.
void LineSplitter::scan(qsizetype from)
{
    const char *data = m_buffer.constData();
    qsizetype pos = from;
    if (m_skipNewline && pos < m_end) {
        // The "\n" of a "\r\n" split across appends.
        m_skipNewline = false;
        if (data[pos] == '\n')
            m_lineStart = ++pos;
    }
    qsizetype newline = -1; // next '\n' at or after pos, m_end if none, -1 unknown
    while (pos < m_end) {
        if (newline < pos) {
            newline = find(data, pos, m_end, '\n');
            if (newline < 0)
                newline = m_end;
        }
        qsizetype terminator;
        qsizetype terminatorLength = 1;
        const qsizetype carriageReturn = find(data, pos, newline, '\r');
        if (carriageReturn >= 0) {
            // Like readLine(), a "\r" ends the line at once; a "\n" right after it belongs to it.
            terminator = carriageReturn;
            if (carriageReturn + 1 == m_end)
                m_skipNewline = true;
            else if (data[carriageReturn + 1] == '\n')
                terminatorLength = 2;
        } else if (newline < m_end) {
            terminator = newline;
        } else {
            break;
        }
        if (terminator - m_lineStart > m_maxLineBytes) {
            fail(m_lineStart);
            return;
        }
        enqueue(m_lineStart, terminator - m_lineStart);
        pos = terminator + terminatorLength;
        m_lineStart = pos;
    }
    if (m_end - m_lineStart > m_maxLineBytes)
        fail(m_lineStart);
}

void LineSplitter::enqueue(qsizetype start, qsizetype length)
{
    if (length == 0 || isBlank(QByteArrayView(m_buffer.constData() + start, length)))
        return;
    m_lines.push_back(Line{start, length});
}

// Keeps only the start of the offending line, for pendingStart().
void LineSplitter::fail(qsizetype lineStart)
{
    m_failed = true;
    m_buffer = QByteArray(m_buffer.constData() + lineStart, std::min(m_end - lineStart, kPendingStartBytes));
    m_lines.clear();
    m_lineStart = m_end = 0;
}

} // namespace qmld::protocol

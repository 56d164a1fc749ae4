#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <deque>
#include <optional>

namespace qmld::protocol {

// Splits a byte stream into lines the way Java's BufferedReader.readLine()
// does: "\n", "\r\n" and a lone "\r" all end a line. Blank and
// whitespace-only lines are skipped. Lines have no fixed size limit other
// than maxLineBytes (the terminator not counted).
//
// Bytes are scanned once, as they are appended, so a huge line arriving in
// small chunks costs O(n) overall. A returned line is a view into an internal
// buffer, valid until the next call to append(), nextLine() or finish(), and
// at least LinePadding readable bytes follow it in memory, so a parser that
// needs padding (simdjson) can read it in place.
class LineSplitter
{
public:
    static constexpr qsizetype DefaultMaxLineBytes = qsizetype(256) * 1024 * 1024;
    static constexpr qsizetype LinePadding = 64;

    explicit LineSplitter(qsizetype maxLineBytes = DefaultMaxLineBytes);

    // Adds bytes as they arrive. Returns false once a line longer than
    // maxLineBytes() has been seen: the caller reports it, and the splitter
    // is unusable from then on (every call returns false / nothing).
    bool append(QByteArrayView bytes);

    // The same without a copy, for reading straight into the splitter: room
    // for up to `bytes` more bytes at the returned pointer (nullptr once
    // failed), then commit() with how many were written there. Nothing else
    // may be called in between.
    char *reserve(qsizetype bytes);
    bool commit(qsizetype bytes);

    // The next complete, non-blank line without its terminator.
    std::optional<QByteArrayView> nextLine();

    // At end of input: the next complete line, or else the unterminated last
    // line (readLine() returns it at EOF), if it is not blank.
    std::optional<QByteArrayView> finish();

    bool hasFailed() const { return m_failed; }
    qsizetype maxLineBytes() const { return m_maxLineBytes; }
    // Bytes held: complete lines not yet taken plus the incomplete last line.
    qsizetype bufferedBytes() const { return m_end - (m_lines.empty() ? m_lineStart : m_lines.front().start); }

    // The incomplete last line so far (padded as the complete ones are).
    QByteArrayView incompleteLine() const
    {
        return m_failed ? QByteArrayView() : QByteArrayView(m_buffer.constData() + m_lineStart, m_end - m_lineStart);
    }

    // The start (at most 256 bytes) of the oversize line after a failure, or
    // else of the oldest line not yet taken: for error messages.
    QByteArrayView pendingStart() const;

private:
    struct Line
    {
        qsizetype start;
        qsizetype length;
    };

    void makeRoom(qsizetype incoming);
    void scan(qsizetype from);
    void enqueue(qsizetype start, qsizetype length);
    void fail(qsizetype lineStart);

    QByteArray m_buffer;      // m_buffer.size() == m_end + LinePadding
    std::deque<Line> m_lines; // complete lines not yet taken
    qsizetype m_lineStart = 0; // start of the incomplete line
    qsizetype m_end = 0;       // end of the data
    qsizetype m_maxLineBytes;
    bool m_failed = false;
    bool m_skipNewline = false; // the last byte seen was a "\r" ending a line
};

} // namespace qmld::protocol

#pragma once

#include "ChildProcess.h"
#include "LineReader.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qmld::bench {

// The daemon side of the MLD protocol for one shard, as the Java
// MultiLangDaemon plays it: write one message, then read the child's lines
// until its status for that message, answering every checkpoint request on
// the way. The first surprise ends the exchange with error() set.
class OneShardDaemon
{
public:
    // `writeBytes`: each message in write(2)s of at most this many bytes (0: one).
    OneShardDaemon(ChildProcess *child, std::chrono::milliseconds replyTimeout, std::size_t writeBytes = 0);

    // Writes `line` (which ends in '\n') and waits for the status answering
    // `action`.
    bool exchange(std::string_view line, std::string_view action);

    const std::string &error() const { return m_error; }
    std::uint64_t bytesWritten() const { return m_bytesWritten; }
    std::uint64_t checkpointsAnswered() const { return m_checkpointsAnswered; }

private:
    bool write(std::string_view bytes, std::string_view what);
    bool awaitStatus(std::string_view action);
    bool answerCheckpoint(const struct ChildMessage &request, std::string_view action);
    bool fail(std::string message);

    ChildProcess *m_child;
    LineReader m_reader;
    std::chrono::milliseconds m_replyTimeout;
    std::size_t m_writeBytes;
    std::string m_reply;
    std::string m_error;
    std::uint64_t m_bytesWritten = 0;
    std::uint64_t m_checkpointsAnswered = 0;
    std::uint64_t m_skippedLines = 0;
};

} // namespace qmld::bench

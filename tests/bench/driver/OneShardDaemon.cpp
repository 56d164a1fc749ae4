#include "OneShardDaemon.h"

#include "ChildMessage.h"

#include <algorithm>
#include <cstdio>

namespace qmld::bench {
namespace {

// The actions the Java daemon's reader knows; a well-formed message with one
// of them that is neither status nor checkpoint is read and ignored.
bool isRegisteredAction(std::string_view action)
{
    for (const std::string_view known : {"checkpoint", "initialize", "processRecords", "shutdown", "status",
                                         "shutdownRequested", "leaseLost", "shardEnded"}) {
        if (action == known)
            return true;
    }
    return false;
}

std::string shortened(std::string_view line)
{
    constexpr std::size_t limit = 200;
    return line.size() <= limit ? std::string(line) : std::string(line.substr(0, limit)) + "...";
}

// Jackson reads sequenceNumber into a String (numbers become their text) and
// subSequenceNumber into a Long; the reply echoes what it read.
std::string echoSequenceNumber(const JsonScalar *value)
{
    if (!value || value->kind == JsonScalar::Kind::Null)
        return "null";
    if (value->kind == JsonScalar::Kind::String)
        return std::string(value->raw);
    return '"' + std::string(value->raw) + '"';
}

std::string echoSubSequenceNumber(const JsonScalar *value)
{
    if (!value)
        return "null";
    if (value->kind == JsonScalar::Kind::Number)
        return std::string(value->raw);
    if (value->kind == JsonScalar::Kind::String && !value->text.empty()
        && value->text.find_first_not_of("0123456789") == std::string::npos)
        return value->text;
    return "null";
}

} // namespace

OneShardDaemon::OneShardDaemon(ChildProcess *child, std::chrono::milliseconds replyTimeout, std::size_t writeBytes)
    : m_child(child)
    , m_reader(child->stdoutFd())
    , m_replyTimeout(replyTimeout)
    , m_writeBytes(writeBytes)
{
}

bool OneShardDaemon::exchange(std::string_view line, std::string_view action)
{
    return write(line, action) && awaitStatus(action);
}

bool OneShardDaemon::write(std::string_view bytes, std::string_view what)
{
    std::string error;
    const std::size_t piece = m_writeBytes ? m_writeBytes : bytes.size();
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
        const std::size_t size = std::min(piece, bytes.size() - at);
        if (!m_child->writeAll(bytes.data() + at, size, m_replyTimeout, &error))
            return fail("cannot write " + std::string(what) + ": " + error);
    }
    m_bytesWritten += bytes.size();
    return true;
}

bool OneShardDaemon::awaitStatus(std::string_view action)
{
    while (true) {
        std::string_view line;
        std::string error;
        switch (m_reader.next(&line, m_replyTimeout, &error)) {
        case LineReader::Result::Line:
            break;
        case LineReader::Result::EndOfFile:
            return fail("no status for " + std::string(action) + ": the child closed its stdout");
        case LineReader::Result::TimedOut:
            return fail("no status for " + std::string(action) + " within "
                        + std::to_string(m_replyTimeout.count() / 1000) + " s");
        case LineReader::Result::Failed:
            return fail(std::move(error));
        }
        if (line.empty())
            continue; // the KCL child libraries frame every message with blank lines

        const auto message = ChildMessage::parse(line);
        const JsonScalar *messageAction = message ? message->find("action") : nullptr;
        if (!messageAction || messageAction->kind != JsonScalar::Kind::String
            || !isRegisteredAction(messageAction->text)) {
            // The Java daemon logs such a line and reads on.
            if (++m_skippedLines <= 10)
                std::fprintf(stderr, "qmld-bench-driver: skipping unexpected line on the child's stdout: %s\n",
                             shortened(line).c_str());
            continue;
        }
        if (message->trailingContent)
            return fail("the child wrote more than one JSON value on a line (the Java daemon would lose all "
                        "but the first): " + shortened(line));

        if (messageAction->text == "status") {
            if (const auto extra = message->unexpectedKey({"action", "responseFor"}))
                return fail("the child's status has property '" + *extra
                            + "', which makes the Java daemon skip it and wait forever: " + shortened(line));
            const JsonScalar *responseFor = message->find("responseFor");
            if (!responseFor || responseFor->kind != JsonScalar::Kind::String || responseFor->text != action)
                return fail("the child answered " + std::string(action) + " with a status for "
                            + (responseFor ? std::string(responseFor->raw) : std::string("nothing")) + ": "
                            + shortened(line));
            return true;
        }
        if (messageAction->text == "checkpoint" && !answerCheckpoint(*message, action))
            return false;
    }
}

bool OneShardDaemon::answerCheckpoint(const ChildMessage &request, std::string_view action)
{
    if (const auto extra = request.unexpectedKey({"action", "sequenceNumber", "subSequenceNumber", "error"}))
        return fail("the child's checkpoint request has property '" + *extra
                    + "', which makes the Java daemon skip it and wait forever");
    // leaseLost comes without a checkpointer, so the Java daemon refuses.
    const char *error = action == "leaseLost" ? "\"InvalidStateException\"" : "null";
    m_reply.clear();
    m_reply += R"({"action":"checkpoint","sequenceNumber":)";
    m_reply += echoSequenceNumber(request.find("sequenceNumber"));
    m_reply += R"(,"subSequenceNumber":)";
    m_reply += echoSubSequenceNumber(request.find("subSequenceNumber"));
    m_reply += R"(,"error":)";
    m_reply += error;
    m_reply += "}\n";
    if (!write(m_reply, "a checkpoint reply"))
        return false;
    ++m_checkpointsAnswered;
    return true;
}

bool OneShardDaemon::fail(std::string message)
{
    m_error = std::move(message);
    return false;
}

} // namespace qmld::bench

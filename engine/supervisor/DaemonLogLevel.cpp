#include "supervisor/DaemonLogLevel.h"

using namespace Qt::StringLiterals;

namespace qmld::supervisor {

namespace {

// Level words are searched near the start only, so that a message that
// mentions "ERROR" late in its text keeps the level its logger printed.
constexpr qsizetype LevelSearchLength = 160;

std::optional<StreamRunner::LogLevel> levelOfWord(QStringView word)
{
    using Level = StreamRunner::LogLevel;
    if (word == u"ERROR" || word == u"FATAL" || word == u"SEVERE")
        return Level::Error;
    if (word == u"WARN" || word == u"WARNING")
        return Level::Warning;
    if (word == u"INFO" || word == u"NOTICE")
        return Level::Info;
    if (word == u"DEBUG" || word == u"TRACE" || word == u"FINE" || word == u"FINER" || word == u"FINEST")
        return Level::Debug;
    return std::nullopt;
}

} // namespace

bool isContinuationLine(QStringView line)
{
    if (line.startsWith(u"Caused by:") || line.startsWith(u"Suppressed:"))
        return true;
    const QStringView trimmed = line.trimmed();
    if (trimmed.size() == line.size())
        return false;
    return trimmed.startsWith(u"at ") || trimmed.startsWith(u"... ") || trimmed.startsWith(u"Caused by:")
        || trimmed.startsWith(u"Suppressed:");
}

StreamRunner::LogLevel guessLogLevel(QStringView line, StreamRunner::LogLevel previous,
                                     StreamRunner::LogLevel fallback)
{
    if (isContinuationLine(line))
        return previous;
    const QStringView head = line.first(std::min(line.size(), LevelSearchLength));
    qsizetype i = 0;
    while (i < head.size()) {
        while (i < head.size() && !head[i].isLetter())
            ++i;
        const qsizetype start = i;
        while (i < head.size() && head[i].isLetter())
            ++i;
        if (i > start) {
            if (const auto level = levelOfWord(head.sliced(start, i - start)))
                return *level;
        }
    }
    return fallback;
}

} // namespace qmld::supervisor

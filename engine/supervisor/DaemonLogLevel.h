#pragma once

#include <qmld/StreamRunner.h>

#include <QStringView>

namespace qmld::supervisor {

// Whether a line continues the previous record (a Java stack trace).
bool isContinuationLine(QStringView line);

// The level of a daemon log line, guessed from the level word log4j, logback
// and java.util.logging print (ERROR, WARN, INFO, DEBUG, SEVERE, ...). A stack
// trace line takes the level of the line it continues; a line without a level
// word gets `fallback`.
StreamRunner::LogLevel guessLogLevel(QStringView line, StreamRunner::LogLevel previous,
                                     StreamRunner::LogLevel fallback);

} // namespace qmld::supervisor

#pragma once

#include <qmld/RecordProcessor.h>

#include <QByteArray>
#include <QString>

#include <memory>

namespace qmld {

// A JSON-lines file (or stdout) shared by the processors of every shard.
// Each write lands whole, with one system call, so lines from different shards
// never interleave, and a checkpoint only follows records already written.
class JsonLinesSink
{
public:
    // "-" or an empty path is stdout. The file is appended to. Returns null
    // and sets *error (one line naming the path) when it cannot be opened.
    static std::shared_ptr<JsonLinesSink> open(const QString &path, QString *error);
    ~JsonLinesSink();

    // `lines` is one or more complete lines, each ending in '\n'.
    bool write(const QByteArray &lines);

private:
    JsonLinesSink();
    class Private;
    std::unique_ptr<Private> d;
};

// Writes every record and lifecycle event as a JSON line (see `qmld run --help`).
RecordProcessorFactory makeLogProcessorFactory(std::shared_ptr<JsonLinesSink> sink);

// Does nothing with the records; for benchmarks and for draining a stream.
RecordProcessorFactory makeNullProcessorFactory();

} // namespace qmld

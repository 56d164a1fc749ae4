// Feeds arbitrary bytes to the capture reader as a capture file (plain or
// gzip, told by its magic bytes): header, record lines, base64, sequence
// numbers. It must read to the end or stop at one error naming a line, never
// crash. Any crash, sanitizer report or broken invariant is a finding.

#include "Quiet.h"

#include <qmld/CaptureFile.h>

#include <QDir>
#include <QFile>

#include <cstdlib>
#include <unistd.h>

using namespace qmld;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// One scratch file per process, removed when it ends.
struct ScratchFile
{
    QString path = QDir::temp().filePath(QStringLiteral("qmld-fuzz-capture-%1.jsonl").arg(::getpid()));
    ~ScratchFile() { QFile::remove(path); }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    qmld::fuzz::silenceLogs();
    static ScratchFile scratch;
    {
        QFile file(scratch.path);
        check(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        check(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    }

    CaptureReader reader;
    if (!reader.open(scratch.path)) {
        check(!reader.errorString().isEmpty());
        return 0;
    }
    std::int64_t records = 0;
    std::int64_t lastLine = reader.lineNumber();
    while (const std::optional<CapturedRecord> captured = reader.next()) {
        check(!captured->shardId.isEmpty());
        check(reader.lineNumber() > lastLine);
        lastLine = reader.lineNumber();
        ++records;
        check(records <= std::int64_t(size)); // at least a byte a record
    }
    check(reader.hasError() || reader.atEnd()); // it stops only at the end or at an error
    if (reader.hasError())
        check(!reader.errorString().isEmpty());
    return 0;
}

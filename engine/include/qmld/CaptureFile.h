#pragma once

#include <qmld/StreamRecord.h>
#include <qmld/StreamStore.h>

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

// Capture files: the records a stream's shards delivered, exactly as the
// daemon delivered them (after KPL de-aggregation), for replay and import.
//
// JSON lines, optionally gzip-compressed: one header line (format version,
// stream, source, capture time, shard layout), then one line per record with
// the fields `qmld run --processor log` writes for records. The format is
// documented in docs/capture-format.md.
namespace qmld {

struct CaptureHeader
{
    static constexpr int kFormatVersion = 1;

    int formatVersion = kFormatVersion;
    QString stream;
    // Where the records came from: "embedded:/path/store.sqlite", "console", "kinesis".
    QString source;
    QDateTime capturedAt;

    struct Shard
    {
        QString shardId;
        QString parentShardId;         // empty: none
        QString adjacentParentShardId; // empty: none
        QString startingHashKey;       // decimal
        QString endingHashKey;         // decimal
        std::optional<QString> startingSequenceNumber;
        std::optional<QString> endingSequenceNumber; // set when the shard is closed

        // As the embedded store describes the shard.
        static Shard of(const ShardInfo &shard);
    };
    std::vector<Shard> shards;

    const Shard *shard(const QString &shardId) const;

    // The header line, '\n' included.
    QByteArray toJsonLine() const;
};

// One record line, '\n' included: shardId, sequenceNumber, subSequenceNumber,
// partitionKey, data (base64), approximateArrivalTimestamp.
QByteArray captureRecordLine(const QString &shardId, const StreamRecord &record);

struct CapturedRecord
{
    QString shardId;
    StreamRecord record;
};

class CaptureWriter
{
public:
    enum class Compression : std::uint8_t {
        Auto, // gzip when the path ends in ".gz"
        None,
        Gzip,
    };

    CaptureWriter();
    CaptureWriter(CaptureWriter &&other) noexcept;
    CaptureWriter &operator=(CaptureWriter &&other) noexcept;
    CaptureWriter(const CaptureWriter &) = delete;
    CaptureWriter &operator=(const CaptureWriter &) = delete;
    // Closes the file if still open.
    ~CaptureWriter();

    // Creates (or truncates) the file with mode 0600 whatever the umask, and
    // writes the header line. False with errorString() on failure.
    bool open(const QString &path, const CaptureHeader &header, Compression compression = Compression::Auto);
    bool isOpen() const;
    QString path() const;

    bool append(const QString &shardId, std::span<const StreamRecord> records);
    bool append(const QString &shardId, const StreamRecord &record)
    {
        return append(shardId, std::span<const StreamRecord>(&record, 1));
    }

    // Pushes everything appended so far to the file (a gzip sync point).
    bool flush();
    // Finishes the gzip stream and closes the file.
    bool close();

    std::int64_t recordCount() const;
    // Bytes in the file so far (compressed size when gzip), and before compression.
    std::int64_t bytesWritten() const;
    std::int64_t uncompressedBytes() const;
    bool isCompressed() const;

    // "cannot write capture.jsonl: No space left on device"
    QString errorString() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Reads a capture line by line; never holds more than one read buffer.
class CaptureReader
{
public:
    CaptureReader();
    CaptureReader(CaptureReader &&other) noexcept;
    CaptureReader &operator=(CaptureReader &&other) noexcept;
    CaptureReader(const CaptureReader &) = delete;
    CaptureReader &operator=(const CaptureReader &) = delete;
    ~CaptureReader();

    // Opens the file (gzip told by its magic bytes) and reads the header
    // line. False with errorString() on failure.
    bool open(const QString &path);
    const CaptureHeader &header() const;
    bool isCompressed() const;

    // The next record; nullopt at the end of the file or on an error
    // (hasError()). Lines with an "event" field (the other lines of a
    // `--processor log` log) are skipped.
    std::optional<CapturedRecord> next();

    bool atEnd() const;
    bool hasError() const;
    // One line naming the file and the line: "capture.jsonl:17: data is not base64".
    QString errorString() const;
    // The line last read, from 1.
    std::int64_t lineNumber() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace qmld

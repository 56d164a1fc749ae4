#pragma once

#include <qmld/HashKey.h>
#include <qmld/SequenceNumber.h>
#include <qmld/StreamRecord.h>

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <variant>
#include <vector>

// The embedded stream store: Kinesis-like streams in one SQLite file (WAL),
// shared by several processes, each with its own StreamStore.
//
// A StreamStore is one SQLite connection: use it from the thread that opened
// it. Every call is one short transaction; writers wait up to busyTimeout for
// each other.
namespace qmld {

struct StoreError
{
    enum class Code : std::uint8_t {
        StoreMissing,    // MustExist and there is no file
        CannotOpen,      // the file cannot be opened or created
        Corrupt,         // not an SQLite file, damaged, or not a qmld store
        Busy,            // another connection held the write lock past the busy timeout
        StreamNotFound,
        StreamExists,
        ShardNotFound,
        InvalidArgument, // a bad name, shard count, key, position, split point or merge pair
        Io,              // any other SQLite failure
        Refused,         // a remote backend (DynamoDB) refused the credentials or the permission
    };

    Code code = Code::Io;
    // One line naming what and where (the stream, the shard, the store path).
    QString message;
};

// A value or the StoreError explaining why there is none.
template<typename T>
class StoreResult
{
public:
    StoreResult(T value) : m_state(std::move(value)) {}
    StoreResult(StoreError error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const StoreError &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, StoreError> m_state;
};

// What a call that returns nothing returns when it succeeds.
struct StoreDone
{
};

struct ShardInfo
{
    QString shardId;                        // "shardId-000000000003"
    std::optional<QString> parentShardId;
    std::optional<QString> adjacentParentShardId;
    HashKeyRange hashKeyRange;
    SequenceNumber startingSequenceNumber;
    // Set once the shard is closed by a split or a merge.
    std::optional<SequenceNumber> endingSequenceNumber;
    // Filled by describeStream; -1 elsewhere.
    std::int64_t recordCount = -1;

    bool isOpen() const { return !endingSequenceNumber.has_value(); }
};

struct StreamSummary
{
    QString name;
    std::int64_t creationTimestampMs = 0;
    std::chrono::milliseconds retention{0};
    int openShardCount = 0;
    int shardCount = 0; // open and closed, not yet trimmed
};

struct StreamDescription
{
    StreamSummary summary;
    std::vector<ShardInfo> shards; // in shard id order
};

struct PutRequest
{
    QByteArray partitionKey; // UTF-8, 1 to 256 code points
    QByteArray data;         // data + partition key at most 1 MiB
    std::optional<HashKey> explicitHashKey;
};

struct PutResult
{
    QString shardId;
    SequenceNumber sequenceNumber;
};

// Where a read starts, as a Kinesis shard iterator type.
struct ShardPosition
{
    enum class Type : std::uint8_t { TrimHorizon, Latest, AtSequenceNumber, AfterSequenceNumber, AtTimestamp };

    Type type = Type::TrimHorizon;
    SequenceNumber sequenceNumber; // AtSequenceNumber, AfterSequenceNumber
    std::int64_t timestampMs = 0;  // AtTimestamp

    static ShardPosition trimHorizon() { return {}; }
    static ShardPosition latest() { return {Type::Latest, {}, 0}; }
    static ShardPosition atSequenceNumber(SequenceNumber sequenceNumber);
    static ShardPosition afterSequenceNumber(SequenceNumber sequenceNumber);
    static ShardPosition atTimestamp(std::int64_t epochMs) { return {Type::AtTimestamp, {}, epochMs}; }

    // "TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER:<digits>",
    // "AFTER_SEQUENCE_NUMBER:<digits>", "AT_TIMESTAMP:<time>"; nullopt otherwise.
    static std::optional<ShardPosition> parse(QStringView text);
    // A time as AT_TIMESTAMP takes it: epoch milliseconds, or ISO 8601
    // (2026-12-06T10:00:00Z; UTC unless it names an offset).
    static std::optional<std::int64_t> parseTimestamp(QStringView text);
    QString toString() const;
};

struct ReadResult
{
    // As stored: sub-sequence number 0, aggregates not unpacked.
    std::vector<StreamRecord> records;
    // Where the next read continues; nullopt once a closed shard has been
    // read to its end (SHARD_END).
    std::optional<ShardPosition> nextPosition;
    // As Kinesis computes it: now minus the arrival time of the last record
    // returned, 0 when the read reached the tip of the shard.
    std::int64_t millisBehindLatest = 0;
    // No records followed these when the read was made.
    bool atTip = true;
};

// One shard of a stream created with an explicit layout (an import).
struct ShardLayout
{
    QString shardId; // "shardId-" and 12 digits, as Kinesis names shards
    std::optional<QString> parentShardId;
    std::optional<QString> adjacentParentShardId;
    HashKeyRange hashKeyRange;
    // As given; "0" when not known.
    std::optional<SequenceNumber> startingSequenceNumber;
    // Set: the shard is created closed.
    std::optional<SequenceNumber> endingSequenceNumber;
};

struct TrimResult
{
    std::int64_t recordsDeleted = 0;
    int shardsDeleted = 0;
};

class StreamStore
{
public:
    enum class OpenMode : std::uint8_t { CreateIfMissing, MustExist };

    static constexpr std::chrono::milliseconds kDefaultRetention = std::chrono::hours(24);
    static constexpr std::chrono::milliseconds kDefaultBusyTimeout = std::chrono::seconds(5);
    static constexpr int kMaxShardCount = 10000;
    static constexpr qsizetype kMaxRecordBytes = 1024 * 1024; // data + partition key
    static constexpr qsizetype kMaxPartitionKeyLength = 256;  // code points

    // <GenericDataLocation>/qmld/store.sqlite: the same file for qmld,
    // qmld-daemon and qmld-console (QStandardPaths::AppDataLocation of "qmld").
    static QString defaultPath();
    // explicitPath if not empty, else $QMLD_STORE if set, else defaultPath().
    static QString resolvePath(const QString &explicitPath);

    // Opens (and with CreateIfMissing creates) the store, switching it to WAL.
    // A file that is not a qmld store gives StoreError::Code::Corrupt.
    static StoreResult<StreamStore> open(const QString &path, OpenMode mode = OpenMode::CreateIfMissing,
                                         std::chrono::milliseconds busyTimeout = kDefaultBusyTimeout);

    StreamStore(StreamStore &&other) noexcept;
    StreamStore &operator=(StreamStore &&other) noexcept;
    StreamStore(const StreamStore &) = delete;
    StreamStore &operator=(const StreamStore &) = delete;
    ~StreamStore();

    QString path() const;

    // The wall clock in epoch milliseconds, for arrival times, millisBehindLatest
    // and retention; replaceable for tests and replays.
    void setClock(std::function<std::int64_t()> nowMs);
    std::int64_t now() const;

    // Splits the hash key space evenly as Kinesis does; shard ids
    // shardId-000000000000 upwards.
    StoreResult<StreamDescription> createStream(const QString &name, int shardCount,
                                                std::chrono::milliseconds retention = kDefaultRetention);
    StoreResult<std::vector<StreamSummary>> listStreams();
    StoreResult<StreamDescription> describeStream(const QString &name);
    StoreResult<StoreDone> deleteStream(const QString &name);

    // Routes by the explicit hash key, else by MD5 of the partition key, to the
    // open shard whose hash key range holds it; the arrival time is now().
    StoreResult<PutResult> putRecord(const QString &stream, const PutRequest &request);
    // All in one transaction: every record is stored, or none is.
    StoreResult<std::vector<PutResult>> putRecords(const QString &stream, std::span<const PutRequest> requests);

    // Up to `limit` records of one shard (open or closed) from `position`.
    StoreResult<ReadResult> readRecords(const QString &stream, const QString &shardId, const ShardPosition &position,
                                        int limit);

    // The checkpoint from which a reader resumes a shard with its first record
    // that arrived at or after `timestampMs`: the sequence number of the last
    // record before it, or TRIM_HORIZON when there is none.
    StoreResult<SequenceNumber> checkpointBefore(const QString &stream, const QString &shardId,
                                                 std::int64_t timestampMs);

    // How far a lease's checkpoint is behind the shard's tip, as Kinesis's
    // MillisBehindLatest: the age of the first record after it, 0 at the tip
    // (and for LATEST and SHARD_END); nullopt where no record tells (AT_TIMESTAMP).
    StoreResult<std::optional<std::int64_t>> checkpointLag(const QString &stream, const QString &shardId,
                                                           const SequenceNumber &checkpoint);

    // Kinesis SplitShard: the parent closes; two children open, holding
    // [start, newStartingHashKey - 1] and [newStartingHashKey, end]. The default
    // split point halves the range.
    StoreResult<std::vector<ShardInfo>> splitShard(const QString &stream, const QString &shardId,
                                                   std::optional<HashKey> newStartingHashKey = std::nullopt);
    // Kinesis MergeShards: two open shards with adjacent hash key ranges close;
    // one child opens over both ranges (parent = shardId, adjacent parent = adjacentShardId).
    StoreResult<ShardInfo> mergeShards(const QString &stream, const QString &shardId, const QString &adjacentShardId);

    // ---- import: streams that keep the shard ids and sequence numbers they came with ----

    // Creates a stream with exactly these shards (ids, parents, hash key
    // ranges, starting and ending sequence numbers; a shard with an ending
    // sequence number is created closed). Its shards take records from
    // insertRecords with the sequence numbers given, and from putRecord with
    // the next number after the shard's last.
    StoreResult<StreamDescription> createStreamWithLayout(const QString &name, std::span<const ShardLayout> shards,
                                                          std::chrono::milliseconds retention = kDefaultRetention);
    // Appends records to a shard of a stream made by createStreamWithLayout,
    // open or closed, keeping each record's sequence number (its digits; the
    // sub-sequence number is not stored), partition key (none: empty) and
    // arrival time (none: now()). Sequence numbers must increase along the
    // shard, start at or after its starting sequence number and, for a closed
    // shard, end at or before its ending one. All in one transaction.
    StoreResult<StoreDone> insertRecords(const QString &stream, const QString &shardId,
                                         std::span<const StreamRecord> records);
    // Closes an open shard without children (an import whose capture ends
    // after the shard closed). The ending sequence number defaults to the
    // shard's last record's (or its starting one).
    StoreResult<ShardInfo> closeShard(const QString &stream, const QString &shardId,
                                      std::optional<SequenceNumber> endingSequenceNumber = std::nullopt);

    // Deletes, in every stream, the records older than the stream's retention,
    // and the closed shards that were closed before it and hold no records.
    StoreResult<TrimResult> trimExpired();

private:
    struct Private;
    explicit StreamStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace qmld

#pragma once

#include <qmld/HashKey.h>
#include <qmld/StreamRecord.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>
#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

// KPL record aggregation: many user records packed into one Kinesis record.
//
//   [magic(4)] [protobuf AggregatedRecord] [MD5 of the protobuf bytes (16)]
//
// Formats (told apart by the magic):
//   Standard        F3 89 9A C2  the KPL format; the KCL de-aggregates it.
//   Erlmld          00 89 9A C2  erlmld's: same layout, a magic the KCL ignores,
//                                so the child de-aggregates it.
//   ErlmldDeflated  01 89 9A C2  erlmld's compressed one: after the magic, a
//                                zlib stream (RFC 1950, as Erlang's zlib:compress)
//                                of the protobuf bytes followed by their MD5.
namespace qmld::kpl {

enum class Format : std::uint8_t {
    Standard = 0x1,
    Erlmld = 0x2,
    ErlmldDeflated = 0x4,
};
Q_DECLARE_FLAGS(Formats, Format)

inline constexpr Formats allFormats() { return Formats(Format::Standard) | Format::Erlmld | Format::ErlmldDeflated; }

// Looks only at the first four bytes.
inline std::optional<Format> detectFormat(QByteArrayView data)
{
    if (data.size() < 4 || data[1] != char(0x89) || data[2] != char(0x9A) || data[3] != char(0xC2))
        return std::nullopt;
    switch (static_cast<unsigned char>(data[0])) {
    case 0xF3: return Format::Standard;
    case 0x00: return Format::Erlmld;
    case 0x01: return Format::ErlmldDeflated;
    default: return std::nullopt;
    }
}

QByteArray magic(Format format);

// One record inside an aggregate.
struct UserRecord
{
    QByteArray partitionKey; // UTF-8
    // The explicit hash key exactly as stored in the aggregate (a decimal
    // string when written by the KPL or by KplAggregator; erlmld never reads it).
    std::optional<QByteArray> explicitHashKey;
    QByteArray data;

    // The key the KCL routes and filters by: the explicit hash key, else
    // MD5(partition key). nullopt when the explicit hash key is not a valid
    // 128-bit decimal number.
    std::optional<HashKey> effectiveHashKey() const;
};

struct Aggregate
{
    Format format = Format::Standard;
    std::vector<UserRecord> records;
};

// Decodes an aggregated record. Returns nullopt for data without a known magic
// and for malformed aggregates (too short, bad MD5, bad protobuf, a table
// index out of range, bad zlib stream), with a one-line reason in *error.
std::optional<Aggregate> decode(QByteArrayView data, QString *error = nullptr);

// KCL's hash-range rule: true when every user record's effective hash key lies
// in range. The KCL drops the whole aggregate otherwise (an explicit hash key
// that is not a number counts as outside).
bool allWithinHashRange(const Aggregate &aggregate, const HashKeyRange &range);

} // namespace qmld::kpl

Q_DECLARE_OPERATORS_FOR_FLAGS(qmld::kpl::Formats)

namespace qmld {

struct DeaggregationOptions
{
    // The aggregate formats to unpack; others pass through unchanged.
    // The embedded daemon, like the KCL, unpacks only Format::Standard.
    kpl::Formats formats = kpl::allFormats();
    // When set, applies KCL's rule: an aggregate with any user record outside
    // the shard's hash key range is dropped whole.
    std::optional<HashKeyRange> shardHashRange;
};

enum class DeaggregationOutcome : std::uint8_t {
    NotAggregated,        // appended unchanged
    Deaggregated,         // its user records appended (none for an empty aggregate, as in KCL)
    Malformed,            // appended unchanged, with a warning
    DroppedOutOfHashRange // nothing appended, with a warning
};

struct DeaggregationWarning
{
    DeaggregationOutcome outcome = DeaggregationOutcome::Malformed;
    // One line naming the record (sequence number) and what was wrong.
    QString message;
};

namespace detail {
DeaggregationOutcome appendAggregated(StreamRecord &&record, kpl::Format format, std::vector<StreamRecord> &out,
                                      const DeaggregationOptions &options, DeaggregationWarning *warning);
}

// Appends the user records inside `record` to `out`: sub-sequence numbers
// 0..n-1, their own partition keys, the outer record's sequence number and
// arrival time, aggregateIndex/aggregateCount set. A record that is not an
// aggregate is moved to `out` as it is; that costs a 4-byte check. A malformed
// aggregate is moved to `out` as it is and reported, in the qmld.records log
// category and in *warning.
inline DeaggregationOutcome appendDeaggregated(StreamRecord record, std::vector<StreamRecord> &out,
                                               const DeaggregationOptions &options = {},
                                               DeaggregationWarning *warning = nullptr)
{
    const auto format = kpl::detectFormat(record.data);
    if (!format || !options.formats.testFlag(*format)) {
        out.push_back(std::move(record));
        return DeaggregationOutcome::NotAggregated;
    }
    return detail::appendAggregated(std::move(record), *format, out, options, warning);
}

// Convenience form of appendDeaggregated with default options.
std::vector<StreamRecord> deaggregate(const StreamRecord &record, DeaggregationWarning *warning = nullptr);

// The finished aggregate, ready to put to Kinesis as one record.
struct KplAggregate
{
    // Routes the record to the first user record's shard: its partition key,
    // and its effective hash key as the explicit hash key.
    QByteArray partitionKey;
    HashKey explicitHashKey;
    QByteArray data;
    qsizetype recordCount = 0;
};

// Packs user records into aggregates that fit one Kinesis record. Sizes are
// exact: sizeBytes() is what the finished record counts against Kinesis' limit
// (data plus partition key), an upper bound for the deflated format. The KCL
// drops an aggregate holding records of other shards, so add only records
// bound for one shard.
class KplAggregator
{
public:
    // Kinesis' limit on one record: data plus partition key.
    static constexpr qsizetype kMaxKinesisRecordBytes = 1024 * 1024;
    // Kinesis' limit on a partition key, in Unicode code points.
    static constexpr qsizetype kMaxPartitionKeyLength = 256;

    enum class AddResult : std::uint8_t {
        Added,
        Full,               // not added: finish() and add it again
        TooLarge,           // not added: it would not fit even alone
        InvalidPartitionKey // not added: empty, not UTF-8, or over 256 code points
    };

    explicit KplAggregator(kpl::Format format = kpl::Format::Standard,
                           qsizetype maxRecordBytes = kMaxKinesisRecordBytes);

    AddResult add(QByteArrayView partitionKey, QByteArrayView data,
                  std::optional<HashKey> explicitHashKey = std::nullopt);

    kpl::Format format() const { return m_format; }
    qsizetype count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    qsizetype sizeBytes() const;

    // The aggregate of everything added since the last finish(), or nullopt
    // when nothing was; the aggregator is empty afterwards.
    std::optional<KplAggregate> finish();

private:
    struct KeyTable
    {
        QHash<QByteArray, std::uint64_t> indexOf;
        QByteArray encoded; // the protobuf table entries, in index order
    };

    qsizetype encodedBytes(qsizetype protobufBytes, qsizetype outerKeyBytes) const;
    void clear();

    kpl::Format m_format;
    qsizetype m_maxRecordBytes;
    KeyTable m_partitionKeys;
    KeyTable m_explicitHashKeys;
    QByteArray m_records; // the protobuf `records` entries
    QByteArray m_outerPartitionKey;
    HashKey m_outerHashKey;
    qsizetype m_count = 0;
};

} // namespace qmld

#include <qmld/StreamStore.h>

#include "daemon/store/Logging.h"
#include "daemon/store/SequenceCodec.h"
#include "daemon/store/ShardLayout.h"
#include "daemon/store/StoreConnection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>
#include <QStringDecoder>

#include <algorithm>
#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace qmld {

using store::StoreConnection;
using store::Transaction;
using TransactionKind = StoreConnection::TransactionKind;

namespace {

// The translation context of these messages, named for lupdate and
// QCoreApplication::translate alike (lupdate would file a bare tr() under
// the enclosing class, which the console would then never find).
class StoreText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::StreamStore)
};

struct StreamRow
{
    qint64 id = 0;
    QString name;
    qint64 createdMs = 0;
    qint64 retentionMs = 0;
    qint64 lastOrdinal = 0;
    qint64 lastArrivalMs = 0;
    qint64 nextShardIndex = 0;
};

struct ShardRow
{
    qint64 id = 0;
    std::uint32_t index = 0;
    std::optional<std::uint32_t> parentIndex;
    std::optional<std::uint32_t> adjacentParentIndex;
    HashKeyRange range;
    qint64 startingOrdinal = 0;
    std::optional<qint64> endingOrdinal;
    // Imported shards keep their own sequence numbers (normalized digits).
    std::optional<QByteArray> startingSequence;
    std::optional<QByteArray> endingSequence;

    bool isOpen() const { return !endingOrdinal.has_value(); }
    bool isExplicit() const { return startingSequence.has_value(); }
};

// Sequence numbers of imported records, zero-padded so that text order is
// number order (Kinesis numbers have at most 129 digits).
constexpr qsizetype kSequenceKeyDigits = 130;

QByteArray sequenceKey(QByteArrayView digits)
{
    return QByteArray(kSequenceKeyDigits - digits.size(), '0') + digits.toByteArray();
}

QByteArray sequenceKey(const SequenceNumber &sequence)
{
    return sequenceKey(sequence.toByteArray());
}

SequenceNumber sequenceFromKey(const QByteArray &key)
{
    return *SequenceNumber::parse(key, 0); // drops the leading zeros
}

// digits + 1, for the records put to an imported shard.
QByteArray incrementDecimal(QByteArray digits)
{
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        if (digits[i] != '9') {
            digits[i] = char(digits[i] + 1);
            return digits;
        }
        digits[i] = '0';
    }
    return '1' + digits;
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

SequenceNumber sequenceNumberFor(qint64 ordinal, std::uint32_t shardIndex)
{
    return *SequenceNumber::parse(store::encodeSequenceNumber({ordinal, shardIndex}), 0);
}

ShardInfo toShardInfo(const ShardRow &row)
{
    ShardInfo info;
    info.shardId = store::shardIdFor(row.index);
    if (row.parentIndex)
        info.parentShardId = store::shardIdFor(*row.parentIndex);
    if (row.adjacentParentIndex)
        info.adjacentParentShardId = store::shardIdFor(*row.adjacentParentIndex);
    info.hashKeyRange = row.range;
    info.startingSequenceNumber = row.startingSequence ? *SequenceNumber::parse(*row.startingSequence, 0)
                                                       : sequenceNumberFor(row.startingOrdinal, row.index);
    if (row.endingOrdinal)
        info.endingSequenceNumber = row.endingSequence ? *SequenceNumber::parse(*row.endingSequence, 0)
                                                       : sequenceNumberFor(*row.endingOrdinal, row.index);
    return info;
}

std::optional<std::uint32_t> optionalIndex(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return std::uint32_t(value.toLongLong());
}

bool isValidStreamName(const QString &name)
{
    if (name.isEmpty() || name.size() > 128)
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'
            || c == u'-' || c == u'.';
    });
}

// Kinesis' limits on one record, checked before any write.
std::optional<QString> invalidRecordReason(const PutRequest &request)
{
    if (request.partitionKey.isEmpty())
        return StoreText::tr("a partition key is empty");
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString key = decoder.decode(request.partitionKey);
    if (decoder.hasError())
        return StoreText::tr("partition key is not UTF-8");
    if (qsizetype points = key.toUcs4().size(); points > StreamStore::kMaxPartitionKeyLength)
        return StoreText::tr("partition key \"%1…\" is %2 characters long (at most %3)")
            .arg(key.left(20)).arg(points).arg(StreamStore::kMaxPartitionKeyLength);
    if (request.partitionKey.size() + request.data.size() > StreamStore::kMaxRecordBytes)
        return StoreText::tr("a record of %1 bytes with partition key \"%2\" exceeds Kinesis' 1 MiB limit")
            .arg(request.partitionKey.size() + request.data.size())
            .arg(key.left(40));
    return std::nullopt;
}

} // namespace

struct StreamStore::Private
{
    std::unique_ptr<StoreConnection> connection;
    std::function<std::int64_t()> clock = [] { return QDateTime::currentMSecsSinceEpoch(); };

    const QString &path() const { return connection->path(); }

    StoreError streamNotFound(const QString &name) const
    {
        return {StoreError::Code::StreamNotFound, StoreText::tr("unknown stream \"%1\" in store %2").arg(name, path())};
    }
    StoreError shardNotFound(const QString &stream, const QString &shardId) const
    {
        return {StoreError::Code::ShardNotFound,
                StoreText::tr("no shard \"%1\" in stream \"%2\" (store %3)").arg(shardId, stream, path())};
    }
    StoreError invalid(const QString &message) const { return {StoreError::Code::InvalidArgument, message}; }

    QSqlQuery *statement(const QString &sql, StoreError *error) { return connection->prepared(sql, error); }
    StoreError failed(const QSqlQuery &query, QStringView doing) const
    {
        return connection->errorFrom(query.lastError(), doing);
    }

    StoreResult<StreamRow> loadStream(const QString &name);
    // A new stream's row (refused if the name is taken), inside the caller's transaction.
    StoreResult<StreamRow> insertStream(const QString &name, std::chrono::milliseconds retention,
                                        qint64 nextShardIndex, qint64 nowMs);
    StoreResult<std::vector<ShardRow>> loadShards(qint64 streamId, bool openOnly);
    StoreResult<ShardRow> loadShard(const StreamRow &stream, const QString &shardId);
    StoreResult<qint64> insertShard(const StreamRow &stream, const ShardRow &shard);
    std::optional<StoreError> closeShard(const ShardRow &shard, qint64 endingOrdinal, qint64 nowMs,
                                         std::optional<QByteArray> endingSequence = std::nullopt);
    // The largest sequence key in an imported shard; nullopt when it has no records.
    StoreResult<std::optional<QByteArray>> lastSequenceKey(qint64 shardId);
    // The first record of an imported shard at (or after) a sequence number.
    StoreResult<std::optional<qint64>> firstOrdinalBySequence(qint64 shardId, const QByteArray &key, bool after);
    // The sequence key of the last record at or before an ordinal.
    StoreResult<std::optional<QByteArray>> sequenceKeyAtOrBefore(qint64 shardId, qint64 ordinal);
    StoreResult<std::optional<QByteArray>> optionalText(const QString &sql, const QVariantList &values);
    std::optional<StoreError> updateStreamCounters(const StreamRow &stream);
    StoreResult<StreamDescription> describe(const StreamRow &stream, bool countRecords);
    // The first ordinal in a shard at or after a time; nullopt if none.
    StoreResult<std::optional<qint64>> firstOrdinalAtOrAfter(qint64 shardId, qint64 timestampMs);
};

StoreResult<StreamRow> StreamStore::Private::insertStream(const QString &name, std::chrono::milliseconds retention,
                                                          qint64 nextShardIndex, qint64 nowMs)
{
    if (auto existing = loadStream(name); existing.ok())
        return StoreError{StoreError::Code::StreamExists,
                          StoreText::tr("stream \"%1\" already exists in store %2").arg(name, path())};
    else if (existing.error().code != StoreError::Code::StreamNotFound)
        return existing.error();

    StoreError error;
    QSqlQuery *insert = statement(u"INSERT INTO streams (name, created_ms, retention_ms, last_ordinal, "
                                  "last_arrival_ms, next_shard_index) VALUES (?, ?, ?, 0, 0, ?)"_s, &error);
    if (!insert)
        return error;
    insert->addBindValue(name);
    insert->addBindValue(qlonglong(nowMs));
    insert->addBindValue(qlonglong(retention.count()));
    insert->addBindValue(nextShardIndex);
    if (!insert->exec())
        return failed(*insert, StoreText::tr("writing"));
    insert->finish();
    return loadStream(name);
}

StoreResult<StreamRow> StreamStore::Private::loadStream(const QString &name)
{
    StoreError error;
    QSqlQuery *query = statement(u"SELECT id, created_ms, retention_ms, last_ordinal, last_arrival_ms, "
                                 "next_shard_index FROM streams WHERE name = ?"_s, &error);
    if (!query)
        return error;
    query->addBindValue(name);
    if (!query->exec())
        return failed(*query, StoreText::tr("reading"));
    if (!query->next()) {
        query->finish();
        return streamNotFound(name);
    }
    StreamRow row;
    row.id = query->value(0).toLongLong();
    row.name = name;
    row.createdMs = query->value(1).toLongLong();
    row.retentionMs = query->value(2).toLongLong();
    row.lastOrdinal = query->value(3).toLongLong();
    row.lastArrivalMs = query->value(4).toLongLong();
    row.nextShardIndex = query->value(5).toLongLong();
    query->finish();
    return row;
}

StoreResult<std::vector<ShardRow>> StreamStore::Private::loadShards(qint64 streamId, bool openOnly)
{
    StoreError error;
    QSqlQuery *query = statement(
        openOnly ? u"SELECT id, shard_index, parent_index, adjacent_parent_index, starting_hash_key, ending_hash_key, "
                   "starting_ordinal, ending_ordinal, starting_sequence, ending_sequence FROM shards "
                   "WHERE stream_id = ? AND ending_ordinal IS NULL "
                   "ORDER BY shard_index"_s
                 : u"SELECT id, shard_index, parent_index, adjacent_parent_index, starting_hash_key, ending_hash_key, "
                   "starting_ordinal, ending_ordinal, starting_sequence, ending_sequence FROM shards WHERE stream_id = ? "
                   "ORDER BY shard_index"_s,
        &error);
    if (!query)
        return error;
    query->addBindValue(streamId);
    if (!query->exec())
        return failed(*query, StoreText::tr("reading"));
    std::vector<ShardRow> shards;
    while (query->next()) {
        ShardRow row;
        row.id = query->value(0).toLongLong();
        row.index = std::uint32_t(query->value(1).toLongLong());
        row.parentIndex = optionalIndex(query->value(2));
        row.adjacentParentIndex = optionalIndex(query->value(3));
        const auto range = HashKeyRange::parse(query->value(4).toByteArray(), query->value(5).toByteArray());
        if (!range) {
            query->finish();
            return StoreError{StoreError::Code::Corrupt,
                              StoreText::tr("store %1 is damaged: shard %2 has a bad hash key range")
                                  .arg(path(), store::shardIdFor(row.index))};
        }
        row.range = *range;
        row.startingOrdinal = query->value(6).toLongLong();
        if (!query->value(7).isNull())
            row.endingOrdinal = query->value(7).toLongLong();
        if (!query->value(8).isNull())
            row.startingSequence = query->value(8).toString().toLatin1();
        if (!query->value(9).isNull())
            row.endingSequence = query->value(9).toString().toLatin1();
        shards.push_back(row);
    }
    query->finish();
    return shards;
}

StoreResult<ShardRow> StreamStore::Private::loadShard(const StreamRow &stream, const QString &shardId)
{
    const auto index = store::shardIndexOf(shardId);
    if (!index)
        return shardNotFound(stream.name, shardId);
    auto shards = loadShards(stream.id, false);
    if (!shards)
        return shards.error();
    for (const ShardRow &row : *shards) {
        if (row.index == *index)
            return row;
    }
    return shardNotFound(stream.name, shardId);
}

StoreResult<qint64> StreamStore::Private::insertShard(const StreamRow &stream, const ShardRow &shard)
{
    StoreError error;
    QSqlQuery *query = statement(u"INSERT INTO shards (stream_id, shard_index, parent_index, adjacent_parent_index, "
                                 "starting_hash_key, ending_hash_key, starting_ordinal, starting_sequence, ending_sequence) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                 &error);
    if (!query)
        return error;
    const auto nullableIndex = [](std::optional<std::uint32_t> index) {
        return index ? QVariant(qlonglong(*index)) : QVariant(QMetaType::fromType<qlonglong>());
    };
    query->addBindValue(stream.id);
    query->addBindValue(qlonglong(shard.index));
    query->addBindValue(nullableIndex(shard.parentIndex));
    query->addBindValue(nullableIndex(shard.adjacentParentIndex));
    query->addBindValue(QString::fromLatin1(shard.range.starting.toByteArray()));
    query->addBindValue(QString::fromLatin1(shard.range.ending.toByteArray()));
    query->addBindValue(shard.startingOrdinal);
    query->addBindValue(shard.startingSequence ? QVariant(QString::fromLatin1(*shard.startingSequence)) : nullText());
    query->addBindValue(shard.endingSequence ? QVariant(QString::fromLatin1(*shard.endingSequence)) : nullText());
    if (!query->exec())
        return failed(*query, StoreText::tr("writing"));
    const qint64 id = query->lastInsertId().toLongLong();
    query->finish();
    return id;
}

std::optional<StoreError> StreamStore::Private::closeShard(const ShardRow &shard, qint64 endingOrdinal, qint64 nowMs,
                                                          std::optional<QByteArray> endingSequence)
{
    if (shard.isExplicit() && !endingSequence) {
        // An imported shard ends at its last record, or where it started.
        auto last = lastSequenceKey(shard.id);
        if (!last)
            return last.error();
        endingSequence = *last ? sequenceFromKey(**last).toByteArray() : *shard.startingSequence;
    }
    StoreError error;
    QSqlQuery *query = statement(
        u"UPDATE shards SET ending_ordinal = ?, closed_ms = ?, ending_sequence = ? WHERE id = ?"_s, &error);
    if (!query)
        return error;
    query->addBindValue(endingOrdinal);
    query->addBindValue(nowMs);
    query->addBindValue(endingSequence ? QVariant(QString::fromLatin1(*endingSequence)) : nullText());
    query->addBindValue(shard.id);
    if (!query->exec())
        return failed(*query, StoreText::tr("writing"));
    query->finish();
    return std::nullopt;
}

std::optional<StoreError> StreamStore::Private::updateStreamCounters(const StreamRow &stream)
{
    StoreError error;
    QSqlQuery *query = statement(
        u"UPDATE streams SET last_ordinal = ?, last_arrival_ms = ?, next_shard_index = ? WHERE id = ?"_s, &error);
    if (!query)
        return error;
    query->addBindValue(stream.lastOrdinal);
    query->addBindValue(stream.lastArrivalMs);
    query->addBindValue(stream.nextShardIndex);
    query->addBindValue(stream.id);
    if (!query->exec())
        return failed(*query, StoreText::tr("writing"));
    query->finish();
    return std::nullopt;
}

StoreResult<StreamDescription> StreamStore::Private::describe(const StreamRow &stream, bool countRecords)
{
    auto rows = loadShards(stream.id, false);
    if (!rows)
        return rows.error();
    StreamDescription description;
    description.summary.name = stream.name;
    description.summary.creationTimestampMs = stream.createdMs;
    description.summary.retention = std::chrono::milliseconds(stream.retentionMs);
    StoreError error;
    QSqlQuery *count = countRecords ? statement(u"SELECT COUNT(*) FROM records WHERE shard_id = ?"_s, &error) : nullptr;
    if (countRecords && !count)
        return error;
    for (const ShardRow &row : *rows) {
        ShardInfo info = toShardInfo(row);
        if (count) {
            count->addBindValue(row.id);
            if (!count->exec() || !count->next())
                return failed(*count, StoreText::tr("reading"));
            info.recordCount = count->value(0).toLongLong();
            count->finish();
        }
        description.summary.shardCount += 1;
        description.summary.openShardCount += info.isOpen() ? 1 : 0;
        description.shards.push_back(std::move(info));
    }
    return description;
}

StoreResult<std::optional<QByteArray>> StreamStore::Private::optionalText(const QString &sql,
                                                                         const QVariantList &values)
{
    StoreError error;
    QSqlQuery *query = statement(sql, &error);
    if (!query)
        return error;
    for (const QVariant &value : values)
        query->addBindValue(value);
    if (!query->exec())
        return failed(*query, StoreText::tr("reading"));
    std::optional<QByteArray> text;
    if (query->next() && !query->value(0).isNull())
        text = query->value(0).toString().toLatin1();
    query->finish();
    return text;
}

StoreResult<std::optional<QByteArray>> StreamStore::Private::lastSequenceKey(qint64 shardId)
{
    return optionalText(u"SELECT sequence_key FROM records WHERE shard_id = ? AND sequence_key IS NOT NULL "
                        "ORDER BY sequence_key DESC LIMIT 1"_s, {shardId});
}

StoreResult<std::optional<QByteArray>> StreamStore::Private::sequenceKeyAtOrBefore(qint64 shardId, qint64 ordinal)
{
    return optionalText(u"SELECT sequence_key FROM records WHERE shard_id = ? AND ordinal <= ? "
                        "ORDER BY ordinal DESC LIMIT 1"_s, {shardId, ordinal});
}

StoreResult<std::optional<qint64>> StreamStore::Private::firstOrdinalBySequence(qint64 shardId, const QByteArray &key,
                                                                                 bool after)
{
    // Sequence numbers increase with the ordinal along a shard: the first by
    // number is the first by ordinal.
    StoreError error;
    QSqlQuery *query = statement(
        after ? u"SELECT ordinal FROM records WHERE shard_id = ? AND sequence_key > ? ORDER BY sequence_key LIMIT 1"_s
              : u"SELECT ordinal FROM records WHERE shard_id = ? AND sequence_key >= ? ORDER BY sequence_key LIMIT 1"_s,
        &error);
    if (!query)
        return error;
    query->addBindValue(shardId);
    query->addBindValue(QString::fromLatin1(key));
    if (!query->exec())
        return failed(*query, StoreText::tr("reading"));
    std::optional<qint64> ordinal;
    if (query->next())
        ordinal = query->value(0).toLongLong();
    query->finish();
    return ordinal;
}

StoreResult<std::optional<qint64>> StreamStore::Private::firstOrdinalAtOrAfter(qint64 shardId, qint64 timestampMs)
{
    // Arrival times never decrease along a shard, so this stops at the first match.
    StoreError error;
    QSqlQuery *query = statement(u"SELECT ordinal FROM records WHERE shard_id = ? AND arrival_ms >= ? "
                                 "ORDER BY ordinal LIMIT 1"_s, &error);
    if (!query)
        return error;
    query->addBindValue(shardId);
    query->addBindValue(timestampMs);
    if (!query->exec())
        return failed(*query, StoreText::tr("reading"));
    std::optional<qint64> ordinal;
    if (query->next())
        ordinal = query->value(0).toLongLong();
    query->finish();
    return ordinal;
}

// ---- StreamStore -----------------------------------------------------------

QString StreamStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/qmld/store.sqlite"_s;
}

QString StreamStore::resolvePath(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString fromEnvironment = qEnvironmentVariable("QMLD_STORE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return defaultPath();
}

StoreResult<StreamStore> StreamStore::open(const QString &path, OpenMode mode, std::chrono::milliseconds busyTimeout)
{
    if (mode == OpenMode::CreateIfMissing && path == defaultPath())
        QDir().mkpath(QFileInfo(path).absolutePath());
    auto connection = StoreConnection::open(path, mode, busyTimeout);
    if (!connection)
        return connection.error();
    auto d = std::make_unique<Private>();
    d->connection = std::move(connection).value();
    return StreamStore(std::move(d));
}

StreamStore::StreamStore(std::unique_ptr<Private> d) : d(std::move(d)) {}
StreamStore::StreamStore(StreamStore &&other) noexcept = default;
StreamStore &StreamStore::operator=(StreamStore &&other) noexcept = default;
StreamStore::~StreamStore() = default;

QString StreamStore::path() const
{
    return d->path();
}

void StreamStore::setClock(std::function<std::int64_t()> nowMs)
{
    d->clock = std::move(nowMs);
}

std::int64_t StreamStore::now() const
{
    return d->clock();
}

StoreResult<StreamDescription> StreamStore::createStream(const QString &name, int shardCount,
                                                         std::chrono::milliseconds retention)
{
    if (!isValidStreamName(name))
        return d->invalid(StoreText::tr("invalid stream name \"%1\": use 1 to 128 letters, digits, '_', '-' or '.'").arg(name));
    if (shardCount < 1 || shardCount > kMaxShardCount)
        return d->invalid(StoreText::tr("invalid shard count %1 for stream \"%2\": it must be 1 to %3")
                              .arg(shardCount).arg(name).arg(kMaxShardCount));
    if (retention.count() <= 0)
        return d->invalid(StoreText::tr("invalid retention for stream \"%1\": it must be positive").arg(name));

    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->insertStream(name, retention, shardCount, now());
    if (!stream)
        return stream.error();
    const auto ranges = store::evenHashKeyRanges(shardCount);
    for (int i = 0; i < shardCount; ++i) {
        ShardRow shard;
        shard.index = std::uint32_t(i);
        shard.range = ranges[std::size_t(i)];
        shard.startingOrdinal = stream->lastOrdinal + 1;
        if (auto inserted = d->insertShard(*stream, shard); !inserted)
            return inserted.error();
    }
    auto description = d->describe(*stream, true);
    if (!description)
        return description;
    if (auto commitError = transaction.commit())
        return *commitError;
    qCInfo(store::lcStore) << "created stream" << name << "with" << shardCount << "shards in" << d->path();
    return description;
}

StoreResult<std::vector<StreamSummary>> StreamStore::listStreams()
{
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Read))
        return *error;
    StoreError error;
    QSqlQuery *query = d->statement(
        u"SELECT s.name, s.created_ms, s.retention_ms, COUNT(sh.id), COALESCE(SUM(sh.ending_ordinal IS NULL), 0) "
        "FROM streams s LEFT JOIN shards sh ON sh.stream_id = s.id GROUP BY s.id ORDER BY s.name"_s, &error);
    if (!query)
        return error;
    if (!query->exec())
        return d->failed(*query, StoreText::tr("reading"));
    std::vector<StreamSummary> streams;
    while (query->next()) {
        StreamSummary summary;
        summary.name = query->value(0).toString();
        summary.creationTimestampMs = query->value(1).toLongLong();
        summary.retention = std::chrono::milliseconds(query->value(2).toLongLong());
        summary.shardCount = query->value(3).toInt();
        summary.openShardCount = query->value(4).toInt();
        streams.push_back(std::move(summary));
    }
    query->finish();
    if (auto commitError = transaction.commit())
        return *commitError;
    return streams;
}

StoreResult<StreamDescription> StreamStore::describeStream(const QString &name)
{
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Read))
        return *error;
    auto stream = d->loadStream(name);
    if (!stream)
        return stream.error();
    auto description = d->describe(*stream, true);
    if (!description)
        return description;
    if (auto error = transaction.commit())
        return *error;
    return description;
}

StoreResult<StoreDone> StreamStore::deleteStream(const QString &name)
{
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->loadStream(name);
    if (!stream)
        return stream.error();
    for (const QString &sql : {u"DELETE FROM records WHERE shard_id IN (SELECT id FROM shards WHERE stream_id = ?)"_s,
                               u"DELETE FROM shards WHERE stream_id = ?"_s, u"DELETE FROM streams WHERE id = ?"_s}) {
        StoreError error;
        QSqlQuery *query = d->statement(sql, &error);
        if (!query)
            return error;
        query->addBindValue(stream->id);
        if (!query->exec())
            return d->failed(*query, StoreText::tr("writing"));
        query->finish();
    }
    if (auto error = transaction.commit())
        return *error;
    qCInfo(store::lcStore) << "deleted stream" << name << "from" << d->path();
    return StoreDone{};
}

StoreResult<PutResult> StreamStore::putRecord(const QString &stream, const PutRequest &request)
{
    auto results = putRecords(stream, std::span<const PutRequest>(&request, 1));
    if (!results)
        return results.error();
    return std::move(results->front());
}

StoreResult<std::vector<PutResult>> StreamStore::putRecords(const QString &streamName,
                                                            std::span<const PutRequest> requests)
{
    for (const PutRequest &request : requests) {
        if (auto reason = invalidRecordReason(request))
            return d->invalid(StoreText::tr("cannot put to stream \"%1\": %2").arg(streamName, *reason));
    }

    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->loadStream(streamName);
    if (!stream)
        return stream.error();
    auto shards = d->loadShards(stream->id, true);
    if (!shards)
        return shards.error();
    std::sort(shards->begin(), shards->end(),
              [](const ShardRow &a, const ShardRow &b) { return a.range.starting < b.range.starting; });
    const auto route = [&shards](HashKey key) -> const ShardRow * {
        auto it = std::upper_bound(shards->cbegin(), shards->cend(), key,
                                   [](HashKey k, const ShardRow &shard) { return k < shard.range.starting; });
        if (it == shards->cbegin())
            return nullptr;
        --it;
        return it->range.contains(key) ? &*it : nullptr;
    };

    StoreError error;
    QSqlQuery *insert = d->statement(
        u"INSERT INTO records (shard_id, ordinal, arrival_ms, partition_key, data, sequence_key) "
        "VALUES (?, ?, ?, ?, ?, ?)"_s, &error);
    if (!insert)
        return error;
    stream->lastArrivalMs = std::max<qint64>(stream->lastArrivalMs, now());
    // Imported shards number new records on from their last one.
    std::map<qint64, QByteArray> nextExplicit;
    const auto nextSequence = [this, &nextExplicit](const ShardRow &shard) -> StoreResult<QByteArray> {
        auto it = nextExplicit.find(shard.id);
        if (it == nextExplicit.end()) {
            auto last = d->lastSequenceKey(shard.id);
            if (!last)
                return last.error();
            const QByteArray next = *last ? incrementDecimal(sequenceFromKey(**last).toByteArray())
                                          : *shard.startingSequence;
            it = nextExplicit.emplace(shard.id, next).first;
        } else {
            it->second = incrementDecimal(it->second);
        }
        return it->second;
    };
    std::vector<PutResult> results;
    results.reserve(requests.size());
    for (const PutRequest &request : requests) {
        const HashKey key = request.explicitHashKey.value_or(HashKey::fromPartitionKey(request.partitionKey));
        const ShardRow *shard = route(key);
        if (!shard)
            return StoreError{StoreError::Code::Corrupt,
                              StoreText::tr("store %1 is damaged: no open shard of stream \"%2\" holds hash key %3")
                                  .arg(d->path(), streamName, key.toString())};
        const qint64 ordinal = ++stream->lastOrdinal;
        std::optional<QByteArray> explicitSequence;
        if (shard->isExplicit()) {
            auto next = nextSequence(*shard);
            if (!next)
                return next.error();
            explicitSequence = std::move(next).value();
        }
        insert->bindValue(0, shard->id);
        insert->bindValue(1, ordinal);
        insert->bindValue(2, stream->lastArrivalMs);
        insert->bindValue(3, request.partitionKey);
        // Kinesis allows empty data; a null QByteArray would bind as SQL NULL.
        insert->bindValue(4, request.data.isNull() ? QByteArray(""_ba) : request.data);
        insert->bindValue(5, explicitSequence ? QVariant(QString::fromLatin1(sequenceKey(*explicitSequence))) : nullText());
        if (!insert->exec())
            return d->failed(*insert, StoreText::tr("writing"));
        results.push_back({store::shardIdFor(shard->index), explicitSequence
                                                                ? *SequenceNumber::parse(*explicitSequence, 0)
                                                                : sequenceNumberFor(ordinal, shard->index)});
    }
    insert->finish();
    if (auto updateError = d->updateStreamCounters(*stream))
        return *updateError;
    if (auto commitError = transaction.commit())
        return *commitError;
    return results;
}

StoreResult<std::optional<std::int64_t>> StreamStore::checkpointLag(const QString &stream, const QString &shardId,
                                                                    const SequenceNumber &checkpoint)
{
    ShardPosition from = ShardPosition::afterSequenceNumber(checkpoint);
    switch (checkpoint.kind()) {
    case SequenceNumber::Kind::Digits: break;
    case SequenceNumber::Kind::TrimHorizon: from = ShardPosition::trimHorizon(); break;
    case SequenceNumber::Kind::Latest:
    case SequenceNumber::Kind::ShardEnd: return std::optional<std::int64_t>(0);
    case SequenceNumber::Kind::AtTimestamp: return std::optional<std::int64_t>();
    }
    auto read = readRecords(stream, shardId, from, 1);
    if (!read)
        return read.error();
    return std::optional<std::int64_t>(read->millisBehindLatest);
}

StoreResult<SequenceNumber> StreamStore::checkpointBefore(const QString &streamName, const QString &shardId,
                                                          std::int64_t timestampMs)
{
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Read))
        return *error;
    auto stream = d->loadStream(streamName);
    if (!stream)
        return stream.error();
    auto shard = d->loadShard(*stream, shardId);
    if (!shard)
        return shard.error();
    StoreError error;
    // Arrival times never decrease along a shard: the last record before the
    // time is the one just before the first at or after it.
    QSqlQuery *query = d->statement(u"SELECT ordinal, sequence_key FROM records WHERE shard_id = ? AND arrival_ms < ? "
                                    "ORDER BY ordinal DESC LIMIT 1"_s, &error);
    if (!query)
        return error;
    query->addBindValue(shard->id);
    query->addBindValue(qlonglong(timestampMs));
    if (!query->exec())
        return d->failed(*query, StoreText::tr("reading"));
    SequenceNumber checkpoint = SequenceNumber::trimHorizon();
    if (query->next()) {
        checkpoint = query->value(1).isNull()
            ? sequenceNumberFor(query->value(0).toLongLong(), shard->index)
            : sequenceFromKey(query->value(1).toString().toLatin1());
    }
    query->finish();
    return checkpoint;
}

StoreResult<ReadResult> StreamStore::readRecords(const QString &streamName, const QString &shardId,
                                                 const ShardPosition &position, int limit)
{
    if (limit < 1)
        return d->invalid(StoreText::tr("invalid read limit %1: it must be at least 1").arg(limit));

    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Read))
        return *error;
    auto stream = d->loadStream(streamName);
    if (!stream)
        return stream.error();
    auto shard = d->loadShard(*stream, shardId);
    if (!shard)
        return shard.error();

    // Records strictly after this ordinal are returned; nullopt: none yet (AT_TIMESTAMP in the future).
    std::optional<qint64> afterOrdinal;
    switch (position.type) {
    case ShardPosition::Type::TrimHorizon:
        afterOrdinal = 0;
        break;
    case ShardPosition::Type::Latest:
        afterOrdinal = shard->endingOrdinal.value_or(stream->lastOrdinal);
        break;
    case ShardPosition::Type::AtSequenceNumber:
    case ShardPosition::Type::AfterSequenceNumber: {
        if (shard->isExplicit()) {
            if (!position.sequenceNumber.isValid() || position.sequenceNumber.isSentinel())
                return d->invalid(StoreText::tr("sequence number %1 is not from shard %2 of stream \"%3\" (store %4)")
                                      .arg(position.sequenceNumber.toString(), shardId, streamName, d->path()));
            auto first = d->firstOrdinalBySequence(shard->id, sequenceKey(position.sequenceNumber),
                                                   position.type == ShardPosition::Type::AfterSequenceNumber);
            if (!first)
                return first.error();
            afterOrdinal = *first ? **first - 1 : shard->endingOrdinal.value_or(stream->lastOrdinal);
            break;
        }
        const auto decoded = position.sequenceNumber.isValid() && !position.sequenceNumber.isSentinel()
            ? store::decodeSequenceNumber(position.sequenceNumber.toByteArray())
            : std::nullopt;
        if (!decoded || decoded->shardIndex != shard->index)
            return d->invalid(StoreText::tr("sequence number %1 is not from shard %2 of stream \"%3\" (store %4)")
                                  .arg(position.sequenceNumber.toString(), shardId, streamName, d->path()));
        afterOrdinal = position.type == ShardPosition::Type::AtSequenceNumber ? decoded->ordinal - 1
                                                                               : decoded->ordinal;
        break;
    }
    case ShardPosition::Type::AtTimestamp: {
        auto first = d->firstOrdinalAtOrAfter(shard->id, position.timestampMs);
        if (!first)
            return first.error();
        if (*first)
            afterOrdinal = **first - 1;
        else if (!shard->isOpen())
            afterOrdinal = *shard->endingOrdinal;
        break;
    }
    }

    ReadResult result;
    bool hasMore = false;
    if (afterOrdinal) {
        StoreError error;
        QSqlQuery *query = d->statement(u"SELECT ordinal, arrival_ms, partition_key, data, sequence_key FROM records "
                                        "WHERE shard_id = ? AND ordinal > ? ORDER BY ordinal LIMIT ?"_s, &error);
        if (!query)
            return error;
        query->bindValue(0, shard->id);
        query->bindValue(1, *afterOrdinal);
        query->bindValue(2, limit + 1);
        if (!query->exec())
            return d->failed(*query, StoreText::tr("reading"));
        result.records.reserve(std::size_t(std::min(limit, 10000)));
        while (query->next()) {
            if (int(result.records.size()) == limit) {
                hasMore = true;
                break;
            }
            StreamRecord record;
            record.sequenceNumber = query->value(4).isNull()
                ? sequenceNumberFor(query->value(0).toLongLong(), shard->index)
                : sequenceFromKey(query->value(4).toString().toLatin1());
            record.approximateArrivalTimestamp = query->value(1).toLongLong();
            record.partitionKey = query->value(2).toByteArray();
            record.data = query->value(3).toByteArray();
            result.records.push_back(std::move(record));
        }
        query->finish();
    }

    if (!result.records.empty())
        result.nextPosition = ShardPosition::afterSequenceNumber(result.records.back().sequenceNumber);
    else if (position.type == ShardPosition::Type::Latest && afterOrdinal && shard->isExplicit()) {
        auto key = d->sequenceKeyAtOrBefore(shard->id, *afterOrdinal);
        if (!key)
            return key.error();
        // No record yet: everything that comes is after LATEST.
        result.nextPosition = *key ? ShardPosition::afterSequenceNumber(sequenceFromKey(**key))
                                   : ShardPosition::trimHorizon();
    } else if (position.type == ShardPosition::Type::Latest && afterOrdinal)
        result.nextPosition = ShardPosition::afterSequenceNumber(sequenceNumberFor(*afterOrdinal, shard->index));
    else
        result.nextPosition = position;
    if (!shard->isOpen() && !hasMore && afterOrdinal)
        result.nextPosition.reset(); // SHARD_END: a closed shard gets no more records
    result.atTip = !hasMore;
    if (hasMore)
        result.millisBehindLatest = std::max<std::int64_t>(0, now() - *result.records.back().approximateArrivalTimestamp);
    if (auto error = transaction.commit())
        return *error;
    return result;
}

StoreResult<std::vector<ShardInfo>> StreamStore::splitShard(const QString &streamName, const QString &shardId,
                                                            std::optional<HashKey> newStartingHashKey)
{
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->loadStream(streamName);
    if (!stream)
        return stream.error();
    auto parent = d->loadShard(*stream, shardId);
    if (!parent)
        return parent.error();
    if (!parent->isOpen())
        return d->invalid(StoreText::tr("shard %1 of stream \"%2\" is closed and cannot be split").arg(shardId, streamName));
    const HashKeyRange &range = parent->range;
    if (!newStartingHashKey) {
        newStartingHashKey = store::midpointSplit(range);
        if (!newStartingHashKey)
            return d->invalid(StoreText::tr("shard %1 of stream \"%2\" holds a single hash key and cannot be split")
                                  .arg(shardId, streamName));
    }
    if (!store::isValidSplit(range, *newStartingHashKey))
        return d->invalid(StoreText::tr("split point %1 is outside shard %2's hash key range %3..%4: it must be above the "
                             "starting key and at most the ending key")
                              .arg(newStartingHashKey->toString(), shardId, range.starting.toString(),
                                   range.ending.toString()));

    const qint64 nowMs = std::max<qint64>(stream->lastArrivalMs, now());
    if (auto error = d->closeShard(*parent, stream->lastOrdinal, nowMs))
        return *error;
    std::vector<ShardInfo> children;
    const HashKeyRange halves[] = {{range.starting, HashKey(newStartingHashKey->value() - 1)},
                                   {*newStartingHashKey, range.ending}};
    for (const HashKeyRange &half : halves) {
        ShardRow child;
        child.index = std::uint32_t(stream->nextShardIndex++);
        child.parentIndex = parent->index;
        child.range = half;
        child.startingOrdinal = stream->lastOrdinal + 1;
        if (auto inserted = d->insertShard(*stream, child); !inserted)
            return inserted.error();
        children.push_back(toShardInfo(child));
    }
    if (auto error = d->updateStreamCounters(*stream))
        return *error;
    if (auto error = transaction.commit())
        return *error;
    qCInfo(store::lcStore) << "split" << shardId << "of" << streamName << "into" << children[0].shardId << "and"
                           << children[1].shardId;
    return children;
}

StoreResult<ShardInfo> StreamStore::mergeShards(const QString &streamName, const QString &shardId,
                                                 const QString &adjacentShardId)
{
    if (shardId == adjacentShardId)
        return d->invalid(StoreText::tr("cannot merge shard %1 of stream \"%2\" with itself").arg(shardId, streamName));
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->loadStream(streamName);
    if (!stream)
        return stream.error();
    auto shard = d->loadShard(*stream, shardId);
    if (!shard)
        return shard.error();
    auto adjacent = d->loadShard(*stream, adjacentShardId);
    if (!adjacent)
        return adjacent.error();
    for (const ShardRow *row : {&*shard, &*adjacent}) {
        if (!row->isOpen())
            return d->invalid(StoreText::tr("shard %1 of stream \"%2\" is closed and cannot be merged")
                                  .arg(store::shardIdFor(row->index), streamName));
    }
    if (!store::areAdjacent(shard->range, adjacent->range))
        return d->invalid(StoreText::tr("shards %1 (%2..%3) and %4 (%5..%6) of stream \"%7\" are not adjacent")
                              .arg(shardId, shard->range.starting.toString(), shard->range.ending.toString(),
                                   adjacentShardId, adjacent->range.starting.toString(),
                                   adjacent->range.ending.toString(), streamName));

    const qint64 nowMs = std::max<qint64>(stream->lastArrivalMs, now());
    for (const ShardRow *row : {&*shard, &*adjacent}) {
        if (auto error = d->closeShard(*row, stream->lastOrdinal, nowMs))
            return *error;
    }
    ShardRow child;
    child.index = std::uint32_t(stream->nextShardIndex++);
    child.parentIndex = shard->index;
    child.adjacentParentIndex = adjacent->index;
    child.range = {std::min(shard->range.starting, adjacent->range.starting),
                   std::max(shard->range.ending, adjacent->range.ending)};
    child.startingOrdinal = stream->lastOrdinal + 1;
    if (auto inserted = d->insertShard(*stream, child); !inserted)
        return inserted.error();
    if (auto error = d->updateStreamCounters(*stream))
        return *error;
    if (auto error = transaction.commit())
        return *error;
    ShardInfo info = toShardInfo(child);
    qCInfo(store::lcStore) << "merged" << shardId << "and" << adjacentShardId << "of" << streamName << "into"
                           << info.shardId;
    return info;
}

// ---- import ------------------------------------------------------------------

StoreResult<StreamDescription> StreamStore::createStreamWithLayout(const QString &name,
                                                                   std::span<const ShardLayout> layout,
                                                                   std::chrono::milliseconds retention)
{
    if (!isValidStreamName(name))
        return d->invalid(StoreText::tr("invalid stream name \"%1\": use 1 to 128 letters, digits, '_', '-' or '.'").arg(name));
    if (layout.empty() || layout.size() > std::size_t(kMaxShardCount))
        return d->invalid(StoreText::tr("invalid shard count %1 for stream \"%2\": it must be 1 to %3")
                              .arg(layout.size()).arg(name).arg(kMaxShardCount));
    if (retention.count() <= 0)
        return d->invalid(StoreText::tr("invalid retention for stream \"%1\": it must be positive").arg(name));

    std::vector<ShardRow> rows;
    std::set<std::uint32_t> indexes;
    const auto indexOf = [this, &name](const QString &shardId) -> StoreResult<std::uint32_t> {
        const auto index = store::shardIndexOf(shardId);
        if (!index)
            return d->invalid(StoreText::tr("shard id \"%1\" of stream \"%2\" is not shardId- and 12 digits, as Kinesis names "
                                 "shards; the embedded store cannot hold it")
                                  .arg(shardId, name));
        return *index;
    };
    for (const ShardLayout &shard : layout) {
        ShardRow row;
        auto index = indexOf(shard.shardId);
        if (!index)
            return index.error();
        row.index = *index;
        if (!indexes.insert(row.index).second)
            return d->invalid(StoreText::tr("shard %1 of stream \"%2\" is listed twice").arg(shard.shardId, name));
        for (auto [parent, target] : {std::pair(&shard.parentShardId, &row.parentIndex),
                                      std::pair(&shard.adjacentParentShardId, &row.adjacentParentIndex)}) {
            if (!*parent || (*parent)->isEmpty())
                continue;
            auto parentIndex = indexOf(**parent);
            if (!parentIndex)
                return parentIndex.error();
            *target = *parentIndex;
        }
        if (shard.hashKeyRange.ending < shard.hashKeyRange.starting)
            return d->invalid(StoreText::tr("shard %1 of stream \"%2\" has an empty hash key range %3..%4")
                                  .arg(shard.shardId, name, shard.hashKeyRange.starting.toString(),
                                       shard.hashKeyRange.ending.toString()));
        row.range = shard.hashKeyRange;
        for (const auto *sequence : {&shard.startingSequenceNumber, &shard.endingSequenceNumber}) {
            if (*sequence && (!(*sequence)->isValid() || (*sequence)->isSentinel()))
                return d->invalid(StoreText::tr("shard %1 of stream \"%2\" has a sequence number that is not a number")
                                      .arg(shard.shardId, name));
        }
        row.startingSequence = shard.startingSequenceNumber ? shard.startingSequenceNumber->toByteArray() : "0"_ba;
        if (shard.endingSequenceNumber) {
            row.endingSequence = shard.endingSequenceNumber->toByteArray();
            if (SequenceNumber::compareDigits(*row.endingSequence, *row.startingSequence) < 0)
                return d->invalid(StoreText::tr("shard %1 of stream \"%2\" ends (%3) before it starts (%4)")
                                      .arg(shard.shardId, name, QString::fromLatin1(*row.endingSequence),
                                           QString::fromLatin1(*row.startingSequence)));
        }
        rows.push_back(std::move(row));
    }
    // Puts route by hash key: the open shards must not overlap.
    std::vector<const ShardRow *> open;
    for (const ShardRow &row : rows) {
        if (!row.endingSequence)
            open.push_back(&row);
    }
    std::sort(open.begin(), open.end(), [](const ShardRow *a, const ShardRow *b) { return a->range.starting < b->range.starting; });
    for (std::size_t i = 1; i < open.size(); ++i) {
        if (!(open[i - 1]->range.ending < open[i]->range.starting))
            return d->invalid(StoreText::tr("open shards %1 and %2 of stream \"%3\" overlap in hash key range")
                                  .arg(store::shardIdFor(open[i - 1]->index), store::shardIdFor(open[i]->index), name));
    }

    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->insertStream(name, retention, qlonglong(*indexes.rbegin()) + 1, now());
    if (!stream)
        return stream.error();
    const qint64 nowMs = now();
    for (ShardRow &row : rows) {
        row.startingOrdinal = stream->lastOrdinal + 1;
        const std::optional<QByteArray> ending = row.endingSequence;
        row.endingSequence.reset();
        auto inserted = d->insertShard(*stream, row);
        if (!inserted)
            return inserted.error();
        row.id = *inserted;
        if (ending) {
            if (auto closeError = d->closeShard(row, stream->lastOrdinal, nowMs, ending))
                return *closeError;
        }
    }
    auto description = d->describe(*stream, true);
    if (!description)
        return description;
    if (auto commitError = transaction.commit())
        return *commitError;
    qCInfo(store::lcStore) << "created stream" << name << "with" << rows.size() << "imported shards in" << d->path();
    return description;
}

StoreResult<StoreDone> StreamStore::insertRecords(const QString &streamName, const QString &shardId,
                                                  std::span<const StreamRecord> records)
{
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->loadStream(streamName);
    if (!stream)
        return stream.error();
    auto shard = d->loadShard(*stream, shardId);
    if (!shard)
        return shard.error();
    if (!shard->isExplicit())
        return d->invalid(StoreText::tr("shard %1 of stream \"%2\" was not imported: it numbers its records itself (put them)")
                              .arg(shardId, streamName));
    auto last = d->lastSequenceKey(shard->id);
    if (!last)
        return last.error();
    std::optional<QByteArray> previous = *last;
    const QByteArray startKey = sequenceKey(*shard->startingSequence);
    const std::optional<QByteArray> endKey = shard->endingSequence ? std::optional(sequenceKey(*shard->endingSequence))
                                                                   : std::nullopt;

    StoreError error;
    QSqlQuery *insert = d->statement(
        u"INSERT INTO records (shard_id, ordinal, arrival_ms, partition_key, data, sequence_key) "
        "VALUES (?, ?, ?, ?, ?, ?)"_s, &error);
    if (!insert)
        return error;
    for (const StreamRecord &record : records) {
        const SequenceNumber &sequence = record.sequenceNumber;
        if (!sequence.isValid() || sequence.isSentinel())
            return d->invalid(StoreText::tr("cannot import into shard %1 of stream \"%2\": \"%3\" is not a sequence number")
                                  .arg(shardId, streamName, sequence.toString()));
        const QByteArray key = sequenceKey(sequence);
        if (previous && key <= *previous)
            return d->invalid(StoreText::tr("cannot import into shard %1 of stream \"%2\": sequence number %3 does not follow %4")
                                  .arg(shardId, streamName, sequence.toString(),
                                       sequenceFromKey(*previous).toString()));
        if (key < startKey)
            return d->invalid(StoreText::tr("cannot import into shard %1 of stream \"%2\": sequence number %3 is before the "
                                 "shard's starting sequence number %4")
                                  .arg(shardId, streamName, sequence.toString(),
                                       QString::fromLatin1(*shard->startingSequence)));
        if (endKey && key > *endKey)
            return d->invalid(StoreText::tr("cannot import into shard %1 of stream \"%2\": sequence number %3 is after the "
                                 "closed shard's ending sequence number %4")
                                  .arg(shardId, streamName, sequence.toString(),
                                       QString::fromLatin1(*shard->endingSequence)));
        const QByteArray partitionKey = record.partitionKey.value_or(QByteArray(""_ba));
        if (partitionKey.size() + record.data.size() > kMaxRecordBytes)
            return d->invalid(StoreText::tr("cannot import into shard %1 of stream \"%2\": record %3 of %4 bytes exceeds "
                                 "Kinesis' 1 MiB limit")
                                  .arg(shardId, streamName, sequence.toString())
                                  .arg(partitionKey.size() + record.data.size()));
        const qint64 arrival = record.approximateArrivalTimestamp.value_or(now());
        const qint64 ordinal = ++stream->lastOrdinal;
        stream->lastArrivalMs = std::max<qint64>(stream->lastArrivalMs, arrival);
        insert->bindValue(0, shard->id);
        insert->bindValue(1, ordinal);
        insert->bindValue(2, arrival);
        insert->bindValue(3, partitionKey.isNull() ? QByteArray(""_ba) : partitionKey);
        insert->bindValue(4, record.data.isNull() ? QByteArray(""_ba) : record.data);
        insert->bindValue(5, QString::fromLatin1(key));
        if (!insert->exec())
            return d->failed(*insert, StoreText::tr("writing"));
        previous = key;
    }
    insert->finish();
    if (!shard->isOpen()) {
        // A closed shard's records end at its ending ordinal (LATEST, SHARD_END).
        QSqlQuery *update = d->statement(u"UPDATE shards SET ending_ordinal = ? WHERE id = ?"_s, &error);
        if (!update)
            return error;
        update->addBindValue(stream->lastOrdinal);
        update->addBindValue(shard->id);
        if (!update->exec())
            return d->failed(*update, StoreText::tr("writing"));
        update->finish();
    }
    if (auto updateError = d->updateStreamCounters(*stream))
        return *updateError;
    if (auto commitError = transaction.commit())
        return *commitError;
    return StoreDone{};
}

StoreResult<ShardInfo> StreamStore::closeShard(const QString &streamName, const QString &shardId,
                                               std::optional<SequenceNumber> endingSequenceNumber)
{
    if (endingSequenceNumber && (!endingSequenceNumber->isValid() || endingSequenceNumber->isSentinel()))
        return d->invalid(StoreText::tr("cannot close shard %1 of stream \"%2\": the ending sequence number is not a number")
                              .arg(shardId, streamName));
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    auto stream = d->loadStream(streamName);
    if (!stream)
        return stream.error();
    auto shard = d->loadShard(*stream, shardId);
    if (!shard)
        return shard.error();
    if (!shard->isOpen())
        return d->invalid(StoreText::tr("shard %1 of stream \"%2\" is already closed").arg(shardId, streamName));
    std::optional<QByteArray> ending;
    if (endingSequenceNumber) {
        if (!shard->isExplicit())
            return d->invalid(StoreText::tr("shard %1 of stream \"%2\" was not imported: it cannot take an ending sequence number")
                                  .arg(shardId, streamName));
        auto last = d->lastSequenceKey(shard->id);
        if (!last)
            return last.error();
        const QByteArray key = sequenceKey(*endingSequenceNumber);
        if ((*last && key < **last) || key < sequenceKey(*shard->startingSequence))
            return d->invalid(StoreText::tr("cannot close shard %1 of stream \"%2\" at %3: it holds records after that")
                                  .arg(shardId, streamName, endingSequenceNumber->toString()));
        ending = endingSequenceNumber->toByteArray();
    }
    const qint64 nowMs = std::max<qint64>(stream->lastArrivalMs, now());
    if (auto error = d->closeShard(*shard, stream->lastOrdinal, nowMs, ending))
        return *error;
    auto closed = d->loadShard(*stream, shardId);
    if (!closed)
        return closed.error();
    if (auto error = transaction.commit())
        return *error;
    return toShardInfo(*closed);
}

StoreResult<TrimResult> StreamStore::trimExpired()
{
    Transaction transaction(*d->connection);
    if (auto error = transaction.begin(TransactionKind::Write))
        return *error;
    StoreError error;
    QSqlQuery *streams = d->statement(u"SELECT name FROM streams"_s, &error);
    if (!streams)
        return error;
    if (!streams->exec())
        return d->failed(*streams, StoreText::tr("reading"));
    QStringList names;
    while (streams->next())
        names.append(streams->value(0).toString());
    streams->finish();

    TrimResult result;
    const qint64 nowMs = now();
    for (const QString &name : std::as_const(names)) {
        auto stream = d->loadStream(name);
        if (!stream)
            return stream.error();
        auto shards = d->loadShards(stream->id, false);
        if (!shards)
            return shards.error();
        const qint64 cutoff = nowMs - stream->retentionMs;
        for (const ShardRow &shard : *shards) {
            auto firstKept = d->firstOrdinalAtOrAfter(shard.id, cutoff);
            if (!firstKept)
                return firstKept.error();
            QSqlQuery *trim = d->statement(u"DELETE FROM records WHERE shard_id = ? AND ordinal < ?"_s, &error);
            if (!trim)
                return error;
            trim->addBindValue(shard.id);
            trim->addBindValue(firstKept->value_or(std::numeric_limits<qint64>::max()));
            if (!trim->exec())
                return d->failed(*trim, StoreText::tr("writing"));
            result.recordsDeleted += trim->numRowsAffected();
            trim->finish();
        }
        // A closed shard gets no records after it closes: closed before the
        // cutoff means all its records have expired.
        QSqlQuery *dropShards = d->statement(
            u"DELETE FROM shards WHERE stream_id = ? AND ending_ordinal IS NOT NULL AND closed_ms < ?"_s, &error);
        if (!dropShards)
            return error;
        dropShards->addBindValue(stream->id);
        dropShards->addBindValue(cutoff);
        if (!dropShards->exec())
            return d->failed(*dropShards, StoreText::tr("writing"));
        result.shardsDeleted += dropShards->numRowsAffected();
        dropShards->finish();
    }
    if (auto commitError = transaction.commit())
        return *commitError;
    if (result.recordsDeleted > 0 || result.shardsDeleted > 0)
        qCInfo(store::lcStore) << "trimmed" << result.recordsDeleted << "expired records and" << result.shardsDeleted
                               << "closed shards from" << d->path();
    return result;
}

} // namespace qmld

#include <qmld/CaptureImport.h>

#include <qmld/Kpl.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

constexpr std::size_t kInsertBatch = 2000;

std::optional<SequenceNumber> sequenceOf(const std::optional<QString> &text)
{
    return text ? SequenceNumber::parse(*text, 0) : std::nullopt;
}

bool sameDigits(const SequenceNumber &a, const SequenceNumber &b)
{
    return SequenceNumber::compareDigits(a.toByteArray(), b.toByteArray()) == 0;
}

} // namespace

std::optional<std::vector<ShardLayout>> shardLayoutOf(const CaptureHeader &header, const QString &path, QString *error)
{
    std::vector<ShardLayout> layout;
    for (const CaptureHeader::Shard &shard : header.shards) {
        ShardLayout entry;
        entry.shardId = shard.shardId;
        if (!shard.parentShardId.isEmpty())
            entry.parentShardId = shard.parentShardId;
        if (!shard.adjacentParentShardId.isEmpty())
            entry.adjacentParentShardId = shard.adjacentParentShardId;
        // A console export names its shard but not its range: the whole key space.
        const bool noRange = shard.startingHashKey.isEmpty() && shard.endingHashKey.isEmpty();
        const auto range = noRange ? std::optional(HashKeyRange{HashKey(0), HashKey::max()})
                                   : HashKeyRange::parse(shard.startingHashKey.toLatin1(), shard.endingHashKey.toLatin1());
        if (!range) {
            *error = QCoreApplication::translate("qmld::CaptureImporter",
                                                 "%1: shard %2 has no valid hash key range in the header")
                         .arg(path, shard.shardId);
            return std::nullopt;
        }
        entry.hashKeyRange = *range;
        entry.startingSequenceNumber = sequenceOf(shard.startingSequenceNumber);
        entry.endingSequenceNumber = sequenceOf(shard.endingSequenceNumber);
        layout.push_back(std::move(entry));
    }
    return layout;
}

std::optional<QString> CaptureOrderCheck::check(const CapturedRecord &captured)
{
    const SequenceNumber &sequence = captured.record.sequenceNumber;
    const auto last = m_lastOfShard.find(captured.shardId);
    if (last != m_lastOfShard.end() && !(last->second < sequence))
        return QCoreApplication::translate("qmld::CaptureImporter",
                                           "sequence number %1 of shard %2 does not follow %3: the shard's records are "
                                           "out of order")
            .arg(sequence.display(), captured.shardId, last->second.display());
    if (const CaptureHeader::Shard *shard = m_header.shard(captured.shardId)) {
        const QByteArray digits = sequence.toByteArray();
        if (shard->startingSequenceNumber
            && SequenceNumber::compareDigits(digits, shard->startingSequenceNumber->toLatin1()) < 0)
            return QCoreApplication::translate("qmld::CaptureImporter",
                                               "sequence number %1 is before shard %2's starting sequence number %3")
                .arg(sequence.toString(), captured.shardId, *shard->startingSequenceNumber);
        if (shard->endingSequenceNumber
            && SequenceNumber::compareDigits(digits, shard->endingSequenceNumber->toLatin1()) > 0)
            return QCoreApplication::translate("qmld::CaptureImporter",
                                               "sequence number %1 is after closed shard %2's ending sequence number %3")
                .arg(sequence.toString(), captured.shardId, *shard->endingSequenceNumber);
    }
    m_lastOfShard.insert_or_assign(captured.shardId, sequence);
    return std::nullopt;
}

CaptureImporter::CaptureImporter(StreamStore &store, QString stream) : m_store(store), m_stream(std::move(stream)) {}

std::optional<StoreError> CaptureImporter::add(const CapturedRecord &captured)
{
    Shard &shard = m_shards[captured.shardId];
    if (!shard.group.empty() && !sameDigits(shard.group.front().sequenceNumber, captured.record.sequenceNumber)) {
        if (auto error = finishGroup(captured.shardId, shard))
            return error;
    }
    shard.group.push_back(captured.record);
    ++m_userRecords;
    return std::nullopt;
}

std::optional<StoreError> CaptureImporter::flush(const std::optional<CapturedRecord> &next)
{
    for (auto &[shardId, shard] : m_shards) {
        const bool continued = next && next->shardId == shardId && !shard.group.empty()
                               && sameDigits(shard.group.front().sequenceNumber, next->record.sequenceNumber);
        if (!continued) {
            if (auto error = finishGroup(shardId, shard))
                return error;
        }
        if (auto error = insert(shardId, shard))
            return error;
    }
    return std::nullopt;
}

std::optional<StoreError> CaptureImporter::finish()
{
    return flush(std::nullopt);
}

// One stored record for the group: the record itself, or the KPL aggregate
// the daemon unpacks into the same sub-sequence numbers 0..n-1.
std::optional<StoreError> CaptureImporter::finishGroup(const QString &shardId, Shard &shard)
{
    if (shard.group.empty())
        return std::nullopt;
    std::vector<StreamRecord> group = std::move(shard.group);
    shard.group.clear();
    const SequenceNumber &sequence = group.front().sequenceNumber;
    const bool aggregated = group.size() > 1 || sequence.subSequence() > 0;
    if (!aggregated) {
        StreamRecord stored = std::move(group.front());
        stored.sequenceNumber = stored.sequenceNumber.withSubSequence(0);
        return queue(shardId, shard, std::move(stored));
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
        if (group[i].sequenceNumber.subSequence() != qint64(i)) {
            m_warnings.append(QCoreApplication::translate("qmld::CaptureImporter",
                                                          "%1: the user records of aggregate %2 are not 0..%3 in the capture; they are "
                                                          "imported as sub-sequence numbers 0..%3")
                                  .arg(shardId, sequence.toString())
                                  .arg(group.size() - 1));
            break;
        }
    }
    KplAggregator aggregator;
    for (const StreamRecord &record : group) {
        const QByteArray key = record.partitionKey.value_or(QByteArray());
        if (aggregator.add(key, record.data) != KplAggregator::AddResult::Added)
            return StoreError{StoreError::Code::InvalidArgument,
                              QCoreApplication::translate("qmld::CaptureImporter",
                                                          "cannot import aggregate %1 of shard %2: its user records do not fit one KPL "
                                                          "aggregate again (partition key \"%3\")")
                                  .arg(sequence.toString(), shardId, QString::fromUtf8(key.left(40)))};
    }
    auto aggregate = aggregator.finish();
    StreamRecord stored;
    stored.sequenceNumber = sequence.withSubSequence(0);
    stored.partitionKey = aggregate->partitionKey;
    stored.data = aggregate->data;
    stored.approximateArrivalTimestamp = group.front().approximateArrivalTimestamp;
    ++m_aggregates;
    return queue(shardId, shard, std::move(stored));
}

std::optional<StoreError> CaptureImporter::queue(const QString &shardId, Shard &shard, StreamRecord record)
{
    shard.batch.push_back(std::move(record));
    if (shard.batch.size() >= kInsertBatch)
        return insert(shardId, shard);
    return std::nullopt;
}

std::optional<StoreError> CaptureImporter::insert(const QString &shardId, Shard &shard)
{
    if (shard.batch.empty())
        return std::nullopt;
    auto inserted = m_store.insertRecords(m_stream, shardId, shard.batch);
    if (!inserted)
        return inserted.error();
    m_stored += qint64(shard.batch.size());
    shard.batch.clear();
    return std::nullopt;
}

} // namespace qmld

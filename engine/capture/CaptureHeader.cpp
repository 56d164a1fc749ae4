#include <qmld/CaptureFile.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace qmld {

CaptureHeader::Shard CaptureHeader::Shard::of(const ShardInfo &shard)
{
    Shard entry;
    entry.shardId = shard.shardId;
    entry.parentShardId = shard.parentShardId.value_or(QString());
    entry.adjacentParentShardId = shard.adjacentParentShardId.value_or(QString());
    entry.startingHashKey = shard.hashKeyRange.starting.toString();
    entry.endingHashKey = shard.hashKeyRange.ending.toString();
    entry.startingSequenceNumber = shard.startingSequenceNumber.toString();
    if (shard.endingSequenceNumber)
        entry.endingSequenceNumber = shard.endingSequenceNumber->toString();
    return entry;
}

namespace {

QJsonValue optionalString(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue optionalString(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

} // namespace

const CaptureHeader::Shard *CaptureHeader::shard(const QString &shardId) const
{
    for (const Shard &candidate : shards) {
        if (candidate.shardId == shardId)
            return &candidate;
    }
    return nullptr;
}

QByteArray CaptureHeader::toJsonLine() const
{
    QJsonArray shardArray;
    for (const Shard &shard : shards) {
        shardArray.append(QJsonObject{
            {u"shardId"_s, shard.shardId},
            {u"parentShardId"_s, optionalString(shard.parentShardId)},
            {u"adjacentParentShardId"_s, optionalString(shard.adjacentParentShardId)},
            {u"startingHashKey"_s, shard.startingHashKey},
            {u"endingHashKey"_s, shard.endingHashKey},
            {u"startingSequenceNumber"_s, optionalString(shard.startingSequenceNumber)},
            {u"endingSequenceNumber"_s, optionalString(shard.endingSequenceNumber)},
        });
    }
    const QDateTime at = capturedAt.isValid() ? capturedAt : QDateTime::currentDateTimeUtc();
    const QJsonObject object{
        {u"capture"_s, u"qmld"_s},
        {u"formatVersion"_s, formatVersion},
        {u"stream"_s, stream},
        {u"source"_s, source},
        {u"capturedAt"_s, at.toUTC().toString(Qt::ISODateWithMs)},
        {u"shards"_s, shardArray},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray captureRecordLine(const QString &shardId, const StreamRecord &record)
{
    const auto &sequence = record.sequenceNumber;
    const QJsonObject object{
        {u"shardId"_s, shardId},
        {u"sequenceNumber"_s, sequence.toString()},
        {u"subSequenceNumber"_s,
         sequence.rawSubSequence() ? QJsonValue(qint64(*sequence.rawSubSequence())) : QJsonValue(QJsonValue::Null)},
        {u"partitionKey"_s,
         record.partitionKey ? QJsonValue(record.partitionKeyString()) : QJsonValue(QJsonValue::Null)},
        {u"data"_s, QString::fromLatin1(record.data.toBase64())},
        {u"approximateArrivalTimestamp"_s, record.approximateArrivalTimestamp
                                               ? QJsonValue(qint64(*record.approximateArrivalTimestamp))
                                               : QJsonValue(QJsonValue::Null)},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace qmld

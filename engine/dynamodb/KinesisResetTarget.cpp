#include <qmld/KinesisResetTarget.h>

#include <qmld/aws/KinesisClient.h>
#include <qmld/aws/ShardReader.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>
#include <QTimeZone>

#include <functional>

namespace qmld {

namespace {

class ResetText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::KinesisResetTarget)
};

using aws::await;

struct ShardRead
{
    aws::KinesisClient &kinesis;
    QString stream;
    QString shardId;
    std::optional<HashKeyRange> hashRange;
    std::chrono::milliseconds interval;

    // Reads from `from` up to the tip or the shard's end, record by record,
    // until `each` returns false.
    aws::AwsError read(const aws::StartingPosition &from, qint64 limit,
                       const std::function<bool(const StreamRecord &)> &each) const
    {
        aws::ShardReadOptions options;
        options.from = from;
        options.limit = limit;
        options.interval = interval;
        options.hashRange = hashRange;
        aws::ShardReader reader(&kinesis, stream, shardId, options);
        aws::AwsError error;
        bool done = false;
        QEventLoop loop;
        QObject::connect(&reader, &aws::ShardReader::recordsArrived, &reader,
                         [&](const std::vector<StreamRecord> &records, qint64) {
                             for (const StreamRecord &record : records) {
                                 if (!each(record)) {
                                     reader.stop();
                                     return;
                                 }
                             }
                         });
        QObject::connect(&reader, &aws::ShardReader::finished, &loop,
                         [&](const aws::AwsError &result, bool, const QJsonArray &) {
                             error = result;
                             done = true;
                             loop.quit();
                         });
        reader.start();
        if (!done)
            loop.exec();
        return error;
    }
};

aws::StartingPosition atTimestamp(qint64 epochMs)
{
    aws::StartingPosition position;
    position.type = aws::StartingPosition::Type::AtTimestamp;
    position.timestamp = QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc());
    return position;
}

QString timeText(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

KinesisResetTarget failed(const aws::AwsError &error)
{
    KinesisResetTarget target;
    target.error = error;
    return target;
}

KinesisResetTarget refused(const QString &problem)
{
    KinesisResetTarget target;
    target.problem = problem;
    return target;
}

// The checkpoint from which a worker resumes with `next` (the first record at
// or after `at`; nullopt: none yet): the last record before it. Kinesis reads
// only forward, so this looks back in windows ten times longer each time
// (1 s, 10 s, …) until one holds a record, and at last from TRIM_HORIZON once
// a window reaches back past the stream's creation or its retention.
std::variant<SequenceNumber, aws::AwsError> checkpointBefore(const ShardRead &shard, qint64 at,
                                                             const std::optional<StreamRecord> &next, qint64 earliest)
{
    for (qint64 window = 1000;; window *= 10) {
        const bool fromStart = at - window <= earliest;
        aws::StartingPosition from = fromStart ? aws::StartingPosition{} : atTimestamp(at - window);
        std::optional<StreamRecord> previous;
        const aws::AwsError error = shard.read(from, std::numeric_limits<qint64>::max(), [&](const StreamRecord &record) {
            if (next && SequenceNumber::compareDigits(record.sequenceNumber.toByteArray(),
                                                      next->sequenceNumber.toByteArray()) >= 0)
                return false;
            previous = record;
            return true;
        });
        if (error.isError())
            return error;
        if (previous)
            return previous->sequenceNumber;
        if (fromStart)
            return SequenceNumber::trimHorizon();
    }
}

} // namespace

KinesisResetTarget resolveKinesisResetTarget(aws::KinesisClient &kinesis, const QString &stream,
                                             const QString &shardId, const ShardPosition &target,
                                             std::chrono::milliseconds interval)
{
    KinesisResetTarget resolved;
    switch (target.type) {
    case ShardPosition::Type::TrimHorizon:
        resolved.checkpoint = SequenceNumber::trimHorizon();
        return resolved;
    case ShardPosition::Type::Latest:
        resolved.checkpoint = SequenceNumber::latest();
        return resolved;
    case ShardPosition::Type::AtTimestamp:
    case ShardPosition::Type::AtSequenceNumber:
    case ShardPosition::Type::AfterSequenceNumber:
        break;
    }

    const auto shards = await<QJsonArray>([&](auto done) { kinesis.listShards(stream, nullptr, done); });
    if (!shards.ok())
        return failed(shards.error);
    QJsonObject shard;
    for (const QJsonValue &candidate : shards.value)
        if (candidate[QLatin1StringView("ShardId")].toString() == shardId)
            shard = candidate.toObject();
    if (shard.isEmpty())
        return refused(ResetText::tr("stream \"%1\" has no shard %2").arg(stream, shardId));

    if (target.type != ShardPosition::Type::AtTimestamp) {
        // A checkpoint is a record of the shard: its number lies in the shard's range.
        const QJsonObject range = shard[QLatin1StringView("SequenceNumberRange")].toObject();
        const QByteArray first = range[QLatin1StringView("StartingSequenceNumber")].toString().toLatin1();
        const QByteArray last = range[QLatin1StringView("EndingSequenceNumber")].toString().toLatin1();
        const QByteArray digits = target.sequenceNumber.toByteArray();
        if (SequenceNumber::compareDigits(digits, first) < 0
            || (!last.isEmpty() && SequenceNumber::compareDigits(digits, last) > 0))
            return refused(ResetText::tr("sequence number %1 is not in shard %2 of stream \"%3\" (its range: %4 to %5)")
                               .arg(target.sequenceNumber.toString(), shardId, stream, QString::fromLatin1(first),
                                    last.isEmpty() ? ResetText::tr("open") : QString::fromLatin1(last)));
        resolved.checkpoint = target.sequenceNumber;
        return resolved;
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (target.timestampMs > now)
        return refused(ResetText::tr("%1 is in the future: records that arrive before it would be processed too")
                           .arg(timeText(target.timestampMs)));
    const auto summary = await<QJsonObject>([&](auto done) { kinesis.describeStreamSummary(stream, nullptr, done); });
    if (!summary.ok())
        return failed(summary.error);
    // No record is older than the stream, nor than its retention period.
    const qint64 created = qint64(summary.value[QLatin1StringView("StreamCreationTimestamp")].toDouble() * 1000.0);
    const qint64 retained = now - qint64(summary.value[QLatin1StringView("RetentionPeriodHours")].toInt(24)) * 3600 * 1000;
    const ShardRead read{kinesis, stream, shardId, aws::shardHashRange(shard), interval};

    const aws::AwsError error = read.read(atTimestamp(target.timestampMs), 1, [&](const StreamRecord &record) {
        resolved.next = record;
        return false;
    });
    if (error.isError())
        return failed(error);
    const auto checkpoint = checkpointBefore(read, target.timestampMs, resolved.next, std::max(created, retained));
    if (const auto *failure = std::get_if<aws::AwsError>(&checkpoint))
        return failed(*failure);
    resolved.checkpoint = std::get<SequenceNumber>(checkpoint);
    return resolved;
}

} // namespace qmld

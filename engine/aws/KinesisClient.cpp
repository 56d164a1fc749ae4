#include <qmld/aws/KinesisClient.h>

#include "aws/Logging.h"

#include <qmld/Kpl.h>

#include <QCoreApplication>
#include <QTimeZone>
#include <QTimer>

#include <memory>

namespace qmld::aws {

namespace {

class KinesisText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::aws)
};

CallOptions about(const QString &resource)
{
    CallOptions options;
    options.resource = resource;
    return options;
}

QString streamResource(const QString &stream)
{
    return QStringLiteral("stream %1").arg(stream);
}

} // namespace

std::optional<StartingPosition> StartingPosition::parse(const QString &text)
{
    StartingPosition position;
    const QString type = text.section(u':', 0, 0);
    const QString argument = text.section(u':', 1);
    if (text == QLatin1StringView("TRIM_HORIZON")) {
        position.type = Type::TrimHorizon;
    } else if (text == QLatin1StringView("LATEST")) {
        position.type = Type::Latest;
    } else if (type == QLatin1StringView("AT_SEQUENCE_NUMBER") || type == QLatin1StringView("AFTER_SEQUENCE_NUMBER")) {
        position.type = type == QLatin1StringView("AT_SEQUENCE_NUMBER") ? Type::AtSequenceNumber : Type::AfterSequenceNumber;
        position.sequenceNumber = argument;
        if (argument.isEmpty() || !std::all_of(argument.cbegin(), argument.cend(), [](QChar c) { return c.isDigit(); }))
            return std::nullopt;
    } else if (type == QLatin1StringView("AT_TIMESTAMP")) {
        position.type = Type::AtTimestamp;
        bool numeric = false;
        const qint64 epochMs = argument.toLongLong(&numeric);
        position.timestamp = numeric ? QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc())
                                     : QDateTime::fromString(argument, Qt::ISODateWithMs);
        if (!position.timestamp.isValid())
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    return position;
}

QString StartingPosition::typeName() const
{
    switch (type) {
    case Type::TrimHorizon: return QStringLiteral("TRIM_HORIZON");
    case Type::Latest: return QStringLiteral("LATEST");
    case Type::AtSequenceNumber: return QStringLiteral("AT_SEQUENCE_NUMBER");
    case Type::AfterSequenceNumber: return QStringLiteral("AFTER_SEQUENCE_NUMBER");
    case Type::AtTimestamp: return QStringLiteral("AT_TIMESTAMP");
    }
    return {};
}

std::optional<HashKeyRange> shardHashRange(const QJsonObject &shard)
{
    const QJsonObject range = shard.value(QLatin1StringView("HashKeyRange")).toObject();
    return HashKeyRange::parse(range.value(QLatin1StringView("StartingHashKey")).toString().toLatin1(),
                               range.value(QLatin1StringView("EndingHashKey")).toString().toLatin1());
}

KinesisClient::KinesisClient(AwsClient *client, QObject *parent) : QObject(parent), m_client(client) {}

void KinesisClient::listStreams(QObject *context, Callback<QJsonObject> done)
{
    // Kinesis pages with NextToken; older implementations (kinesalite) with
    // HasMoreStreams and ExclusiveStartStreamName. Either way, every page.
    struct State
    {
        QJsonArray names;
        QJsonArray summaries;
        bool sawSummaries = false;
    };
    auto state = std::make_shared<State>();
    auto page = std::make_shared<std::function<void(const QJsonObject &)>>();
    const int pageSize = m_pageSize;
    *page = [this, context, done, state, page, pageSize](const QJsonObject &request) {
        m_client->callJson(QStringLiteral("ListStreams"), request, context, [done, state, page, pageSize](const AwsResponse &response) {
            if (!response.ok()) {
                done({{}, response.error});
                *page = nullptr;
                return;
            }
            const QJsonArray names = response.json.value(QLatin1StringView("StreamNames")).toArray();
            for (const QJsonValue &name : names)
                state->names.append(name);
            if (response.json.contains(QLatin1StringView("StreamSummaries"))) {
                state->sawSummaries = true;
                for (const QJsonValue &summary : response.json.value(QLatin1StringView("StreamSummaries")).toArray())
                    state->summaries.append(summary);
            }
            const QString token = response.json.value(QLatin1StringView("NextToken")).toString();
            const bool more = response.json.value(QLatin1StringView("HasMoreStreams")).toBool();
            if (!token.isEmpty() && more) {
                (*page)({{QStringLiteral("NextToken"), token}});
                return;
            }
            if (more && !names.isEmpty()) {
                (*page)({{QStringLiteral("ExclusiveStartStreamName"), names.last()}, {QStringLiteral("Limit"), pageSize}});
                return;
            }
            if (!state->sawSummaries)
                for (const QJsonValue &name : std::as_const(state->names))
                    state->summaries.append(QJsonObject{{QStringLiteral("StreamName"), name}});
            done({QJsonObject{{QStringLiteral("StreamNames"), state->names}, {QStringLiteral("StreamSummaries"), state->summaries}}, {}});
            *page = nullptr;
        });
    };
    (*page)({{QStringLiteral("Limit"), m_pageSize}});
}

void KinesisClient::describeStreamSummary(const QString &stream, QObject *context, Callback<QJsonObject> done)
{
    m_client->callJson(QStringLiteral("DescribeStreamSummary"), {{QStringLiteral("StreamName"), stream}}, context,
                       [done](const AwsResponse &response) {
        done({response.json.value(QLatin1StringView("StreamDescriptionSummary")).toObject(), response.error});
    }, about(streamResource(stream)));
}

void KinesisClient::listShards(const QString &stream, QObject *context, Callback<QJsonArray> done)
{
    auto shards = std::make_shared<QJsonArray>();
    auto page = std::make_shared<std::function<void(const QJsonObject &)>>();
    *page = [this, stream, context, done, shards, page](const QJsonObject &request) {
        m_client->callJson(QStringLiteral("ListShards"), request, context, [done, shards, page](const AwsResponse &response) {
            if (!response.ok()) {
                done({{}, response.error});
                *page = nullptr;
                return;
            }
            for (const QJsonValue &shard : response.json.value(QLatin1StringView("Shards")).toArray())
                shards->append(shard);
            const QString token = response.json.value(QLatin1StringView("NextToken")).toString();
            if (!token.isEmpty()) {
                (*page)({{QStringLiteral("NextToken"), token}});
                return;
            }
            done({*shards, {}});
            *page = nullptr;
        }, about(streamResource(stream)));
    };
    // The default ShardFilter lists closed shards too (AT_TRIM_HORIZON).
    (*page)({{QStringLiteral("StreamName"), stream}, {QStringLiteral("MaxResults"), m_pageSize}});
}

void KinesisClient::getShardIterator(const QString &stream, const QString &shardId, const StartingPosition &position,
                                     QObject *context, Callback<QString> done)
{
    QJsonObject request{{QStringLiteral("StreamName"), stream},
                        {QStringLiteral("ShardId"), shardId},
                        {QStringLiteral("ShardIteratorType"), position.typeName()}};
    if (!position.sequenceNumber.isEmpty())
        request.insert(QStringLiteral("StartingSequenceNumber"), position.sequenceNumber);
    if (position.type == StartingPosition::Type::AtTimestamp)
        request.insert(QStringLiteral("Timestamp"), double(position.timestamp.toMSecsSinceEpoch()) / 1000.0);
    m_client->callJson(QStringLiteral("GetShardIterator"), request, context, [done](const AwsResponse &response) {
        done({response.json.value(QLatin1StringView("ShardIterator")).toString(), response.error});
    }, about(QStringLiteral("%1 of stream %2").arg(shardId, stream)));
}

void KinesisClient::getRecords(const QString &iterator, int limit, const std::optional<HashKeyRange> &shardRange,
                               QObject *context, Callback<RecordsBatch> done, const QString &resource)
{
    const QJsonObject request{{QStringLiteral("ShardIterator"), iterator}, {QStringLiteral("Limit"), qBound(1, limit, 10000)}};
    m_client->callJson(QStringLiteral("GetRecords"), request, context, [done, shardRange](const AwsResponse &response) {
        AwsResult<RecordsBatch> result;
        result.error = response.error;
        if (!response.ok()) {
            done(result);
            return;
        }
        RecordsBatch &batch = result.value;
        const QJsonArray records = response.json.value(QLatin1StringView("Records")).toArray();
        batch.kinesisRecordCount = int(records.size());
        DeaggregationOptions options;
        options.formats = kpl::Format::Standard; // as the KCL
        options.shardHashRange = shardRange;
        for (const QJsonValue &value : records) {
            const QJsonObject object = value.toObject();
            StreamRecord record;
            const auto sequence = SequenceNumber::parse(object.value(QLatin1StringView("SequenceNumber")).toString(), 0);
            if (!sequence) {
                batch.warnings.append(KinesisText::tr("a record with the sequence number '%1' was skipped")
                                          .arg(object.value(QLatin1StringView("SequenceNumber")).toString()));
                continue;
            }
            record.sequenceNumber = *sequence;
            record.partitionKey = object.value(QLatin1StringView("PartitionKey")).toString().toUtf8();
            record.data = QByteArray::fromBase64(object.value(QLatin1StringView("Data")).toString().toLatin1());
            const QJsonValue arrival = object.value(QLatin1StringView("ApproximateArrivalTimestamp"));
            if (arrival.isDouble())
                record.approximateArrivalTimestamp = qint64(arrival.toDouble() * 1000.0 + 0.5);
            DeaggregationWarning warning;
            const auto outcome = appendDeaggregated(std::move(record), batch.records, options, &warning);
            if (outcome == DeaggregationOutcome::Malformed || outcome == DeaggregationOutcome::DroppedOutOfHashRange)
                batch.warnings.append(warning.message);
        }
        batch.nextIterator = response.json.value(QLatin1StringView("NextShardIterator")).toString();
        const QJsonValue behind = response.json.value(QLatin1StringView("MillisBehindLatest"));
        batch.millisBehindLatest = behind.isDouble() ? qint64(behind.toDouble()) : -1;
        batch.childShards = response.json.value(QLatin1StringView("ChildShards")).toArray();
        done(result);
    }, about(resource.isEmpty() ? QStringLiteral("a shard iterator") : resource));
}

void KinesisClient::putRecords(const QString &stream, std::vector<PutEntry> entries, QObject *context,
                               Callback<PutOutcome> done)
{
    // Batches of 500; entries a batch reports failed (throttled, internal
    // failure) go into a later batch, a bounded number of times.
    struct State
    {
        std::vector<PutEntry> entries;
        QJsonArray results;
        QList<qsizetype> pending; // indexes into entries, in order
        QList<int> attempts;
        PutOutcome outcome;
    };
    constexpr int kMaxEntryAttempts = 8;
    auto state = std::make_shared<State>();
    state->entries = std::move(entries);
    for (qsizetype i = 0; i < qsizetype(state->entries.size()); ++i) {
        state->results.append(QJsonObject());
        state->pending.append(i);
        state->attempts.append(0);
    }
    auto batch = std::make_shared<std::function<void()>>();
    *batch = [this, stream, context, done, state, batch] {
        if (state->pending.isEmpty()) {
            state->outcome.results = state->results;
            for (const QJsonValue &result : std::as_const(state->results))
                if (result.toObject().contains(QLatin1StringView("ErrorCode")))
                    ++state->outcome.failedRecordCount;
            done({state->outcome, {}});
            *batch = nullptr;
            return;
        }
        const QList<qsizetype> indexes = state->pending.mid(0, kMaxPutRecords);
        state->pending.remove(0, indexes.size());
        QJsonArray records;
        for (qsizetype index : indexes) {
            const PutEntry &entry = state->entries[std::size_t(index)];
            QJsonObject record{{QStringLiteral("Data"), QString::fromLatin1(entry.data.toBase64())},
                               {QStringLiteral("PartitionKey"), QString::fromUtf8(entry.partitionKey)}};
            if (!entry.explicitHashKey.isEmpty())
                record.insert(QStringLiteral("ExplicitHashKey"), entry.explicitHashKey);
            records.append(record);
            ++state->attempts[index];
        }
        ++state->outcome.calls;
        m_client->callJson(QStringLiteral("PutRecords"), {{QStringLiteral("StreamName"), stream}, {QStringLiteral("Records"), records}},
                           context, [done, state, batch, indexes](const AwsResponse &response) {
            if (!response.ok()) {
                done({state->outcome, response.error});
                *batch = nullptr;
                return;
            }
            const QJsonArray answers = response.json.value(QLatin1StringView("Records")).toArray();
            QList<qsizetype> retry;
            for (qsizetype i = 0; i < indexes.size(); ++i) {
                const QJsonObject answer = answers.at(i).toObject();
                state->results[indexes[i]] = answer;
                if (answer.contains(QLatin1StringView("ErrorCode")) && state->attempts[indexes[i]] < kMaxEntryAttempts)
                    retry.append(indexes[i]);
            }
            if (!retry.isEmpty()) {
                qCDebug(lcAws) << "PutRecords:" << retry.size() << "records failed; sending them again";
                state->pending = retry + state->pending;
                const auto delay = std::chrono::milliseconds(100 << qMin(state->attempts[retry.first()], 6));
                QTimer::singleShot(delay, [batch] { if (*batch) (*batch)(); });
                return;
            }
            (*batch)();
        }, about(streamResource(stream)));
    };
    (*batch)();
}

} // namespace qmld::aws

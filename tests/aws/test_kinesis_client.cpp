// The Kinesis calls against kinesalite: every page of ListStreams, every
// shard, iterators from all five positions, GetRecords with KPL aggregates
// unpacked by the engine's code, PutRecords in batches of 500; partial
// PutRecords failures retried (a scripted peer, kinesalite never fails one);
// the per-shard pace and the reader's backing off when throttled.

#include "AwsEmulators.h"
#include "AwsTestSupport.h"
#include "HttpResponder.h"

#include <qmld/aws/KinesisClient.h>
#include <qmld/aws/ShardReader.h>

#include <qmld/Kpl.h>

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::aws;
using namespace qmld::test;

namespace {

template<typename T, typename Start>
AwsResult<T> wait(Start start)
{
    const auto result = waitFor<AwsResult<T>>(start);
    if (result)
        return *result;
    AwsResult<T> none;
    none.error.kind = AwsError::Kind::Timeout;
    return none;
}

// The first hash key of shard `index` of `count` evenly split shards, to route a record there.
QString hashKeyOfShard(int index)
{
    return index == 0 ? u"0"_s : u"340282366920938463463374607431768211455"_s; // 2 shards: first and last key
}

} // namespace

class TestKinesisClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listStreamsReadsEveryPage();
    void describeAndListShards();
    void putRecordsInBatchesOf500();
    void failedPutEntriesAreRetried();
    void iteratorsFromEveryPosition();
    void kplAggregatesAreUnpacked();
    void shardReaderStopsAtTheTipAndPaces();
    void shardReaderBacksOffWhenThrottled();

private:
    void createStream(const QString &name, int shards);
    std::vector<StreamRecord> readAll(const QString &stream, const QString &shard, const StartingPosition &from);
    QStringList put(const QString &stream, const QList<QByteArray> &data, int shard);

    AwsEmulators m_aws;
    StaticCredentialsProvider m_credentials{testCredentials()};
    std::unique_ptr<AwsClient> m_client;
    std::unique_ptr<KinesisClient> m_kinesis;
};

void TestKinesisClient::initTestCase()
{
    QMLD_START_AWS_EMULATORS(m_aws);
    m_client = std::make_unique<AwsClient>(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);
    m_kinesis = std::make_unique<KinesisClient>(m_client.get());
}

void TestKinesisClient::createStream(const QString &name, int shards)
{
    const AwsResponse created = callJson(*m_client, u"CreateStream"_s, {{u"StreamName"_s, name}, {u"ShardCount"_s, shards}});
    QVERIFY2(created.ok(), qPrintable(created.error.text()));
    QTRY_COMPARE_WITH_TIMEOUT(callJson(*m_client, u"DescribeStreamSummary"_s, {{u"StreamName"_s, name}})
                                  .json["StreamDescriptionSummary"_L1]["StreamStatus"_L1].toString(),
                              u"ACTIVE"_s, 20000);
}

QStringList TestKinesisClient::put(const QString &stream, const QList<QByteArray> &data, int shard)
{
    std::vector<PutEntry> entries;
    for (const QByteArray &bytes : data)
        entries.push_back({"key", bytes, hashKeyOfShard(shard)});
    const auto outcome = wait<PutOutcome>([&](auto done) { m_kinesis->putRecords(stream, entries, nullptr, done); });
    QStringList sequences;
    for (const QJsonValue &result : outcome.value.results)
        sequences.append(result["SequenceNumber"_L1].toString());
    return sequences;
}

std::vector<StreamRecord> TestKinesisClient::readAll(const QString &stream, const QString &shard, const StartingPosition &from)
{
    ShardReadOptions options;
    options.from = from;
    options.interval = std::chrono::milliseconds(200);
    ShardReader reader(m_kinesis.get(), stream, shard, options);
    std::vector<StreamRecord> records;
    connect(&reader, &ShardReader::recordsArrived, this, [&](const std::vector<StreamRecord> &batch, qint64) {
        records.insert(records.end(), batch.begin(), batch.end());
    });
    QSignalSpy finished(&reader, &ShardReader::finished);
    reader.start();
    if (!finished.wait(60000) || qvariant_cast<AwsError>(finished.at(0).at(0)).isError())
        return {};
    return records;
}

void TestKinesisClient::listStreamsReadsEveryPage()
{
    for (int i = 0; i < 7; ++i)
        createStream(u"paged-%1"_s.arg(i), 1);
    m_kinesis->setPageSize(3);
    const auto listed = wait<QJsonObject>([&](auto done) { m_kinesis->listStreams(nullptr, done); });
    m_kinesis->setPageSize(100);
    QVERIFY2(listed.ok(), qPrintable(listed.error.text()));
    QStringList names;
    for (const QJsonValue &name : listed.value["StreamNames"_L1].toArray())
        if (name.toString().startsWith("paged-"_L1))
            names.append(name.toString());
    QCOMPARE(names, (QStringList{u"paged-0"_s, u"paged-1"_s, u"paged-2"_s, u"paged-3"_s, u"paged-4"_s, u"paged-5"_s, u"paged-6"_s}));
    QCOMPARE(listed.value["StreamSummaries"_L1].toArray().size(), listed.value["StreamNames"_L1].toArray().size());
}

void TestKinesisClient::describeAndListShards()
{
    createStream(u"described"_s, 4);
    const auto summary = wait<QJsonObject>([&](auto done) { m_kinesis->describeStreamSummary(u"described"_s, nullptr, done); });
    QVERIFY2(summary.ok(), qPrintable(summary.error.text()));
    QCOMPARE(summary.value["OpenShardCount"_L1].toInt(), 4);
    // A split closes a shard; ListShards still lists it, with its children.
    const AwsResponse split = callJson(*m_client, u"SplitShard"_s,
                                       {{u"StreamName"_s, u"described"_s}, {u"ShardToSplit"_s, u"shardId-000000000000"_s},
                                        {u"NewStartingHashKey"_s, u"1000"_s}});
    QVERIFY2(split.ok(), qPrintable(split.error.text()));
    QTRY_COMPARE_WITH_TIMEOUT(callJson(*m_client, u"DescribeStreamSummary"_s, {{u"StreamName"_s, u"described"_s}})
                                  .json["StreamDescriptionSummary"_L1]["StreamStatus"_L1].toString(),
                              u"ACTIVE"_s, 20000);
    const auto shards = wait<QJsonArray>([&](auto done) { m_kinesis->listShards(u"described"_s, nullptr, done); });
    QVERIFY2(shards.ok(), qPrintable(shards.error.text()));
    QCOMPARE(shards.value.size(), 6);
    QVERIFY(shards.value.at(0)["SequenceNumberRange"_L1].toObject().contains("EndingSequenceNumber"_L1));
    QCOMPARE(shards.value.at(4)["ParentShardId"_L1].toString(), u"shardId-000000000000"_s);
    QVERIFY(shardHashRange(shards.value.at(1).toObject()).has_value());

    const auto missing = wait<QJsonObject>([&](auto done) { m_kinesis->describeStreamSummary(u"absent"_s, nullptr, done); });
    QCOMPARE(missing.error.kind, AwsError::Kind::NotFound);
    QVERIFY2(missing.error.text().contains("on stream absent (us-east-1)"_L1), qPrintable(missing.error.text()));
}

void TestKinesisClient::putRecordsInBatchesOf500()
{
    createStream(u"bulk"_s, 2);
    std::vector<PutEntry> entries;
    for (int i = 0; i < 1203; ++i)
        entries.push_back({QByteArray::number(i), "record " + QByteArray::number(i), {}});
    const auto outcome = wait<PutOutcome>([&](auto done) { m_kinesis->putRecords(u"bulk"_s, entries, nullptr, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.text()));
    QCOMPARE(outcome.value.calls, 3);
    QCOMPARE(outcome.value.failedRecordCount, 0);
    QCOMPARE(outcome.value.results.size(), 1203);
    for (const QJsonValue &result : outcome.value.results)
        QVERIFY(!result["SequenceNumber"_L1].toString().isEmpty());
    const auto first = readAll(u"bulk"_s, u"shardId-000000000000"_s, {});
    const auto second = readAll(u"bulk"_s, u"shardId-000000000001"_s, {});
    QCOMPARE(qsizetype(first.size() + second.size()), 1203);
}

void TestKinesisClient::failedPutEntriesAreRetried()
{
    QList<QJsonArray> sent;
    HttpResponder peer([&](const HttpRequest &request) -> std::optional<HttpResponse> {
        const QJsonArray records = QJsonDocument::fromJson(request.body)["Records"_L1].toArray();
        sent.append(records);
        QJsonArray answers;
        int failed = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            if (sent.size() == 1 && i == 1) {
                ++failed;
                answers.append(QJsonObject{{u"ErrorCode"_s, u"ProvisionedThroughputExceededException"_s},
                                           {u"ErrorMessage"_s, u"Rate exceeded for shard shardId-000000000001"_s}});
            } else {
                answers.append(QJsonObject{{u"SequenceNumber"_s, QString::number(sent.size() * 100 + i)},
                                           {u"ShardId"_s, u"shardId-000000000001"_s}});
            }
        }
        return HttpResponse{200, QJsonDocument(QJsonObject{{u"FailedRecordCount"_s, failed}, {u"Records"_s, answers}}).toJson(), {}};
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    KinesisClient kinesis(&client);
    std::vector<PutEntry> entries{{"a", "first", {}}, {"b", "second", {}}, {"c", "third", {}}};
    const auto outcome = wait<PutOutcome>([&](auto done) { kinesis.putRecords(u"s"_s, entries, nullptr, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.text()));
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(1).size(), 1); // only the failed entry again
    QCOMPARE(QByteArray::fromBase64(sent.at(1).at(0)["Data"_L1].toString().toLatin1()), QByteArray("second"));
    QCOMPARE(outcome.value.failedRecordCount, 0);
    QCOMPARE(outcome.value.results.at(1)["SequenceNumber"_L1].toString(), u"200"_s); // the retry's answer, in its place
}

void TestKinesisClient::iteratorsFromEveryPosition()
{
    createStream(u"positions"_s, 2);
    const QStringList first = put(u"positions"_s, {"r0", "r1", "r2"}, 0);
    QCOMPARE(first.size(), 3);
    // A moment strictly between the two puts' arrival times.
    const qint64 between = QDateTime::currentMSecsSinceEpoch() + 10;
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > between);
    const QStringList second = put(u"positions"_s, {"r3", "r4"}, 0);
    const auto data = [](const std::vector<StreamRecord> &records) {
        QList<QByteArray> out;
        for (const StreamRecord &record : records)
            out.append(record.data);
        return out;
    };
    const QString shard = u"shardId-000000000000"_s;
    QCOMPARE(data(readAll(u"positions"_s, shard, *StartingPosition::parse(u"TRIM_HORIZON"_s))),
             (QList<QByteArray>{"r0", "r1", "r2", "r3", "r4"}));
    QCOMPARE(data(readAll(u"positions"_s, shard, *StartingPosition::parse(u"AT_SEQUENCE_NUMBER:"_s + first[2]))),
             (QList<QByteArray>{"r2", "r3", "r4"}));
    QCOMPARE(data(readAll(u"positions"_s, shard, *StartingPosition::parse(u"AFTER_SEQUENCE_NUMBER:"_s + first[2]))),
             (QList<QByteArray>{"r3", "r4"}));
    QCOMPARE(data(readAll(u"positions"_s, shard, *StartingPosition::parse(u"AT_TIMESTAMP:%1"_s.arg(between)))),
             (QList<QByteArray>{"r3", "r4"}));
    const QString iso = QDateTime::fromMSecsSinceEpoch(between, QTimeZone::utc()).toString(Qt::ISODateWithMs);
    QCOMPARE(data(readAll(u"positions"_s, shard, *StartingPosition::parse(u"AT_TIMESTAMP:"_s + iso))),
             (QList<QByteArray>{"r3", "r4"}));
    QVERIFY(readAll(u"positions"_s, shard, *StartingPosition::parse(u"LATEST"_s)).empty());
    QVERIFY(!StartingPosition::parse(u"AT_SEQUENCE_NUMBER:12x"_s));
    QVERIFY(!StartingPosition::parse(u"AT_TIMESTAMP:yesterday"_s));
    QVERIFY(!StartingPosition::parse(u"EARLIEST"_s));
}

void TestKinesisClient::kplAggregatesAreUnpacked()
{
    createStream(u"aggregated"_s, 1);
    KplAggregator aggregator;
    QCOMPARE(aggregator.add("user-a", "alpha"), KplAggregator::AddResult::Added);
    QCOMPARE(aggregator.add("user-b", "beta"), KplAggregator::AddResult::Added);
    QCOMPARE(aggregator.add("user-c", "gamma"), KplAggregator::AddResult::Added);
    const auto aggregate = aggregator.finish();
    QVERIFY(aggregate);
    std::vector<PutEntry> entries{{aggregate->partitionKey, aggregate->data, aggregate->explicitHashKey.toString()},
                                  {"plain", "not aggregated", {}}};
    const auto outcome = wait<PutOutcome>([&](auto done) { m_kinesis->putRecords(u"aggregated"_s, entries, nullptr, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.text()));
    const auto records = readAll(u"aggregated"_s, u"shardId-000000000000"_s, {});
    QCOMPARE(records.size(), std::size_t(4));
    QCOMPARE(records[0].data, QByteArray("alpha"));
    QCOMPARE(records[1].partitionKeyString(), u"user-b"_s);
    QCOMPARE(records[2].sequenceNumber.subSequence(), 2);
    QCOMPARE(records[2].sequenceNumber.toString(), outcome.value.results.at(0)["SequenceNumber"_L1].toString());
    QCOMPARE(records[3].data, QByteArray("not aggregated"));
    QVERIFY(records[3].approximateArrivalTimestamp.has_value());
}

void TestKinesisClient::shardReaderStopsAtTheTipAndPaces()
{
    createStream(u"paced"_s, 1);
    QList<QByteArray> data;
    for (int i = 0; i < 7; ++i)
        data.append("p" + QByteArray::number(i));
    QCOMPARE(put(u"paced"_s, data, 0).size(), 7);
    ShardReadOptions options;
    options.batchLimit = 3;
    options.interval = std::chrono::milliseconds(0); // asks for no pause: still 200 ms, 5 calls a second
    ShardReader reader(m_kinesis.get(), u"paced"_s, u"shardId-000000000000"_s, options);
    qint64 count = 0;
    connect(&reader, &ShardReader::recordsArrived, this, [&](const std::vector<StreamRecord> &batch, qint64) { count += qint64(batch.size()); });
    QSignalSpy finished(&reader, &ShardReader::finished);
    reader.start();
    QVERIFY(finished.wait(60000));
    QVERIFY(!qvariant_cast<AwsError>(finished.at(0).at(0)).isError());
    QCOMPARE(count, 7);
    QCOMPARE(reader.getRecordsCalls(), 3); // 3 + 3 + 1: the short batch is the tip

    // The pace is per shard and shared: a second booking right after the first waits for the slot.
    const QString key = u"pace-test/stream/shard"_s;
    QCOMPARE(ShardPacer::book(key, std::chrono::milliseconds(0)).count(), 0);
    QVERIFY(ShardPacer::book(key, std::chrono::milliseconds(0)).count() > 100);
    QCOMPARE(ShardPacer::book(u"pace-test/stream/other-shard"_s, std::chrono::milliseconds(0)).count(), 0);
}

void TestKinesisClient::shardReaderBacksOffWhenThrottled()
{
    int getRecords = 0;
    HttpResponder peer([&](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (request.header("x-amz-target").endsWith("GetShardIterator"))
            return HttpResponse{200, R"({"ShardIterator":"it-1"})", {}};
        if (++getRecords <= 2)
            return HttpResponse{400, R"({"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded for shard"})", {}};
        return HttpResponse{200, R"({"Records":[{"SequenceNumber":"49590338271490256608559692538361571095921575989136588898",)"
                                 R"("Data":"aGk=","PartitionKey":"k","ApproximateArrivalTimestamp":1700000000.5}],)"
                                 R"("NextShardIterator":"it-2","MillisBehindLatest":0})", {}};
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    RetryPolicy once;
    once.maxAttempts = 1; // the reader, not the client, handles the throttling here
    client.setRetryPolicy(once);
    KinesisClient kinesis(&client);
    ShardReadOptions options;
    options.interval = std::chrono::milliseconds(0);
    ShardReader reader(&kinesis, u"s"_s, u"shardId-000000000000"_s, options);
    std::vector<StreamRecord> records;
    connect(&reader, &ShardReader::recordsArrived, this, [&](const std::vector<StreamRecord> &batch, qint64) {
        records.insert(records.end(), batch.begin(), batch.end());
    });
    QSignalSpy finished(&reader, &ShardReader::finished);
    reader.start();
    QVERIFY(finished.wait(60000));
    QVERIFY(!qvariant_cast<AwsError>(finished.at(0).at(0)).isError());
    QCOMPARE(reader.throttledCalls(), 2);
    QCOMPARE(records.size(), std::size_t(1));
    QCOMPARE(records[0].data, QByteArray("hi"));
    QCOMPARE(*records[0].approximateArrivalTimestamp, qint64(1700000000500));
}

QTEST_GUILESS_MAIN(TestKinesisClient)
#include "test_kinesis_client.moc"

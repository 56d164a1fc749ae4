// The lag probe: MillisBehindLatest after each lease's checkpoint, each shard
// at most once per interval, under a calls-per-second cap, pausing when
// throttled. Against kinesalite, and a scripted peer for a real lag value and
// throttling (kinesalite reports 0 ms behind and never throttles).

#include "AwsEmulators.h"
#include "AwsTestSupport.h"
#include "HttpResponder.h"

#include <qmld/aws/LagProbe.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld::aws;
using namespace qmld::test;

class TestLagProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probesEachShardOncePerInterval();
    void reportsTheLagAndPausesWhenThrottled();

private:
    StaticCredentialsProvider m_credentials{testCredentials()};
};

void TestLagProbe::probesEachShardOncePerInterval()
{
    AwsEmulators aws;
    QMLD_START_AWS_EMULATORS(aws);
    AwsClient client(ServiceEndpoint::kinesis(aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);
    QVERIFY(callJson(client, u"CreateStream"_s, {{u"StreamName"_s, u"lagging"_s}, {u"ShardCount"_s, 2}}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(callJson(client, u"DescribeStreamSummary"_s, {{u"StreamName"_s, u"lagging"_s}})
                                  .json["StreamDescriptionSummary"_L1]["StreamStatus"_L1].toString(), u"ACTIVE"_s, 20000);
    const AwsResponse put = callJson(client, u"PutRecord"_s, {{u"StreamName"_s, u"lagging"_s}, {u"Data"_s, u"aGk="_s},
                                                              {u"PartitionKey"_s, u"k"_s}, {u"ExplicitHashKey"_s, u"0"_s}});
    QVERIFY2(put.ok(), qPrintable(put.error.text()));
    KinesisClient kinesis(&client);
    LagProbe probe(&kinesis, u"lagging"_s);
    probe.setCallsPerSecond(10);
    const QList<std::pair<QString, QString>> leases{{u"shardId-000000000000"_s, put.json["SequenceNumber"_L1].toString()},
                                                    {u"shardId-000000000001"_s, u"TRIM_HORIZON"_s},
                                                    {u"shardId-000000000007"_s, u"SHARD_END"_s},
                                                    {u"shardId-000000000009"_s, u"LATEST"_s}};
    const auto run = [&] {
        return *waitFor<QList<ShardLag>>([&](auto done) { probe.probe(leases, nullptr, done); });
    };
    const QList<ShardLag> lags = run();
    QCOMPARE(lags.size(), 4);
    QCOMPARE(lags[0].shardId, u"shardId-000000000000"_s);
    QVERIFY2(!lags[0].error.isError(), qPrintable(lags[0].error.text()));
    QCOMPARE(lags[0].millisBehindLatest, 0);
    QVERIFY(!lags[1].error.isError());
    QVERIFY(lags[2].shardEnded); // SHARD_END needs no call
    QCOMPARE(lags[3].error.kind, AwsError::Kind::NotFound); // a lease of a shard the stream does not have
    QCOMPARE(probe.callsMade(), 2 + 2 + 1);

    // Asked again at once: the answers are fresh enough, no call is made (the unknown shard is asked again).
    run();
    QCOMPARE(probe.callsMade(), 6);
    probe.setShardInterval(std::chrono::milliseconds(0));
    run();
    QCOMPARE(probe.callsMade(), 11);
}

void TestLagProbe::reportsTheLagAndPausesWhenThrottled()
{
    int getRecords = 0;
    HttpResponder peer([&](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (request.header("x-amz-target").endsWith("GetShardIterator"))
            return HttpResponse{200, R"({"ShardIterator":"it"})", {}};
        if (++getRecords == 1)
            return HttpResponse{400, R"({"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded"})", {}};
        return HttpResponse{200, R"({"Records":[],"NextShardIterator":"it-2","MillisBehindLatest":86400000})", {}};
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    RetryPolicy once;
    once.maxAttempts = 1; // the probe, not the client, handles throttling here
    client.setRetryPolicy(once);
    KinesisClient kinesis(&client);
    LagProbe probe(&kinesis, u"s"_s);
    probe.setCallsPerSecond(10);
    probe.setThrottlePause(std::chrono::milliseconds(20));
    const auto lags = *waitFor<QList<ShardLag>>([&](auto done) { probe.probe({{u"shardId-000000000000"_s, u"4959"_s}}, nullptr, done); });
    QVERIFY2(!lags[0].error.isError(), qPrintable(lags[0].error.text()));
    QCOMPARE(lags[0].millisBehindLatest, 86400000);
    QCOMPARE(getRecords, 2);
    QVERIFY(peer.requests().first().body.contains(R"("ShardIteratorType":"AFTER_SEQUENCE_NUMBER")"));
    QVERIFY(peer.requests().at(1).body.contains(R"("Limit":1)"));
}

QTEST_GUILESS_MAIN(TestLagProbe)
#include "test_lag_probe.moc"

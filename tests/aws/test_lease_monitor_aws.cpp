// The console's lease view of a KCL application whose lease table is in
// DynamoDB: StreamMonitor on a LeaseSource in dynalite shows the leases a
// KCL-shaped table holds (items written as the KCL writes them), follows
// their changes (a checkpoint, an owner switch, a lease that stops being
// renewed), and probes kinesalite for how far each checkpoint is behind the
// tip. Credentials come from the environment through the default chain,
// never from the source.

#include "AwsEmulators.h"
#include "AwsTestSupport.h"

#include <qmld/StreamMonitor.h>

#include <QJsonArray>
#include <QProcessEnvironment>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::aws;
using namespace qmld::test;

namespace {

const QString kTable = u"orders-app"_s;
const QString kStream = u"orders"_s;
const QString kShard0 = u"shardId-000000000000"_s;
const QString kShard1 = u"shardId-000000000001"_s;

// A lease item as KCL 2.x/3.x writes it, with an attribute of KCL 3.x's that Lease does not model.
QJsonObject kclItem(const QString &shard, const QString &owner, qint64 counter, const QString &checkpoint)
{
    QJsonObject item = kclLeaseItem(shard, owner, counter, checkpoint);
    item.insert(u"throughputKBps"_s, n(12));
    return item;
}

const ShardRow *rowOf(const MonitorSnapshotPtr &snapshot, const QString &shard)
{
    return snapshot ? snapshot->find(shard) : nullptr;
}

} // namespace

class TestLeaseMonitorAws : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTheLeasesOfADynamoDbTableAndTheirChanges();
    void aMissingTableIsSaidAndNeverPolledFast();
    void aResetIsCheckedOnKinesisAndWrittenToDynamoDb();

private:
    LeaseSource source(const QString &table) const
    {
        LeaseSource leases;
        leases.tableName = table;
        leases.failoverTime = std::chrono::milliseconds(3000);
        AwsLeaseLocation location;
        location.region = u"us-east-1"_s;
        location.dynamoDbEndpoint = m_aws.dynamoUrl();
        location.kinesisEndpoint = m_aws.kinesisUrl();
        leases.aws = location;
        leases.streamName = kStream;
        return leases;
    }
    bool put(const QJsonObject &item)
    {
        return callJson(*m_dynamo, u"PutItem"_s, {{u"TableName"_s, kTable}, {u"Item"_s, item}}).ok();
    }

    AwsEmulators m_aws;
    StaticCredentialsProvider m_credentials{testCredentials()};
    std::unique_ptr<AwsClient> m_dynamo;
    std::unique_ptr<AwsClient> m_kinesis;
    QString m_firstSequence0; // the first record of shard 0
    QString m_lastSequence0;  // the last record of shard 0
};

void TestLeaseMonitorAws::initTestCase()
{
    // The default chain finds these, as it would a user's; nothing else of the machine's AWS set-up.
    const QStringList names = QProcessEnvironment::systemEnvironment().keys();
    for (const QString &name : names) {
        if (name.startsWith(u"AWS_"_s))
            qunsetenv(name.toLocal8Bit().constData());
    }
    qputenv("AWS_ACCESS_KEY_ID", "AKIDQMLDTESTACCESS01");
    qputenv("AWS_SECRET_ACCESS_KEY", "qmld-test-secret-key-never-in-logs");
    qputenv("AWS_EC2_METADATA_DISABLED", "true");
    qputenv("AWS_CONFIG_FILE", "/nonexistent/qmld-test-config");
    qputenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/qmld-test-credentials");

    QMLD_START_AWS_EMULATORS(m_aws);
    m_dynamo = std::make_unique<AwsClient>(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s), &m_credentials);
    m_kinesis = std::make_unique<AwsClient>(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);

    QVERIFY(callJson(*m_kinesis, u"CreateStream"_s, {{u"StreamName"_s, kStream}, {u"ShardCount"_s, 2}}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(callJson(*m_kinesis, u"DescribeStreamSummary"_s, {{u"StreamName"_s, kStream}})
                                  .json["StreamDescriptionSummary"_L1]["StreamStatus"_L1].toString(), u"ACTIVE"_s, 20000);
    for (int i = 0; i < 5; ++i) {
        const AwsResponse written = callJson(*m_kinesis, u"PutRecord"_s,
                                             {{u"StreamName"_s, kStream}, {u"Data"_s, u"aGk="_s},
                                              {u"PartitionKey"_s, u"k"_s}, {u"ExplicitHashKey"_s, u"0"_s}});
        QVERIFY2(written.ok(), qPrintable(written.error.text()));
        m_lastSequence0 = written.json["SequenceNumber"_L1].toString();
        if (i == 0)
            m_firstSequence0 = m_lastSequence0;
    }

    // The lease table as the KCL creates it, and two workers' leases in it.
    const AwsResponse created = callJson(*m_dynamo, u"CreateTable"_s,
        {{u"TableName"_s, kTable},
         {u"AttributeDefinitions"_s, QJsonArray{QJsonObject{{u"AttributeName"_s, u"leaseKey"_s}, {u"AttributeType"_s, u"S"_s}}}},
         {u"KeySchema"_s, QJsonArray{QJsonObject{{u"AttributeName"_s, u"leaseKey"_s}, {u"KeyType"_s, u"HASH"_s}}}},
         {u"BillingMode"_s, u"PAY_PER_REQUEST"_s}});
    QVERIFY2(created.ok(), qPrintable(created.error.text()));
    QTRY_COMPARE_WITH_TIMEOUT(callJson(*m_dynamo, u"DescribeTable"_s, {{u"TableName"_s, kTable}})
                                  .json["Table"_L1]["TableStatus"_L1].toString(), u"ACTIVE"_s, 20000);
    QVERIFY(put(kclItem(kShard0, u"worker-a"_s, 7, u"TRIM_HORIZON"_s)));
    QVERIFY(put(kclItem(kShard1, u"worker-b"_s, 3, u"LATEST"_s)));
}

void TestLeaseMonitorAws::showsTheLeasesOfADynamoDbTableAndTheirChanges()
{
    StreamMonitorOptions options;
    options.streamName = kStream;
    options.workerId = u"worker-a"_s;
    options.leases = source(kTable);
    StreamMonitor monitor(options);

    // Both workers' leases, as dynalite holds them, and the lag of each checkpoint from kinesalite.
    const auto shows = [&] {
        const MonitorSnapshotPtr snapshot = monitor.latest();
        const ShardRow *a = rowOf(snapshot, kShard0);
        const ShardRow *b = rowOf(snapshot, kShard1);
        return a && b && a->inLeaseTable && b->inLeaseTable && a->millisBehindLatest && b->millisBehindLatest;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(shows(), qPrintable(monitor.latest() ? monitor.latest()->leaseError : QString()), 30000);
    MonitorSnapshotPtr snapshot = monitor.latest();
    QVERIFY2(snapshot->leaseError.isEmpty(), qPrintable(snapshot->leaseError));
    QVERIFY(snapshot->leasesReadAt.isValid());
    const ShardRow *a = snapshot->find(kShard0);
    QCOMPARE(a->leaseOwner, std::optional(u"worker-a"_s));
    QCOMPARE(a->leaseCounter, 7);
    QCOMPARE(a->checkpoint->toString(), u"TRIM_HORIZON"_s);
    QCOMPARE(a->ownership, Ownership::ThisProcess);
    QCOMPARE(a->millisBehindLatest, 0); // kinesalite reports every read as at the tip
    QVERIFY(a->lagMeasuredAt.isValid()); // measured, not a session's
    QVERIFY(a->history);                 // and charted
    const ShardRow *b = snapshot->find(kShard1);
    QCOMPARE(b->leaseOwner, std::optional(u"worker-b"_s));
    QCOMPARE(b->ownership, Ownership::OtherWorker);
    QCOMPARE(b->checkpoint->toString(), u"LATEST"_s);
    QVERIFY(!b->expired); // first seen owned: just renewed
    QCOMPARE(snapshot->totals.otherWorkers, 1);

    // worker-a checkpoints, worker-b's lease is taken by worker-c: the next polls show both.
    QVERIFY(put(kclItem(kShard0, u"worker-a"_s, 8, m_lastSequence0)));
    QJsonObject taken = kclItem(kShard1, u"worker-c"_s, 4, u"LATEST"_s);
    taken.insert(u"ownerSwitchesSinceCheckpoint"_s, n(1));
    QVERIFY(put(taken));
    const auto changed = [&] {
        const ShardRow *checkpointed = rowOf(monitor.latest(), kShard0);
        const ShardRow *switched = rowOf(monitor.latest(), kShard1);
        return checkpointed && switched && checkpointed->leaseCounter == 8 && switched->leaseOwner == u"worker-c"_s;
    };
    QTRY_VERIFY_WITH_TIMEOUT(changed(), 15000);
    snapshot = monitor.latest();
    QCOMPARE(snapshot->find(kShard0)->checkpoint->toString(), m_lastSequence0);
    QCOMPARE(snapshot->find(kShard1)->ownerSwitchesSinceCheckpoint, 1);

    // Nobody renews worker-c's lease: after the failover time it shows expired, as a KCL worker would judge it.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(monitor.latest(), kShard1) && rowOf(monitor.latest(), kShard1)->expired, 15000);
}

void TestLeaseMonitorAws::aMissingTableIsSaidAndNeverPolledFast()
{
    LeaseSource leases = source(u"no-such-app"_s);
    leases.pollInterval = std::chrono::milliseconds(50);
    QCOMPARE(leases.effectivePollInterval(), LeaseSource::kMinimumAwsPollInterval);
    QVERIFY(leases.describe().contains(u"no-such-app"_s));
    QVERIFY(!leases.describe().contains(u"AKID"_s));

    StreamMonitorOptions options;
    options.streamName = kStream;
    options.leases = leases;
    StreamMonitor monitor(options);
    QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && !monitor.latest()->leaseError.isEmpty(), 30000);
    const QString error = monitor.latest()->leaseError;
    QVERIFY2(error.contains(u"no-such-app"_s) && error.contains(u"ResourceNotFoundException"_s), qPrintable(error));
    QVERIFY2(!error.contains(u"qmld-test-secret"_s) && !error.contains(u"AKIDQMLDTESTACCESS01"_s), qPrintable(error));
}

// The console's reset (startLeaseReset) on a DynamoDB lease table: a
// sequence number is checked against the Kinesis shard before anything is
// written, and one outside the shard's range is refused with nothing written.
void TestLeaseMonitorAws::aResetIsCheckedOnKinesisAndWrittenToDynamoDb()
{
    const auto reset = [&](const QString &target) {
        LeaseResetRequest request;
        request.streamName = kStream;
        request.leaseKey = kShard0;
        request.target = std::get<ShardPosition>(LeaseReset::parseTarget(target));
        request.failoverTime = std::chrono::milliseconds(500); // worker-a stopped renewing long ago
        std::optional<LeaseResetOutcome> outcome;
        QObject context;
        startLeaseReset(&context, source(kTable), request, [&outcome](const LeaseResetOutcome &done) { outcome = done; });
        if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000))
            qWarning("the reset did not answer within 30 s");
        return outcome.value_or(LeaseResetOutcome{});
    };
    const auto checkpointInDynamoDb = [&] {
        return callJson(*m_dynamo, u"GetItem"_s,
                        {{u"TableName"_s, kTable}, {u"Key"_s, QJsonObject{{u"leaseKey"_s, s(kShard0)}}},
                         {u"ConsistentRead"_s, true}})
            .json["Item"_L1]["checkpoint"_L1]["S"_L1]
            .toString();
    };
    const QString before = checkpointInDynamoDb();
    // Below the shard's SequenceNumberRange: no place in this shard.
    const LeaseResetOutcome refused = reset(u"1"_s);
    QVERIFY2(refused.result == LeaseResetOutcome::Result::BadTarget, qPrintable(refused.message));
    QCOMPARE(checkpointInDynamoDb(), before);

    const LeaseResetOutcome applied = reset(m_firstSequence0);
    QVERIFY2(applied.applied(), qPrintable(applied.message));
    QCOMPARE(applied.checkpoint.toString(), m_firstSequence0);
    QCOMPARE(checkpointInDynamoDb(), m_firstSequence0);
}

QTEST_GUILESS_MAIN(TestLeaseMonitorAws)
#include "test_lease_monitor_aws.moc"

// The DynamoDB calls a lease table needs, against dynalite: DescribeTable,
// Scan over every page (consistent), PutItem and UpdateItem with conditions
// on the lease counter and owner, as a checkpoint reset does. The table and
// a KCL 1.x-style item are made with the official AWS CLI; KCL 2.x/3.x and
// multi-stream items with the client under test. Every attribute comes back,
// unknown ones too.

#include "AwsEmulators.h"
#include "AwsTestSupport.h"

#include <qmld/aws/DynamoDbClient.h>

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
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

// A lease as KCL 2.x/3.x writes it (DynamoDBLeaseSerializer), plus an attribute no KCL version writes.
QJsonObject kclLease(const QString &key, const QString &owner, qint64 counter, const QString &checkpoint)
{
    QJsonObject item = kclLeaseItem(key, owner, counter, checkpoint);
    item.insert(u"parentShardId"_s, QJsonObject{{u"SS"_s, QJsonArray{u"shardId-000000000000"_s}}});
    item.insert(u"startingHashKey"_s, s(u"0"_s));
    item.insert(u"endingHashKey"_s, s(u"170141183460469231731687303715884105727"_s));
    item.insert(u"throughputKBps"_s, n(12));
    item.insert(u"futureAttribute"_s, QJsonObject{{u"M"_s, QJsonObject{{u"kept"_s, QJsonObject{{u"BOOL"_s, true}}}}}});
    return item;
}

} // namespace

class TestDynamoDbClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void describeTable();
    void scanReadsEveryPageAndEveryAttribute();
    void conditionalUpdateOnTheLeaseCounter();
    void conditionalPutCreatesOnce();
    void missingTableNamesIt();

private:
    QProcessEnvironment awsEnvironment() const;

    AwsEmulators m_aws;
    StaticCredentialsProvider m_credentials{testCredentials()};
    std::unique_ptr<AwsClient> m_client;
    std::unique_ptr<DynamoDbClient> m_dynamo;
    QString m_table = u"orders-app"_s;
};

QProcessEnvironment TestDynamoDbClient::awsEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDQMLDDYNAMOTEST01"_s);
    environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"dynamo-test-secret"_s);
    environment.insert(u"AWS_REGION"_s, u"us-east-1"_s);
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    return environment;
}

void TestDynamoDbClient::initTestCase()
{
    const QString cli = QFile::exists(u"/usr/bin/aws"_s) ? u"/usr/bin/aws"_s : QStandardPaths::findExecutable(u"aws"_s);
    if (cli.isEmpty())
        QSKIP("the AWS CLI is not installed: install awscli (./dev deps)");
    QMLD_START_AWS_EMULATORS(m_aws);
    m_client = std::make_unique<AwsClient>(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s), &m_credentials);
    m_dynamo = std::make_unique<DynamoDbClient>(m_client.get());

    const auto aws = [&](const QStringList &arguments) {
        QProcess process;
        process.setProcessEnvironment(awsEnvironment());
        process.start(cli, QStringList{u"--endpoint-url"_s, m_aws.dynamoUrl().toString(), u"--output"_s, u"json"_s} + arguments);
        const bool finished = process.waitForFinished(120000);
        return std::pair{finished && process.exitCode() == 0, process.readAllStandardError()};
    };
    // The lease table as the KCL creates it: hash key leaseKey, on demand.
    auto [created, createError] = aws({u"dynamodb"_s, u"create-table"_s, u"--table-name"_s, m_table,
                                       u"--attribute-definitions"_s, u"AttributeName=leaseKey,AttributeType=S"_s,
                                       u"--key-schema"_s, u"AttributeName=leaseKey,KeyType=HASH"_s,
                                       u"--billing-mode"_s, u"PAY_PER_REQUEST"_s});
    QVERIFY2(created, createError.constData());
    auto [waited, waitError] = aws({u"dynamodb"_s, u"wait"_s, u"table-exists"_s, u"--table-name"_s, m_table});
    QVERIFY2(waited, waitError.constData());
    // A KCL 1.x lease: no hash range, no child ids.
    auto [put, putError] = aws({u"dynamodb"_s, u"put-item"_s, u"--table-name"_s, m_table, u"--item"_s,
                                uR"({"leaseKey":{"S":"shardId-000000000000"},"leaseOwner":{"S":"worker-1"},"leaseCounter":{"N":"41"},)"
                                uR"("checkpoint":{"S":"SHARD_END"},"ownerSwitchesSinceCheckpoint":{"N":"0"}})"_s});
    QVERIFY2(put, putError.constData());
}

void TestDynamoDbClient::describeTable()
{
    const auto table = wait<QJsonObject>([&](auto done) { m_dynamo->describeTable(m_table, nullptr, done); });
    QVERIFY2(table.ok(), qPrintable(table.error.text()));
    QCOMPARE(table.value["TableName"_L1].toString(), m_table);
    QCOMPARE(table.value["TableStatus"_L1].toString(), u"ACTIVE"_s);
    QCOMPARE(table.value["KeySchema"_L1][0]["AttributeName"_L1].toString(), u"leaseKey"_s);
}

void TestDynamoDbClient::scanReadsEveryPageAndEveryAttribute()
{
    for (int shard = 1; shard <= 4; ++shard) {
        const auto put = wait<QJsonObject>([&](auto done) {
            m_dynamo->putItem(m_table, kclLease(u"shardId-00000000000%1"_s.arg(shard), u"worker-2"_s, shard, u"TRIM_HORIZON"_s), {},
                              nullptr, done);
        });
        QVERIFY2(put.ok(), qPrintable(put.error.text()));
    }
    QJsonObject multi = kclLease(u"123456789012:orders:1700000000:shardId-000000000009"_s, u"worker-3"_s, 1, u"LATEST"_s);
    multi.insert(u"streamName"_s, s(u"123456789012:orders:1700000000"_s));
    multi.insert(u"shardId"_s, s(u"shardId-000000000009"_s));
    QVERIFY(wait<QJsonObject>([&](auto done) { m_dynamo->putItem(m_table, multi, {}, nullptr, done); }).ok());

    m_dynamo->setPageSize(2); // six items: only reading every page gets them all
    const auto items = wait<QJsonArray>([&](auto done) { m_dynamo->scan(m_table, nullptr, done); });
    m_dynamo->setPageSize(0);
    QVERIFY2(items.ok(), qPrintable(items.error.text()));
    QCOMPARE(items.value.size(), 6);
    QHash<QString, QJsonObject> byKey;
    for (const QJsonValue &item : items.value)
        byKey.insert(item["leaseKey"_L1]["S"_L1].toString(), item.toObject());
    QCOMPARE(byKey.value(u"shardId-000000000000"_s)["leaseCounter"_L1]["N"_L1].toString(), u"41"_s); // the AWS CLI's item
    QCOMPARE(byKey.value(u"shardId-000000000003"_s)["futureAttribute"_L1]["M"_L1]["kept"_L1]["BOOL"_L1].toBool(), true);
    QCOMPARE(byKey.value(u"shardId-000000000003"_s)["parentShardId"_L1]["SS"_L1].toArray().size(), 1);
    QCOMPARE(byKey.value(u"123456789012:orders:1700000000:shardId-000000000009"_s)["shardId"_L1]["S"_L1].toString(),
             u"shardId-000000000009"_s);
}

void TestDynamoDbClient::conditionalUpdateOnTheLeaseCounter()
{
    const QString key = u"shardId-000000000004"_s;
    QVERIFY(wait<QJsonObject>([&](auto done) { m_dynamo->putItem(m_table, kclLease(key, u"worker-2"_s, 7, u"TRIM_HORIZON"_s), {}, nullptr, done); }).ok());
    // A reset: the checkpoint, if the counter and owner are still what was read.
    const Expression update{u"SET checkpoint = :checkpoint, checkpointSubSequenceNumber = :zero"_s, {},
                            {{u":checkpoint"_s, s(u"49590338271490256608559692538361571095921575989136588898"_s)}, {u":zero"_s, n(0)}}};
    const Expression unchanged{u"leaseCounter = :counter AND #owner = :owner"_s, {{u"#owner"_s, u"leaseOwner"_s}},
                               {{u":counter"_s, n(7)}, {u":owner"_s, s(u"worker-2"_s)}}};
    const QJsonObject itemKey{{u"leaseKey"_s, s(key)}};
    const auto updated = wait<QJsonObject>([&](auto done) { m_dynamo->updateItem(m_table, itemKey, update, unchanged, nullptr, done); });
    QVERIFY2(updated.ok(), qPrintable(updated.error.text()));
    QCOMPARE(updated.value["checkpoint"_L1]["S"_L1].toString(), u"49590338271490256608559692538361571095921575989136588898"_s);
    QCOMPARE(updated.value["leaseOwner"_L1]["S"_L1].toString(), u"worker-2"_s);

    // The worker renewed meanwhile: the counter moved, the reset is refused and changes nothing.
    const Expression renew{u"SET leaseCounter = leaseCounter + :one"_s, {}, {{u":one"_s, n(1)}}};
    QVERIFY(wait<QJsonObject>([&](auto done) { m_dynamo->updateItem(m_table, itemKey, renew, {}, nullptr, done); }).ok());
    const Expression back{u"SET checkpoint = :checkpoint"_s, {}, {{u":checkpoint"_s, s(u"TRIM_HORIZON"_s)}}};
    const auto refused = wait<QJsonObject>([&](auto done) { m_dynamo->updateItem(m_table, itemKey, back, unchanged, nullptr, done); });
    QCOMPARE(refused.error.kind, AwsError::Kind::ConditionFailed);
    QVERIFY2(refused.error.text().startsWith("DynamoDB UpdateItem on table orders-app (us-east-1): ConditionalCheckFailedException"_L1),
             qPrintable(refused.error.text()));
    const auto items = wait<QJsonArray>([&](auto done) { m_dynamo->scan(m_table, nullptr, done); });
    for (const QJsonValue &item : items.value)
        if (item["leaseKey"_L1]["S"_L1].toString() == key)
            QCOMPARE(item["leaseCounter"_L1]["N"_L1].toString(), u"8"_s);
}

void TestDynamoDbClient::conditionalPutCreatesOnce()
{
    const Expression absent{u"attribute_not_exists(leaseKey)"_s, {}, {}};
    const QJsonObject lease = kclLease(u"shardId-000000000042"_s, u"worker-9"_s, 1, u"TRIM_HORIZON"_s);
    QVERIFY(wait<QJsonObject>([&](auto done) { m_dynamo->putItem(m_table, lease, absent, nullptr, done); }).ok());
    const auto again = wait<QJsonObject>([&](auto done) { m_dynamo->putItem(m_table, lease, absent, nullptr, done); });
    QCOMPARE(again.error.kind, AwsError::Kind::ConditionFailed);
}

void TestDynamoDbClient::missingTableNamesIt()
{
    const auto missing = wait<QJsonObject>([&](auto done) { m_dynamo->describeTable(u"no-such-app"_s, nullptr, done); });
    QCOMPARE(missing.error.kind, AwsError::Kind::NotFound);
    QVERIFY2(missing.error.text().startsWith("DynamoDB DescribeTable on table no-such-app (us-east-1): ResourceNotFoundException"_L1),
             qPrintable(missing.error.text()));
}

QTEST_GUILESS_MAIN(TestDynamoDbClient)
#include "test_dynamodb_client.moc"

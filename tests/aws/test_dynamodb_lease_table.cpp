// The DynamoDB backend of LeaseTable against dynalite: the same conditional
// semantics as the embedded store (a write applies only on the leaseCounter
// read, a lost one reports the lease as it is), leases as the KCL writes them
// read back, and attributes Lease does not model kept through every write.

#include "AwsEmulators.h"
#include "AwsTestSupport.h"

#include <qmld/DynamoDbLeaseTable.h>
#include <qmld/aws/DynamoDbClient.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::aws;
using namespace qmld::test;

namespace {

Lease newLease(const QString &key)
{
    Lease lease;
    lease.leaseKey = key;
    lease.parentShardId = QStringList{u"shardId-000000000000"_s};
    lease.hashKeyRange = HashKeyRange::full();
    return lease;
}

// QVERIFY2 evaluates its message even when the check passes.
template<typename T>
QByteArray why(const StoreResult<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

} // namespace

class TestDynamoDbLeaseTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createRenewTakeCheckpoint();
    void resetIsRefusedWhileOwnedUnlessForced();
    void kclItemsAreReadAndUnknownAttributesKept();
    void removeAndMissingTable();

private:
    AwsEmulators m_aws;
    StaticCredentialsProvider m_credentials{testCredentials()};
    std::unique_ptr<AwsClient> m_client;
    std::unique_ptr<LeaseTable> m_table;
};

void TestDynamoDbLeaseTable::initTestCase()
{
    QMLD_START_AWS_EMULATORS(m_aws);
    m_client = std::make_unique<AwsClient>(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s), &m_credentials);
    // The lease table as the KCL creates it.
    const AwsResponse created = callJson(*m_client, u"CreateTable"_s,
        {{u"TableName"_s, u"app"_s},
         {u"AttributeDefinitions"_s, QJsonArray{QJsonObject{{u"AttributeName"_s, u"leaseKey"_s}, {u"AttributeType"_s, u"S"_s}}}},
         {u"KeySchema"_s, QJsonArray{QJsonObject{{u"AttributeName"_s, u"leaseKey"_s}, {u"KeyType"_s, u"HASH"_s}}}},
         {u"BillingMode"_s, u"PAY_PER_REQUEST"_s}});
    QVERIFY2(created.ok(), qPrintable(created.error.text()));
    QTRY_COMPARE_WITH_TIMEOUT(callJson(*m_client, u"DescribeTable"_s, {{u"TableName"_s, u"app"_s}})
                                  .json["Table"_L1]["TableStatus"_L1].toString(), u"ACTIVE"_s, 20000);
    m_table = std::make_unique<LeaseTable>(
        makeDynamoDbLeaseTable(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s), &m_credentials, u"app"_s));
}

void TestDynamoDbLeaseTable::createRenewTakeCheckpoint()
{
    auto created = m_table->create(newLease(u"shardId-000000000001"_s));
    QVERIFY2(created, why(created).constData());
    QVERIFY(created->applied());
    auto again = m_table->create(newLease(u"shardId-000000000001"_s));
    QVERIFY2(again, why(again).constData());
    QCOMPARE(again->outcome, LeaseWrite::Outcome::ConditionFailed);

    auto taken = m_table->take(u"shardId-000000000001"_s, 0, u"worker-a"_s);
    QVERIFY(taken && taken->applied());
    QCOMPARE(taken->lease->leaseCounter, 1);
    // A worker that read counter 0 has lost the lease: its renew is refused, with the lease as it is.
    auto stale = m_table->renew(u"shardId-000000000001"_s, 0, u"worker-a"_s);
    QCOMPARE(stale->outcome, LeaseWrite::Outcome::ConditionFailed);
    QCOMPARE(stale->lease->leaseCounter, 1);
    QCOMPARE(stale->lease->leaseOwner, std::optional<QString>(u"worker-a"_s));
    QVERIFY(m_table->renew(u"shardId-000000000001"_s, 1, u"worker-a"_s)->applied());
    auto stolen = m_table->take(u"shardId-000000000001"_s, 2, u"worker-b"_s);
    QCOMPARE(stolen->lease->ownerSwitchesSinceCheckpoint, 1);
    // worker-a no longer owns it: its checkpoint is KCL's ShutdownException.
    const auto sequence = *SequenceNumber::parse(QByteArray("49590338271490256608559692538361571095921575989136588898"), 3);
    QCOMPARE(m_table->checkpoint(u"shardId-000000000001"_s, 3, u"worker-a"_s, sequence)->outcome, LeaseWrite::Outcome::ConditionFailed);
    QVERIFY(m_table->checkpoint(u"shardId-000000000001"_s, 3, u"worker-b"_s, sequence)->applied());

    const auto read = m_table->lease(u"shardId-000000000001"_s);
    QVERIFY(read && read->has_value());
    QCOMPARE((*read)->checkpoint, sequence);
    QCOMPARE((*read)->checkpoint.subSequence(), 3);
    QCOMPARE((*read)->ownerSwitchesSinceCheckpoint, 0);
    QCOMPARE((*read)->leaseCounter, 4);
    QCOMPARE((*read)->parentShardId, QStringList{u"shardId-000000000000"_s});
    QCOMPARE((*read)->hashKeyRange, std::optional(HashKeyRange::full()));
}

void TestDynamoDbLeaseTable::resetIsRefusedWhileOwnedUnlessForced()
{
    QVERIFY(m_table->create(newLease(u"shardId-000000000002"_s))->applied());
    QVERIFY(m_table->take(u"shardId-000000000002"_s, 0, u"worker-a"_s)->applied());
    const auto to = SequenceNumber::latest();
    QCOMPARE(m_table->resetCheckpoint(u"shardId-000000000002"_s, 1, to, LeaseTable::ResetGuard::RefuseWhileOwned)->outcome,
             LeaseWrite::Outcome::RefusedOwned);
    QCOMPARE(m_table->resetCheckpoint(u"shardId-000000000002"_s, 0, to, LeaseTable::ResetGuard::Force)->outcome,
             LeaseWrite::Outcome::ConditionFailed);
    auto reset = m_table->resetCheckpoint(u"shardId-000000000002"_s, 1, to, LeaseTable::ResetGuard::Force);
    QVERIFY(reset->applied());
    QVERIFY(!reset->lease->leaseOwner);
    QCOMPARE(m_table->lease(u"shardId-000000000002"_s)->value().checkpoint, to);
    QVERIFY(!m_table->resetCheckpoint(u"shardId-000000000002"_s, 2, SequenceNumber::shardEnd(), LeaseTable::ResetGuard::Force));
}

void TestDynamoDbLeaseTable::kclItemsAreReadAndUnknownAttributesKept()
{
    DynamoDbClient dynamo(m_client.get());
    // A KCL 3.x multi-stream lease with attributes Lease does not model.
    const QJsonObject item{
        {u"leaseKey"_s, QJsonObject{{u"S"_s, u"123456789012:orders:1700000000:shardId-000000000005"_s}}},
        {u"leaseOwner"_s, QJsonObject{{u"S"_s, u"java-worker"_s}}},
        {u"leaseCounter"_s, QJsonObject{{u"N"_s, u"17"_s}}},
        {u"checkpoint"_s, QJsonObject{{u"S"_s, u"TRIM_HORIZON"_s}}},
        {u"checkpointSubSequenceNumber"_s, QJsonObject{{u"N"_s, u"0"_s}}},
        {u"ownerSwitchesSinceCheckpoint"_s, QJsonObject{{u"N"_s, u"2"_s}}},
        {u"streamName"_s, QJsonObject{{u"S"_s, u"123456789012:orders:1700000000"_s}}},
        {u"shardId"_s, QJsonObject{{u"S"_s, u"shardId-000000000005"_s}}},
        {u"throughputKBps"_s, QJsonObject{{u"N"_s, u"42.5"_s}}},
        {u"checkpointOwner"_s, QJsonObject{{u"S"_s, u"java-worker"_s}}},
    };
    const auto put = waitFor<AwsResult<QJsonObject>>([&](auto done) { dynamo.putItem(u"app"_s, item, {}, nullptr, done); });
    QVERIFY(put && put->ok());

    const auto leases = m_table->list();
    QVERIFY2(leases, why(leases).constData());
    const auto it = std::find_if(leases->begin(), leases->end(), [](const Lease &l) { return l.leaseKey.startsWith("1234"_L1); });
    QVERIFY(it != leases->end());
    QCOMPARE(it->leaseOwner, std::optional<QString>(u"java-worker"_s));
    QCOMPARE(it->leaseCounter, 17);
    QCOMPARE(it->ownerSwitchesSinceCheckpoint, 2);
    QVERIFY(std::is_sorted(leases->begin(), leases->end(), [](const Lease &a, const Lease &b) { return a.leaseKey < b.leaseKey; }));

    QVERIFY(m_table->take(it->leaseKey, 17, u"qmld-worker"_s)->applied());
    const auto after = waitFor<AwsResult<QJsonObject>>([&](auto done) {
        dynamo.getItem(u"app"_s, {{u"leaseKey"_s, item[u"leaseKey"_s]}}, nullptr, done);
    });
    QVERIFY(after && after->ok());
    QCOMPARE(after->value["leaseOwner"_L1]["S"_L1].toString(), u"qmld-worker"_s);
    QCOMPARE(after->value["throughputKBps"_L1]["N"_L1].toString(), u"42.5"_s);
    QCOMPARE(after->value["streamName"_L1]["S"_L1].toString(), u"123456789012:orders:1700000000"_s);
    QCOMPARE(after->value["checkpointOwner"_L1]["S"_L1].toString(), u"java-worker"_s);
    QVERIFY(!after->value.contains("parentShardId"_L1)); // no empty sets: DynamoDB has none
}

void TestDynamoDbLeaseTable::removeAndMissingTable()
{
    QVERIFY(m_table->create(newLease(u"shardId-000000000003"_s))->applied());
    QCOMPARE(m_table->remove(u"shardId-000000000003"_s, 5)->outcome, LeaseWrite::Outcome::ConditionFailed);
    QVERIFY(m_table->remove(u"shardId-000000000003"_s, 0)->applied());
    QCOMPARE(m_table->lease(u"shardId-000000000003"_s)->has_value(), false);

    LeaseTable missing(makeDynamoDbLeaseTable(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s), &m_credentials, u"no-app"_s));
    const auto listed = missing.list();
    QVERIFY(!listed);
    QVERIFY2(listed.error().message.startsWith("DynamoDB Scan on table no-app (us-east-1): ResourceNotFoundException"_L1),
             qPrintable(listed.error().message));
}

QTEST_GUILESS_MAIN(TestDynamoDbLeaseTable)
#include "test_dynamodb_lease_table.moc"

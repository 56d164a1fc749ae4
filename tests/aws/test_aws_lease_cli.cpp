// qmld lease list|reset --aws against dynalite and kinesalite: a KCL lease
// table in DynamoDB listed with every worker's leases (and each shard's lag
// on Kinesis), and reset through the same rule as the embedded store's: a
// live owner is refused, a gone one is not, --force takes it.

#include "AwsEmulators.h"
#include "AwsTestSupport.h"
#include "ProgramRun.h"

#include <qmld/DynamoDbLeaseTable.h>
#include <qmld/aws/KinesisClient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::aws;
using namespace qmld::test;

class TestAwsLeaseCli : public QObject
{
    Q_OBJECT

private:
    AwsEmulators m_aws;
    QTemporaryDir m_dir;
    StaticCredentialsProvider m_credentials{testCredentials()};
    std::unique_ptr<AwsClient> m_dynamo;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : environment.keys())
            if (name.startsWith("AWS_"_L1))
                environment.remove(name);
        const AwsCredentials credentials = testCredentials();
        environment.insert(u"AWS_ACCESS_KEY_ID"_s, QString::fromLatin1(credentials.accessKeyId));
        environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, QString::fromLatin1(credentials.secretAccessKey));
        environment.insert(u"AWS_REGION"_s, u"us-east-1"_s);
        environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        environment.insert(u"AWS_ENDPOINT_URL_DYNAMODB"_s, m_aws.dynamoUrl().toString());
        environment.insert(u"AWS_ENDPOINT_URL_KINESIS"_s, m_aws.kinesisUrl().toString());
        environment.insert(u"HOME"_s, m_dir.path());
        return environment;
    }

    ProgramRun qmld(const QStringList &arguments, const QByteArray &input = {})
    {
        return runProgram(u"qmld"_s, arguments, input, environment());
    }

    // The records of a shard of "orders" from a position, as Kinesis returns them (one GetRecords).
    QJsonArray records(const QString &shard, const QString &type, const QString &sequenceNumber = {})
    {
        AwsClient kinesis(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);
        QJsonObject request{{u"StreamName"_s, u"orders"_s}, {u"ShardId"_s, shard}, {u"ShardIteratorType"_s, type}};
        if (!sequenceNumber.isEmpty())
            request.insert(u"StartingSequenceNumber"_s, sequenceNumber);
        const AwsResponse iterator = callJson(kinesis, u"GetShardIterator"_s, request);
        if (!iterator.ok())
            return {};
        return callJson(kinesis, u"GetRecords"_s, {{u"ShardIterator"_s, iterator.json["ShardIterator"_L1]}})
            .json["Records"_L1]
            .toArray();
    }

    static qint64 arrivalMs(const QJsonValue &record)
    {
        return qint64(record["ApproximateArrivalTimestamp"_L1].toDouble() * 1000.0 + 0.5);
    }

    LeaseTable table()
    {
        return LeaseTable(makeDynamoDbLeaseTable(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s),
                                                 &m_credentials, u"orders-app"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QMLD_START_AWS_EMULATORS(m_aws);
        m_dynamo = std::make_unique<AwsClient>(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s),
                                               &m_credentials);
        // The lease table as the KCL creates it.
        const AwsResponse created = callJson(*m_dynamo, u"CreateTable"_s,
            {{u"TableName"_s, u"orders-app"_s},
             {u"AttributeDefinitions"_s,
              QJsonArray{QJsonObject{{u"AttributeName"_s, u"leaseKey"_s}, {u"AttributeType"_s, u"S"_s}}}},
             {u"KeySchema"_s, QJsonArray{QJsonObject{{u"AttributeName"_s, u"leaseKey"_s}, {u"KeyType"_s, u"HASH"_s}}}},
             {u"BillingMode"_s, u"PAY_PER_REQUEST"_s}});
        QVERIFY2(created.ok(), qPrintable(created.error.text()));
        QTRY_COMPARE_WITH_TIMEOUT(callJson(*m_dynamo, u"DescribeTable"_s, {{u"TableName"_s, u"orders-app"_s}})
                                      .json["Table"_L1]["TableStatus"_L1].toString(),
                                  u"ACTIVE"_s, 20000);
        LeaseTable leases = table();
        for (const QString &shard : {u"shardId-000000000000"_s, u"shardId-000000000001"_s}) {
            Lease lease;
            lease.leaseKey = shard;
            QVERIFY(leases.create(lease)->applied());
        }
        QVERIFY(leases.take(u"shardId-000000000000"_s, 0, u"worker-a"_s)->applied());
        QVERIFY(leases.take(u"shardId-000000000001"_s, 0, u"worker-b"_s)->applied());

        // The stream, with records the checkpoints (TRIM_HORIZON) are behind.
        AwsClient kinesis(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);
        QVERIFY(callJson(kinesis, u"CreateStream"_s, {{u"StreamName"_s, u"orders"_s}, {u"ShardCount"_s, 2}}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(callJson(kinesis, u"DescribeStreamSummary"_s, {{u"StreamName"_s, u"orders"_s}})
                                      .json["StreamDescriptionSummary"_L1]["StreamStatus"_L1].toString(),
                                  u"ACTIVE"_s, 20000);
        for (int i = 0; i < 20; ++i) {
            const AwsResponse put = callJson(kinesis, u"PutRecord"_s,
                {{u"StreamName"_s, u"orders"_s}, {u"PartitionKey"_s, u"key-%1"_s.arg(i)},
                 {u"Data"_s, QString::fromLatin1(QByteArray("order " + QByteArray::number(i)).toBase64())}});
            QVERIFY2(put.ok(), qPrintable(put.error.text()));
        }
    }

    void listShowsEveryWorkersLeasesAndTheirLag()
    {
        const ProgramRun list = qmld({u"lease"_s, u"list"_s, u"orders-app"_s, u"--aws"_s, u"--json"_s, u"--lag"_s,
                                      u"--stream"_s, u"orders"_s});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        const QJsonArray leases = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(leases.size(), 2);
        QCOMPARE(leases[0][u"leaseKey"_s].toString(), u"shardId-000000000000"_s);
        QCOMPARE(leases[0][u"leaseOwner"_s].toString(), u"worker-a"_s);
        QCOMPARE(leases[1][u"leaseOwner"_s].toString(), u"worker-b"_s);
        QCOMPARE(leases[0][u"checkpoint"_s].toString(), u"TRIM_HORIZON"_s);
        for (const QJsonValue &lease : leases)
            QVERIFY2(lease[u"millisBehindLatest"_s].isDouble(), list.out.constData()); // probed, not unknown

        const ProgramRun text = qmld({u"lease"_s, u"list"_s, u"orders-app"_s, u"--aws"_s});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY(text.out.contains("worker-a") && text.out.contains("worker-b"));

        const ProgramRun noStream = qmld({u"lease"_s, u"list"_s, u"orders-app"_s, u"--aws"_s, u"--lag"_s});
        QCOMPARE(noStream.exitCode, 2);
        const ProgramRun missing = qmld({u"lease"_s, u"list"_s, u"no-such-app"_s, u"--aws"_s});
        QVERIFY2(missing.exitCode != 0 && missing.err.contains("no-such-app"), missing.err.constData());
    }

    void resetRefusesALiveOwnerOnly()
    {
        const QString shard = u"shardId-000000000000"_s;
        const QStringList reset{u"lease"_s, u"reset"_s, u"orders-app"_s, u"0"_s, u"--to"_s, u"LATEST"_s,
                                u"--aws"_s, u"--failover-time"_s, u"1000"_s};
        {
            // worker-a renews while the reset watches: refused.
            std::atomic<bool> stop = false;
            std::thread renewer([&] {
                StaticCredentialsProvider credentials{testCredentials()};
                LeaseTable leases(makeDynamoDbLeaseTable(ServiceEndpoint::dynamoDb(m_aws.dynamoUrl(), u"us-east-1"_s),
                                                         &credentials, u"orders-app"_s));
                while (!stop) {
                    if (auto lease = leases.lease(shard); lease && *lease)
                        (void)leases.renew(shard, (*lease)->leaseCounter, u"worker-a"_s);
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            });
            const ProgramRun refused = qmld(reset);
            stop = true;
            renewer.join();
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("worker-a") && refused.err.contains("live"), refused.err.constData());
        }
        LeaseTable leases = table();
        QCOMPARE(leases.lease(shard)->value().checkpoint, SequenceNumber::trimHorizon());

        // Nobody renews it now: after the failover time worker-a counts as gone.
        const ProgramRun applied = qmld(reset);
        QVERIFY2(applied.exitCode == 0, applied.err.constData());
        QCOMPARE(leases.lease(shard)->value().checkpoint, SequenceNumber::latest());
        QVERIFY(!leases.lease(shard)->value().leaseOwner);

        // --force takes worker-b's lease at once.
        const ProgramRun forced = qmld({u"lease"_s, u"reset"_s, u"orders-app"_s, u"1"_s, u"--to"_s, u"TRIM_HORIZON"_s,
                                        u"--aws"_s, u"--force"_s});
        QVERIFY2(forced.exitCode == 0, forced.err.constData());
        QVERIFY(!leases.lease(u"shardId-000000000001"_s)->value().leaseOwner);

    }

    void resetToASequenceNumberChecksTheShardsRange()
    {
        LeaseTable leases = table();
        const QString shard = u"shardId-000000000001"_s;
        const SequenceNumber before = leases.lease(shard)->value().checkpoint;
        const QJsonArray inShard = records(shard, u"TRIM_HORIZON"_s);
        QVERIFY(!inShard.isEmpty());
        const QString sequence = inShard.last()["SequenceNumber"_L1].toString();

        const ProgramRun noStream = qmld({u"lease"_s, u"reset"_s, u"orders-app"_s, u"1"_s, u"--to"_s, sequence, u"--aws"_s});
        QCOMPARE(noStream.exitCode, 2);
        QVERIFY2(noStream.err.contains("--stream"), noStream.err.constData());

        // Below the shard's StartingSequenceNumber: no place in it, nothing written.
        const ProgramRun outside = qmld({u"lease"_s, u"reset"_s, u"orders-app"_s, u"1"_s, u"--to"_s, u"1"_s, u"--aws"_s,
                                         u"--stream"_s, u"orders"_s, u"--force"_s});
        QCOMPARE(outside.exitCode, 3);
        QVERIFY2(outside.err.contains("is not in shard shardId-000000000001 of stream \"orders\""), outside.err.constData());
        QCOMPARE(leases.lease(shard)->value().checkpoint, before);

        const ProgramRun inside = qmld({u"lease"_s, u"reset"_s, u"orders-app"_s, u"1"_s, u"--to"_s, sequence, u"--aws"_s,
                                        u"--stream"_s, u"orders"_s, u"--force"_s});
        QVERIFY2(inside.exitCode == 0, inside.err.constData());
        QCOMPARE(leases.lease(shard)->value().checkpoint.toString(), sequence);
    }

    void resetToATimeResumesWithTheFirstRecordAtOrAfterIt()
    {
        const QString shard = u"shardId-000000000000"_s;
        AwsClient kinesis(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);
        const auto putToShard0 = [&](const QByteArray &data) {
            return callJson(kinesis, u"PutRecord"_s,
                            {{u"StreamName"_s, u"orders"_s}, {u"PartitionKey"_s, u"t"_s}, {u"ExplicitHashKey"_s, u"0"_s},
                             {u"Data"_s, QString::fromLatin1(data.toBase64())}})
                .ok();
        };
        QVERIFY(putToShard0("before T"));
        const QJsonArray earlier = records(shard, u"TRIM_HORIZON"_s);
        QVERIFY(!earlier.isEmpty());
        const QJsonValue lastBefore = earlier.last();
        // T after every record so far, and the next records after T.
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > arrivalMs(lastBefore) + 2, 5000);
        const qint64 at = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > at + 2, 5000);
        QVERIFY(putToShard0("first at or after T"));
        QVERIFY(putToShard0("second at or after T"));
        const QJsonArray all = records(shard, u"TRIM_HORIZON"_s);
        const QJsonValue first = all.at(earlier.size());
        QVERIFY(arrivalMs(first) >= at);

        LeaseTable leases = table();
        const SequenceNumber unchanged = leases.lease(shard)->value().checkpoint;
        const QStringList reset{u"lease"_s, u"reset"_s, u"orders-app"_s, u"0"_s, u"--to"_s,
                                u"AT_TIMESTAMP:%1"_s.arg(at), u"--aws"_s, u"--stream"_s, u"orders"_s, u"--force"_s};

        // The record is shown before the question; "n" writes nothing.
        const ProgramRun declined = qmld(reset, "n\n");
        QCOMPARE(declined.exitCode, 1);
        QVERIFY2(declined.out.contains(first["SequenceNumber"_L1].toString().toLatin1()), declined.out.constData());
        QVERIFY2(declined.out.contains("first at or after T"), declined.out.constData());
        const QByteArray arrived = "arrived "
            + QDateTime::fromMSecsSinceEpoch(arrivalMs(first)).toUTC().toString(Qt::ISODateWithMs).toLatin1();
        QVERIFY2(declined.out.contains(arrived), declined.out.constData());
        QVERIFY2(declined.out.contains("[y/N]"), declined.out.constData());
        QVERIFY2(declined.err.contains("not confirmed"), declined.err.constData());
        QCOMPARE(leases.lease(shard)->value().checkpoint, unchanged);

        // "y": the checkpoint is the last record before T, so a worker resuming
        // after it (as the KCL does) gets the first record at or after T next.
        const ProgramRun confirmed = qmld(reset, "y\n");
        QVERIFY2(confirmed.exitCode == 0, confirmed.err.constData());
        const SequenceNumber checkpoint = leases.lease(shard)->value().checkpoint;
        QCOMPARE(checkpoint.toString(), lastBefore["SequenceNumber"_L1].toString());
        const QJsonArray resumed = records(shard, u"AFTER_SEQUENCE_NUMBER"_s, checkpoint.toString());
        QVERIFY(!resumed.isEmpty());
        QCOMPARE(resumed.first()["SequenceNumber"_L1], first["SequenceNumber"_L1]);

        // Before the shard's first record: from TRIM_HORIZON, the first record shown; --yes does not ask.
        const ProgramRun early = qmld({u"lease"_s, u"reset"_s, u"orders-app"_s, u"0"_s, u"--to"_s,
                                       u"AT_TIMESTAMP:%1"_s.arg(arrivalMs(all.first()) - 3600 * 1000), u"--aws"_s,
                                       u"--stream"_s, u"orders"_s, u"--force"_s, u"--yes"_s});
        QVERIFY2(early.exitCode == 0, early.err.constData());
        QVERIFY2(!early.out.contains("[y/N]"), early.out.constData());
        QVERIFY2(early.out.contains(all.first()["SequenceNumber"_L1].toString().toLatin1()), early.out.constData());
        QCOMPARE(leases.lease(shard)->value().checkpoint, SequenceNumber::trimHorizon());

        // The record before T arrived more than a second before it: found by looking further back.
        const QString other = u"shardId-000000000001"_s;
        const QJsonValue lastOfOther = records(other, u"TRIM_HORIZON"_s).last();
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > arrivalMs(lastOfOther) + 1500, 5000);
        const qint64 later = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > later + 2, 5000);
        QVERIFY(callJson(kinesis, u"PutRecord"_s,
                         {{u"StreamName"_s, u"orders"_s}, {u"PartitionKey"_s, u"t"_s},
                          {u"ExplicitHashKey"_s, u"340282366920938463463374607431768211455"_s},
                          {u"Data"_s, QString::fromLatin1(QByteArray("after a quiet while").toBase64())}})
                    .ok());
        const ProgramRun quiet = qmld({u"lease"_s, u"reset"_s, u"orders-app"_s, u"1"_s, u"--to"_s,
                                       u"AT_TIMESTAMP:%1"_s.arg(later), u"--aws"_s, u"--stream"_s, u"orders"_s,
                                       u"--force"_s, u"--yes"_s});
        QVERIFY2(quiet.exitCode == 0, quiet.err.constData());
        QVERIFY2(quiet.out.contains("after a quiet while"), quiet.out.constData());
        QCOMPARE(leases.lease(other)->value().checkpoint.toString(), lastOfOther["SequenceNumber"_L1].toString());

        const ProgramRun future = qmld({u"lease"_s, u"reset"_s, u"orders-app"_s, u"0"_s, u"--to"_s,
                                        u"AT_TIMESTAMP:%1"_s.arg(QDateTime::currentMSecsSinceEpoch() + 3600 * 1000),
                                        u"--aws"_s, u"--stream"_s, u"orders"_s, u"--force"_s, u"--yes"_s});
        QCOMPARE(future.exitCode, 3);
        QVERIFY2(future.err.contains("in the future"), future.err.constData());
    }

    void refusedCredentialsExit4()
    {
        // dynalite checks the form of the Authorization header as DynamoDB does: a key id
        // that leaves its Credential empty is refused (IncompleteSignatureException).
        QProcessEnvironment refused = environment();
        refused.insert(u"AWS_ACCESS_KEY_ID"_s, u",AKIDREFUSED"_s);
        const SequenceNumber before = table().lease(u"shardId-000000000000"_s)->value().checkpoint;
        for (const QStringList &command : {QStringList{u"lease"_s, u"list"_s, u"orders-app"_s, u"--aws"_s},
                                           QStringList{u"lease"_s, u"list"_s, u"orders-app"_s, u"--aws"_s, u"--json"_s},
                                           QStringList{u"lease"_s, u"reset"_s, u"orders-app"_s, u"0"_s, u"--to"_s,
                                                       u"LATEST"_s, u"--aws"_s, u"--force"_s}}) {
            const ProgramRun run = runProgram(u"qmld"_s, command, {}, refused);
            QVERIFY2(run.exitCode == 4, qPrintable(command.join(u' ') + u": "_s + QString::fromUtf8(run.err)));
            QVERIFY2(run.err.contains("IncompleteSignatureException"), run.err.constData());
            QVERIFY(!run.err.contains("qmld-test-secret-key"));
            // dynalite's message echoes the Authorization header: its signature is not repeated.
            QVERIFY2(!QRegularExpression(u"Signature=[0-9a-f]{16}"_s).match(QString::fromUtf8(run.err)).hasMatch(),
                     run.err.constData());
        }
        QCOMPARE(table().lease(u"shardId-000000000000"_s)->value().checkpoint, before);
    }
};

QTEST_GUILESS_MAIN(TestAwsLeaseCli)
#include "test_aws_lease_cli.moc"

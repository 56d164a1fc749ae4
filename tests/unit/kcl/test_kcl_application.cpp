#include <qmld/KclApplication.h>

#include <QTest>

using namespace Qt::StringLiterals;
using qmld::JavaProperties;
using qmld::KclApplication;
using qmld::SequenceNumber;

class TestKclApplication : public QObject
{
    Q_OBJECT

private:
    static JavaProperties parsed(QByteArrayView text)
    {
        QString error;
        const auto properties = JavaProperties::parse(text, u"test.properties"_s, &error);
        if (!properties)
            qFatal("unexpected parse error: %s", qPrintable(error));
        return *properties;
    }

    static QStringList problemsOf(QByteArrayView text)
    {
        const auto read = KclApplication::fromProperties(parsed(text));
        const auto *problems = std::get_if<KclApplication::Problems>(&read);
        return problems ? KclApplication::messages(*problems) : QStringList();
    }

    static KclApplication applicationOf(QByteArrayView text)
    {
        const auto read = KclApplication::fromProperties(parsed(text));
        if (const auto *problems = std::get_if<KclApplication::Problems>(&read))
            qFatal("unexpected problems: %s", qPrintable(KclApplication::messages(*problems).join(u"; "_s)));
        return std::get<KclApplication>(read);
    }

private Q_SLOTS:
    void defaultsAreTheKcls()
    {
        const KclApplication app = applicationOf("applicationName = app\nstreamName = s\n");
        QCOMPARE(app.applicationName, u"app"_s);
        QCOMPARE(app.leaseTableName, u"app"_s);
        QCOMPARE(app.streamName, u"s"_s);
        QCOMPARE(app.initialPosition.kind(), SequenceNumber::Kind::Latest);
        QVERIFY(!app.atTimestampMs);
        QCOMPARE(app.maxRecords, 10000);
        QCOMPARE(app.idleTimeBetweenReads.count(), 1500);
        QCOMPARE(app.failoverTime.count(), 10000);
        QCOMPARE(app.shardSyncInterval.count(), 60000);
        QCOMPARE(app.parentShardPollInterval.count(), 10000);
        QCOMPARE(app.maxLeasesToStealAtOneTime, 1);
        QVERIFY(app.cleanupLeasesUponShardCompletion);
        QVERIFY(!app.callProcessRecordsEvenForEmptyRecordList);
        QVERIFY(!app.timeout);
        QCOMPARE(app.shutdownGrace.count(), 0);
        QVERIFY(app.workerId.isEmpty());
    }

    void validPropertiesPass()
    {
        const KclApplication app = applicationOf("applicationName=app\n"
                                                 "streamArn=arn:aws:kinesis:us-east-1:1:stream/s\n"
                                                 "streamName=ignored\n"
                                                 "maxRecords = 10000 \n"
                                                 "initialPositionInStream=TRIM_HORIZON\n"
                                                 "shutdownGraceMillis=0\n"
                                                 "callProcessRecordsEvenForEmptyRecordList=TRUE\n"
                                                 "cleanupLeasesUponShardCompletion=off\n"
                                                 "initialPositionInStreamExtended=1700000000.25\n"
                                                 "retrievalMode = polling\nmetricsLevel = NONE\n"
                                                 "kinesisEndpoint = http://127.0.0.1:4567\n"
                                                 "regionName = eu-west-1\n");
        QCOMPARE(app.streamName, u"arn:aws:kinesis:us-east-1:1:stream/s"_s); // streamArn wins, as in KCL 2.x
        QVERIFY(app.callProcessRecordsEvenForEmptyRecordList);
        QVERIFY(!app.cleanupLeasesUponShardCompletion);
        QCOMPARE(app.initialPosition.kind(), SequenceNumber::Kind::AtTimestamp); // the timestamp implies it
        QCOMPARE(app.atTimestampMs, std::optional<std::int64_t>(1700000000250));
        QCOMPARE(app.retrievalMode, u"POLLING"_s);
        QCOMPARE(app.metricsLevel, u"NONE"_s);
        QCOMPARE(app.kinesisEndpoint, u"http://127.0.0.1:4567"_s);
        QCOMPARE(app.regionName, u"eu-west-1"_s);
    }

    void leaseTableName_data()
    {
        QTest::addColumn<QByteArray>("keys");
        QTest::addColumn<QString>("table");
        QTest::newRow("applicationName") << ""_ba << u"app"_s;
        QTest::newRow("tableName") << "tableName = leases\n"_ba << u"leases"_s;
        QTest::newRow("tableName with spaces") << "tableName =   leases  \n"_ba << u"leases"_s;
        QTest::newRow("blank tableName") << "tableName =   \n"_ba << u"app"_s;
        QTest::newRow("leaseTableName") << "leaseTableName = l2\n"_ba << u"l2"_s;
        QTest::newRow("tableName wins") << "leaseTableName = l2\ntableName = t\n"_ba << u"t"_s;
    }

    void leaseTableName()
    {
        QFETCH(QByteArray, keys);
        QFETCH(QString, table);
        QCOMPARE(applicationOf(QByteArray("applicationName = app \nstreamName = s\n"_ba + keys)).leaseTableName, table);
    }

    void unknownKeysAreKept()
    {
        const KclApplication app = applicationOf("applicationName = app\nstreamName = s\nfooBar = 1\n"
                                                 "maxGetRecordsThreadPool = 3\n");
        QCOMPARE(app.properties.value(u"fooBar"), u"1"_s);
        QCOMPARE(app.properties.value(u"maxGetRecordsThreadPool"), u"3"_s);
    }

    void missingRequiredKeysAreNamed()
    {
        const QStringList problems = problemsOf("processingLanguage=c++\nstreamName=\n");
        QCOMPARE(problems,
                 (QStringList{u"test.properties: the required key applicationName is missing"_s,
                              u"test.properties:2: the required key streamName (or streamArn) is empty"_s}));
    }

    void badValuesNameKeyValueAndLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("problem");
        const auto expect = [](const char *keyValue, const char *expected) {
            return u"test.properties:3: %1 is not valid: expected %2"_s.arg(QLatin1StringView(keyValue),
                                                                             QLatin1StringView(expected));
        };
        QTest::newRow("maxRecords too big") << "maxRecords=10001"_ba
                                            << expect("maxRecords = '10001'", "a whole number from 1 to 10000");
        QTest::newRow("maxRecords zero") << "maxRecords=0"_ba
                                         << expect("maxRecords = '0'", "a whole number from 1 to 10000");
        QTest::newRow("not a number") << "failoverTimeMillis=10s"_ba
                                      << expect("failoverTimeMillis = '10s'", "a whole number of at least 100");
        QTest::newRow("failover too short") << "failoverTimeMillis=50"_ba
                                            << expect("failoverTimeMillis = '50'", "a whole number of at least 100");
        QTest::newRow("idle zero") << "idleTimeBetweenReadsInMillis=0"_ba
                                   << expect("idleTimeBetweenReadsInMillis = '0'", "a whole number of at least 1");
        QTest::newRow("negative grace") << "shutdownGraceMillis=-1"_ba
                                        << expect("shutdownGraceMillis = '-1'", "a whole number of at least 0");
        QTest::newRow("int overflow") << "maxLeasesForWorker=2147483648"_ba
                                      << expect("maxLeasesForWorker = '2147483648'", "a whole number of at least 1");
        QTest::newRow("timeout") << "timeoutInSeconds=0"_ba
                                 << expect("timeoutInSeconds = '0'", "a whole number of at least 1");
        QTest::newRow("position") << "initialPositionInStream=trim_horizon"_ba
                                  << expect("initialPositionInStream = 'trim_horizon'",
                                            "TRIM_HORIZON, LATEST or AT_TIMESTAMP");
        QTest::newRow("boolean") << "ignoreUnexpectedChildShards=maybe"_ba
                                 << expect("ignoreUnexpectedChildShards = 'maybe'", "true or false");
        QTest::newRow("timestamp") << "timestampAtInitialPositionInStream=yesterday"_ba
                                   << expect("timestampAtInitialPositionInStream = 'yesterday'",
                                             "a time in seconds since the epoch");
        QTest::newRow("retrieval mode") << "retrievalMode=push"_ba
                                        << expect("retrievalMode = 'push'", "one of POLLING, FANOUT, DEFAULT");
        QTest::newRow("AT_TIMESTAMP without a time")
            << "initialPositionInStream=AT_TIMESTAMP"_ba
            << u"test.properties:3: initialPositionInStream = AT_TIMESTAMP needs initialPositionInStreamExtended "
               "(epoch seconds)"_s;
    }

    void badValuesNameKeyValueAndLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, problem);
        QCOMPARE(problemsOf(QByteArray("applicationName=app\nstreamName=s\n"_ba + line + '\n')), QStringList{problem});
    }

    void everyBadKeyIsReported()
    {
        const auto read = KclApplication::fromProperties(
            parsed("applicationName=app\nstreamName=s\nmaxRecords=0\nfailoverTimeMillis=1\n"));
        const auto &problems = std::get<KclApplication::Problems>(read);
        QCOMPARE(problems.size(), 2);
        QCOMPARE(problems[0].key, u"maxRecords"_s);
        QCOMPARE(problems[0].where, u"test.properties:3"_s);
        QCOMPARE(problems[1].key, u"failoverTimeMillis"_s);
    }
};

QTEST_GUILESS_MAIN(TestKclApplication)
#include "test_kcl_application.moc"

#include "StreamSettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qmld::JavaProperties;
using qmld::ui::StreamSettings;
using Field = StreamSettings::Field;

class TestStreamSettings : public QObject
{
    Q_OBJECT

private:
    static StreamSettings sample()
    {
        StreamSettings s;
        s.name = u"orders"_s;
        s.applicationName = u"orders-app"_s;
        s.streamName = u"orders-stream"_s;
        s.region = u"eu-west-1"_s;
        s.initialPosition = u"AT_TIMESTAMP"_s;
        s.atTimestampMs = 1700000000000;
        s.maxRecords = 500;
        s.idleTimeBetweenReadsMillis = 250;
        s.failoverTimeMillis = 20000;
        s.daemon = u"kcl-v2"_s;
        s.javaClasspath = u"/opt/kcl/*"_s;
        s.credentialsProvider = u"ProfileCredentialsProvider"_s;
        s.workerId = u"worker-1"_s;
        s.storePath = u"/tmp/store.sqlite"_s;
        s.checkpointMode = StreamSettings::CheckpointMode::EveryRecords;
        s.checkpointEvery = 1000;
        s.otherProperties.set(u"kinesisEndpoint"_s, u"http://127.0.0.1:4567"_s);
        s.otherProperties.set(u"metricsLevel"_s, u"NONE"_s);
        return s;
    }

    static void compare(const StreamSettings &a, const StreamSettings &b)
    {
        QCOMPARE(a.name, b.name);
        QCOMPARE(a.applicationName, b.applicationName);
        QCOMPARE(a.streamName, b.streamName);
        QCOMPARE(a.region, b.region);
        QCOMPARE(a.initialPosition, b.initialPosition);
        QCOMPARE(a.atTimestampMs, b.atTimestampMs);
        QCOMPARE(a.maxRecords, b.maxRecords);
        QCOMPARE(a.idleTimeBetweenReadsMillis, b.idleTimeBetweenReadsMillis);
        QCOMPARE(a.failoverTimeMillis, b.failoverTimeMillis);
        QCOMPARE(a.daemon, b.daemon);
        QCOMPARE(a.javaClasspath, b.javaClasspath);
        QCOMPARE(a.credentialsProvider, b.credentialsProvider);
        QCOMPARE(a.workerId, b.workerId);
        QCOMPARE(a.storePath, b.storePath);
        QCOMPARE(a.checkpointMode, b.checkpointMode);
        QCOMPARE(a.checkpointEvery, b.checkpointEvery);
        QCOMPARE(a.otherProperties.toByteArray(), b.otherProperties.toByteArray());
    }

private Q_SLOTS:
    void kclKeys()
    {
        const JavaProperties p = sample().toProperties();
        QCOMPARE(p.value(u"executableName"), u"qmld-connect"_s);
        QCOMPARE(p.value(u"applicationName"), u"orders-app"_s);
        QCOMPARE(p.value(u"streamName"), u"orders-stream"_s);
        QCOMPARE(p.value(u"regionName"), u"eu-west-1"_s);
        QCOMPARE(p.value(u"initialPositionInStream"), u"AT_TIMESTAMP"_s);
        QCOMPARE(p.value(u"initialPositionInStreamExtended"), u"1700000000"_s);
        QCOMPARE(p.value(u"timestampAtInitialPositionInStream"), u"1700000000"_s);
        QCOMPARE(p.value(u"maxRecords"), u"500"_s);
        QCOMPARE(p.value(u"idleTimeBetweenReadsInMillis"), u"250"_s);
        QCOMPARE(p.value(u"failoverTimeMillis"), u"20000"_s);
        QCOMPARE(p.value(u"AWSCredentialsProvider"), u"ProfileCredentialsProvider"_s);
        QCOMPARE(p.value(u"workerId"), u"worker-1"_s);
        QCOMPARE(p.value(u"qmldStore"), u"/tmp/store.sqlite"_s);
        QCOMPARE(p.value(u"kinesisEndpoint"), u"http://127.0.0.1:4567"_s); // keys without a field go to the daemon
        QCOMPARE(p.value(u"metricsLevel"), u"NONE"_s);

        StreamSettings plain;
        plain.applicationName = u"a"_s;
        plain.streamName = u"arn:aws:kinesis:us-east-1:123456789012:stream/s"_s;
        const JavaProperties q = plain.toProperties();
        QCOMPARE(q.value(u"streamArn"), plain.streamName);
        QVERIFY(!q.contains(u"streamName"));
        QVERIFY(!q.contains(u"initialPositionInStreamExtended"));
        QVERIFY(!q.contains(u"qmldStore"));
        QVERIFY(!q.contains(u"workerId"));
    }

    void roundTripInMemory()
    {
        QString error;
        const auto back = StreamSettings::fromProperties(sample().toProperties(), &error);
        QVERIFY2(back, qPrintable(error));
        compare(*back, sample());
    }

    void roundTripThroughFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"orders.properties"_s);
        QString error;
        QVERIFY2(sample().toProperties().save(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error),
                 qPrintable(error));
        const auto loaded = JavaProperties::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        const auto back = StreamSettings::fromProperties(*loaded, &error);
        QVERIFY2(back, qPrintable(error));
        compare(*back, sample());
    }

    void importKeepsKeysWithoutAField()
    {
        const auto p = JavaProperties::parse("applicationName=a\nstreamName=s\nfooBar = 1\n"
                                             "dynamoDBEndpoint = http://127.0.0.1:4568\nmaxRecords = 7\n",
                                             u"f.properties"_s);
        QVERIFY(p);
        QString error;
        const auto s = StreamSettings::fromProperties(*p, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->otherProperties.keys(), (QStringList{u"fooBar"_s, u"dynamoDBEndpoint"_s}));
        QCOMPARE(s->maxRecords, 7);
        const JavaProperties out = s->toProperties();
        QCOMPARE(out.value(u"fooBar"), u"1"_s);
        QCOMPARE(out.value(u"dynamoDBEndpoint"), u"http://127.0.0.1:4568"_s);
        QCOMPARE(out.value(u"maxRecords"), u"7"_s);
    }

    void importRefusesWhatTheDaemonsRefuse()
    {
        const auto p = JavaProperties::parse("applicationName=a\nstreamName=s\nfailoverTimeMillis = 50\n",
                                             u"f.properties"_s);
        QVERIFY(p);
        QString error;
        QVERIFY(!StreamSettings::fromProperties(*p, &error));
        QCOMPARE(error, u"f.properties:3: failoverTimeMillis = '50' is not valid: expected a whole number of at least 100"_s);
    }

    void importBadValueNamesFileLineAndKey()
    {
        const QByteArray text = "# orders\napplicationName = orders\nstreamName = s\nmaxRecords = lots\n";
        QString error;
        const auto p = JavaProperties::parse(text, u"/x/orders.properties"_s, &error);
        QVERIFY2(p, qPrintable(error));
        QVERIFY(!StreamSettings::fromProperties(*p, &error));
        QVERIFY2(error.contains(u"/x/orders.properties:4"_s), qPrintable(error));
        QVERIFY2(error.contains(u"maxRecords"_s), qPrintable(error));
        QVERIFY2(error.contains(u"lots"_s), qPrintable(error));
    }

    void importBadInitialPosition()
    {
        const QByteArray text = "applicationName=a\nstreamName=s\ninitialPositionInStream=OLDEST\n";
        const auto p = JavaProperties::parse(text, u"f.properties"_s);
        QVERIFY(p);
        QString error;
        QVERIFY(!StreamSettings::fromProperties(*p, &error));
        QVERIFY2(error.contains(u"f.properties:3"_s) && error.contains(u"initialPositionInStream"_s),
                 qPrintable(error));
    }

    void importMalformedFileNamesLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"broken.properties"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("applicationName=a\nstreamName=s\nworkerId=bad\\u12\n");
        file.close();
        QString error;
        QVERIFY(!JavaProperties::load(path, &error));
        QVERIFY2(error.contains(path + u":3"_s), qPrintable(error));
    }

    void importNotKcl()
    {
        const auto p = JavaProperties::parse("color=blue\n", u"other.properties"_s);
        QVERIFY(p);
        QString error;
        QVERIFY(!StreamSettings::fromProperties(*p, &error));
        QVERIFY2(error.contains(u"other.properties"_s), qPrintable(error));
    }

    void importDefaultsAndArn()
    {
        const auto p = JavaProperties::parse(
            "applicationName=a\nstreamArn=arn:aws:kinesis:us-east-1:123456789012:stream/s\n"
            "initialPositionInStreamExtended=1700000000.5\n");
        QVERIFY(p);
        QString error;
        const auto s = StreamSettings::fromProperties(*p, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->streamName, u"arn:aws:kinesis:us-east-1:123456789012:stream/s"_s);
        QCOMPARE(s->initialPosition, u"AT_TIMESTAMP"_s);
        QCOMPARE(s->atTimestampMs, 1700000000500);
        QCOMPARE(s->maxRecords, 10000);
        QCOMPARE(s->daemon, u"embedded"_s);
        QCOMPARE(s->checkpointMode, StreamSettings::CheckpointMode::EverySeconds);
    }

    void validateMessages()
    {
        StreamSettings s = sample();
        s.storePath.clear();
        QVERIFY2(s.validate().isEmpty(), qPrintable(s.validate().values().join(u"; "_s)));

        s.maxRecords = 0;
        // The wording qmld run and qmld-daemon use for the same value.
        QCOMPARE(s.validate().value(Field::MaxRecords),
                 u"maxRecords = '0' is not valid: expected a whole number from 1 to 10000"_s);
        s.maxRecords = 10001;
        QVERIFY(s.validate().contains(Field::MaxRecords));
        s.maxRecords = 10000;

        s.failoverTimeMillis = 0;
        s.idleTimeBetweenReadsMillis = 0;
        s.applicationName.clear();
        s.streamName = u"no spaces allowed"_s;
        s.region = u"Mars"_s;
        s.daemon = u"java -jar x.jar"_s; // a custom command without {properties}
        s.credentialsProvider.clear();
        s.checkpointEvery = 0;
        const auto errors = s.validate();
        for (Field field : {Field::FailoverTime, Field::IdleTime, Field::ApplicationName, Field::StreamName,
                            Field::Region, Field::Daemon, Field::CredentialsProvider, Field::CheckpointEvery})
            QVERIFY2(errors.contains(field), qPrintable(QString::number(int(field))));
        QVERIFY(errors.value(Field::FailoverTime).contains(u"failoverTimeMillis"_s));
        QVERIFY(errors.value(Field::Region).contains(u"Mars"_s));
        QCOMPARE(errors.size(), 8);

        s = sample();
        s.storePath.clear();
        s.checkpointMode = StreamSettings::CheckpointMode::Off;
        s.checkpointEvery = 0; // ignored when off
        QVERIFY(s.validate().isEmpty());
    }

    void validateNameAndTimestamp()
    {
        StreamSettings s = sample();
        s.storePath.clear();
        QVERIFY(s.validate({u"Orders"_s}).contains(Field::Name));
        QVERIFY(!s.validate({u"payments"_s}).contains(Field::Name));
        s.name = u"  "_s;
        QVERIFY(s.validate().contains(Field::Name));
        s.name = u"x"_s;
        s.atTimestampMs = 0;
        QVERIFY(s.validate().contains(Field::AtTimestamp));
        s.initialPosition = u"OLDEST"_s;
        QVERIFY(s.validate().contains(Field::InitialPosition));
        s.initialPosition = u"LATEST"_s;
        QVERIFY(s.validate().isEmpty());
        s.daemon = u"embedded"_s;
        s.region.clear(); // the embedded daemon needs no region
        QVERIFY(s.validate().isEmpty());
        s.daemon = u"kcl-v2"_s;
        QVERIFY(s.validate().contains(Field::Region));
        s.storePath = u"/no/such/folder/store.sqlite"_s;
        QVERIFY(s.validate().value(Field::StorePath).contains(u"/no/such/folder"_s));
    }

    void qsettingsRoundTrip()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"console.ini"_s), QSettings::IniFormat);
        StreamSettings second;
        second.name = u"demo"_s;
        second.applicationName = u"demo-app"_s;
        second.streamName = u"demo"_s;
        second.lagAlertSeconds = 30; // the console's own setting, kept with the console
        qmld::ui::saveStreamSettings(settings, {sample(), second, second});
        qmld::ui::saveStreamSettings(settings, {sample(), second}); // shrinking drops the third
        settings.sync();

        QSettings reread(dir.filePath(u"console.ini"_s), QSettings::IniFormat);
        const QList<StreamSettings> streams = qmld::ui::loadStreamSettings(reread);
        QCOMPARE(streams.size(), 2);
        compare(streams[0], sample());
        compare(streams[1], second);
        QCOMPARE(streams[1].lagAlertSeconds, 30);
        QCOMPARE(streams[0].lagAlertSeconds, 0);
    }

    void lagAlertRange()
    {
        StreamSettings s = sample();
        s.storePath.clear();
        s.lagAlertSeconds = 0; // off
        QVERIFY(!s.validate().contains(StreamSettings::Field::LagAlert));
        s.lagAlertSeconds = -1;
        QVERIFY(s.validate().contains(StreamSettings::Field::LagAlert));
    }
};

QTEST_GUILESS_MAIN(TestStreamSettings)
#include "test_stream_settings.moc"

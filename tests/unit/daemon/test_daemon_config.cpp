#include "daemon/consumer/DaemonConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qmld::daemon::ConfigExit;
using qmld::daemon::DaemonConfig;
using qmld::daemon::DaemonConfigReader;

class TestDaemonConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QByteArray &text)
    {
        const QString path = m_dir.filePath(u"app.properties"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write the properties file");
        file.write(text);
        return path;
    }

    static QByteArray required() { return "applicationName = app\nstreamName = s\nexecutableName = /bin/cat  -u\n"; }

private Q_SLOTS:
    void defaultsAreKcl2()
    {
        const auto result = DaemonConfigReader::fromArguments({u"--properties-file"_s, write(required())});
        QVERIFY(std::holds_alternative<DaemonConfig>(result));
        const auto &config = std::get<DaemonConfig>(result);
        QCOMPARE(config.leaseTableName, u"app"_s);
        QCOMPARE(config.command, (QStringList{u"/bin/cat"_s, u"-u"_s}));
        QCOMPARE(config.initialPosition.kind(), qmld::SequenceNumber::Kind::Latest);
        QCOMPARE(config.maxRecords, 10000);
        QCOMPARE(config.idleTimeBetweenReads.count(), 1500);
        QCOMPARE(config.failoverTime.count(), 10000);
        QCOMPARE(config.shardSyncInterval.count(), 60000);
        QCOMPARE(config.parentShardPollInterval.count(), 10000);
        QVERIFY(config.cleanupLeasesUponShardCompletion);
        QVERIFY(!config.callProcessRecordsEvenForEmptyRecordList);
        QVERIFY(!config.timeout);
        QCOMPARE(config.shutdownGrace.count(), 0);
        QCOMPARE(config.shutdownBound(), DaemonConfig::kZeroGraceBound);
        QCOMPARE(config.workerId.size(), 36); // a random UUID
    }

    void v1ShapeAndValues()
    {
        const QString path = write(required()
                                   + "tableName = t\nworkerId = w1\nmaxRecords = 5\ntimeoutInSeconds = 3\n"
                                     "timestampAtInitialPositionInStream = 1700000000\n"
                                     "callProcessRecordsEvenForEmptyRecordList = true\nqmldStore = /tmp/x.sqlite\n"
                                     "someOtherKey = 1\n");
        const auto result = DaemonConfigReader::fromArguments({path});
        QVERIFY(std::holds_alternative<DaemonConfig>(result));
        const auto &config = std::get<DaemonConfig>(result);
        QCOMPARE(config.leaseTableName, u"t"_s);
        QCOMPARE(config.workerId, u"w1"_s);
        QCOMPARE(config.maxRecords, 5);
        QCOMPARE(config.timeout->count(), 3);
        QCOMPARE(config.initialPosition.kind(), qmld::SequenceNumber::Kind::AtTimestamp);
        QCOMPARE(config.atTimestampMs, std::optional<std::int64_t>(1700000000000LL));
        QVERIFY(config.callProcessRecordsEvenForEmptyRecordList);
        QCOMPARE(config.storePath, u"/tmp/x.sqlite"_s);
    }

    void helpMentionsExitCodeOne()
    {
        const auto result = DaemonConfigReader::fromArguments({u"--help"_s});
        const auto &exit = std::get<ConfigExit>(result);
        QCOMPARE(exit.exitCode, 0);
        QVERIFY(exit.message.contains(u"exit\ncode 1"_s) || exit.message.contains(u"exit code 1"_s));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing applicationName")
            << QByteArray("streamName = s\nexecutableName = /bin/cat\n") << u"applicationName is missing"_s;
        QTest::newRow("missing executableName")
            << QByteArray("applicationName = a\nstreamName = s\n") << u"executableName is missing"_s;
        QTest::newRow("maxRecords too big") << required() + "maxRecords = 10001\n"
                                            << u"app.properties:4: maxRecords = '10001' is not valid"_s;
        QTest::newRow("bad number") << required() + "failoverTimeMillis = ten\n"
                                    << u"app.properties:4: failoverTimeMillis = 'ten'"_s;
        QTest::newRow("bad boolean") << required() + "cleanupLeasesUponShardCompletion = maybe\n"
                                     << u"cleanupLeasesUponShardCompletion = 'maybe'"_s;
        QTest::newRow("bad position") << required() + "initialPositionInStream = OLDEST\n"
                                      << u"initialPositionInStream = 'OLDEST'"_s;
        QTest::newRow("AT_TIMESTAMP without time") << required() + "initialPositionInStream = AT_TIMESTAMP\n"
                                                   << u"needs initialPositionInStreamExtended"_s;
        QTest::newRow("bad timestamp") << required() + "initialPositionInStreamExtended = soon\n"
                                       << u"initialPositionInStreamExtended = 'soon'"_s;
        QTest::newRow("executable not found")
            << QByteArray("applicationName = a\nstreamName = s\nexecutableName = /no/such/program x\n")
            << u"app.properties:3: executableName = '/no/such/program x': cannot run '/no/such/program'"_s;
    }

    void badInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto result = DaemonConfigReader::fromArguments({u"-p"_s, write(text)});
        QVERIFY(std::holds_alternative<ConfigExit>(result));
        const auto &exit = std::get<ConfigExit>(result);
        QCOMPARE(exit.exitCode, 1);
        QVERIFY2(exit.message.contains(expected), qPrintable(exit.message));
        QVERIFY(!exit.message.contains(u'\n'));
    }

    void badCommandLines()
    {
        for (const QStringList &arguments :
             {QStringList{}, QStringList{u"--properties-file"_s}, QStringList{u"--bogus"_s, u"x"_s},
              QStringList{u"a"_s, u"b"_s}, QStringList{m_dir.filePath(u"missing.properties"_s)}}) {
            const auto result = DaemonConfigReader::fromArguments(arguments);
            QVERIFY(std::holds_alternative<ConfigExit>(result));
            QCOMPARE(std::get<ConfigExit>(result).exitCode, 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestDaemonConfig)
#include "test_daemon_config.moc"

// One KCL application model: `qmld run`, qmld-daemon and the console read the
// same .properties file the same way, and refuse the same values with the same
// message (issue: the rules were written three times and disagreed).

#include "ProgramRun.h"
#include "daemon/consumer/DaemonConfig.h"
#include "settings/StreamSettings.h"

#include <qmld/StreamHost.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qmld::JavaProperties;
using qmld::test::runProgram;
using qmld::ui::StreamSettings;

class TestPropertiesAgree : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path;
    }

    QByteArray required() const
    {
        return "applicationName = app\nstreamName = s\nexecutableName = /bin/cat\nqmldStore = "
            + m_dir.filePath(u"store.sqlite"_s).toUtf8() + '\n';
    }

    static std::optional<StreamSettings> imported(const QString &path, QString *error)
    {
        const auto properties = JavaProperties::load(path, error);
        return properties ? StreamSettings::fromProperties(*properties, error) : std::nullopt;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aRefusedValueIsRefusedEverywhereAlike_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("what");
        QTest::newRow("failover 50") << "failoverTimeMillis = 50"_ba
                                     << u"failoverTimeMillis = '50' is not valid: expected a whole number of at least 100"_s;
        QTest::newRow("idle 0") << "idleTimeBetweenReadsInMillis = 0"_ba
                                << u"idleTimeBetweenReadsInMillis = '0' is not valid: expected a whole number of at least 1"_s;
        QTest::newRow("AT_TIMESTAMP without a time")
            << "initialPositionInStream = AT_TIMESTAMP"_ba
            << u"initialPositionInStream = AT_TIMESTAMP needs initialPositionInStreamExtended (epoch seconds)"_s;
    }

    void aRefusedValueIsRefusedEverywhereAlike()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, what);
        const QString path = write(u"refused.properties"_s, required() + line + '\n');
        const QString expected = path + u":5: "_s + what;

        const auto run = runProgram(u"qmld"_s, {u"run"_s, u"--properties"_s, path, u"--mld"_s, u"embedded"_s,
                                                u"--processor"_s, u"null"_s});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(QString::fromUtf8(run.err).trimmed(), u"qmld run: "_s + expected);

        const auto daemon = runProgram(u"qmld-daemon"_s, {u"--properties-file"_s, path});
        QCOMPARE(daemon.exitCode, 1);
        QCOMPARE(QString::fromUtf8(daemon.err).trimmed(), u"qmld-daemon: "_s + expected);

        QString error;
        QVERIFY(!imported(path, &error));
        QCOMPARE(error, expected);
    }

    // The console watches the table the daemon writes.
    void everyoneFindsTheSameLeaseTable_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("table");
        QTest::newRow("tableName with spaces") << "tableName =   leases   "_ba << u"leases"_s;
        QTest::newRow("blank tableName") << "tableName =    "_ba << u"app"_s;
        QTest::newRow("leaseTableName") << "leaseTableName = l3"_ba << u"l3"_s;
    }

    void everyoneFindsTheSameLeaseTable()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, table);
        const QString path = write(u"table.properties"_s, required() + line + '\n');

        const auto daemon = qmld::daemon::DaemonConfigReader::fromPropertiesFile(path);
        QVERIFY(std::holds_alternative<qmld::daemon::DaemonConfig>(daemon));
        QCOMPARE(std::get<qmld::daemon::DaemonConfig>(daemon).leaseTableName, table);

        QString error;
        const auto settings = imported(path, &error);
        QVERIFY2(settings, qPrintable(error));
        const auto watched = qmld::leaseSourceFor(settings->toProperties());
        QVERIFY(watched);
        QCOMPARE(watched->tableName, table);
    }

    // A key qmld has no use for goes to the daemon as it is, from qmld run and from the console.
    void anUnknownKeyReachesTheDaemon()
    {
        const QString path = write(u"unknown.properties"_s, required() + "someFutureKclKey = 42\n");
        QVERIFY(std::holds_alternative<qmld::daemon::DaemonConfig>(
            qmld::daemon::DaemonConfigReader::fromPropertiesFile(path)));

        // A daemon that keeps a copy of the properties file it was handed, then waits.
        const QString copy = m_dir.filePath(u"handed.properties"_s);
        const QString daemon = u"/bin/sh -c \"cp $0 %1 && exec sleep 60\" {properties}"_s.arg(copy);
        QProcess run;
        run.start(qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld"_s,
                  {u"run"_s, u"--properties"_s, path, u"--mld"_s, daemon, u"--processor"_s, u"null"_s});
        QVERIFY(run.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(copy), 20000);
        run.terminate(); // qmld run stops its daemon's process group on SIGTERM
        QVERIFY(run.waitForFinished(20000));
        const auto handed = JavaProperties::load(copy);
        QVERIFY(handed);
        QCOMPARE(handed->value(u"someFutureKclKey"), u"42"_s);

        QString error;
        const auto settings = imported(path, &error);
        QVERIFY2(settings, qPrintable(error));
        QCOMPARE(settings->toProperties().value(u"someFutureKclKey"), u"42"_s);
    }
};

QTEST_GUILESS_MAIN(TestPropertiesAgree)
#include "test_properties_agree.moc"

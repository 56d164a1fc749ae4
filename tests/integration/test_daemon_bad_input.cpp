// qmld-daemon given bad input, as a user meets it: the real binary, exit code 1
// and one line on stderr that says what and where. The parsing rules for every
// key are in tests/unit/daemon/test_daemon_config.cpp; this checks that the
// process really reports them, and that a corrupt store is named and left alone.

#include <qmld/StreamStore.h>

#include <ProcessGuard.h>

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray err;
};

} // namespace

class TestDaemonBadInput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;

    QString writeProperties(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path;
    }

    QByteArray required(const QString &store) const
    {
        return "applicationName = app\nstreamName = s\nexecutableName = /bin/cat\nqmldStore = " + store.toUtf8()
             + "\n";
    }

    static Run daemon(const QStringList &arguments)
    {
        QProcess process;
        process.setStandardOutputFile(QProcess::nullDevice());
        process.start(qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld-daemon"_s, arguments);
        if (!process.waitForFinished(30000)) {
            qmld::test::stopAndReap(process); // its children too
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardError()};
    }

    // Exit code 1, and exactly one line on stderr holding every one of `parts`.
    static void expectOneLine(const Run &run, const QList<QByteArray> &parts)
    {
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.endsWith('\n') && run.err.count('\n') == 1, run.err.constData());
        for (const QByteArray &part : parts)
            QVERIFY2(run.err.contains(part), qPrintable(u"'%1' does not mention '%2'"_s.arg(
                                                 QString::fromUtf8(run.err.trimmed()), QString::fromUtf8(part))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath(u"store.sqlite"_s);
        QVERIFY(qmld::StreamStore::open(m_storePath)->createStream(u"s"_s, 1));
    }

    void corruptStoreIsNamedAndLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("garbage");
        QByteArray random(8192, Qt::Uninitialized);
        QRandomGenerator generator(20240601);
        for (char &byte : random)
            byte = char(generator.bounded(256));
        QTest::newRow("random bytes") << random;
        // Looks like SQLite at first glance, then is not.
        QTest::newRow("SQLite header, garbage after") << QByteArray("SQLite format 3\0", 16) + random;
    }

    void corruptStoreIsNamedAndLeftAlone()
    {
        QFETCH(QByteArray, garbage);
        const QString corrupt = m_dir.filePath(u"corrupt.sqlite"_s);
        {
            QFile file(corrupt);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(garbage);
        }
        const QString properties = writeProperties(u"corrupt.properties"_s, required(corrupt));
        for (const QStringList &arguments : {QStringList{u"--properties-file"_s, properties}, QStringList{properties}})
            expectOneLine(daemon(arguments), {corrupt.toUtf8()});
        QFile file(corrupt);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), garbage); // nothing was "repaired" over the user's file
    }

    void executableNotFound()
    {
        const QString properties = writeProperties(
            u"noexec.properties"_s, "applicationName = app\nstreamName = s\nexecutableName = /no/such/child --flag\n"
                                    "qmldStore = " + m_storePath.toUtf8() + "\n");
        expectOneLine(daemon({u"--properties-file"_s, properties}),
                      {"noexec.properties", "executableName", "/no/such/child"});
    }

    void badNumberNamesKeyAndValue()
    {
        const QString properties =
            writeProperties(u"badnumber.properties"_s, required(m_storePath) + "failoverTimeMillis = 10s\n");
        expectOneLine(daemon({u"--properties-file"_s, properties}),
                      {"badnumber.properties", "failoverTimeMillis", "10s"});
    }

    void missingKeyIsNamed()
    {
        const QString properties = writeProperties(
            u"nostream.properties"_s, "applicationName = app\nexecutableName = /bin/cat\nqmldStore = "
                                          + m_storePath.toUtf8() + "\n");
        expectOneLine(daemon({properties}), {"nostream.properties", "streamName"});
    }
};

QTEST_GUILESS_MAIN(TestDaemonBadInput)
#include "test_daemon_bad_input.moc"

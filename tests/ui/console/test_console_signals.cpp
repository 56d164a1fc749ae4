// qmld-console quits on SIGTERM, SIGINT and SIGHUP as File → Quit does: the
// real console (offscreen) runs a saved stream through the embedded daemon
// with a plugin that writes down every call its processors get; after the
// signal every shard's processor got shutdownRequested, the lease table
// holds the last record each shard processed (the policy's final
// checkpoint: its threshold is never reached), the console exits 0, and no
// process or runtime folder of it is left.

#include <EventLog.h>
#include <PluginPaths.h>
#include <ProcessGuard.h>
#include <ProcessProbe.h>

#include "settings/StreamSettings.h"

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

constexpr int kShards = 3;
constexpr int kRecordsPerShard = 40;

using Events = test::EventLog;

} // namespace

class TestConsoleSignals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quitsGracefully_data();
    void quitsGracefully();
};

void TestConsoleSignals::quitsGracefully_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGHUP") << int(SIGHUP);
}

void TestConsoleSignals::quitsGracefully()
{
    QFETCH(int, signalNumber);
    const QString plugin = test::pluginPath(u"qmld-test-event-log"_s);
    QVERIFY2(QFile::exists(plugin), qPrintable(u"the test plugin is missing: "_s + plugin));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString storePath = dir.filePath(u"store.qmld"_s);
    const QString eventsPath = dir.filePath(u"events.txt"_s);
    const QString runtime = dir.filePath(u"runtime"_s);
    const QString config = dir.filePath(u"config"_s);
    QVERIFY(QDir().mkpath(runtime) && QDir().mkpath(config + u"/qmld"_s));
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    {
        auto store = StreamStore::open(storePath);
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        auto created = store->createStream(u"orders"_s, kShards);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        for (int i = 0; i < kShards * kRecordsPerShard; ++i) {
            PutRequest put;
            put.partitionKey = "key-" + QByteArray::number(i);
            put.data = "order " + QByteArray::number(i);
            auto done = store->putRecord(u"orders"_s, put);
            QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        }
    }

    // The console's saved streams, where it reads them ($XDG_CONFIG_HOME/qmld/qmld-console.conf).
    ui::StreamSettings stream;
    stream.name = u"orders"_s;
    stream.applicationName = u"orders-app"_s;
    stream.streamName = u"orders"_s;
    stream.workerId = u"console-under-test"_s;
    stream.storePath = storePath;
    stream.idleTimeBetweenReadsMillis = 100;
    stream.processorPlugin = plugin;
    stream.processorArgument = eventsPath;
    stream.checkpointMode = ui::StreamSettings::CheckpointMode::EveryRecords;
    stream.checkpointEvery = 1000000; // never reached: only the final checkpoint lands
    {
        QSettings settings(config + u"/qmld/qmld-console.conf"_s, QSettings::IniFormat);
        ui::saveStreamSettings(settings, {stream});
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

    QProcess console;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, config);
    environment.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    console.setProcessEnvironment(environment);
    console.setStandardOutputFile(QProcess::nullDevice());
    console.setStandardErrorFile(dir.filePath(u"console.stderr"_s));
    console.start(qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld-console"_s,
                  {u"--store"_s, storePath, u"--start"_s, u"orders"_s, u"--lang"_s, u"en"_s});
    QVERIFY2(console.waitForStarted(), qPrintable(console.errorString()));
    const auto reaper = qScopeGuard([&console] {
        if (console.state() == QProcess::NotRunning)
            return;
        console.kill(); // SIGKILL: its daemons follow by their parent-death signal
        console.waitForFinished();
    });
    const auto stderrText = [&] {
        QFile file(dir.filePath(u"console.stderr"_s));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };

    // Every shard served here and every record processed.
    const auto allProcessed = [&] {
        if (console.state() != QProcess::Running)
            return true; // and the check below says so
        const Events events = test::readEventLog(eventsPath);
        if (events.initialized.size() != kShards)
            return false;
        auto store = StreamStore::open(storePath, StreamStore::OpenMode::MustExist);
        if (!store)
            return false;
        for (const QString &shard : events.initialized) {
            auto read = store->readRecords(u"orders"_s, shard, ShardPosition::trimHorizon(), 10000);
            if (!read || read->records.empty() || events.lastRecord.value(shard)
                                                      != read->records.back().sequenceNumber.toString())
                return false;
        }
        return true;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(allProcessed(), qPrintable(stderrText()), 60000);
    QVERIFY2(console.state() == QProcess::Running, qPrintable(stderrText()));
    const QList<qint64> below = test::descendantsOf(console.processId());
    QVERIFY2(below.size() >= 1 + kShards, "expected the daemon and a qmld-connect per shard below the console");
    QCOMPARE(QDir(runtime).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);

    QVERIFY(test::signalProcess(console, signalNumber));
    QVERIFY2(console.waitForFinished(30000), "the console did not quit within 30 s");
    QCOMPARE(console.exitStatus(), QProcess::NormalExit);
    QVERIFY2(console.exitCode() == 0, qPrintable(stderrText()));

    const Events events = test::readEventLog(eventsPath);
    QCOMPARE(events.shutdownRequested, events.initialized);
    auto table = LeaseTable::open(storePath, u"orders-app"_s, StreamStore::OpenMode::MustExist);
    QVERIFY2(table, table ? "" : qPrintable(table.error().message));
    for (const QString &shard : events.initialized) {
        auto lease = table->lease(shard);
        QVERIFY2(lease && lease->has_value(), qPrintable(shard));
        QCOMPARE((*lease)->checkpoint.toString(), events.lastRecord.value(shard));
    }
    for (qint64 pid : below)
        QTRY_VERIFY2_WITH_TIMEOUT(!test::isAlive(pid), qPrintable(u"process %1 outlived the console"_s.arg(pid)), 10000);
    QCOMPARE(QDir(runtime).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

QTEST_GUILESS_MAIN(TestConsoleSignals)

#include "test_console_signals.moc"

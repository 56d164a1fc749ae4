// Editing or removing a running stream in the console stops its daemon the
// graceful way, in the background: the call returns while the old daemon
// is still stopping, every shard's processor gets shutdownRequested (and
// the policy's final checkpoint lands), and nothing is SIGKILLed. The
// stream runs a processor plugin, loaded on the stream's own thread, that
// writes down every call its processors get.

#include <EventLog.h>
#include <PluginPaths.h>
#include <ProcessProbe.h>

#include "ConsoleTestMain.h"
#include "console/ConsoleStreams.h"

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

namespace {

constexpr int kShards = 3;

using Events = test::EventLog;

// Every message that says a process group was SIGKILLed.
QMutex killsMutex;
QStringList kills;
QtMessageHandler previousHandler = nullptr;
void watchForKills(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(u"SIGKILL"_s)) {
        QMutexLocker lock(&killsMutex);
        kills << message;
    }
    previousHandler(type, context, message);
}
QStringList killsSoFar()
{
    QMutexLocker lock(&killsMutex);
    return kills;
}

} // namespace

class TestConsoleStreamStop : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;
    int m_puts = 0;

    void put(int records)
    {
        auto store = StreamStore::open(m_storePath);
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        for (int i = 0; i < records; ++i, ++m_puts) {
            PutRequest request;
            request.partitionKey = "key-" + QByteArray::number(m_puts);
            request.data = "record " + QByteArray::number(m_puts);
            auto done = store->putRecord(u"orders"_s, request);
            QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        }
    }

    StreamSettings settingsWith(const QString &eventsPath) const
    {
        StreamSettings stream;
        stream.name = u"orders"_s;
        stream.applicationName = u"orders-app"_s;
        stream.streamName = u"orders"_s;
        stream.workerId = u"console"_s;
        stream.storePath = m_storePath;
        stream.idleTimeBetweenReadsMillis = 100;
        stream.failoverTimeMillis = 2000;
        stream.processorPlugin = test::pluginPath(u"qmld-test-event-log"_s);
        stream.processorArgument = eventsPath;
        stream.checkpointMode = StreamSettings::CheckpointMode::EveryRecords;
        stream.checkpointEvery = 1000000; // only the final checkpoint lands
        return stream;
    }

    // Every shard served and everything put so far processed.
    bool allProcessed(const QString &eventsPath) const
    {
        const Events events = test::readEventLog(eventsPath);
        if (events.initialized.size() != kShards)
            return false;
        auto store = StreamStore::open(m_storePath, StreamStore::OpenMode::MustExist);
        if (!store)
            return false;
        for (const QString &shard : events.initialized) {
            auto read = store->readRecords(u"orders"_s, shard, ShardPosition::trimHorizon(), 100000);
            if (!read || read->records.empty()
                || events.lastRecord.value(shard) != read->records.back().sequenceNumber.toString())
                return false;
        }
        return true;
    }

    // After the old daemon is gone: every shard it served heard
    // shutdownRequested, and its last record is the lease's checkpoint.
    void checkGracefulEnd(const QString &eventsPath)
    {
        const Events events = test::readEventLog(eventsPath);
        QCOMPARE(events.initialized.size(), kShards);
        QCOMPARE(events.shutdownRequested, events.initialized);
        auto table = LeaseTable::open(m_storePath, u"orders-app"_s, StreamStore::OpenMode::MustExist);
        QVERIFY2(table, table ? "" : qPrintable(table.error().message));
        for (const QString &shard : events.initialized) {
            auto lease = table->lease(shard);
            QVERIFY2(lease && lease->has_value(), qPrintable(shard));
            QCOMPARE((*lease)->checkpoint.toString(), events.lastRecord.value(shard));
        }
        QVERIFY2(killsSoFar().isEmpty(), qPrintable(killsSoFar().join(u"; "_s)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(test::pluginPath(u"qmld-test-event-log"_s)), "the test plugin is missing");
        m_storePath = m_dir.filePath(u"store.qmld"_s);
        auto store = StreamStore::open(m_storePath);
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        QVERIFY(store->createStream(u"orders"_s, kShards));
        previousHandler = qInstallMessageHandler(watchForKills);
    }

    void editAndRemoveStopGracefully()
    {
        auto streams = std::make_unique<ConsoleStreams>();
        const auto cleanup = qScopeGuard([&] {
            streams->stopAll(std::chrono::seconds(20));
            streams.reset();
            QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(QCoreApplication::applicationPid()).isEmpty(), 10000);
        });
        QStringList configurationErrors;
        connect(streams.get(), &ConsoleStreams::configurationError, this,
                [&](const QString &, const QString &message) { configurationErrors << message; });

        // Running, with a plugin loaded on the stream's thread.
        const QString firstEvents = m_dir.filePath(u"first.txt"_s);
        put(60);
        streams->configure(settingsWith(firstEvents));
        streams->host(u"orders"_s)->start();
        QTRY_VERIFY2_WITH_TIMEOUT(allProcessed(firstEvents), qPrintable(configurationErrors.join(u"; "_s)), 60000);

        // Edit (the same stream, other settings): the call does not wait for the old daemon.
        const QString secondEvents = m_dir.filePath(u"second.txt"_s);
        streams->configure(settingsWith(secondEvents));
        QCOMPARE(streams->retiringCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(streams->retiringCount(), 0, 30000);
        checkGracefulEnd(firstEvents);

        // The edited stream runs, is fed, and is removed.
        put(30);
        streams->host(u"orders"_s)->start();
        QTRY_VERIFY2_WITH_TIMEOUT(allProcessed(secondEvents), qPrintable(configurationErrors.join(u"; "_s)), 60000);
        QSignalSpy retired(streams.get(), &ConsoleStreams::retired);
        streams->remove(u"orders"_s);
        QVERIFY(!streams->host(u"orders"_s));
        QCOMPARE(streams->retiringCount(), 1);
        QVERIFY(retired.wait(30000));
        QCOMPARE(retired.constFirst().constFirst().toString(), u"orders"_s);
        checkGracefulEnd(secondEvents);
        QVERIFY2(configurationErrors.isEmpty(), qPrintable(configurationErrors.join(u"; "_s)));
        QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(QCoreApplication::applicationPid()).isEmpty(), 10000);
    }

    // A plugin that does not load is said, and the stream runs with the inspector.
    void pluginThatDoesNotLoad()
    {
        ConsoleStreams streams;
        QSignalSpy errors(&streams, &ConsoleStreams::configurationError);
        StreamSettings settings = settingsWith(m_dir.filePath(u"unused.txt"_s));
        settings.processorPlugin = m_dir.filePath(u"no-such-plugin.so"_s);
        streams.configure(settings);
        QCOMPARE(errors.size(), 0); // not loaded on this thread
        streams.host(u"orders"_s)->start();
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 10000);
        QVERIFY2(errors.constFirst().at(1).toString().contains(u"no-such-plugin.so"_s),
                 qPrintable(errors.constFirst().at(1).toString()));
        QVERIFY(errors.constFirst().at(1).toString().contains(u"inspector only"_s));
        streams.stopAll(std::chrono::seconds(20));
    }
};

QMLD_CONSOLE_TEST_MAIN(TestConsoleStreamStop)

#include "test_console_stream_stop.moc"

// A processor that throws, anything, from any callback or its factory, fails
// only its own shard: the session ends without a status and with an error
// naming the callback and what() (the event names the shard), while another
// shard served by the same ShardServer goes on, checkpoints and finishes.
// The processors come from the throwing test plugin through the real loader.

#include <DaemonEnd.h>
#include <PluginPaths.h>

#include <qmld/ProcessorPluginLoader.h>
#include <qmld/ShardServer.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

const QString seqA = u"49590338271490256608559692538361571095921575989136588898"_s;
const QString seqB = u"49590338271490256608559692538361571095921575989136588899"_s;

using Daemon = qmld::test::DaemonEnd;

QJsonObject initialize(const QString &shardId)
{
    return {{u"action"_s, u"initialize"_s}, {u"shardId"_s, shardId}, {u"sequenceNumber"_s, u"TRIM_HORIZON"_s},
            {u"subSequenceNumber"_s, 0}};
}

QJsonObject processRecords(const QString &seq)
{
    const QJsonObject record{{u"data"_s, u"eA=="_s}, {u"partitionKey"_s, u"pk"_s}, {u"sequenceNumber"_s, seq},
                             {u"approximateArrivalTimestamp"_s, 1476889707000LL}, {u"subSequenceNumber"_s, 0},
                             {u"action"_s, u"record"_s}};
    return {{u"action"_s, u"processRecords"_s}, {u"records"_s, QJsonArray{record}}, {u"millisBehindLatest"_s, 0}};
}

QJsonObject action(const QString &name)
{
    return {{u"action"_s, name}};
}

QJsonObject reply(const QJsonValue &seq, const QJsonValue &sub)
{
    return {{u"action"_s, u"checkpoint"_s}, {u"sequenceNumber"_s, seq}, {u"subSequenceNumber"_s, sub},
            {u"error"_s, QJsonValue::Null}};
}

bool isStatus(const QJsonObject &o, const QString &responseFor)
{
    return o.value(u"action"_s) == u"status"_s && o.value(u"responseFor"_s) == responseFor;
}

bool isCheckpointRequest(const QJsonObject &o)
{
    return o.value(u"action"_s) == u"checkpoint"_s;
}

} // namespace

class TestProcessorExceptions : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ShardServer> m_server;
    std::unique_ptr<QSignalSpy> m_events;

    QList<SessionEvent> eventsOf(SessionEvent::Kind kind) const
    {
        QList<SessionEvent> out;
        for (const QList<QVariant> &args : *m_events)
            if (const auto e = args.at(0).value<SessionEvent>(); e.kind == kind)
                out << e;
        return out;
    }

private Q_SLOTS:
    void cleanup()
    {
        if (m_server)
            m_server->close();
        m_server.reset();
        m_events.reset();
    }

    void throwingFailsOnlyItsShard_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message"); // what the Failed event says
        for (const QString &kind : {u"std"_s, u"int"_s}) {
            const QString what = kind == u"std"_s ? u"boom"_s : u"unknown exception"_s;
            const auto row = [&](const QString &in, const QString &message) {
                QTest::addRow("%s, %s", qPrintable(in), qPrintable(kind)) << in << kind << message;
            };
            row(u"factory"_s, u"cannot create the processor: processor plugin throwing: "_s + what);
            row(u"confirmation"_s, u"the processor threw in confirmation: "_s + what);
            for (const QString &in : {u"initialize"_s, u"processRecords"_s, u"checkpointed"_s, u"shutdownRequested"_s,
                                     u"shardEnded"_s, u"leaseLost"_s})
                row(in, u"the processor threw in %1: %2"_s.arg(in, what));
        }
    }

    void throwingFailsOnlyItsShard()
    {
        QFETCH(QString, in);
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const QString path = test::pluginPath(u"qmld-test-throwing"_s);
        QString error;
        const RecordProcessorFactory good = ProcessorPluginLoader::load(path, u"in=nowhere"_s, &error);
        QVERIFY2(good, qPrintable(error));
        const RecordProcessorFactory bad =
            ProcessorPluginLoader::load(path, u"in=%1,kind=%2,what=boom"_s.arg(in, kind), &error);
        QVERIFY2(bad, qPrintable(error));
        // The second shard to initialize gets the throwing processor.
        auto calls = std::make_shared<std::atomic<int>>(0);
        ShardServerOptions options;
        options.policy.everyRecords = 1;
        m_server = std::make_unique<ShardServer>([=] { return (*calls)++ == 1 ? bad() : good(); }, options);
        m_events = std::make_unique<QSignalSpy>(m_server.get(), &ShardServer::sessionEvent);
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));

        Daemon healthy;
        QVERIFY(healthy.connectTo(*m_server));
        healthy.sendJson(initialize(u"shardId-000000000000"_s));
        QVERIFY(isStatus(healthy.next(), u"initialize"_s));

        Daemon failing;
        QVERIFY(failing.connectTo(*m_server));
        failing.sendJson(initialize(u"shardId-000000000001"_s));
        const bool failsAtOnce = in == u"factory"_s || in == u"confirmation"_s || in == u"initialize"_s;
        if (!failsAtOnce) {
            QVERIFY(isStatus(failing.next(), u"initialize"_s));
            if (in == u"checkpointed"_s) {
                failing.sendJson(processRecords(seqA));
                QVERIFY(isCheckpointRequest(failing.next()));
                failing.sendJson(reply(seqA, 0));
            } else {
                failing.sendJson(in == u"processRecords"_s ? processRecords(seqA) : action(in));
            }
        }
        QVERIFY(failing.closedByPeer());
        // Nothing after the failure: no status for the exchange in which it threw.
        QCOMPARE(failing.lines.size(), failsAtOnce ? 0 : in == u"checkpointed"_s ? 2 : 1);
        QTRY_COMPARE_WITH_TIMEOUT(eventsOf(SessionEvent::Kind::Failed).size(), 1, 5000);
        const SessionEvent failed = eventsOf(SessionEvent::Kind::Failed).at(0);
        QCOMPARE(failed.shardId, u"shardId-000000000001"_s);
        QCOMPARE(failed.message, message);

        // The other shard, on the same server, is untouched: it processes,
        // checkpoints and ends its shard.
        healthy.sendJson(processRecords(seqB));
        QVERIFY(isCheckpointRequest(healthy.next()));
        healthy.sendJson(reply(seqB, 0));
        QVERIFY(isStatus(healthy.next(), u"processRecords"_s));
        healthy.sendJson(action(u"shardEnded"_s));
        QVERIFY(isCheckpointRequest(healthy.next())); // SHARD_END
        healthy.sendJson(reply(QJsonValue::Null, QJsonValue::Null));
        QVERIFY(isStatus(healthy.next(), u"shardEnded"_s));
        healthy.socket.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(eventsOf(SessionEvent::Kind::Finished).size(), 1, 5000);
        QCOMPARE(eventsOf(SessionEvent::Kind::Finished).at(0).shardId, u"shardId-000000000000"_s);
        QCOMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        int ok = 0;
        for (const SessionEvent &e : eventsOf(SessionEvent::Kind::Checkpoint))
            ok += e.shardId == u"shardId-000000000000"_s && e.checkpoint.ok();
        QCOMPARE(ok, 2);
    }

    // A processor that throws in checkpointed while hearing that its manual
    // checkpoints were refused (the session is failing already) fails once.
    void throwingAgainWhileFailingFailsOnce()
    {
        QString error;
        const RecordProcessorFactory bad = ProcessorPluginLoader::load(
            test::pluginPath(u"qmld-test-throwing"_s), u"in=checkpointed"_s, &error);
        QVERIFY2(bad, qPrintable(error));
        m_server = std::make_unique<ShardServer>(bad);
        m_events = std::make_unique<QSignalSpy>(m_server.get(), &ShardServer::sessionEvent);
        QVERIFY(m_server->listen());
        Daemon daemon;
        QVERIFY(daemon.connectTo(*m_server));
        daemon.sendJson(initialize(u"shardId-000000000007"_s));
        QVERIFY(isStatus(daemon.next(), u"initialize"_s));
        QVERIFY(m_server->requestCheckpoint(u"shardId-000000000007"_s, std::nullopt));
        QVERIFY(m_server->requestCheckpoint(u"shardId-000000000007"_s, std::nullopt));
        daemon.sendJson(action(u"leaseLost"_s)); // refuses the manual checkpoints: checkpointed throws
        QVERIFY(daemon.closedByPeer());
        QTRY_COMPARE_WITH_TIMEOUT(eventsOf(SessionEvent::Kind::Failed).size(), 1, 5000);
        QCOMPARE(eventsOf(SessionEvent::Kind::Failed).at(0).message,
                 u"the processor threw in checkpointed: deliberate failure"_s);
        QCOMPARE(eventsOf(SessionEvent::Kind::Finished).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProcessorExceptions)
#include "test_processor_exceptions.moc"

// ShardServer + ShardSession over real loopback sockets. The test plays the
// daemon side of a qmld-connect child: it writes daemon lines and reads the
// child's lines with its own JSON handling, independent of qmld's codec.

#include <DaemonEnd.h>

#include "worker/ThrottlingBackoff.h"

#include <qmld/Kpl.h>
#include <qmld/ShardServer.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

const QByteArray seqA = "49590338271490256608559692538361571095921575989136588898"_ba;
const QByteArray seqB = "49590338271490256608559692538361571095921575989136588899"_ba;
const QByteArray seqC = "49590338271490256608559692538361571095921575989136588900"_ba;

// What a processor saw and how it should behave; shared with the session's thread.
struct Script
{
    QMutex mutex;
    QStringList calls;
    QList<CheckpointResult> results;
    int records = 0;
    QList<StreamRecord> lastBatch;
    bool checkpointEachBatch = false;
    std::optional<SequenceNumber> checkpointAt;
    bool throwInProcess = false;
    bool explicitConfirm = false;
    QList<int> confirmIndexes; // explicit mode: which records of each batch to confirm
    QSemaphore *blockUntil = nullptr;

    void log(const QString &call)
    {
        QMutexLocker lock(&mutex);
        calls << call;
    }
    QStringList seen()
    {
        QMutexLocker lock(&mutex);
        return calls;
    }
};

class ScriptedProcessor final : public RecordProcessor
{
public:
    explicit ScriptedProcessor(std::shared_ptr<Script> script) : m_script(std::move(script)) {}

    void initialize(const InitializationInput &input) override
    {
        m_script->log(u"initialize %1 %2"_s.arg(input.shardId, input.checkpoint ? input.checkpoint->display() : u"null"_s));
    }
    void processRecords(const ProcessRecordsInput &input, Checkpointer &checkpointer) override
    {
        if (m_script->blockUntil)
            m_script->blockUntil->acquire();
        if (m_script->throwInProcess)
            throw std::runtime_error("boom in processor");
        {
            QMutexLocker lock(&m_script->mutex);
            m_script->records += int(input.records.size());
            m_script->lastBatch = QList<StreamRecord>(input.records.begin(), input.records.end());
        }
        m_script->log(u"processRecords %1"_s.arg(input.records.size()));
        if (m_script->explicitConfirm) {
            for (int i : std::as_const(m_script->confirmIndexes))
                if (i < int(input.records.size()))
                    m_confirmer->confirm(input.records[std::size_t(i)].sequenceNumber);
        }
        if (m_script->checkpointAt)
            checkpointer.checkpoint(*m_script->checkpointAt);
        else if (m_script->checkpointEachBatch)
            checkpointer.checkpoint();
    }
    void leaseLost() override { m_script->log(u"leaseLost"_s); }
    void shardEnded(Checkpointer &) override { m_script->log(u"shardEnded"_s); }
    void shutdownRequested(Checkpointer &) override { m_script->log(u"shutdownRequested"_s); }
    void checkpointed(const CheckpointResult &result) override
    {
        QMutexLocker lock(&m_script->mutex);
        m_script->results << result;
    }
    Confirmation confirmation() const override
    {
        return m_script->explicitConfirm ? Confirmation::Explicit : Confirmation::OnReturn;
    }
    void setConfirmer(Confirmer *confirmer) override { m_confirmer = confirmer; }

private:
    std::shared_ptr<Script> m_script;
    Confirmer *m_confirmer = nullptr;
};

using Daemon = qmld::test::DaemonEnd;

QJsonObject initialize(const QString &shardId, const QJsonValue &seq = u"TRIM_HORIZON"_s, const QJsonValue &sub = 0)
{
    return {{u"action"_s, u"initialize"_s}, {u"shardId"_s, shardId}, {u"sequenceNumber"_s, seq}, {u"subSequenceNumber"_s, sub}};
}

QJsonObject record(const QByteArray &seq, const QByteArray &data, const QString &key = u"pk"_s, int sub = 0)
{
    return {{u"data"_s, QString::fromLatin1(data.toBase64())},
            {u"partitionKey"_s, key},
            {u"sequenceNumber"_s, QString::fromLatin1(seq)},
            {u"approximateArrivalTimestamp"_s, 1476889707000LL},
            {u"subSequenceNumber"_s, sub},
            {u"action"_s, u"record"_s}};
}

QJsonObject processRecords(const QJsonArray &records, qint64 behind = 1234)
{
    return {{u"action"_s, u"processRecords"_s}, {u"records"_s, records}, {u"millisBehindLatest"_s, behind}};
}

QJsonObject action(const QString &name)
{
    return {{u"action"_s, name}};
}

QJsonObject reply(const QJsonValue &seq, const QJsonValue &sub, const QJsonValue &error = QJsonValue::Null)
{
    return {{u"action"_s, u"checkpoint"_s}, {u"sequenceNumber"_s, seq}, {u"subSequenceNumber"_s, sub}, {u"error"_s, error}};
}

bool isStatus(const QJsonObject &o, const QString &responseFor)
{
    return o.value(u"action"_s) == u"status"_s && o.value(u"responseFor"_s) == responseFor && o.size() == 2;
}

bool isCheckpoint(const QJsonObject &o, const QJsonValue &seq, const QJsonValue &sub)
{
    return o.value(u"action"_s) == u"checkpoint"_s && o.value(u"sequenceNumber"_s) == seq
           && o.value(u"subSequenceNumber"_s) == sub && o.size() == 3;
}

} // namespace

class TestShardSession : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<Script> script;
    std::unique_ptr<ShardServer> server;
    std::unique_ptr<QSignalSpy> events;

    void startServer(ShardServerOptions options = {})
    {
        script = std::make_shared<Script>();
        auto shared = script;
        server = std::make_unique<ShardServer>([shared] { return std::make_unique<ScriptedProcessor>(shared); }, options);
        events = std::make_unique<QSignalSpy>(server.get(), &ShardServer::sessionEvent);
        QVERIFY2(server->listen(), qPrintable(server->errorString()));
    }

    QList<SessionEvent> eventsOf(SessionEvent::Kind kind) const
    {
        QList<SessionEvent> out;
        for (const QList<QVariant> &args : *events) {
            const auto e = args.at(0).value<SessionEvent>();
            if (e.kind == kind)
                out << e;
        }
        return out;
    }

    void initialized(Daemon &daemon, const QString &shardId = u"shardId-000000000001"_s)
    {
        QVERIFY(daemon.connectTo(*server, server->token()));
        daemon.sendJson(initialize(shardId));
        QVERIFY(isStatus(daemon.next(), u"initialize"_s));
    }

private Q_SLOTS:
    void cleanup()
    {
        if (server)
            server->close();
        server.reset();
        events.reset();
    }

    void fullLifecycleAnswersEachMessageWithOneStatus()
    {
        startServer();
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "hello"), record(seqB, "world")}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqB), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqB), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));

        daemon.sendJson(action(u"shardEnded"_s));
        QVERIFY(isCheckpoint(daemon.next(), QJsonValue::Null, QJsonValue::Null)); // SHARD_END
        daemon.sendJson(reply(QJsonValue::Null, QJsonValue::Null));
        QVERIFY(isStatus(daemon.next(), u"shardEnded"_s));
        daemon.socket.disconnectFromHost();

        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Finished).size(), 1);
        QCOMPARE(script->seen(), (QStringList{u"initialize shardId-000000000001 TRIM_HORIZON"_s, u"processRecords 2"_s,
                                              u"shardEnded"_s}));
        QCOMPARE(script->results.size(), 2);
        QVERIFY(script->results[0].ok());
        QCOMPARE(script->results[0].position->toByteArray(), seqB);
        QVERIFY(script->results[1].ok());
        QVERIFY(!script->results[1].position); // SHARD_END
        QCOMPARE(script->lastBatch.size(), 2);
        QCOMPARE(script->lastBatch[0].data, "hello"_ba);
        QCOMPARE(script->lastBatch[0].partitionKeyString(), u"pk"_s);
        QCOMPARE(*script->lastBatch[0].approximateArrivalTimestamp, 1476889707000LL);
        QCOMPARE(daemon.lines.size(), 5); // 3 statuses, 2 checkpoint requests
    }

    void blankLinesAndCrLfAreAccepted()
    {
        startServer();
        Daemon daemon;
        QVERIFY(daemon.connectTo(*server, server->token()));
        daemon.socket.write("\n\r\n   \n");
        daemon.socket.write(QJsonDocument(initialize(u"shardId-1"_s)).toJson(QJsonDocument::Compact) + "\r\n");
        QVERIFY(isStatus(daemon.next(), u"initialize"_s));
        daemon.socket.write("\n" + QJsonDocument(processRecords({record(seqA, "x")})).toJson(QJsonDocument::Compact)
                            + "\r\n\n");
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QCOMPARE(script->records, 1);
    }

    // A long batch arrives in pieces, as the Java daemon's lines do (it writes
    // them through a small buffer), and starts in the same read as the end of
    // the batch before it: the session reads it ahead as it comes and delivers
    // each batch whole, in order, once.
    void aBatchArrivingInPiecesIsDeliveredWhole()
    {
        startServer();
        Daemon daemon;
        initialized(daemon);
        const auto daemonLine = [](int records) -> QByteArray { // as the Java daemon writes it: this key order, compact
            QByteArray line = "{\"action\":\"processRecords\",\"records\":[";
            for (int i = 0; i < records; ++i) {
                line += (i ? "," : "") + "{\"data\":\""_ba + QByteArray(700, char('a' + i % 26)).toBase64()
                        + "\",\"partitionKey\":\"pk-" + QByteArray::number(i) + "\",\"sequenceNumber\":\""
                        + QByteArray::number(1000000 + i)
                        + "\",\"approximateArrivalTimestamp\":1476889707000,\"subSequenceNumber\":0,\"action\":\"record\"}";
            }
            return line + "],\"millisBehindLatest\":5}\n";
        };
        const QByteArray small = daemonLine(2), large = daemonLine(400);
        QVERIFY(large.size() > 100 * 4096);
        daemon.socket.write(small + large.first(1000));
        for (qsizetype at = 1000; at < large.size(); at += 4096) {
            QVERIFY(daemon.socket.waitForBytesWritten(5000));
            daemon.socket.write(large.sliced(at, std::min<qsizetype>(4096, large.size() - at)));
        }
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QCOMPARE(script->seen().mid(1), (QStringList{u"processRecords 2"_s, u"processRecords 400"_s}));
        QCOMPARE(script->lastBatch.size(), 400);
        for (int i = 0; i < 400; ++i) {
            const StreamRecord &r = script->lastBatch[i];
            QCOMPARE(r.data, QByteArray(700, char('a' + i % 26)));
            QCOMPARE(r.partitionKeyString(), u"pk-%1"_s.arg(i));
            QCOMPARE(r.sequenceNumber.toByteArray(), QByteArray::number(1000000 + i));
        }
    }

    void wrongTokenIsDropped()
    {
        startServer();
        Daemon daemon;
        QVERIFY(daemon.connectTo(*server, "not-the-token"));
        daemon.sendJson(initialize(u"shardId-1"_s));
        QVERIFY(daemon.closedByPeer());
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        QVERIFY(script->seen().isEmpty());
    }

    void silentConnectionIsDroppedAfterTheAuthenticationTimeout()
    {
        ShardServerOptions options;
        options.authenticationTimeout = std::chrono::milliseconds(200);
        startServer(options);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
        QTRY_COMPARE(server->sessionCount(), 0);
    }

    void throttledCheckpointIsRetriedWithBackoff()
    {
        ShardServerOptions options;
        options.throttlingBackoff = std::chrono::milliseconds(10);
        startServer(options);
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        for (int attempt = 0; attempt < 2; ++attempt) {
            QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
            daemon.sendJson(reply(QString::fromLatin1(seqA), 0, u"ThrottlingException"_s));
        }
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqA), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QTRY_COMPARE(script->results.size(), 1);
        QVERIFY(script->results[0].ok());
        QCOMPARE(script->results[0].attempts, 3);
    }

    // The waits between retries grow (an exponential bound) and are jittered
    // (a random part), as the daemon sees them. Only their order is checked
    // here: the bound doubles, and the jitter keeps each wait in its upper half,
    // so the fourth wait is at least four times the first one's bound.
    void throttledRetriesWaitLongerEachTime()
    {
        ShardServerOptions options;
        options.throttlingBackoff = std::chrono::milliseconds(50);
        options.throttlingBackoffMax = std::chrono::milliseconds(60000);
        options.throttlingRetries = 4;
        startServer(options);
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        QList<qint64> waits;
        QElapsedTimer sinceReply;
        for (int attempt = 0; attempt < 5; ++attempt) {
            QVERIFY(isCheckpoint(daemon.next(10000), QString::fromLatin1(seqA), 0));
            if (attempt > 0)
                waits << sinceReply.elapsed();
            daemon.sendJson(reply(QString::fromLatin1(seqA), 0, attempt < 4 ? QJsonValue(u"ThrottlingException"_s) : QJsonValue()));
            sinceReply.start();
        }
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        qInfo() << "waits between throttled retries (ms):" << waits;
        QCOMPARE(waits.size(), 4);
        QVERIFY2(waits.last() > waits.first(), "the backoff does not grow");
    }

    // The wait before retry n lies in [bound/2, bound] with bound = base * 2^(n-1)
    // (capped): growing, and random within that range.
    void throttlingBackoffIsJitteredAndGrowing()
    {
        QRandomGenerator random(42);
        const std::chrono::milliseconds base(100), max(100000);
        for (int attempt = 1; attempt <= 6; ++attempt) {
            const qint64 bound = 100LL << (attempt - 1);
            qint64 low = bound, high = 0;
            for (int draw = 0; draw < 200; ++draw) {
                const qint64 wait = worker::throttlingRetryDelay(attempt, base, max, random).count();
                QVERIFY2(wait >= bound / 2 && wait <= bound, qPrintable(u"attempt %1: %2 ms"_s.arg(attempt).arg(wait)));
                low = std::min(low, wait);
                high = std::max(high, wait);
            }
            QVERIFY2(low < high, "no jitter: every wait is the same");
        }
        QCOMPARE(worker::throttlingRetryDelay(30, base, std::chrono::milliseconds(5000), random) <= std::chrono::milliseconds(5000), true);
    }

    void throttlingGivesUpAfterTheRetryBudget()
    {
        ShardServerOptions options;
        options.throttlingBackoff = std::chrono::milliseconds(1);
        options.throttlingRetries = 2;
        startServer(options);
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        for (int attempt = 0; attempt < 3; ++attempt) {
            QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
            daemon.sendJson(reply(QString::fromLatin1(seqA), 0, u"ThrottlingException"_s));
        }
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QTRY_COMPARE(script->results.size(), 1);
        QCOMPARE(script->results[0].error, u"ThrottlingException"_s);
    }

    void checkpointErrorsReachTheProcessor_data()
    {
        QTest::addColumn<QString>("error");
        QTest::newRow("shutdown") << u"ShutdownException"_s;
        QTest::newRow("invalid state") << u"InvalidStateException"_s;
        QTest::newRow("illegal argument") << u"IllegalArgumentException"_s;
        QTest::newRow("dependency") << u"KinesisClientLibDependencyException"_s;
    }

    void checkpointErrorsReachTheProcessor()
    {
        QFETCH(QString, error);
        startServer();
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqA), 0, error));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QTRY_COMPARE(script->results.size(), 1);
        QCOMPARE(script->results[0].error, error);
        QCOMPARE(eventsOf(SessionEvent::Kind::Checkpoint).at(0).checkpoint.error, error);
    }

    void shutdownExceptionStopsFurtherCheckpointsOfTheExchange()
    {
        startServer();
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        QVERIFY(server->requestCheckpoint(u"shardId-000000000001"_s, std::nullopt));
        daemon.sendJson(processRecords({record(seqA, "a")}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqA), 0, u"ShutdownException"_s));
        // The manual checkpoint is not sent: the lease is gone.
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QTRY_COMPARE(script->results.size(), 2);
        QCOMPARE(script->results[1].error, u"ShutdownException"_s);
        QVERIFY(script->results[1].manual);
    }

    void leaseLostNeverCheckpoints()
    {
        startServer();
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QVERIFY(server->requestCheckpoint(u"shardId-000000000001"_s, std::nullopt));
        daemon.sendJson(action(u"leaseLost"_s));
        QVERIFY(isStatus(daemon.next(), u"leaseLost"_s));
        QTRY_COMPARE(script->results.size(), 1);
        QCOMPARE(script->results[0].error, u"LeaseLost"_s);
        QCOMPARE(daemon.lines.size(), 3);
        QVERIFY(script->seen().contains(u"leaseLost"_s));
    }

    void manualCheckpointIsSentDuringTheNextExchange()
    {
        startServer();
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a"), record(seqB, "b")}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));

        // "Checkpoint at this record" for the first record, from the test thread.
        QVERIFY(server->requestCheckpoint(u"shardId-000000000001"_s, SequenceNumber::parse(seqA, 0)));
        QVERIFY(!server->requestCheckpoint(u"shardId-unknown"_s, std::nullopt));
        daemon.sendJson(processRecords({}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqA), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Checkpoint).size(), 1);
        const SessionEvent done = eventsOf(SessionEvent::Kind::Checkpoint).at(0);
        QVERIFY(done.checkpoint.ok());
        QVERIFY(done.checkpoint.manual);
        QCOMPARE(done.shardId, u"shardId-000000000001"_s);
    }

    void manualCheckpointBeyondHandledRecordsIsRefused()
    {
        startServer();
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QVERIFY(server->requestCheckpoint(u"shardId-000000000001"_s, SequenceNumber::parse(seqC, 0)));
        daemon.sendJson(processRecords({}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QTRY_COMPARE(script->results.size(), 1);
        QCOMPARE(script->results[0].error, u"NotConfirmed"_s);
    }

    void policyCheckpointsOnlyTheContiguousConfirmedPrefix()
    {
        ShardServerOptions options;
        options.policy.everyRecords = 1;
        startServer(options);
        script->explicitConfirm = true;
        script->confirmIndexes = {0, 2}; // record 1 is still in flight
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a"), record(seqB, "b"), record(seqC, "c")}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqA), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
    }

    void shutdownRequestedFlushesThePolicyCheckpoint()
    {
        ShardServerOptions options;
        options.policy.everyRecords = 1000;
        startServer(options);
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a"), record(seqB, "b")}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s)); // 2 < 1000: no checkpoint yet
        daemon.sendJson(action(u"shutdownRequested"_s));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqB), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqB), 0));
        QVERIFY(isStatus(daemon.next(), u"shutdownRequested"_s));
        daemon.sendJson(processRecords({record(seqC, "c")}));
        QVERIFY(daemon.closedByPeer()); // no processRecords after shutdownRequested
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
    }

    void malformedLineFailsOnlyItsSession()
    {
        startServer();
        script->checkpointEachBatch = false;
        Daemon good;
        Daemon bad;
        initialized(good, u"shardId-good"_s);
        initialized(bad, u"shardId-bad"_s);
        bad.send(R"({"action":"processRecords","records":[{"data":"not base64!!"}]})");
        QVERIFY(bad.closedByPeer());
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        const SessionEvent failed = eventsOf(SessionEvent::Kind::Failed).at(0);
        QCOMPARE(failed.shardId, u"shardId-bad"_s);
        QVERIFY2(failed.message.contains(u"protocol error"_s), qPrintable(failed.message));
        QVERIFY2(failed.message.contains(u"{\"action\":\"processRecords\""_s), qPrintable(failed.message));

        good.sendJson(processRecords({record(seqA, "a")}));
        QVERIFY(isStatus(good.next(), u"processRecords"_s));
    }

    void badInputEndsTheSessionWithAClearError_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("not json") << "this is not json"_ba;
        QTest::newRow("unknown action") << R"({"action":"dance"})"_ba;
        QTest::newRow("no action") << R"({"shardId":"x"})"_ba;
        QTest::newRow("records not an array") << R"({"action":"processRecords","records":5,"millisBehindLatest":1})"_ba;
        QTest::newRow("bad sequence number")
            << R"({"action":"processRecords","records":[{"data":"YQ==","partitionKey":"k","sequenceNumber":"12x","subSequenceNumber":0,"approximateArrivalTimestamp":1,"action":"record"}],"millisBehindLatest":1})"_ba;
        QTest::newRow("initialize again") << R"({"action":"initialize","shardId":"shardId-000000000001","sequenceNumber":"LATEST","subSequenceNumber":0})"_ba;
        QTest::newRow("unexpected checkpoint reply") << R"({"action":"checkpoint","sequenceNumber":null,"subSequenceNumber":null,"error":null})"_ba;
    }

    void badInputEndsTheSessionWithAClearError()
    {
        QFETCH(QByteArray, line);
        startServer();
        Daemon daemon;
        initialized(daemon);
        daemon.send(line);
        QVERIFY(daemon.closedByPeer());
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        const QString message = eventsOf(SessionEvent::Kind::Failed).at(0).message;
        QVERIFY2(message.startsWith(u"protocol error"_s), qPrintable(message));
        QCOMPARE(eventsOf(SessionEvent::Kind::Failed).at(0).shardId, u"shardId-000000000001"_s);
        QCOMPARE(daemon.lines.size(), 1); // only the initialize status: no status for the bad line
    }

    void processorExceptionFailsTheShardWithoutStatusOrCheckpoint()
    {
        startServer();
        script->throwInProcess = true;
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        QVERIFY(daemon.closedByPeer());
        QCOMPARE(daemon.lines.size(), 1);
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        QVERIFY(eventsOf(SessionEvent::Kind::Failed).at(0).message.contains(u"boom in processor"_s));
    }

    void legacyProtocolUsesTheCheckpointKeyAndShutdownReasons()
    {
        startServer();
        script->checkpointEachBatch = true;
        Daemon daemon;
        QVERIFY(daemon.connectTo(*server, server->token()));
        daemon.sendJson({{u"action"_s, u"initialize"_s}, {u"shardId"_s, u"shardId-old"_s}});
        QVERIFY(isStatus(daemon.next(), u"initialize"_s));
        QJsonObject old = record(seqA, "a");
        old.remove(u"action"_s);
        old.remove(u"subSequenceNumber"_s);
        daemon.sendJson({{u"action"_s, u"processRecords"_s}, {u"records"_s, QJsonArray{old}}});
        const QJsonObject request = daemon.next();
        QCOMPARE(request, (QJsonObject{{u"action"_s, u"checkpoint"_s}, {u"checkpoint"_s, QString::fromLatin1(seqA)}}));
        daemon.sendJson({{u"action"_s, u"checkpoint"_s}, {u"checkpoint"_s, QString::fromLatin1(seqA)}, {u"error"_s, QJsonValue::Null}});
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        daemon.sendJson({{u"action"_s, u"shutdown"_s}, {u"reason"_s, u"TERMINATE"_s}});
        QCOMPARE(daemon.next(), (QJsonObject{{u"action"_s, u"checkpoint"_s}, {u"checkpoint"_s, QJsonValue::Null}}));
        daemon.sendJson({{u"action"_s, u"checkpoint"_s}, {u"checkpoint"_s, QJsonValue::Null}, {u"error"_s, QJsonValue::Null}});
        QVERIFY(isStatus(daemon.next(), u"shutdown"_s));
        QVERIFY(script->seen().contains(u"shardEnded"_s));
    }

    void zombieShutdownIsALostLease()
    {
        startServer();
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson({{u"action"_s, u"shutdown"_s}, {u"reason"_s, u"ZOMBIE"_s}});
        QVERIFY(isStatus(daemon.next(), u"shutdown"_s));
        QVERIFY(script->seen().contains(u"leaseLost"_s));
    }

    void neverWaitsForeverForTheDaemonToClose()
    {
        ShardServerOptions options;
        options.closeTimeout = std::chrono::milliseconds(200);
        startServer(options);
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(action(u"leaseLost"_s));
        QVERIFY(isStatus(daemon.next(), u"leaseLost"_s));
        // The daemon keeps the connection open; the session closes it itself.
        QVERIFY(daemon.closedByPeer());
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Finished).size(), 1);
        QTRY_COMPARE(server->sessionCount(), 0);
    }

    void watchdogCutsAStuckProcessor()
    {
        ShardServerOptions options;
        options.policy.watchdog = std::chrono::milliseconds(300);
        startServer(options);
        QSemaphore release;
        script->blockUntil = &release;
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a")}));
        QVERIFY(daemon.closedByPeer(10000));
        release.release(10);
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        QVERIFY2(eventsOf(SessionEvent::Kind::Failed).at(0).message.contains(u"watchdog"_s),
                 qPrintable(eventsOf(SessionEvent::Kind::Failed).at(0).message));
    }

    // An aggregate the daemon delivered whole: the processor gets its user
    // records, and a checkpoint names only the aggregate's own record (seq, 0),
    // the largest the daemon delivered: never (seq, k > 0), which the Java
    // daemon rejects, and never before all its user records are handled.
    void aggregatedRecordsArriveAsSubRecords()
    {
        startServer();
        KplAggregator aggregator;
        aggregator.add("key-0", "first");
        aggregator.add("key-1", "second");
        aggregator.add("key-2", "third");
        const QByteArray aggregate = aggregator.finish()->data;
        script->checkpointEachBatch = true; // checkpoint(): the latest record handled
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "plain"), record(seqB, aggregate, u"outer"_s)}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqB), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqB), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QCOMPARE(script->records, 4);
        QCOMPARE(script->lastBatch[2].data, "second"_ba);
        QCOMPARE(script->lastBatch[2].partitionKeyString(), u"key-1"_s);
        QCOMPARE(script->lastBatch[2].sequenceNumber.subSequence(), 1);
        QCOMPARE(script->lastBatch[3].sequenceNumber.toByteArray(), seqB);
    }

    // A processor naming a user record of such an aggregate: its last one is
    // the aggregate's record; an earlier one cannot be named to the daemon, so
    // the checkpoint goes to the record before the aggregate.
    void checkpointInsideAWholeAggregateNamesADeliveredRecord_data()
    {
        QTest::addColumn<int>("sub");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("last user record") << 2 << seqB;
        QTest::newRow("middle user record") << 1 << seqA;
    }

    void checkpointInsideAWholeAggregateNamesADeliveredRecord()
    {
        QFETCH(int, sub);
        QFETCH(QByteArray, expected);
        startServer();
        KplAggregator aggregator;
        for (const char *data : {"first", "second", "third"})
            aggregator.add("key", data);
        script->checkpointAt = SequenceNumber::parse(seqB, sub);
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "plain"), record(seqB, aggregator.finish()->data, u"outer"_s)}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(expected), 0));
        daemon.sendJson(reply(QString::fromLatin1(expected), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QTRY_COMPARE(script->results.size(), 1);
        QVERIFY(script->results[0].ok());
        QCOMPARE(script->results[0].position->toByteArray(), expected);
        QCOMPARE(script->results[0].position->subSequence(), 0);
    }

    // Explicit confirmation across batches: the policy checkpoint stops before
    // a whole aggregate until every one of its user records is confirmed.
    void policyNeverCheckpointsAPartlyConfirmedWholeAggregate()
    {
        ShardServerOptions options;
        options.policy.everyRecords = 1;
        startServer(options);
        script->explicitConfirm = true;
        script->confirmIndexes = {0, 1, 2}; // the plain record and two of the aggregate's three
        KplAggregator aggregator;
        for (const char *data : {"first", "second", "third"})
            aggregator.add("key", data);
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "plain"), record(seqB, aggregator.finish()->data, u"outer"_s)}));
        QVERIFY(isCheckpoint(daemon.next(), QString::fromLatin1(seqA), 0));
        daemon.sendJson(reply(QString::fromLatin1(seqA), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        // The next batch is confirmed whole, but the aggregate's last user
        // record still is not: no checkpoint past it.
        script->confirmIndexes = {0};
        daemon.sendJson(processRecords({record(seqC, "later")}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QCOMPARE(script->results.size(), 1);
    }

    // shardEnded with a record still unconfirmed: SHARD_END would lose it, so
    // the session ends without checkpointing and without a status.
    void shardEndedWithUnconfirmedRecordsNeverCheckpoints()
    {
        startServer();
        script->explicitConfirm = true;
        script->confirmIndexes = {0}; // seqB stays unconfirmed
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a"), record(seqB, "b")}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        daemon.sendJson(action(u"shardEnded"_s));
        QVERIFY(daemon.closedByPeer(10000));
        const qsizetype before = daemon.lines.size();
        QCOMPARE(before, 2); // the two statuses: no checkpoint, no shardEnded status
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        QVERIFY2(eventsOf(SessionEvent::Kind::Failed).at(0).message.contains(u"unconfirmed"_s),
                 qPrintable(eventsOf(SessionEvent::Kind::Failed).at(0).message));
    }

    // A processor that returned but never confirms a record is cut by the
    // watchdog, without checkpointing past that record.
    void watchdogCutsAProcessorThatNeverConfirms()
    {
        ShardServerOptions options;
        options.policy.watchdog = std::chrono::milliseconds(300);
        options.policy.everyRecords = 1;
        startServer(options);
        script->explicitConfirm = true;
        script->confirmIndexes = {1}; // seqA is never confirmed
        Daemon daemon;
        initialized(daemon);
        daemon.sendJson(processRecords({record(seqA, "a"), record(seqB, "b")}));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s)); // nothing contiguous to checkpoint
        QVERIFY(daemon.closedByPeer(10000));
        QCOMPARE(daemon.lines.size(), 2); // initialize and processRecords statuses only
        QTRY_COMPARE(eventsOf(SessionEvent::Kind::Failed).size(), 1);
        QVERIFY2(eventsOf(SessionEvent::Kind::Failed).at(0).message.contains(u"has not confirmed a record"_s),
                 qPrintable(eventsOf(SessionEvent::Kind::Failed).at(0).message));
    }

    void tenThousandRecordBatch()
    {
        startServer();
        script->checkpointEachBatch = true;
        Daemon daemon;
        initialized(daemon);
        QJsonArray records;
        QByteArray last;
        for (int i = 0; i < 10000; ++i) {
            last = QByteArray::number(qulonglong(1'000'000'000'000ULL + quint64(i)));
            records.append(record(last, QByteArray(100, char('a' + i % 26)), u"pk-%1"_s.arg(i)));
        }
        daemon.sendJson(processRecords(records));
        QVERIFY(isCheckpoint(daemon.next(10000), QString::fromLatin1(last), 0));
        daemon.sendJson(reply(QString::fromLatin1(last), 0));
        QVERIFY(isStatus(daemon.next(), u"processRecords"_s));
        QCOMPARE(script->records, 10000);
        const SessionEvent batch = eventsOf(SessionEvent::Kind::Records).at(0);
        QCOMPARE(batch.records, 10000);
        QCOMPARE(batch.bytes, 1'000'000);
        QCOMPARE(*batch.millisBehindLatest, 1234);
    }
};

QTEST_GUILESS_MAIN(TestShardSession)
#include "test_shard_session.moc"

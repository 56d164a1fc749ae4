#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>
#include <qmld/StreamMonitor.h>

#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qmld::CheckpointStatus;
using qmld::Lease;
using qmld::LeaseTable;
using qmld::MonitorSnapshotPtr;
using qmld::Ownership;
using qmld::SequenceNumber;
using qmld::SessionEvent;
using qmld::ShardRow;
using qmld::ShardState;
using qmld::StreamMonitor;
using qmld::StreamMonitorOptions;

#define QVERIFY_OK(result) \
    QVERIFY2((result).ok(), qPrintable((result).ok() ? QString() : (result).error().message))

namespace {

const QString kShard0 = u"shardId-000000000000"_s;
const QString kShard1 = u"shardId-000000000001"_s;
const QString kShard2 = u"shardId-000000000002"_s;
const QString kShard3 = u"shardId-000000000003"_s;

qmld::LeaseSource storeSource(const QString &path, std::chrono::milliseconds pollInterval)
{
    qmld::LeaseSource source;
    source.storePath = path;
    source.tableName = u"app"_s;
    source.pollInterval = pollInterval;
    source.failoverTime = 10s;
    return source;
}

SequenceNumber digits(const char *text)
{
    return *SequenceNumber::parse(QByteArray(text));
}

// The monitor's monotonic clock, set by hand; read from the monitor's and the
// lease reader's threads.
class FakeClock
{
public:
    void setMs(std::int64_t ms) { m_ns->store(ms * 1'000'000); }
    qmld::LeaseObserver::Clock clock() const
    {
        return [ns = m_ns] { return std::chrono::nanoseconds(ns->load()); };
    }

private:
    std::shared_ptr<std::atomic<std::int64_t>> m_ns = std::make_shared<std::atomic<std::int64_t>>(0);
};

SessionEvent sessionEvent(SessionEvent::Kind kind, const QString &shardId, quint64 sessionId = 1)
{
    SessionEvent e;
    e.kind = kind;
    e.shardId = shardId;
    e.sessionId = sessionId;
    return e;
}

SessionEvent records(const QString &shardId, std::int64_t count, std::int64_t bytes, std::int64_t lag,
                     const SequenceNumber &last, quint64 sessionId = 1)
{
    SessionEvent e = sessionEvent(SessionEvent::Kind::Records, shardId, sessionId);
    e.records = count;
    e.bytes = bytes;
    e.millisBehindLatest = lag;
    e.position = last;
    return e;
}

SessionEvent checkpointAnswer(const QString &shardId, QString error, bool manual)
{
    SessionEvent e = sessionEvent(SessionEvent::Kind::Checkpoint, shardId);
    e.checkpoint.error = std::move(error);
    e.checkpoint.manual = manual;
    return e;
}

Lease lease(const QString &key, std::optional<QString> owner = std::nullopt, QStringList parents = {})
{
    Lease l;
    l.leaseKey = key;
    l.leaseOwner = std::move(owner);
    l.parentShardId = std::move(parents);
    return l;
}

QString stateOf(const MonitorSnapshotPtr &snapshot, const QString &shardId)
{
    const ShardRow *row = snapshot ? snapshot->find(shardId) : nullptr;
    return row ? qmld::shardStateName(row->state) : u"(no row)"_s;
}

QString name(ShardState state)
{
    return qmld::shardStateName(state);
}

QString name(Ownership ownership)
{
    return qmld::ownershipName(ownership);
}

QString name(CheckpointStatus::State state)
{
    return qmld::checkpointStateName(state);
}

// Every snapshot the monitor publishes, in order.
struct Recorder
{
    explicit Recorder(StreamMonitor &monitor)
    {
        QObject::connect(&monitor, &StreamMonitor::snapshotReady, &monitor,
                         [this](const MonitorSnapshotPtr &snapshot) { all.push_back(snapshot); });
    }
    std::size_t count() const { return all.size(); }
    std::vector<MonitorSnapshotPtr> all;
};

// Stands in for ShardServer: its sessionEvent signal crosses threads queued.
class EventSource : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void sessionEvent(const qmld::SessionEvent &event);
};

} // namespace

class TestStreamMonitor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_stores = 0;
    FakeClock m_clock;

    StreamMonitorOptions options(std::chrono::milliseconds publishInterval = 10ms)
    {
        StreamMonitorOptions o;
        o.streamName = u"demo"_s;
        o.publishInterval = publishInterval;
        o.rateWindowSeconds = 5;
        o.clock = m_clock.clock();
        return o;
    }

    // A fresh store with the lease table "app", and options that read it
    // only when asked (and once at the start).
    std::unique_ptr<LeaseTable> leaseTable(StreamMonitorOptions &o, const QString &workerId)
    {
        const QString path = m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_stores));
        auto table = LeaseTable::open(path, u"app"_s);
        if (!table) {
            qWarning().noquote() << table.error().message;
            return nullptr;
        }
        o.workerId = workerId;
        o.leases = storeSource(path, std::chrono::hours(1));
        return std::make_unique<LeaseTable>(std::move(*table));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init() { m_clock.setMs(1'000'000); } // second 1000

    void recordsGiveRatesAndOnePointPerCompleteSecond()
    {
        StreamMonitor monitor(options());
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0));
        m_clock.setMs(1'000'200);
        monitor.onSessionEvent(records(kShard0, 100, 1000, 500, digits("11")));
        m_clock.setMs(1'001'100);
        monitor.onSessionEvent(records(kShard0, 200, 2000, 300, digits("12")));
        m_clock.setMs(1'001'900);
        monitor.onSessionEvent(records(kShard0, 100, 1000, 200, digits("13")));
        // Second 1002 is still open: it is not in the history or the rates yet.
        m_clock.setMs(1'002'500);
        monitor.onSessionEvent(records(kShard0, 5000, 50000, 50, digits("14")));

        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && monitor.latest()->totals.recordsProcessed == 5400, 10000);
        MonitorSnapshotPtr snapshot = monitor.latest();
        QCOMPARE(snapshot->second, 1002);
        const ShardRow *row = snapshot->find(kShard0);
        QVERIFY(row);
        QCOMPARE(name(row->state), name(ShardState::Processing));
        QCOMPARE(name(row->ownership), name(Ownership::ThisProcess));
        QVERIFY(row->sessionHere);
        QCOMPARE(row->lastProcessed->toString(), u"14"_s);
        QCOMPARE(row->millisBehindLatest, 50);
        QCOMPARE(row->bytesProcessed, 54000);
        QCOMPARE(row->recordsPerSecond, 200.0); // (100 + 300) / 2 complete seconds
        QCOMPARE(row->bytesPerSecond, 2000.0);
        QCOMPARE(snapshot->totals.recordsPerSecond, 200.0);
        QCOMPARE(snapshot->totals.maxMillisBehindLatest, 50);

        QVERIFY(row->history);
        const qmld::ShardHistory &history = *row->history;
        QCOMPARE(history.recordsPerSecond.lastSecond(), 1001);
        QCOMPARE(history.recordsPerSecond.valueAt(1000), 100.0f);
        QCOMPARE(history.recordsPerSecond.valueAt(1001), 300.0f);
        QCOMPARE(history.bytesPerSecond.valueAt(1001), 3000.0f);
        QCOMPARE(history.millisBehindLatest.valueAt(1000), 500.0f);
        QCOMPARE(history.millisBehindLatest.valueAt(1001), 300.0f); // the highest lag of that second

        // Quiet seconds: the rates fall to zero, the lag chart has no samples.
        m_clock.setMs(1'010'500);
        monitor.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->second == 1010, 10000);
        snapshot = monitor.latest();
        row = snapshot->find(kShard0);
        QCOMPARE(row->recordsPerSecond, 0.0);
        QCOMPARE(snapshot->totals.recordsPerSecond, 0.0);
        QCOMPARE(row->history->recordsPerSecond.lastSecond(), 1009);
        QCOMPARE(row->history->recordsPerSecond.valueAt(1002), 5000.0f);
        QCOMPARE(row->history->recordsPerSecond.valueAt(1005), 0.0f);
        QVERIFY(std::isnan(row->history->millisBehindLatest.valueAt(1005)));
        // The earlier snapshot's history is untouched: snapshots never change.
        QCOMPARE(history.recordsPerSecond.lastSecond(), 1001);
    }

    void manyEventsGiveFewSnapshots()
    {
        StreamMonitor monitor(options(200ms));
        Recorder recorder(monitor);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.count() == 1, 10000); // the first, empty snapshot
        QCOMPARE(recorder.all[0]->serial, 1u);
        QVERIFY(recorder.all[0]->shards.empty());

        // A burst within one turn of the event loop is one snapshot.
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0));
        for (int i = 0; i < 1000; ++i)
            monitor.onSessionEvent(records(kShard0, 1, 10, 0, digits("5")));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.count() == 2, 10000);
        QCOMPARE(recorder.all[1]->totals.recordsProcessed, 1000);
        QCOMPARE(recorder.all[1]->serial, 2u);

        // A steady flow of events, ten every event-loop turn: they are gathered
        // into snapshots, many events to each, and the last one has them all.
        int sent = 0;
        QTimer feeder;
        feeder.setInterval(2ms);
        connect(&feeder, &QTimer::timeout, this, [&] {
            for (int i = 0; i < 10; ++i, ++sent)
                monitor.onSessionEvent(records(kShard0, 1, 10, 0, digits("6")));
            if (sent >= 3000)
                feeder.stop();
        });
        feeder.start();
        QTRY_VERIFY_WITH_TIMEOUT(!feeder.isActive(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->totals.recordsProcessed == 1000 + sent, 10000);
        const std::size_t during = recorder.count() - 2;
        QVERIFY2(during >= 1 && std::size_t(sent) > 10 * during,
                 qPrintable(u"%1 snapshots for %2 events"_s.arg(during).arg(sent)));

    }

    void nothingChangedPublishesNothing()
    {
        StreamMonitor monitor(options());
        Recorder recorder(monitor);
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.count() >= 1 && recorder.all.back()->find(kShard0), 10000);
        const MonitorSnapshotPtr before = monitor.latest();

        qmld::DaemonStatus same;
        monitor.onDaemonStatus(same); // the status it already had
        monitor.refresh();            // same second
        monitor.refresh();

        qmld::DaemonStatus running;
        running.state = qmld::StreamRunner::State::Running;
        running.pid = 4242;
        monitor.onDaemonStatus(running);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->daemon.pid == 4242, 10000);
        // Only the real change was published.
        QCOMPARE(monitor.latest()->serial, before->serial + 1);
        QCOMPARE(recorder.all.back(), monitor.latest());
        QCOMPARE(monitor.latest()->daemon.state, qmld::StreamRunner::State::Running);
    }

    void manualCheckpointIsPendingUntilTheDaemonAnswers()
    {
        StreamMonitor monitor(options());
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0));
        monitor.onSessionEvent(records(kShard0, 3, 30, 0, digits("49590338271490256608559692538361571095921575989136588898")));

        monitor.noteManualCheckpointRequested(kShard0);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && monitor.latest()->find(kShard0)
                                     && monitor.latest()->find(kShard0)->lastCheckpoint.state
                                            == CheckpointStatus::State::Pending,
                                 10000);
        QVERIFY(monitor.latest()->find(kShard0)->lastCheckpoint.manual);
        QVERIFY(monitor.latest()->find(kShard0)->lastCheckpoint.at.isValid());

        // A policy checkpoint answered meanwhile does not hide the request.
        quint64 serial = monitor.latest()->serial;
        monitor.onSessionEvent(checkpointAnswer(kShard0, QString(), false));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->serial > serial, 10000);
        QCOMPARE(name(monitor.latest()->find(kShard0)->lastCheckpoint.state), name(CheckpointStatus::State::Pending));

        // The answer, at the latest delivered record.
        serial = monitor.latest()->serial;
        monitor.onSessionEvent(checkpointAnswer(kShard0, QString(), true));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->serial > serial, 10000);
        const ShardRow *row = monitor.latest()->find(kShard0);
        QCOMPARE(name(row->lastCheckpoint.state), name(CheckpointStatus::State::Ok));
        QVERIFY(row->lastCheckpoint.manual);
        QCOMPARE(row->lastCheckpoint.position->toString(), u"49590338271490256608559692538361571095921575989136588898"_s);
        // Without a lease table the row's checkpoint is the one the session made.
        QCOMPARE(row->checkpoint->toString(), u"49590338271490256608559692538361571095921575989136588898"_s);

        // A refused one shows the daemon's error.
        monitor.noteManualCheckpointRequested(kShard0);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->find(kShard0)->lastCheckpoint.state == CheckpointStatus::State::Pending,
                                 10000);
        monitor.onSessionEvent(checkpointAnswer(kShard0, u"ThrottlingException"_s, true));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->find(kShard0)->lastCheckpoint.state != CheckpointStatus::State::Pending,
                                 10000);
        row = monitor.latest()->find(kShard0);
        QCOMPARE(name(row->lastCheckpoint.state), name(CheckpointStatus::State::Failed));
        QCOMPARE(row->lastCheckpoint.error, u"ThrottlingException"_s);
        QVERIFY(!row->lastCheckpoint.position);
        QCOMPARE(row->checkpoint->toString(), u"49590338271490256608559692538361571095921575989136588898"_s);
    }

    void sessionEndingsShowInTheState()
    {
        StreamMonitor monitor(options());
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0, 1));
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard1, 2));
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard2, 3));
        SessionEvent failed = sessionEvent(SessionEvent::Kind::Failed, kShard0, 1);
        failed.message = u"processRecords threw: boom"_s;
        monitor.onSessionEvent(failed);
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::LeaseLost, kShard1, 2));
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Finished, kShard1, 2));
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::ShutdownRequested, kShard2, 3));
        SessionEvent early = sessionEvent(SessionEvent::Kind::Failed, QString(), 4);
        early.message = u"protocol error: not JSON"_s;
        monitor.onSessionEvent(early);

        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && !monitor.latest()->lastSessionError.isEmpty(), 10000);
        const MonitorSnapshotPtr snapshot = monitor.latest();
        QCOMPARE(snapshot->lastSessionError, u"protocol error: not JSON"_s);
        QCOMPARE(stateOf(snapshot, kShard0), name(ShardState::Failed));
        QCOMPARE(snapshot->find(kShard0)->lastError, u"processRecords threw: boom"_s);
        QVERIFY(!snapshot->find(kShard0)->sessionHere);
        QCOMPARE(stateOf(snapshot, kShard1), name(ShardState::LeaseLost));
        QCOMPARE(stateOf(snapshot, kShard2), name(ShardState::ShuttingDown));
        QCOMPARE(snapshot->totals.failed, 1);
        QCOMPARE(snapshot->totals.shards, 3);

        // A new session for the failed shard replaces the old picture; the old
        // session's late end does not.
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0, 5));
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Finished, kShard0, 1));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->totals.failed == 0, 10000);
        QCOMPARE(stateOf(monitor.latest(), kShard0), name(ShardState::Processing));
        QVERIFY(monitor.latest()->find(kShard0)->lastError.isEmpty());
    }

    void leaseTableShowsEveryWorkersLeases()
    {
        StreamMonitorOptions o = options();
        auto table = leaseTable(o, u"worker-a"_s);
        QVERIFY(table);
        const SequenceNumber checkpointB = digits("49590338271490256608559692538361571095921575989136588898");
        QVERIFY(table->create(lease(kShard0))->applied());
        QVERIFY(table->take(kShard0, 0, u"worker-a"_s)->applied());
        QVERIFY(table->create(lease(kShard1))->applied());
        QVERIFY(table->take(kShard1, 0, u"worker-b"_s)->applied());
        QVERIFY(table->checkpoint(kShard1, 1, u"worker-b"_s, checkpointB)->applied());
        QVERIFY(table->create(lease(kShard2))->applied());

        StreamMonitor monitor(o);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && monitor.latest()->shards.size() == 3, 10000);
        MonitorSnapshotPtr snapshot = monitor.latest();
        QVERIFY(snapshot->leasesReadAt.isValid());
        QVERIFY(snapshot->leaseError.isEmpty());

        const ShardRow *mine = snapshot->find(kShard0);
        QCOMPARE(name(mine->ownership), name(Ownership::ThisProcess));
        QCOMPARE(name(mine->state), name(ShardState::Assigned)); // no session reported yet
        QCOMPARE(mine->leaseOwner, u"worker-a"_s);
        QVERIFY(mine->inLeaseTable);
        QVERIFY(!mine->history);

        const ShardRow *other = snapshot->find(kShard1);
        QCOMPARE(name(other->ownership), name(Ownership::OtherWorker));
        QCOMPARE(name(other->state), name(ShardState::Processing));
        QCOMPARE(other->leaseOwner, u"worker-b"_s);
        QCOMPARE(other->leaseCounter, 2);
        QCOMPARE(other->checkpoint->toString(), checkpointB.toString());
        QVERIFY(!other->expired);

        const ShardRow *nobody = snapshot->find(kShard2);
        QCOMPARE(name(nobody->ownership), name(Ownership::Nobody));
        QCOMPARE(name(nobody->state), name(ShardState::Unowned));
        QVERIFY(nobody->expired);
        QVERIFY(!nobody->leaseOwner);

        QCOMPARE(snapshot->totals.shards, 3);
        QCOMPARE(snapshot->totals.here, 1);
        QCOMPARE(snapshot->totals.otherWorkers, 1);
        QCOMPARE(snapshot->totals.unowned, 1);

        // Our session starts on shard 0.
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->find(kShard0)->sessionHere, 10000);
        QCOMPARE(stateOf(monitor.latest(), kShard0), name(ShardState::Processing));

        // worker-b stops renewing: after the failover time its lease shows expired.
        m_clock.setMs(1'011'000);
        monitor.pollLeasesNow();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->find(kShard1)->expired, 10000);

        // It renews again, and a new shard appears: both show at the next read.
        QVERIFY(table->renew(kShard1, 2, u"worker-b"_s)->applied());
        QVERIFY(table->create(lease(kShard3, u"worker-b"_s))->applied());
        monitor.pollLeasesNow();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest()->shards.size() == 4, 10000);
        snapshot = monitor.latest();
        QVERIFY(!snapshot->find(kShard1)->expired);
        QCOMPARE(snapshot->find(kShard1)->leaseCounter, 3);
        QCOMPARE(name(snapshot->find(kShard3)->ownership), name(Ownership::OtherWorker));
        QCOMPARE(snapshot->totals.otherWorkers, 2);
    }

    // On the embedded store the lag of a shard no session here serves comes
    // from the store: the age of the first record after the lease's
    // checkpoint. A shard a session here serves keeps the session's lag.
    void embeddedStoreGivesTheLagOfOtherWorkersCheckpoints()
    {
        StreamMonitorOptions o = options();
        auto table = leaseTable(o, u"worker-a"_s);
        QVERIFY(table);
        o.leases->streamName = u"demo"_s;
        auto store = qmld::StreamStore::open(o.leases->storePath);
        QVERIFY(store);
        QVERIFY(store->createStream(u"demo"_s, 2));
        const std::int64_t minuteAgo = QDateTime::currentMSecsSinceEpoch() - 60'000;
        store->setClock([minuteAgo] { return minuteAgo; });
        std::vector<SequenceNumber> shard0;
        for (int i = 0; i < 3; ++i) {
            auto put = store->putRecord(u"demo"_s, {"k", "r" + QByteArray::number(i), qmld::HashKey(0, 0)});
            QVERIFY(put);
            shard0.push_back(put->sequenceNumber);
        }
        // worker-b is two records behind on shard 0; shard 1 is ours, with a session here.
        QVERIFY(table->create(lease(kShard0, u"worker-b"_s))->applied());
        QVERIFY(table->checkpoint(kShard0, 0, u"worker-b"_s, shard0[0])->applied());
        QVERIFY(table->create(lease(kShard1, u"worker-a"_s))->applied());

        StreamMonitor monitor(o);
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard1));
        monitor.onSessionEvent(records(kShard1, 1, 10, 5, digits("11")));
        const auto measured = [&] {
            const ShardRow *row = monitor.latest() ? monitor.latest()->find(kShard0) : nullptr;
            return row && row->millisBehindLatest;
        };
        QTRY_VERIFY_WITH_TIMEOUT(measured(), 10000);
        const MonitorSnapshotPtr snapshot = monitor.latest();
        const ShardRow *behind = snapshot->find(kShard0);
        QVERIFY2(*behind->millisBehindLatest >= 60'000 && *behind->millisBehindLatest < 600'000,
                 qPrintable(QString::number(*behind->millisBehindLatest)));
        QVERIFY(behind->lagMeasuredAt.isValid());
        QVERIFY(!behind->sessionHere);
        QVERIFY(behind->history); // charted though no session here serves it
        QCOMPARE(snapshot->totals.maxMillisBehindLatest, behind->millisBehindLatest);
        const ShardRow *ours = snapshot->find(kShard1);
        QCOMPARE(ours->millisBehindLatest, 5); // the session's, not the store's
        QVERIFY(!ours->lagMeasuredAt.isValid());

        // worker-b catches up to the tip: the next read says so.
        QVERIFY(table->checkpoint(kShard0, 1, u"worker-b"_s, shard0[2])->applied());
        monitor.pollLeasesNow();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.latest()->find(kShard0)->millisBehindLatest, 0, 10000);
    }

    void withoutWorkerIdALeaseIsOursWhileASessionServesIt()
    {
        StreamMonitorOptions o = options();
        auto table = leaseTable(o, QString());
        QVERIFY(table);
        QVERIFY(table->create(lease(kShard0, u"host:1234"_s))->applied());
        QVERIFY(table->create(lease(kShard1, u"elsewhere"_s))->applied());

        StreamMonitor monitor(o);
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && monitor.latest()->shards.size() == 2
                                     && monitor.latest()->find(kShard0)->inLeaseTable,
                                 10000);
        QCOMPARE(name(monitor.latest()->find(kShard0)->ownership), name(Ownership::ThisProcess));
        QCOMPARE(name(monitor.latest()->find(kShard1)->ownership), name(Ownership::OtherWorker));

        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Finished, kShard0));
        QTRY_VERIFY_WITH_TIMEOUT(!monitor.latest()->find(kShard0)->sessionHere, 10000);
        QCOMPARE(name(monitor.latest()->find(kShard0)->ownership), name(Ownership::OtherWorker));
    }

    void childShardWaitsForItsParents()
    {
        StreamMonitorOptions o = options();
        auto table = leaseTable(o, u"worker-a"_s);
        QVERIFY(table);
        QVERIFY(table->create(lease(kShard0))->applied());
        QVERIFY(table->take(kShard0, 0, u"worker-b"_s)->applied()); // still being read
        Lease ended = lease(kShard1);
        ended.checkpoint = SequenceNumber::shardEnd();
        QVERIFY(table->create(ended)->applied());
        QVERIFY(table->create(lease(kShard2, std::nullopt, {kShard0, kShard1}))->applied());
        QVERIFY(table->take(kShard2, 0, u"worker-a"_s)->applied());
        QVERIFY(table->create(lease(kShard3, std::nullopt, {kShard1}))->applied());

        StreamMonitor monitor(o);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && monitor.latest()->shards.size() == 4, 10000);
        MonitorSnapshotPtr snapshot = monitor.latest();
        QCOMPARE(stateOf(snapshot, kShard1), name(ShardState::Ended));
        QCOMPARE(stateOf(snapshot, kShard2), name(ShardState::WaitingForParents));
        QCOMPARE(snapshot->find(kShard2)->parentShardIds, QStringList({kShard0, kShard1}));
        QCOMPARE(stateOf(snapshot, kShard3), name(ShardState::Unowned)); // its only parent has ended

        // The first parent reaches SHARD_END: the child is ours to process.
        QVERIFY(table->checkpoint(kShard0, 1, u"worker-b"_s, SequenceNumber::shardEnd())->applied());
        monitor.pollLeasesNow();
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(monitor.latest(), kShard0) == name(ShardState::Ended), 10000);
        QCOMPARE(stateOf(monitor.latest(), kShard2), name(ShardState::Assigned));
    }

    void unreadableLeaseTableIsReportedAndSessionsStillShow()
    {
        StreamMonitorOptions o = options();
        o.leases = storeSource(m_dir.filePath(u"missing.sqlite"_s), std::chrono::hours(1));
        StreamMonitor monitor(o);
        monitor.onSessionEvent(sessionEvent(SessionEvent::Kind::Initialized, kShard0));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.latest() && !monitor.latest()->leaseError.isEmpty()
                                     && monitor.latest()->find(kShard0),
                                 10000);
        QVERIFY(!monitor.latest()->leasesReadAt.isValid());
        QVERIFY(!monitor.latest()->find(kShard0)->inLeaseTable);
        QCOMPARE(name(monitor.latest()->find(kShard0)->ownership), name(Ownership::ThisProcess));
    }

    void worksOnItsOwnThreadAndIsReadableFromAnother()
    {
        StreamMonitorOptions o = options();
        auto table = leaseTable(o, u"worker-a"_s);
        QVERIFY(table);
        QVERIFY(table->create(lease(kShard1, u"worker-b"_s))->applied());

        QThread thread;
        auto *monitor = new StreamMonitor(o);
        monitor->moveToThread(&thread);
        connect(&thread, &QThread::finished, monitor, &QObject::deleteLater);
        thread.start();

        // As ShardServer::sessionEvent arrives: queued, from another thread.
        EventSource source;
        connect(&source, &EventSource::sessionEvent, monitor, &StreamMonitor::onSessionEvent);
        for (int i = 0; i < 100; ++i)
            Q_EMIT source.sessionEvent(records(kShard0, 1, 1, 0, digits("7")));
        QTRY_VERIFY_WITH_TIMEOUT(monitor->latest() && monitor->latest()->totals.recordsProcessed == 100
                                     && monitor->latest()->find(kShard1),
                                 10000);
        QCOMPARE(name(monitor->latest()->find(kShard1)->ownership), name(Ownership::OtherWorker));
        thread.quit();
        QVERIFY(thread.wait(10000));
    }
};

QTEST_GUILESS_MAIN(TestStreamMonitor)
#include "test_stream_monitor.moc"

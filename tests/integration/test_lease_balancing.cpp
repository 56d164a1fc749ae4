// Several qmld-daemon workers on one stream, as several KCL workers on one
// application: two, then three daemons with different workerIds converge to a
// balanced split of six shards; when one is killed with SIGKILL (its children
// die with it), the survivors take its shards once failoverTimeMillis has
// passed and resume right after its last checkpoint.
//
// The child is the official npm aws-kcl library (tests/peers/node/kcl_minimal.js,
// which checkpoints at the end of every batch); KCL_MINIMAL_RECORD_LOG makes it
// write down what each worker was given.

#include <ProcessGuard.h>
#include <TestPeers.h>

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int kShards = 6;
constexpr int kFailoverMs = 1000;

// One line of a worker's record log.
struct Delivery
{
    QString shardId;
    bool initialize = false;
    qmld::SequenceNumber sequenceNumber;
};

} // namespace

class TestLeaseBalancing : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;
    std::map<QString, std::unique_ptr<QProcess>> m_daemons; // by workerId
    QHash<QString, qmld::SequenceNumber> m_seen;            // checkpoints as last observed
    QString m_backwards;                                    // a checkpoint that moved backwards, once seen
    int m_nextRecord = 0;

    static QString binary() { return qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld-daemon"_s; }
    QString recordLogPath(const QString &workerId) const { return m_dir.filePath(workerId + u".records"_s); }
    QString stderrPath(const QString &workerId) const { return m_dir.filePath(workerId + u".stderr"_s); }

    qmld::StreamStore store() { return std::move(qmld::StreamStore::open(m_storePath)).value(); }

    std::vector<qmld::Lease> leases()
    {
        auto table = qmld::LeaseTable::open(m_storePath, u"balance"_s);
        if (!table)
            return {};
        auto list = table->list();
        return list ? std::move(list).value() : std::vector<qmld::Lease>{};
    }

    // The lease table, checked on every read: a checkpoint that moved
    // backwards is kept in m_backwards, which every wait checks.
    std::vector<qmld::Lease> checkedLeases()
    {
        std::vector<qmld::Lease> table = leases();
        for (const qmld::Lease &lease : table) {
            const auto previous = m_seen.constFind(lease.leaseKey);
            if (previous != m_seen.cend() && lease.checkpoint < *previous && m_backwards.isEmpty())
                m_backwards = u"the checkpoint of %1 moved backwards from %2 to %3"_s.arg(
                    lease.leaseKey, previous->display(), lease.checkpoint.display());
            m_seen.insert(lease.leaseKey, lease.checkpoint);
        }
        return table;
    }

    QHash<QString, int> ownerCounts()
    {
        QHash<QString, int> counts;
        for (const qmld::Lease &lease : checkedLeases())
            ++counts[lease.leaseOwner.value_or(QString())];
        return counts;
    }

    // Every one of the six leases is owned, each of `workers` owning the same number.
    bool balancedOver(const QStringList &workers)
    {
        const QHash<QString, int> counts = ownerCounts();
        if (counts.size() != workers.size())
            return false;
        for (const QString &worker : workers) {
            if (counts.value(worker) != kShards / int(workers.size()))
                return false;
        }
        return true;
    }

    // The last stored sequence number of each shard.
    QHash<QString, qmld::SequenceNumber> lastRecords()
    {
        qmld::StreamStore s = store();
        QHash<QString, qmld::SequenceNumber> last;
        const qmld::StreamDescription stream = s.describeStream(u"s"_s).value();
        for (const qmld::ShardInfo &shard : stream.shards) {
            auto read = s.readRecords(u"s"_s, shard.shardId, qmld::ShardPosition::trimHorizon(), 10000);
            if (read && !read->records.empty())
                last.insert(shard.shardId, read->records.back().sequenceNumber);
        }
        return last;
    }

    // Every shard is checkpointed at its last record.
    bool allCheckpointed()
    {
        const QHash<QString, qmld::SequenceNumber> last = lastRecords();
        QHash<QString, qmld::SequenceNumber> checkpoints;
        for (const qmld::Lease &lease : checkedLeases())
            checkpoints.insert(lease.leaseKey, lease.checkpoint);
        for (auto it = last.cbegin(); it != last.cend(); ++it) {
            const auto checkpoint = checkpoints.constFind(it.key());
            if (checkpoint == checkpoints.cend() || checkpoint->withSubSequence(0) != it.value().withSubSequence(0))
                return false;
        }
        return true;
    }

    // Puts `count` records; returns their sequence numbers by shard.
    QHash<QString, QList<qmld::SequenceNumber>> put(int count)
    {
        qmld::StreamStore s = store();
        QHash<QString, QList<qmld::SequenceNumber>> put;
        for (int i = 0; i < count; ++i, ++m_nextRecord) {
            qmld::PutRequest request;
            request.partitionKey = "pk-" + QByteArray::number(m_nextRecord);
            request.data = "record " + QByteArray::number(m_nextRecord);
            auto result = s.putRecord(u"s"_s, request);
            if (!result) {
                QTest::qFail(qPrintable(u"put failed: "_s + result.error().message), __FILE__, __LINE__);
                return put;
            }
            put[result->shardId] << result->sequenceNumber;
        }
        return put;
    }

    static std::vector<Delivery> deliveries(const QString &path)
    {
        std::vector<Delivery> found;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return found;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() < 3)
                continue; // a partial last line, or an empty one
            const auto sequence = qmld::SequenceNumber::parse(QString::fromLatin1(fields[2]));
            if (!sequence)
                continue;
            found.push_back({QString::fromLatin1(fields[0]), fields[1] == "initialize", *sequence});
        }
        return found;
    }

    void startDaemon(const QString &workerId)
    {
        const QString propertiesPath = m_dir.filePath(workerId + u".properties"_s);
        QFile properties(propertiesPath);
        QVERIFY(properties.open(QIODevice::WriteOnly));
        const QString child = qEnvironmentVariable("QMLD_SOURCE_DIR") + u"/tests/peers/node/kcl_minimal.js"_s;
        properties.write("applicationName = balance\nstreamName = s\nworkerId = " + workerId.toUtf8()
                         + "\nexecutableName = " + qmld::test::nodeExecutable().toUtf8() + ' ' + child.toUtf8()
                         + "\ninitialPositionInStream = TRIM_HORIZON\nidleTimeBetweenReadsInMillis = 100\n"
                           "failoverTimeMillis = "
                         + QByteArray::number(kFailoverMs)
                         + "\nshardSyncIntervalMillis = 500\nmaxRecords = 50\nshutdownGraceMillis = 10000\n"
                           "qmldStore = "
                         + m_storePath.toUtf8() + "\n");
        properties.close();

        auto daemon = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"KCL_MINIMAL_RECORD_LOG"_s, recordLogPath(workerId));
        daemon->setProcessEnvironment(environment);
        daemon->setStandardOutputFile(QProcess::nullDevice());
        daemon->setStandardErrorFile(stderrPath(workerId), QIODevice::Append);
        daemon->start(binary(), {u"--properties-file"_s, propertiesPath});
        QVERIFY2(daemon->waitForStarted(), qPrintable(daemon->errorString()));
        m_daemons[workerId] = std::move(daemon);
    }

    // SIGTERM, a clean exit, and no child left behind.
    void stopDaemon(const QString &workerId)
    {
        QProcess &daemon = *m_daemons.at(workerId);
        const QList<qint64> children = qmld::test::descendantsOf(daemon.processId());
        QVERIFY2(qmld::test::signalProcess(daemon, SIGTERM), qPrintable(workerId + u" is not running"_s));
        QVERIFY(daemon.waitForFinished(30000));
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
        for (qint64 pid : children)
            QTRY_VERIFY_WITH_TIMEOUT(!qmld::test::isAlive(pid), 10000);
        m_daemons.erase(workerId);
    }

    void dumpStderr()
    {
        for (const QString &worker : {u"w1"_s, u"w2"_s, u"w3"_s}) {
            QFile file(stderrPath(worker));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> lines = file.readAll().split('\n');
            qInfo("---- last lines of %s's stderr", qPrintable(worker));
            for (qsizetype i = std::max<qsizetype>(0, lines.size() - 40); i < lines.size(); ++i)
                qInfo("%s", lines[i].constData());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QMLD_REQUIRE_PEER(qmld::test::missingNodePeer(u"aws-kcl"_s));
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath(u"store.sqlite"_s);
        QVERIFY(qmld::StreamStore::open(m_storePath)->createStream(u"s"_s, kShards));
        const auto first = put(300);
        QCOMPARE(first.size(), kShards); // every shard has records
    }

    void cleanup()
    {
        QVERIFY2(m_backwards.isEmpty(), qPrintable(m_backwards));
        if (QTest::currentTestFailed())
            dumpStderr();
    }

    void cleanupTestCase()
    {
        // Whatever a failed test left running: SIGTERM, then reaped.
        for (auto &[worker, daemon] : m_daemons)
            qmld::test::stopAndReap(*daemon);
        m_daemons.clear();
    }

    void twoWorkersSplitSixShards()
    {
        startDaemon(u"w1"_s);
        startDaemon(u"w2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(balancedOver({u"w1"_s, u"w2"_s}) && allCheckpointed(), 40000);
    }

    void aThirdWorkerGetsItsShare()
    {
        QVERIFY(m_daemons.size() == 2);
        startDaemon(u"w3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(balancedOver({u"w1"_s, u"w2"_s, u"w3"_s}), 40000);
        put(120);
        QTRY_VERIFY_WITH_TIMEOUT(allCheckpointed() && balancedOver({u"w1"_s, u"w2"_s, u"w3"_s}), 30000);
    }

    void survivorsTakeOverAKilledWorkersShards()
    {
        QVERIFY(m_daemons.size() == 3);
        QVERIFY(allCheckpointed());
        // w3's shards and their last checkpoints, as it leaves them.
        QHash<QString, qmld::SequenceNumber> lastCheckpoints;
        for (const qmld::Lease &lease : checkedLeases()) {
            if (lease.isOwnedBy(u"w3"_s))
                lastCheckpoints.insert(lease.leaseKey, lease.checkpoint);
        }
        QCOMPARE(lastCheckpoints.size(), kShards / 3);

        // SIGKILL: no shutdown, no lease released; its children die with it.
        QProcess &victim = *m_daemons.at(u"w3"_s);
        const QList<qint64> children = qmld::test::descendantsOf(victim.processId());
        QCOMPARE(children.size(), kShards / 3);
        QVERIFY(qmld::test::signalProcess(victim, SIGKILL));
        QVERIFY(victim.waitForFinished(10000));
        QCOMPARE(victim.exitStatus(), QProcess::CrashExit);
        m_daemons.erase(u"w3"_s);
        for (qint64 pid : children)
            QTRY_VERIFY_WITH_TIMEOUT(!qmld::test::isAlive(pid), 10000);

        // Records put after the kill, some of them to w3's shards.
        const QHash<QString, QList<qmld::SequenceNumber>> afterKill = put(240);
        QTRY_VERIFY_WITH_TIMEOUT(balancedOver({u"w1"_s, u"w2"_s}) && allCheckpointed(), 40000);

        // The survivors started w3's shards at its last checkpoint, were given
        // nothing at or before it, and were given every record put after the kill.
        std::vector<Delivery> survivors = deliveries(recordLogPath(u"w1"_s));
        const std::vector<Delivery> w2 = deliveries(recordLogPath(u"w2"_s));
        survivors.insert(survivors.end(), w2.begin(), w2.end());
        QHash<QString, QSet<QString>> delivered;
        QHash<QString, int> initializedAtLastCheckpoint;
        for (const Delivery &delivery : survivors) {
            const auto last = lastCheckpoints.constFind(delivery.shardId);
            if (delivery.initialize) {
                if (last != lastCheckpoints.cend() && delivery.sequenceNumber == *last)
                    ++initializedAtLastCheckpoint[delivery.shardId];
                continue;
            }
            delivered[delivery.shardId].insert(delivery.sequenceNumber.toString());
        }
        for (auto it = lastCheckpoints.cbegin(); it != lastCheckpoints.cend(); ++it) {
            QVERIFY2(initializedAtLastCheckpoint.value(it.key()) >= 1,
                     qPrintable(u"no survivor started %1 at %2"_s.arg(it.key(), it->display())));
        }
        // Nothing at or before w3's last checkpoint went to a survivor after the takeover:
        // the only deliveries of w3's shards to survivors are after their initialize at it.
        for (const QString &worker : {u"w1"_s, u"w2"_s}) {
            QHash<QString, bool> afterTakeover;
            for (const Delivery &delivery : deliveries(recordLogPath(worker))) {
                const auto last = lastCheckpoints.constFind(delivery.shardId);
                if (last == lastCheckpoints.cend())
                    continue;
                if (delivery.initialize) {
                    afterTakeover[delivery.shardId] = delivery.sequenceNumber == *last;
                    continue;
                }
                if (afterTakeover.value(delivery.shardId))
                    QVERIFY2(*last < delivery.sequenceNumber,
                             qPrintable(u"%1 redelivered %2 of %3, at or before the checkpoint %4"_s.arg(
                                 worker, delivery.sequenceNumber.display(), delivery.shardId, last->display())));
            }
        }
        for (auto it = afterKill.cbegin(); it != afterKill.cend(); ++it) {
            for (const qmld::SequenceNumber &sequence : it.value())
                QVERIFY2(delivered.value(it.key()).contains(sequence.toString()),
                         qPrintable(u"%1 of %2, put after the kill, was never processed"_s.arg(sequence.display(),
                                                                                             it.key())));
        }
    }

    void survivorsStopCleanly()
    {
        QVERIFY(m_daemons.size() == 2);
        stopDaemon(u"w1"_s);
        stopDaemon(u"w2"_s);
        QVERIFY(m_daemons.empty());
    }
};

QTEST_GUILESS_MAIN(TestLeaseBalancing)
#include "test_lease_balancing.moc"

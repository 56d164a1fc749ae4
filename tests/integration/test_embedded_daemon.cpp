// qmld-daemon end to end with the official npm aws-kcl child library
// (tests/peers/node/kcl_minimal.js, which checkpoints at the end of every batch
// and at shard end): records, checkpoints, resharding, restart, SIGTERM.

#include <ProcessGuard.h>
#include <TestPeers.h>

#include <qmld/Kpl.h>
#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSet>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestEmbeddedDaemon : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;
    QString m_propertiesPath;
    QHash<QString, qmld::SequenceNumber> m_seen; // checkpoints as last observed
    QString m_backwards;                          // a checkpoint that moved backwards, once seen

    static QString binary() { return qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld-daemon"_s; }

    qmld::StreamStore store()
    {
        return std::move(qmld::StreamStore::open(m_storePath)).value();
    }

    std::vector<qmld::Lease> leases()
    {
        auto table = qmld::LeaseTable::open(m_storePath, u"app"_s);
        if (!table)
            return {};
        auto list = table->list();
        return list ? std::move(list).value() : std::vector<qmld::Lease>{};
    }

    // The last sequence number of each shard of the stream, as stored.
    QHash<QString, qmld::SequenceNumber> lastRecords()
    {
        qmld::StreamStore s = store();
        QHash<QString, qmld::SequenceNumber> last;
        const qmld::StreamDescription stream = s.describeStream(u"s"_s).value();
        for (const qmld::ShardInfo &shard : stream.shards) {
            auto read = s.readRecords(u"s"_s, shard.shardId, qmld::ShardPosition::trimHorizon(), 10000);
            if (!read->records.empty())
                last.insert(shard.shardId, read->records.back().sequenceNumber);
        }
        return last;
    }

    // Every shard with records is checkpointed at its last record or at
    // SHARD_END, or its lease is gone (cleaned up after SHARD_END). A
    // checkpoint that moved backwards ends the wait (true) with m_backwards set.
    bool allCheckpointed()
    {
        const QHash<QString, qmld::SequenceNumber> last = lastRecords();
        const std::vector<qmld::Lease> table = leases();
        QHash<QString, qmld::SequenceNumber> checkpoints;
        for (const qmld::Lease &lease : table) {
            checkpoints.insert(lease.leaseKey, lease.checkpoint);
            const auto previous = m_seen.constFind(lease.leaseKey);
            if (previous != m_seen.cend() && lease.checkpoint < *previous && m_backwards.isEmpty())
                m_backwards = u"the checkpoint of %1 moved backwards from %2 to %3"_s.arg(
                    lease.leaseKey, previous->display(), lease.checkpoint.display());
            m_seen.insert(lease.leaseKey, lease.checkpoint);
        }
        if (!m_backwards.isEmpty())
            return true;
        for (auto it = last.cbegin(); it != last.cend(); ++it) {
            const auto checkpoint = checkpoints.constFind(it.key());
            if (checkpoint == checkpoints.cend()) {
                if (!m_seen.contains(it.key()))
                    return false; // never had a lease yet
                continue;         // deleted after SHARD_END
            }
            if (checkpoint->kind() != qmld::SequenceNumber::Kind::ShardEnd
                && checkpoint->withSubSequence(0) != it.value().withSubSequence(0))
                return false;
        }
        return true;
    }

    void put(int first, int count)
    {
        qmld::StreamStore s = store();
        for (int i = first; i < first + count; ++i) {
            qmld::PutRequest request;
            request.partitionKey = "pk-" + QByteArray::number(i);
            request.data = "record " + QByteArray::number(i);
            QVERIFY(s.putRecord(u"s"_s, request));
        }
    }

    QString recordLogPath() const { return m_dir.filePath(u"records.log"_s); }

    void startDaemon(QProcess &daemon)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"KCL_MINIMAL_RECORD_LOG"_s, recordLogPath());
        daemon.setProcessEnvironment(environment);
        daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        daemon.start(binary(), {u"--properties-file"_s, m_propertiesPath});
        QVERIFY(daemon.waitForStarted());
    }

    // SIGTERM: a graceful stop. Every child of a shard the daemon holds is
    // sent shutdownRequested (kcl_minimal.js notes it in the record log), the
    // daemon exits 0, and no child is left.
    void stopDaemon(QProcess &daemon)
    {
        QSet<QString> held;
        for (const qmld::Lease &lease : leases())
            if (lease.isOwnedBy(u"w1"_s) && lease.checkpoint.kind() != qmld::SequenceNumber::Kind::ShardEnd)
                held.insert(lease.leaseKey);
        QVERIFY(!held.isEmpty());
        const qint64 logSizeBefore = QFileInfo(recordLogPath()).size();
        const QList<qint64> children = qmld::test::descendantsOf(daemon.processId());
        QCOMPARE(children.size(), held.size()); // one child per shard held
        QVERIFY2(qmld::test::signalProcess(daemon, SIGTERM), "the daemon is not running");
        QVERIFY(daemon.waitForFinished(30000));
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
        for (qint64 pid : children)
            QTRY_VERIFY_WITH_TIMEOUT(!qmld::test::isAlive(pid), 10000);

        QFile log(recordLogPath());
        QVERIFY(log.open(QIODevice::ReadOnly) && log.seek(logSizeBefore));
        QSet<QString> toldToShutDown;
        for (const QByteArray &line : log.readAll().split('\n'))
            if (line.endsWith(" shutdownRequested"))
                toldToShutDown.insert(QString::fromLatin1(line.split(' ').first()));
        QCOMPARE(toldToShutDown, held);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QMLD_REQUIRE_PEER(qmld::test::missingNodePeer(u"aws-kcl"_s));
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath(u"store.sqlite"_s);
        QVERIFY(qmld::StreamStore::open(m_storePath)->createStream(u"s"_s, 3));
        m_propertiesPath = m_dir.filePath(u"app.properties"_s);
        QFile properties(m_propertiesPath);
        QVERIFY(properties.open(QIODevice::WriteOnly));
        const QString child = qEnvironmentVariable("QMLD_SOURCE_DIR") + u"/tests/peers/node/kcl_minimal.js"_s;
        properties.write(("applicationName = app\nstreamName = s\nworkerId = w1\n"
                          "executableName = " + qmld::test::nodeExecutable().toUtf8() + ' ' + child.toUtf8() + "\n"
                          "initialPositionInStream = TRIM_HORIZON\nidleTimeBetweenReadsInMillis = 100\n"
                          "failoverTimeMillis = 1000\nshardSyncIntervalMillis = 500\n"
                          "parentShardPollIntervalMillis = 200\nmaxRecords = 40\nshutdownGraceMillis = 10000\n"
                          "qmldStore = " + m_storePath.toUtf8() + "\n"));
    }

    void everyRecordCheckpointedThenReshardedThenRestarted()
    {
        put(0, 300);
        qmld::KplAggregator aggregator;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(aggregator.add("agg", QByteArray("sub " + QByteArray::number(i))), qmld::KplAggregator::AddResult::Added);
        const auto aggregate = aggregator.finish();
        qmld::PutRequest request{aggregate->partitionKey, aggregate->data, aggregate->explicitHashKey};
        QVERIFY(store().putRecord(u"s"_s, request));

        QProcess daemon;
        const qmld::test::ProcessGuard guard(daemon);
        startDaemon(daemon);
        QTRY_VERIFY_WITH_TIMEOUT(allCheckpointed(), 60000);
        QVERIFY2(m_backwards.isEmpty(), qPrintable(m_backwards));
        QCOMPARE(leases().size(), size_t(3));

        // Split a shard: its child reaches SHARD_END, then the children are processed.
        QVERIFY(store().splitShard(u"s"_s, u"shardId-000000000000"_s));
        put(300, 200);
        QTRY_VERIFY_WITH_TIMEOUT(allCheckpointed() && leases().size() >= 4, 60000);
        QVERIFY2(m_backwards.isEmpty(), qPrintable(m_backwards));
        stopDaemon(daemon);

        // A restart resumes after the last checkpoint and processes what came since.
        put(500, 100);
        QProcess restarted;
        const qmld::test::ProcessGuard restartedGuard(restarted);
        startDaemon(restarted);
        QTRY_VERIFY_WITH_TIMEOUT(allCheckpointed(), 60000);
        QVERIFY2(m_backwards.isEmpty(), qPrintable(m_backwards));
        stopDaemon(restarted);
    }

    void unknownStreamIsNamedWithTheStore()
    {
        QFile properties(m_dir.filePath(u"other.properties"_s));
        QVERIFY(properties.open(QIODevice::WriteOnly));
        properties.write("applicationName = a\nstreamName = nosuch\nexecutableName = /bin/cat\nqmldStore = "
                         + m_storePath.toUtf8() + "\n");
        properties.close();
        QProcess daemon;
        const qmld::test::ProcessGuard guard(daemon);
        daemon.start(binary(), {properties.fileName()});
        QVERIFY(daemon.waitForFinished(30000));
        QCOMPARE(daemon.exitCode(), 1);
        const QString error = QString::fromUtf8(daemon.readAllStandardError());
        QVERIFY2(error.contains(u"nosuch"_s) && error.contains(m_storePath), qPrintable(error));
    }

    void childCrashEndsTheDaemonWithCodeOne()
    {
        QFile properties(m_dir.filePath(u"crash.properties"_s));
        QVERIFY(properties.open(QIODevice::WriteOnly));
        properties.write("applicationName = crash\nstreamName = s\nexecutableName = /bin/false\n"
                         "initialPositionInStream = TRIM_HORIZON\nqmldStore = "
                         + m_storePath.toUtf8() + "\n");
        properties.close();
        QProcess daemon;
        const qmld::test::ProcessGuard guard(daemon);
        daemon.start(binary(), {properties.fileName()});
        QVERIFY(daemon.waitForFinished(30000));
        QCOMPARE(daemon.exitCode(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedDaemon)
#include "test_embedded_daemon.moc"

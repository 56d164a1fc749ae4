// `qmld run --mld embedded --processor log` as a user runs it: the real qmld,
// which starts the real qmld-daemon, which starts one qmld-connect per shard,
// over a store file with thousands of records. Every record reaches the log,
// checkpoints never move backwards, a restart resumes after the last
// checkpoint, and a KPL aggregate arrives as its sub-records.

#include <QmldRun.h>
#include <ProcessGuard.h>

#include <qmld/Kpl.h>
#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <numeric>

using namespace Qt::StringLiterals;

namespace {

constexpr int kShards = 4;
constexpr int kSubRecords = 5;

// What qmld's log processor wrote to one output file, read as it grows.
struct LogOutput
{
    QString path;
    qint64 offset = 0;
    QHash<QByteArray, int> records;                        // data -> how often it was delivered
    QHash<QString, QList<qmld::SequenceNumber>> delivered; // by shard, in order
    QHash<QString, QList<qmld::SequenceNumber>> initialized;
    QHash<QString, QList<qmld::SequenceNumber>> checkpointed;
    QList<QJsonObject> subRecords; // records of the aggregate
    QStringList shutdownRequested; // shards, once per shutdownRequested event
    QStringList problems;

    static std::optional<qmld::SequenceNumber> sequenceOf(const QJsonObject &object)
    {
        const QJsonValue sub = object[u"subSequenceNumber"_s];
        return qmld::SequenceNumber::parse(object[u"sequenceNumber"_s].toString(),
                                           sub.isDouble() ? std::optional<std::int64_t>(sub.toInteger())
                                                          : std::nullopt);
    }

    void update()
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
            return;
        const QByteArray text = file.readAll();
        const qsizetype end = text.lastIndexOf('\n') + 1; // whole lines only
        offset += end;
        for (const QByteArray &line : QByteArrayView(text).first(end).toByteArray().split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            if (error.error != QJsonParseError::NoError) {
                problems << u"not JSON: "_s + QString::fromUtf8(line);
                continue;
            }
            const QString shardId = object[u"shardId"_s].toString();
            const QString event = object[u"event"_s].toString();
            const std::optional<qmld::SequenceNumber> sequence = sequenceOf(object);
            if (event.isEmpty()) {
                const QByteArray data = QByteArray::fromBase64(object[u"data"_s].toString().toLatin1());
                ++records[data];
                if (sequence)
                    delivered[shardId] << *sequence;
                else
                    problems << u"a record without a sequence number: "_s + QString::fromUtf8(line);
                if (data.startsWith("sub "))
                    subRecords << object;
            } else if (event == u"initialize"_s) {
                initialized[shardId] << sequence.value_or(qmld::SequenceNumber::trimHorizon());
            } else if (event == u"shutdownRequested"_s) {
                shutdownRequested << shardId;
            } else if (event == u"checkpointed"_s && sequence) {
                QList<qmld::SequenceNumber> &list = checkpointed[shardId];
                if (!list.isEmpty() && *sequence < list.last())
                    problems << u"the checkpoint of %1 moved back from %2 to %3"_s.arg(shardId, list.last().display(),
                                                                                     sequence->display());
                list << *sequence;
            }
        }
    }

    bool hasAll(int first, int count) const
    {
        for (int i = first; i < first + count; ++i)
            if (!records.contains("record " + QByteArray::number(i)))
                return false;
        return true;
    }
};

} // namespace

class TestRunEmbedded : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;
    QString m_propertiesPath;
    QHash<QString, qmld::SequenceNumber> m_seen; // lease checkpoints as last observed
    QString m_backwards;                          // a checkpoint that moved backwards, once seen
    QHash<QString, qmld::SequenceNumber> m_lastCheckpoints; // after the first run
    int m_nextRecord = 0;
    int m_run = 0;

    qmld::StreamStore store() { return std::move(qmld::StreamStore::open(m_storePath)).value(); }

    // The lease table, checked on every read: a checkpoint that moved
    // backwards is kept in m_backwards, which cleanup() checks.
    std::vector<qmld::Lease> leases()
    {
        auto table = qmld::LeaseTable::open(m_storePath, u"runapp"_s);
        if (!table)
            return {};
        auto list = table->list();
        std::vector<qmld::Lease> found = list ? std::move(list).value() : std::vector<qmld::Lease>{};
        for (const qmld::Lease &lease : found) {
            const auto previous = m_seen.constFind(lease.leaseKey);
            if (previous != m_seen.cend() && lease.checkpoint < *previous && m_backwards.isEmpty())
                m_backwards = u"the checkpoint of %1 moved backwards from %2 to %3"_s.arg(
                    lease.leaseKey, previous->display(), lease.checkpoint.display());
            m_seen.insert(lease.leaseKey, lease.checkpoint);
        }
        return found;
    }

    void put(int count)
    {
        std::vector<qmld::PutRequest> requests;
        for (int i = 0; i < count; ++i, ++m_nextRecord)
            requests.push_back({"pk-" + QByteArray::number(m_nextRecord), "record " + QByteArray::number(m_nextRecord), {}});
        QVERIFY(store().putRecords(u"big"_s, requests));
    }

    QString runtimeParent() const { return m_dir.filePath(u"runtime"_s); }
    QStringList runtimeFolders() const
    {
        return QDir(runtimeParent()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    }

    QString logPath(int run) const { return m_dir.filePath(u"run%1.jsonl"_s.arg(run)); }

    void startQmld(QProcess &qmld, const QStringList &checkpointing = {u"--checkpoint-every"_s, u"250"_s,
                                                                       u"--checkpoint-interval"_s, u"1000"_s})
    {
        ++m_run;
        qmld.setStandardOutputFile(QProcess::nullDevice());
        qmld.setStandardErrorFile(m_dir.filePath(u"qmld%1.stderr"_s.arg(m_run)));
        // qmld's runtime folder (qmld-runapp-*) inside the test's own, so that
        // one a killed qmld could not remove goes with it.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_RUNTIME_DIR"_s, runtimeParent());
        qmld.setProcessEnvironment(environment);
        qmld.start(qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld"_s,
                   QStringList{u"run"_s, u"--mld"_s, u"embedded"_s, u"--properties"_s, m_propertiesPath, u"--processor"_s,
                    u"log"_s, u"--output"_s, logPath(m_run), u"--status-interval"_s, u"0"_s}
                       + checkpointing);
        QVERIFY2(qmld.waitForStarted(), qPrintable(qmld.errorString()));
    }


    void dumpStderr()
    {
        for (int run = 1; run <= m_run; ++run) {
            QFile file(m_dir.filePath(u"qmld%1.stderr"_s.arg(run)));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> lines = file.readAll().split('\n');
            qInfo("---- last lines of run %d's stderr", run);
            for (qsizetype i = std::max<qsizetype>(0, lines.size() - 40); i < lines.size(); ++i)
                qInfo("%s", lines[i].constData());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(runtimeParent()));
        m_storePath = m_dir.filePath(u"store.sqlite"_s);
        QVERIFY(qmld::StreamStore::open(m_storePath)->createStream(u"big"_s, kShards));
        m_propertiesPath = m_dir.filePath(u"runapp.properties"_s);
        QFile properties(m_propertiesPath);
        QVERIFY(properties.open(QIODevice::WriteOnly));
        properties.write("applicationName = runapp\nstreamName = big\nworkerId = runner\n"
                         "executableName = replaced-by-qmld\ninitialPositionInStream = TRIM_HORIZON\n"
                         "idleTimeBetweenReadsInMillis = 100\nmaxRecords = 400\nshutdownGraceMillis = 10000\n"
                         "qmldStore = " + m_storePath.toUtf8() + "\n");
    }

    void cleanup()
    {
        QVERIFY2(m_backwards.isEmpty(), qPrintable(m_backwards));
        if (QTest::currentTestFailed())
            dumpStderr();
    }

    void everyRecordLoggedAndAggregateSplit()
    {
        put(1500);
        qmld::KplAggregator aggregator;
        // One partition key, as the KPL aggregates only records bound for one
        // shard (the KCL drops an aggregate that strays outside its shard).
        for (int i = 0; i < kSubRecords; ++i)
            QCOMPARE(aggregator.add("agg", QByteArray("sub " + QByteArray::number(i))),
                     qmld::KplAggregator::AddResult::Added);
        const auto aggregate = aggregator.finish();
        QVERIFY(aggregate);
        QVERIFY(store().putRecord(u"big"_s, {aggregate->partitionKey, aggregate->data, aggregate->explicitHashKey}));
        put(1500);

        QProcess qmld;
        const auto reap = qmld::test::reaperFor(qmld);
        startQmld(qmld);
        LogOutput log;
        log.path = logPath(1);
        QTRY_VERIFY_WITH_TIMEOUT((log.update(), leases(), log.hasAll(0, 3000) && log.subRecords.size() >= kSubRecords),
                                 40000);
        qmld::test::stopGracefully(qmld, 1 + kShards); // qmld, its daemon and a connector per shard
        QCOMPARE(runtimeFolders(), QStringList()); // a graceful stop removes its runtime folder
        log.update();
        QVERIFY2(log.problems.isEmpty(), qPrintable(log.problems.join(u'\n')));
        QCOMPARE(log.initialized.size(), kShards);
        // The graceful stop told every shard's processor, once.
        QStringList shards = log.initialized.keys();
        shards.sort();
        log.shutdownRequested.sort();
        QCOMPARE(log.shutdownRequested, shards);
        qInfo("first run: %d distinct records logged, %d checkpoints", int(log.records.size()),
              int(std::accumulate(log.checkpointed.cbegin(), log.checkpointed.cend(), qsizetype(0),
                                  [](qsizetype n, const auto &list) { return n + list.size(); })));

        // The aggregate: its sub-records, in order, under one sequence number.
        QCOMPARE(log.subRecords.size(), kSubRecords); // delivered once: nothing was re-delivered in one run
        const QString aggregateSequence = log.subRecords.first()[u"sequenceNumber"_s].toString();
        for (int i = 0; i < kSubRecords; ++i) {
            const QJsonObject &sub = log.subRecords.at(i);
            QCOMPARE(QByteArray::fromBase64(sub[u"data"_s].toString().toLatin1()), "sub " + QByteArray::number(i));
            QCOMPARE(sub[u"partitionKey"_s].toString(), u"agg"_s);
            QCOMPARE(sub[u"subSequenceNumber"_s].toInteger(-1), qint64(i));
            QCOMPARE(sub[u"sequenceNumber"_s].toString(), aggregateSequence);
        }

        // A graceful stop checkpoints what was handled: each shard at its last record.
        const std::vector<qmld::Lease> table = leases();
        QCOMPARE(table.size(), size_t(kShards));
        for (const qmld::Lease &lease : table) {
            const QList<qmld::SequenceNumber> &delivered = log.delivered.value(lease.leaseKey);
            QVERIFY(!delivered.isEmpty());
            QCOMPARE(lease.checkpoint.display(), delivered.last().display());
            QVERIFY(!log.checkpointed.value(lease.leaseKey).isEmpty());
            QCOMPARE(log.checkpointed.value(lease.leaseKey).last().display(), lease.checkpoint.display());
            m_lastCheckpoints.insert(lease.leaseKey, lease.checkpoint);
        }
    }

    void restartResumesAfterTheLastCheckpoint()
    {
        QCOMPARE(m_lastCheckpoints.size(), kShards);
        put(1000);
        QProcess qmld;
        const auto reap = qmld::test::reaperFor(qmld);
        startQmld(qmld);
        LogOutput log;
        log.path = logPath(2);
        QTRY_VERIFY_WITH_TIMEOUT((log.update(), leases(), log.hasAll(3000, 1000)), 40000);
        qmld::test::stopGracefully(qmld, 1 + kShards); // qmld, its daemon and a connector per shard
        log.update();
        QVERIFY2(log.problems.isEmpty(), qPrintable(log.problems.join(u'\n')));

        // Each shard starts at its checkpoint, and nothing at or before it comes again.
        for (auto it = m_lastCheckpoints.cbegin(); it != m_lastCheckpoints.cend(); ++it) {
            QCOMPARE(log.initialized.value(it.key()).size(), 1);
            QCOMPARE(log.initialized.value(it.key()).first().display(), it->display());
            for (const qmld::SequenceNumber &sequence : log.delivered.value(it.key()))
                QVERIFY2(*it < sequence, qPrintable(u"%1 of %2 was delivered again after the checkpoint %3"_s.arg(
                                             sequence.display(), it.key(), it->display())));
        }
        qInfo("second run: %d distinct records logged", int(log.records.size()));
        QCOMPARE(log.records.size(), 1000); // only the new ones, once each
        QCOMPARE(log.subRecords.size(), 0);
    }

    // qmld killed with SIGKILL: its daemon and connectors go with it, and the
    // next run starts each shard at its last stored checkpoint, so exactly the
    // records after it come again.
    void restartAfterACrashResumesAfterTheLastCheckpoint()
    {
        QProcess qmld;
        const auto reap = qmld::test::reaperFor(qmld);
        startQmld(qmld, {u"--checkpoint-every"_s, u"150"_s, u"--checkpoint-interval"_s, u"0"_s});
        LogOutput log;
        log.path = logPath(m_run);
        put(1000); // about 250 a shard: a batch each, checkpointed
        QTRY_VERIFY_WITH_TIMEOUT((log.update(), leases(), log.hasAll(4000, 1000)), 40000);
        put(200); // about 50 a shard: handled, too few to checkpoint
        QTRY_VERIFY_WITH_TIMEOUT((log.update(), leases(), log.hasAll(5000, 200)), 40000);
        QVERIFY2(log.problems.isEmpty(), qPrintable(log.problems.join(u'\n')));

        const QList<qint64> descendants = qmld::test::descendantsOf(qmld.processId());
        QVERIFY(qmld::test::signalProcess(qmld, SIGKILL));
        QVERIFY(qmld.waitForFinished(10000));
        for (qint64 pid : descendants)
            QTRY_VERIFY_WITH_TIMEOUT(!qmld::test::isAlive(pid), 15000);

        // What the next run must deliver: every record after each shard's checkpoint.
        QHash<QString, qmld::SequenceNumber> checkpoints;
        QHash<QString, QList<qmld::SequenceNumber>> expected;
        int expectedCount = 0;
        for (const qmld::Lease &lease : leases()) {
            checkpoints.insert(lease.leaseKey, lease.checkpoint);
            QVERIFY(m_lastCheckpoints.value(lease.leaseKey) < lease.checkpoint); // it did checkpoint in this run
            auto read = store().readRecords(u"big"_s, lease.leaseKey,
                                            qmld::ShardPosition::afterSequenceNumber(lease.checkpoint), 10000);
            QVERIFY(read);
            for (const qmld::StreamRecord &record : read->records)
                expected[lease.leaseKey] << record.sequenceNumber;
            expectedCount += int(read->records.size());
        }
        QCOMPARE(checkpoints.size(), kShards);
        QVERIFY2(expectedCount > 0, "the crash should leave handled but unconfirmed records behind");

        QProcess restarted;
        const auto reapRestarted = qmld::test::reaperFor(restarted);
        startQmld(restarted);
        LogOutput again;
        again.path = logPath(m_run);
        QTRY_VERIFY_WITH_TIMEOUT((again.update(), leases(), again.records.size() >= expectedCount), 40000);
        qmld::test::stopGracefully(restarted, 1 + kShards); // qmld, its daemon and a connector per shard
        again.update();
        QVERIFY2(again.problems.isEmpty(), qPrintable(again.problems.join(u'\n')));
        qInfo("after the crash: %d records after the checkpoints delivered again", expectedCount);
        for (auto it = checkpoints.cbegin(); it != checkpoints.cend(); ++it) {
            QCOMPARE(again.initialized.value(it.key()).size(), 1);
            QCOMPARE(again.initialized.value(it.key()).first().display(), it->display());
            QCOMPARE(again.delivered.value(it.key()), expected.value(it.key()));
        }
    }

    // Restarting the daemon cannot mend these, so qmld run does not try.
    void badStoreOrStreamFailsAtOnce_data()
    {
        QTest::addColumn<QByteArray>("storeContents"); // empty: no file
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("corrupt store") << "not a database"_ba << "big"_ba << "is damaged"_ba;
        QTest::newRow("missing store") << QByteArray() << "big"_ba << "does not exist"_ba;
        QTest::newRow("unknown stream") << QByteArray("-") << "nope"_ba << "stream nope does not exist"_ba;
    }

    void badStoreOrStreamFailsAtOnce()
    {
        QFETCH(QByteArray, storeContents);
        QFETCH(QByteArray, stream);
        QFETCH(QByteArray, named);
        QString storePath = m_dir.filePath(u"bad-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
        if (storeContents == "-") {
            storePath = m_storePath; // a good store without that stream
        } else if (!storeContents.isEmpty()) {
            QFile file(storePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(storeContents);
        }
        const QString propertiesPath = m_dir.filePath(u"bad.properties"_s);
        QFile properties(propertiesPath);
        QVERIFY(properties.open(QIODevice::WriteOnly));
        properties.write("applicationName = badapp\nstreamName = " + stream + "\nexecutableName = x\nqmldStore = "
                         + storePath.toUtf8() + "\n");
        properties.close();

        QProcess qmld;
        const auto reap = qmld::test::reaperFor(qmld);
        qmld.start(qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld"_s,
                   {u"run"_s, u"--mld"_s, u"embedded"_s, u"--properties"_s, propertiesPath, u"--processor"_s, u"null"_s});
        QVERIFY(qmld.waitForFinished(10000));
        const QByteArray err = qmld.readAllStandardError();
        QCOMPARE(qmld.exitCode(), 3);
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.contains(named) && err.contains(storePath.toUtf8()), err.constData());
        if (storeContents == "not a database"_ba) {
            QFile file(storePath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), storeContents); // left as it was
        }
    }
};

QTEST_GUILESS_MAIN(TestRunEmbedded)
#include "test_run_embedded.moc"

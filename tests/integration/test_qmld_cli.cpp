// `qmld stream` and `qmld lease` driven as a user drives them: the real
// binary, a store file in a temporary folder, output and exit codes checked.

#include <ProgramRun.h>

#include <qmld/LeaseTable.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

using Run = qmld::test::ProgramRun;

} // namespace

class TestQmldCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString store() const { return m_dir.filePath(u"store.sqlite"_s); }

    Run qmld(QStringList arguments, const QByteArray &input = {})
    {
        return qmld::test::runProgram(u"qmld"_s, arguments << u"--store"_s << store(), input);
    }

    QList<QJsonObject> jsonLines(const QByteArray &text)
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : text.split('\n'))
            if (!line.isEmpty())
                objects << QJsonDocument::fromJson(line).object();
        return objects;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void streamLifecycle()
    {
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"orders"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QByteArray lines;
        for (int i = 0; i < 500; ++i)
            lines += "order " + QByteArray::number(i) + '\n';
        const Run put = qmld({u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s}, lines);
        QVERIFY2(put.exitCode == 0, put.err.constData());
        QVERIFY2(put.out.contains("500"), put.out.constData());

        const Run described = qmld({u"stream"_s, u"describe"_s, u"orders"_s, u"--json"_s});
        QCOMPARE(described.exitCode, 0);
        const QJsonArray shards = QJsonDocument::fromJson(described.out).object()[u"StreamDescription"_s][u"Shards"_s].toArray();
        QCOMPARE(shards.size(), 2);

        // Every record comes back once, from one shard or the other, in sequence order.
        QSet<QByteArray> seen;
        for (const QJsonValue &shard : shards) {
            const Run read = qmld({u"stream"_s, u"read"_s, u"orders"_s, u"--shard"_s, shard[u"ShardId"_s].toString(),
                                   u"--limit"_s, u"1000"_s, u"--json"_s});
            QCOMPARE(read.exitCode, 0);
            QString previous;
            for (const QJsonObject &record : jsonLines(read.out)) {
                seen.insert(QByteArray::fromBase64(record[u"data"_s].toString().toLatin1()));
                QVERIFY(!record[u"partitionKey"_s].toString().isEmpty());
                const QString sequence = record[u"sequenceNumber"_s].toString();
                QCOMPARE(sequence.size(), 56);
                QVERIFY(previous.isEmpty() || previous < sequence);
                previous = sequence;
            }
        }
        QCOMPARE(seen.size(), 500);
        QVERIFY(seen.contains("order 499"));

        const Run split = qmld({u"stream"_s, u"split"_s, u"orders"_s, u"0"_s});
        QVERIFY2(split.exitCode == 0, split.err.constData());
        QVERIFY(split.out.contains("shardId-000000000002") && split.out.contains("shardId-000000000003"));
    }

    void streamErrorsNameTheThing()
    {
        const Run unknown = qmld({u"stream"_s, u"read"_s, u"nope"_s, u"--shard"_s, u"0"_s});
        QCOMPARE(unknown.exitCode, 3);
        QVERIFY2(unknown.err.contains("\"nope\"") && unknown.err.contains(store().toUtf8()), unknown.err.constData());
        QCOMPARE(unknown.err.count('\n'), 1);

        const Run usage = qmld({u"stream"_s, u"create"_s, u"x"_s, u"--shards"_s, u"zero"_s});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.err.contains("--shards"), usage.err.constData());
    }

    void leaseListShowsEveryWorkersLeases()
    {
        auto table = LeaseTable::open(store(), u"billing app"_s);
        QVERIFY(table);
        Lease mine;
        mine.leaseKey = u"shardId-000000000000"_s;
        mine.checkpoint = *SequenceNumber::parse(u"49590338271490256608559692538361571095921575989136588898"_s, 3);
        QVERIFY(table->create(mine)->applied());
        QVERIFY(table->take(mine.leaseKey, 0, u"worker-a"_s)->applied());
        Lease theirs;
        theirs.leaseKey = u"shardId-000000000001"_s;
        theirs.parentShardId = {u"shardId-000000000000"_s};
        QVERIFY(table->create(theirs)->applied());

        const Run list = qmld({u"lease"_s, u"list"_s, u"billing app"_s, u"--json"_s});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        const QJsonArray leases = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(leases.size(), 2);
        QCOMPARE(leases[0][u"leaseOwner"_s], u"worker-a"_s);
        QCOMPARE(leases[0][u"leaseCounter"_s].toInt(), 1);
        QCOMPARE(leases[0][u"checkpointSubSequenceNumber"_s].toInt(), 3);
        QVERIFY(leases[1][u"leaseOwner"_s].isNull());
        QCOMPARE(leases[1][u"parentShardId"_s].toArray(), QJsonArray{u"shardId-000000000000"_s});

        // Nobody renews worker-a's lease: observed for a while, it is expired.
        const Run observed = qmld({u"lease"_s, u"list"_s, u"billing app"_s, u"--observe"_s, u"200"_s});
        QCOMPARE(observed.exitCode, 0);
        const QList<QByteArray> rows = observed.out.split('\n');
        QVERIFY2(rows.value(1).contains("worker-a") && rows.value(1).trimmed().endsWith("yes"), observed.out.constData());
    }

    // A lease is held only while its counter moves within the failover time,
    // as the KCL judges it: a live owner is refused without --force, a gone one is not.
    void leaseResetRefusesOnlyALiveOwner()
    {
        const QString key = u"shardId-000000000000"_s;
        const QStringList reset{u"lease"_s,          u"reset"_s, u"billing app"_s, u"0"_s, u"--to"_s, u"TRIM_HORIZON"_s,
                                u"--failover-time"_s, u"500"_s};
        {
            // worker-a is alive: it renews its lease while the reset watches it.
            std::atomic<bool> stop = false;
            std::thread renewer([&] {
                auto table = LeaseTable::open(store(), u"billing app"_s);
                while (table && !stop) {
                    if (auto lease = table->lease(key); lease && *lease)
                        (void)table->renew(key, (*lease)->leaseCounter, u"worker-a"_s);
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
            });
            const Run refused = qmld(reset);
            stop = true;
            renewer.join();
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("worker-a") && refused.err.contains("live") && refused.err.contains("force"),
                     refused.err.constData());
        }
        auto table = LeaseTable::open(store(), u"billing app"_s);
        QCOMPARE(table->lease(key)->value().checkpoint.subSequence(), 3); // untouched
        QCOMPARE(table->lease(key)->value().leaseOwner, std::optional(u"worker-a"_s));

        // Nobody renews it any more: after the failover time worker-a counts as gone.
        const Run expired = qmld(reset);
        QVERIFY2(expired.exitCode == 0, expired.err.constData());
        QVERIFY2(expired.err.contains("watching"), expired.err.constData());
        QVERIFY2(expired.out.contains("to TRIM_HORIZON"), expired.out.constData());
        Lease after = table->lease(key)->value();
        QCOMPARE(after.checkpoint, SequenceNumber::trimHorizon());
        QVERIFY(!after.leaseOwner); // whoever takes it next starts from there

        // --force takes a lease from its owner at once, without watching.
        QVERIFY(table->take(key, after.leaseCounter, u"worker-b"_s)->applied());
        const Run forced = qmld({u"lease"_s, u"reset"_s, u"billing app"_s, u"0"_s, u"--to"_s, u"LATEST"_s, u"--force"_s});
        QVERIFY2(forced.exitCode == 0, forced.err.constData());
        QVERIFY(!forced.err.contains("watching"));
        after = table->lease(key)->value();
        QCOMPARE(after.checkpoint, SequenceNumber::latest());
        QVERIFY(!after.leaseOwner);

        const Run badValue = qmld({u"lease"_s, u"reset"_s, u"billing app"_s, u"0"_s, u"--to"_s, u"SHARD_END"_s});
        QCOMPARE(badValue.exitCode, 2);
        const Run noShard = qmld({u"lease"_s, u"reset"_s, u"billing app"_s, u"7"_s, u"--to"_s, u"LATEST"_s});
        QCOMPARE(noShard.exitCode, 3);
        QVERIFY2(noShard.err.contains("shardId-000000000007"), noShard.err.constData());
    }

    // A checkpoint can only be a place in that shard: one of its records, a
    // time (the first record at or after it comes next), or a sentinel.
    void leaseResetTargetsArePlacesInTheShard()
    {
        const QString stream = u"clicks"_s;
        QCOMPARE(qmld({u"stream"_s, u"create"_s, stream, u"--shards"_s, u"2"_s}).exitCode, 0);
        QByteArray first;
        for (int i = 0; i < 40; ++i)
            first += "early " + QByteArray::number(i) + '\n';
        QCOMPARE(qmld({u"stream"_s, u"put"_s, stream, u"--lines"_s, u"-"_s}, first).exitCode, 0);
        const auto records = [&](const QString &shard) {
            return jsonLines(qmld({u"stream"_s, u"read"_s, stream, u"--shard"_s, shard, u"--json"_s,
                                   u"--limit"_s, u"1000"_s}).out);
        };
        const qint64 firstArrival = records(u"0"_s).constFirst()[u"approximateArrivalTimestamp"_s].toInteger();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > firstArrival); // the later ones arrive later
        QByteArray second;
        for (int i = 0; i < 40; ++i)
            second += "late " + QByteArray::number(i) + '\n';
        QCOMPARE(qmld({u"stream"_s, u"put"_s, stream, u"--lines"_s, u"-"_s}, second).exitCode, 0);

        const QList<QJsonObject> shard0 = records(u"0"_s);
        const QList<QJsonObject> shard1 = records(u"1"_s);
        QVERIFY(shard0.size() > 2 && !shard1.isEmpty());
        qsizetype firstLate = 0;
        while (shard0[firstLate][u"approximateArrivalTimestamp"_s].toInteger() == firstArrival)
            ++firstLate;
        QVERIFY(firstLate > 0 && firstLate < shard0.size());

        auto table = LeaseTable::open(store(), u"clicks-app"_s);
        QVERIFY(table);
        Lease lease;
        lease.leaseKey = u"shardId-000000000000"_s;
        QVERIFY(table->create(lease)->applied());
        const auto resetTo = [&](const QString &to) {
            return qmld({u"lease"_s, u"reset"_s, u"clicks-app"_s, u"0"_s, u"--to"_s, to, u"--stream"_s, stream});
        };
        const auto checkpoint = [&] { return table->lease(lease.leaseKey)->value().checkpoint.toString(); };

        for (const QString &never : {u"1"_s, QString(80, u'9'), shard1.constFirst()[u"sequenceNumber"_s].toString()}) {
            const Run refused = resetTo(never);
            QCOMPARE(refused.exitCode, 3);
            QVERIFY2(refused.err.contains("shardId-000000000000") && refused.err.count('\n') == 1,
                     refused.err.constData());
            QCOMPARE(checkpoint(), u"TRIM_HORIZON"_s);
        }
        const Run noTime = resetTo(u"AT_TIMESTAMP"_s);
        QCOMPARE(noTime.exitCode, 2);
        QVERIFY2(noTime.err.contains("AT_TIMESTAMP:"), noTime.err.constData());
        const Run future = resetTo(u"AT_TIMESTAMP:%1"_s.arg(QDateTime::currentMSecsSinceEpoch() + 3600000));
        QCOMPARE(future.exitCode, 3);
        QVERIFY2(future.err.contains("future"), future.err.constData());

        const QString record = shard0[3][u"sequenceNumber"_s].toString();
        QCOMPARE(resetTo(record).exitCode, 0);
        QCOMPARE(checkpoint(), record);

        // The first late record comes next: the checkpoint is the record before it.
        const qint64 lateArrival = shard0[firstLate][u"approximateArrivalTimestamp"_s].toInteger();
        const QString beforeLate = shard0[firstLate - 1][u"sequenceNumber"_s].toString();
        QCOMPARE(resetTo(u"AT_TIMESTAMP:%1"_s.arg(lateArrival)).exitCode, 0);
        QCOMPARE(checkpoint(), beforeLate);
        const QString iso = QDateTime::fromMSecsSinceEpoch(firstArrival, Qt::UTC).toString(Qt::ISODateWithMs);
        QCOMPARE(resetTo(u"AT_TIMESTAMP:"_s + iso).exitCode, 0);
        QCOMPARE(checkpoint(), u"TRIM_HORIZON"_s); // nothing came before the first record

        // --lag: how far the checkpoint is behind the tip, as Kinesis's MillisBehindLatest.
        const auto lagNow = [&] {
            const Run list = qmld({u"lease"_s, u"list"_s, u"clicks-app"_s, u"--lag"_s, u"--stream"_s, stream, u"--json"_s});
            const QJsonArray leases = QJsonDocument::fromJson(list.out).array();
            return list.exitCode == 0 && leases.size() == 1 ? leases[0][u"millisBehindLatest"_s].toInteger(-2) : -2;
        };
        const qint64 firstAge = QDateTime::currentMSecsSinceEpoch() - firstArrival;
        const qint64 behind = lagNow();
        QVERIFY2(behind >= firstAge - 1, qPrintable(QString::number(behind))); // the oldest record waits
        QCOMPARE(resetTo(shard0.constLast()[u"sequenceNumber"_s].toString()).exitCode, 0);
        QCOMPARE(lagNow(), 0); // at the tip
    }
};

QTEST_GUILESS_MAIN(TestQmldCli)
#include "test_qmld_cli.moc"

// A checkpoint that is no place in its shard (a bad manual reset from an older
// qmld, or an edit of the store) is named once, with what to do, and the shard
// is left alone; every other shard goes on. The daemon used to warn every
// idle interval forever, delivering nothing.

#include "QmldRun.h"

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;

class TestUnreadableCheckpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namedOnceAndTheOtherShardsGoOn()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString storePath = dir.filePath(u"store.sqlite"_s);
        auto store = StreamStore::open(storePath);
        QVERIFY(store);
        QVERIFY(store->createStream(u"s"_s, 2));
        const auto putTo = [&](const QString &shardHashKey, int count) {
            std::vector<PutRequest> requests;
            for (int i = 0; i < count; ++i)
                requests.push_back({QByteArray("k"), QByteArray("record ") + QByteArray::number(i),
                                    HashKey::parse(shardHashKey)});
            QVERIFY(store->putRecords(u"s"_s, requests));
        };
        putTo(u"0"_s, 5);                                         // shard 0
        putTo(u"340282366920938463463374607431768211455"_s, 5); // shard 1

        // Shard 0's lease has a checkpoint no record of it can have.
        auto table = LeaseTable::open(storePath, u"app"_s);
        QVERIFY(table);
        Lease bad;
        bad.leaseKey = u"shardId-000000000000"_s;
        bad.checkpoint = *SequenceNumber::parse(u"1"_s);
        QVERIFY(table->create(bad)->applied());

        const QString properties = dir.filePath(u"app.properties"_s);
        {
            QFile file(properties);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("applicationName = app\nstreamName = s\ninitialPositionInStream = TRIM_HORIZON\n"
                       "idleTimeBetweenReadsInMillis = 100\nfailoverTimeMillis = 1000\nqmldStore = "
                       + storePath.toUtf8() + '\n');
        }
        const QString output = dir.filePath(u"records.jsonl"_s);
        QProcess qmld;
        qmld.setProcessChannelMode(QProcess::SeparateChannels);
        qmld.start(qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld"_s,
                   {u"run"_s, u"--properties"_s, properties, u"--mld"_s, u"embedded"_s, u"--processor"_s, u"log"_s,
                    u"--output"_s, output});
        const auto reaper = qmld::test::reaperFor(qmld);
        QVERIFY(qmld.waitForStarted());
        QByteArray log;
        const auto recordsOut = [&] {
            QFile file(output);
            return file.open(QIODevice::ReadOnly) ? file.readAll().count("\"data\"") : qsizetype(0);
        };
        const auto complaints = [&] {
            log += qmld.readAllStandardError();
            return log.count("Nothing more is read from this shard");
        };
        QTRY_COMPARE_WITH_TIMEOUT(recordsOut(), qsizetype(5), 30000); // shard 1 is processed
        QTRY_COMPARE_WITH_TIMEOUT(complaints(), qsizetype(1), 30000);
        QVERIFY2(log.contains("lease shardId-000000000000 of table \"app\"") && log.contains("qmld lease reset"),
                 log.constData());

        // Many idle intervals later shard 1 still works, and shard 0 was named only once.
        putTo(u"340282366920938463463374607431768211455"_s, 5);
        QTRY_COMPARE_WITH_TIMEOUT(recordsOut(), qsizetype(10), 30000);
        putTo(u"340282366920938463463374607431768211455"_s, 5);
        QTRY_COMPARE_WITH_TIMEOUT(recordsOut(), qsizetype(15), 30000);
        QCOMPARE(complaints(), qsizetype(1));
        QCOMPARE(log.count("is not from shard"), qsizetype(1)); // no warning every idle interval either
        qmld::test::stopGracefully(qmld);
    }
};

QTEST_GUILESS_MAIN(TestUnreadableCheckpoint)
#include "test_unreadable_checkpoint.moc"

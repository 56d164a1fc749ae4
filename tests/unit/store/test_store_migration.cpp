// A store written by the previous release (schema 2: streams, a reshard,
// records, and the lease table a qmld run left behind) opens with this one:
// nothing lost, the leases table now owned by the store's schema.

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;

class TestStoreMigration : public QObject
{
    Q_OBJECT

private:
    static int userVersion(const QString &path)
    {
        int version = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery query(u"PRAGMA user_version"_s, db);
                if (query.next())
                    version = query.value(0).toInt();
            }
        }
        QSqlDatabase::removeDatabase(u"peek"_s);
        return version;
    }

private Q_SLOTS:
    void storeOfThePreviousReleaseOpensWithNothingLost()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"store.sqlite"_s);
        QVERIFY(QFile::copy(qEnvironmentVariable("QMLD_SOURCE_DIR") + u"/tests/data/store-v2.sqlite"_s, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(userVersion(path), 2);

        auto store = StreamStore::open(path, StreamStore::OpenMode::MustExist);
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        QCOMPARE(userVersion(path), 3);
        auto orders = store->describeStream(u"orders"_s);
        QVERIFY(orders);
        QCOMPARE(orders->shards.size(), std::size_t(4)); // two, then shard 0 split in two
        qsizetype records = 0;
        for (const ShardInfo &shard : orders->shards) {
            auto read = store->readRecords(u"orders"_s, shard.shardId, ShardPosition::trimHorizon(), 100);
            QVERIFY(read);
            records += qsizetype(read->records.size());
        }
        QCOMPARE(records, 30);

        auto table = LeaseTable::open(path, u"orders-app"_s, StreamStore::OpenMode::MustExist);
        QVERIFY(table);
        auto leases = table->list();
        QVERIFY(leases);
        QCOMPARE(leases->size(), std::size_t(3));
        for (const Lease &lease : *leases) {
            QCOMPARE(lease.leaseOwner, std::optional(u"worker-v2"_s));
            QVERIFY(!lease.checkpoint.isSentinel()); // each checkpointed at its last record
        }
        QCOMPARE(leases->at(1).parentShardId, QStringList{u"shardId-000000000000"_s});

        // The table takes writes as before, for a new application too.
        auto other = LeaseTable::open(path, u"another-app"_s, StreamStore::OpenMode::MustExist);
        QVERIFY(other);
        Lease lease;
        lease.leaseKey = u"shardId-000000000001"_s;
        QVERIFY(other->create(lease)->applied());
        QCOMPARE(other->list()->size(), std::size_t(1));
    }

    // Opening a lease table writes nothing: the store made its table when it was created.
    void aNewStoreHasItsLeasesTable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"new.sqlite"_s);
        QVERIFY(StreamStore::open(path));
        QCOMPARE(userVersion(path), 3);
        auto table = LeaseTable::open(path, u"app"_s, StreamStore::OpenMode::MustExist);
        QVERIFY(table);
        QVERIFY(table->list()->empty());
    }
};

QTEST_GUILESS_MAIN(TestStoreMigration)
#include "test_store_migration.moc"

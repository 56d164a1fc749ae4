// `qmld` facing a store it must not trust or must not change, and bytes it
// must not change: the real binary on a store file in a temporary folder.

#include <ProgramRun.h>

#include <qmld/LeaseTable.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

using Run = qmld::test::ProgramRun;

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestCliStoreFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Run qmld(const QString &store, QStringList arguments, const QByteArray &input = {})
    {
        return qmld::test::runProgram(u"qmld"_s, arguments << u"--store"_s << store, input);
    }

    // The first page of `table` (its b-tree root) and the page size, read
    // before the damage is done.
    static std::pair<qint64, qint64> rootPageOf(const QString &store, const QString &table)
    {
        std::pair<qint64, qint64> found{0, 0};
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
            db.setDatabaseName(store);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(u"SELECT rootpage FROM sqlite_master WHERE name = '%1'"_s.arg(table)) && query.next())
                    found.first = query.value(0).toLongLong();
                if (query.exec(u"PRAGMA page_size"_s) && query.next())
                    found.second = query.value(0).toLongLong();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"inspect"_s);
        return found;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The cells at the end of the streams table's page run off the page: read
    // naively, that is a stream with no name created in 1970. Every command
    // says the store is damaged, exits 3, and the file keeps every byte.
    void damagedStoreIsReportedAndLeftAlone()
    {
        const QString store = path(u"damaged.sqlite"_s);
        QCOMPARE(qmld(store, {u"stream"_s, u"create"_s, u"orders"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QCOMPARE(qmld(store, {u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s}, "a\nb\nc\n").exitCode, 0);
        {
            auto table = LeaseTable::open(store, u"billing"_s);
            QVERIFY(table);
            Lease lease;
            lease.leaseKey = u"shardId-000000000000"_s;
            lease.checkpoint = SequenceNumber::trimHorizon();
            QVERIFY(table->create(lease)->applied());
        } // the last connection closes: the WAL is folded into the file
        QVERIFY(!QFile::exists(store + u"-wal"_s));
        const auto [root, pageSize] = rootPageOf(store, u"streams"_s);
        QVERIFY(root > 0 && pageSize > 0);
        QFile file(store);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(root * pageSize - 30));
        file.write(QByteArray(30, '\xff'));
        file.close();
        QFile::remove(store + u"-shm"_s);
        const QByteArray damaged = fileHash(store);

        const QList<QStringList> commands{
            {u"stream"_s, u"list"_s},
            {u"stream"_s, u"describe"_s, u"orders"_s},
            {u"stream"_s, u"read"_s, u"orders"_s, u"--shard"_s, u"0"_s},
            {u"stream"_s, u"put"_s, u"orders"_s, u"--data"_s, u"x"_s, u"--partition-key"_s, u"k"_s},
            {u"stream"_s, u"create"_s, u"more"_s, u"--shards"_s, u"1"_s},
            {u"lease"_s, u"list"_s, u"billing"_s},
            {u"lease"_s, u"list"_s, u"other"_s},
            {u"lease"_s, u"list"_s},
            {u"capture"_s, u"--stream"_s, u"orders"_s, u"--out"_s, path(u"damaged.jsonl"_s)},
        };
        for (const QStringList &command : commands) {
            const Run run = qmld(store, command);
            const QByteArray what = command.join(u' ').toUtf8() + ": " + run.err + run.out;
            QVERIFY2(run.exitCode == 3, what.constData());
            QVERIFY2(run.err.contains("is damaged"), what.constData());
            QVERIFY2(!run.out.contains("1970"), what.constData());
            QVERIFY2(fileHash(store) == damaged, what.constData()); // nothing written to it
        }
    }

    // As the help says: 3 for an unknown store or application.
    void missingStoreAndUnknownApplicationExit3()
    {
        const Run missing = qmld(path(u"nonexistent.sqlite"_s), {u"stream"_s, u"list"_s});
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("nonexistent.sqlite") && missing.err.contains("does not exist"),
                 missing.err.constData());
        QVERIFY(!QFile::exists(path(u"nonexistent.sqlite"_s)));

        const QString store = path(u"apps.sqlite"_s);
        QCOMPARE(qmld(store, {u"stream"_s, u"create"_s, u"orders"_s, u"--shards"_s, u"1"_s}).exitCode, 0);
        {
            auto table = LeaseTable::open(store, u"billing"_s);
            QVERIFY(table);
            for (const QString &key : {u"shardId-000000000000"_s, u"shardId-000000000001"_s}) {
                Lease lease;
                lease.leaseKey = key;
                lease.checkpoint = SequenceNumber::trimHorizon();
                QVERIFY(table->create(lease)->applied());
            }
            QVERIFY(table->take(u"shardId-000000000000"_s, 0, u"worker-a"_s)->applied());
        }
        const Run unknown = qmld(store, {u"lease"_s, u"list"_s, u"UNKNOWN_APP"_s});
        QCOMPARE(unknown.exitCode, 3);
        QVERIFY2(unknown.err.contains("\"UNKNOWN_APP\"") && unknown.err.contains("billing"), unknown.err.constData());

        // Without APP: the applications in the store, with their leases.
        const Run apps = qmld(store, {u"lease"_s, u"list"_s});
        QVERIFY2(apps.exitCode == 0, apps.err.constData());
        const QList<QByteArray> rows = apps.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].simplified(), "APPLICATION LEASES OWNED"_ba);
        QCOMPARE(rows[1].simplified(), "billing 2 1"_ba);
        const Run json = qmld(store, {u"lease"_s, u"list"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(json.out).array().first()[u"application"_s].toString(), u"billing"_s);
    }

    // Bytes that are not UTF-8: --data keeps them (as --lines does); a
    // partition key, which Kinesis takes only as Unicode text, is refused.
    void putKeepsOrRefusesBytesThatAreNotUtf8()
    {
        const QString store = path(u"bytes.sqlite"_s);
        QCOMPARE(qmld(store, {u"stream"_s, u"create"_s, u"raw"_s, u"--shards"_s, u"1"_s}).exitCode, 0);
        const QString program = QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s);
        // printf makes the bytes: "caf\xe9 \xff" and a key "k\xfe".
        const Run kept = qmld::test::runProgram(
            u"/bin/sh"_s,
            {u"-c"_s, u"exec \"$0\" stream put raw --store \"$1\" --data \"$(printf 'caf\\351 \\377')\" --partition-key k"_s,
             program, store});
        QVERIFY2(kept.exitCode == 0, kept.err.constData());
        const Run refused = qmld::test::runProgram(
            u"/bin/sh"_s,
            {u"-c"_s, u"exec \"$0\" stream put raw --store \"$1\" --data x --partition-key=\"$(printf 'k\\376')\""_s,
             program, store});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("--partition-key is not UTF-8"), refused.err.constData());

        const Run read = qmld(store, {u"stream"_s, u"read"_s, u"raw"_s, u"--shard"_s, u"0"_s, u"--json"_s});
        QCOMPARE(read.exitCode, 0);
        const QList<QByteArray> lines = read.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1); // the refused record was not put
        const QJsonObject record = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(QByteArray::fromBase64(record[u"data"_s].toString().toLatin1()), "caf\xe9 \xff"_ba);
    }
};

QTEST_GUILESS_MAIN(TestCliStoreFaults)
#include "test_cli_store_faults.moc"

// `qmld` as an operator meets it from the README and --help alone (issue 14):
// the real binary, a store in a temporary folder, the words it prints.

#include <ProgramRun.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Run = qmld::test::ProgramRun;

} // namespace

class TestCliOperator : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString store() const { return path(u"store.sqlite"_s); }

    Run qmld(QStringList arguments, const QByteArray &input = {})
    {
        return qmld::test::runProgram(u"qmld"_s, arguments << u"--store"_s << store(), input);
    }

    Run qmldBare(const QStringList &arguments) { return qmld::test::runProgram(u"qmld"_s, arguments); }

    static QList<QByteArray> rows(const QByteArray &out) { return out.trimmed().split('\n'); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"shop"_s, u"--shards"_s, u"1"_s}).exitCode, 0);
    }

    // The DATA column shows what the console's previews show: JSON that ends
    // in a newline as JSON, text as text, other bytes as hex, and the user
    // records of a KPL aggregate one by one with their sub-sequence numbers.
    void readShowsDataAsTheConsoleDoes()
    {
        QDir(m_dir.path()).mkdir(u"files"_s);
        const QList<std::pair<QString, QByteArray>> files{
            {u"a.json"_s, "{\"order\": 7, \"items\": [1, 2]}\n"},
            {u"b.txt"_s, "two\nlines\n"},
            {u"c.bin"_s, "\x00\x01\xfe"_ba},
        };
        for (const auto &[name, bytes] : files) {
            QFile file(path(u"files/"_s + name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"shop"_s, u"--from-dir"_s, path(u"files"_s)}).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"shop"_s, u"--lines"_s, u"-"_s, u"--aggregate"_s}, "x1\nx2\nx3\n").exitCode, 0);

        const Run read = qmld({u"stream"_s, u"read"_s, u"shop"_s, u"--shard"_s, u"0"_s});
        QVERIFY2(read.exitCode == 0, read.err.constData());
        const QList<QByteArray> lines = rows(read.out);
        QCOMPARE(lines.size(), 1 + 6 + 1); // header, 3 files + 3 user records, summary
        QVERIFY2(lines[1].endsWith("{\"order\": 7, \"items\": [1, 2]}"), lines[1].constData());
        QVERIFY2(lines[2].endsWith("two\\nlines\\n"), lines[2].constData());
        QVERIFY2(lines[3].endsWith("0x0001fe"), lines[3].constData());
        const QByteArray aggregate = lines[4].split(' ').constFirst();
        for (int sub = 0; sub < 3; ++sub) {
            const QList<QByteArray> cells = lines[4 + sub].simplified().split(' ');
            QCOMPARE(cells.constFirst(), sub == 0 ? aggregate : aggregate + '/' + QByteArray::number(sub));
            QCOMPARE(cells.constLast(), "x" + QByteArray::number(sub + 1));
        }
        QVERIFY2(lines[7].startsWith("6 records from shardId-000000000000"), lines[7].constData());

        // --raw shows the aggregate as stored: one record, in hex (it starts with the KPL magic).
        const Run raw = qmld({u"stream"_s, u"read"_s, u"shop"_s, u"--shard"_s, u"0"_s, u"--raw"_s});
        QVERIFY2(rows(raw.out)[4].contains("0xf3899ac2"), raw.out.constData());
        QCOMPARE(rows(raw.out).size(), 1 + 4 + 1);
    }

    // Without --shard, every shard in turn, parents before children.
    void readWithoutShardReadsEveryShard()
    {
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"many"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QByteArray lines;
        for (int i = 0; i < 40; ++i)
            lines += "before " + QByteArray::number(i) + '\n';
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"many"_s, u"--lines"_s, u"-"_s}, lines).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"split"_s, u"many"_s, u"0"_s}).exitCode, 0);
        lines.clear();
        for (int i = 0; i < 40; ++i)
            lines += "after " + QByteArray::number(i) + '\n';
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"many"_s, u"--lines"_s, u"-"_s}, lines).exitCode, 0);

        const Run read = qmld({u"stream"_s, u"read"_s, u"many"_s, u"--json"_s});
        QVERIFY2(read.exitCode == 0, read.err.constData());
        QStringList shardOrder;
        int records = 0;
        for (const QByteArray &line : rows(read.out)) {
            const QJsonObject record = QJsonDocument::fromJson(line).object();
            const QString shard = record[u"shardId"_s].toString();
            QVERIFY2(!shard.isEmpty(), line.constData());
            if (shardOrder.isEmpty() || shardOrder.constLast() != shard) {
                QVERIFY2(!shardOrder.contains(shard), "each shard is read in one piece");
                shardOrder << shard;
            }
            ++records;
        }
        QCOMPARE(records, 80);
        QCOMPARE(shardOrder.constFirst(), u"shardId-000000000000"_s); // the parent before its children
        QVERIFY(shardOrder.size() >= 3);

        const Run table = qmld({u"stream"_s, u"read"_s, u"many"_s, u"--limit"_s, u"50"_s});
        QVERIFY2(table.out.startsWith("SHARD "), table.out.constData());
        QCOMPARE(table.out.count("\nshardId-"), 50);

        const Run bySequence = qmld({u"stream"_s, u"read"_s, u"many"_s, u"--from"_s, u"AT_SEQUENCE_NUMBER:1"_s});
        QCOMPARE(bySequence.exitCode, 2);
        QVERIFY2(bySequence.err.contains("--shard"), bySequence.err.constData());
    }

    // AT_TIMESTAMP:T takes ISO 8601 as well as epoch milliseconds.
    void readFromATimestamp()
    {
        const Run late = qmld({u"stream"_s, u"read"_s, u"shop"_s, u"--from"_s, u"AT_TIMESTAMP:2999-01-01T00:00:00Z"_s});
        QVERIFY2(late.exitCode == 0, late.err.constData());
        QVERIFY2(late.out.startsWith("0 records"), late.out.constData());
        const Run early = qmld({u"stream"_s, u"read"_s, u"shop"_s, u"--from"_s, u"AT_TIMESTAMP:2000-01-01T00:00:00"_s});
        QVERIFY2(early.out.contains("\n6 records from"), early.out.constData());
        const Run millis = qmld({u"stream"_s, u"read"_s, u"shop"_s, u"--from"_s, u"AT_TIMESTAMP:946684800000"_s});
        QCOMPARE(millis.out, early.out);
        QCOMPARE(qmld({u"stream"_s, u"read"_s, u"shop"_s, u"--from"_s, u"AT_TIMESTAMP:yesterday"_s}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliOperator)
#include "test_cli_operator.moc"

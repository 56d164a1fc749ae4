// `qmld` as an operator meets it from the README and --help alone (issue 14):
// the real binary, a store in a temporary folder, the words it prints.

#include <ProcessGuard.h>
#include <ProgramRun.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QProcess>
#include <QTest>

#include <csignal>

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

    // `qmld run` in the background; its daemon's runtime folder under this test's folder.
    std::unique_ptr<QProcess> startRun(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"TMPDIR"_s, m_dir.path());
        process->setProcessEnvironment(environment);
        process->start(QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s), QStringList{u"run"_s} + arguments);
        return process;
    }

    // SIGTERM `times` times while it runs (never to a pid it no longer has), then its stderr.
    static QByteArray stopRun(QProcess &process, int times = 1)
    {
        for (int i = 0; i < times; ++i)
            qmld::test::signalProcess(process, SIGTERM);
        qmld::test::stopAndReap(process);
        return process.readAllStandardError();
    }

    static int recordsIn(const QString &log)
    {
        QFile file(log);
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        int records = 0;
        for (const QByteArray &line : file.readAll().split('\n'))
            records += line.contains("\"sequenceNumber\"") && !line.contains("\"event\"") ? 1 : 0;
        return records;
    }

    // Daemons whose command line names this test's folder (their runtime folder is in it).
    QList<qint64> daemonsHere() const
    {
        QList<qint64> found;
        for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
            bool numeric = false;
            const qint64 pid = entry.toLongLong(&numeric);
            QFile cmdline(u"/proc/"_s + entry + u"/cmdline"_s);
            if (numeric && pid != QCoreApplication::applicationPid() && cmdline.open(QIODevice::ReadOnly)
                && cmdline.readAll().contains(m_dir.path().toUtf8()))
                found << pid;
        }
        return found;
    }

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

    // qmld run --stream NAME: no properties file. A new application starts at
    // LATEST and says that it skips the records already there, and how not to.
    void runAStreamWithoutAPropertiesFile()
    {
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"runme"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QByteArray lines;
        for (int i = 0; i < 20; ++i)
            lines += "early " + QByteArray::number(i) + '\n';
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"runme"_s, u"--lines"_s, u"-"_s}, lines).exitCode, 0);

        const QString latestLog = path(u"latest.jsonl"_s);
        auto latest = startRun({u"--stream"_s, u"runme"_s, u"--store"_s, store(), u"--processor"_s, u"log"_s,
                                u"--output"_s, latestLog, u"--status-interval"_s, u"0"_s});
        QVERIFY(latest->waitForStarted());
        const qmld::test::ProcessGuard latestGuard(*latest);
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += latest->readAllStandardError()).contains("started daemon"), 20000);
        QVERIFY2(err.contains("stream \"runme\" already holds 20 records; application \"runme\" is new and starts "
                              "at LATEST"),
                 err.constData());
        QVERIFY2(err.contains("--from TRIM_HORIZON"), err.constData());
        QVERIFY2(!err.contains("QList("), err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(QFile(latestLog).size() > 0, 20000); // its shards have started (initialize)
        err += stopRun(*latest, 2);
        QCOMPARE(latest->exitCode(), 0);
        QCOMPARE(err.count("stopping the daemon"), 1);
        QCOMPARE(recordsIn(latestLog), 0);

        // From the beginning, and from a time (ISO 8601): all 20.
        for (const QString &from : {u"TRIM_HORIZON"_s, u"AT_TIMESTAMP:2000-01-01T00:00:00Z"_s}) {
            const QString log = path(u"from-"_s + QString::number(qHash(from)) + u".jsonl"_s);
            auto run = startRun({u"--stream"_s, u"runme"_s, u"--store"_s, store(), u"--application"_s,
                                 u"app-"_s + QString::number(qHash(from)), u"--from"_s, from, u"--processor"_s,
                                 u"log"_s, u"--output"_s, log, u"--status-interval"_s, u"0"_s});
            QVERIFY(run->waitForStarted());
            const qmld::test::ProcessGuard runGuard(*run);
            QTRY_COMPARE_WITH_TIMEOUT(recordsIn(log), 20, 30000);
            const QByteArray runErr = stopRun(*run);
            QCOMPARE(run->exitCode(), 0);
            QVERIFY2(!runErr.contains("already holds"), runErr.constData());
        }
        QTRY_VERIFY_WITH_TIMEOUT(daemonsHere().isEmpty(), 10000);

        // The application's leases now say where to go on: no note.
        auto again = startRun({u"--stream"_s, u"runme"_s, u"--store"_s, store(), u"--processor"_s, u"null"_s,
                               u"--status-interval"_s, u"0"_s});
        QVERIFY(again->waitForStarted());
        const qmld::test::ProcessGuard againGuard(*again);
        QByteArray againErr;
        QTRY_VERIFY_WITH_TIMEOUT((againErr += again->readAllStandardError()).contains("started daemon"), 20000);
        againErr += stopRun(*again);
        QVERIFY2(!againErr.contains("already holds"), againErr.constData());
        QTRY_VERIFY_WITH_TIMEOUT(daemonsHere().isEmpty(), 10000);
    }

    void runCommandLineErrors()
    {
        const QStringList processor{u"--processor"_s, u"null"_s};
        QCOMPARE(qmldBare(QStringList{u"run"_s, u"--stream"_s, u"x"_s, u"--mld"_s, u"kcl-v2"_s} + processor).exitCode, 2);
        QCOMPARE(qmldBare(QStringList{u"run"_s, u"--stream"_s, u"x"_s, u"--properties"_s, u"p"_s} + processor).exitCode, 2);
        QCOMPARE(qmldBare(QStringList{u"run"_s, u"--stream"_s, u"x"_s, u"--from"_s, u"SOMEWHERE"_s} + processor).exitCode, 2);
        const Run missing = qmld(QStringList{u"run"_s, u"--stream"_s, u"nosuch"_s} + processor);
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("nosuch"), missing.err.constData());
    }

    // The missing KCL jars are said once, not three times.
    void missingJarsAreReportedOnce()
    {
        QFile properties(path(u"kcl.properties"_s));
        QVERIFY(properties.open(QIODevice::WriteOnly));
        properties.write("applicationName = a\nstreamName = s\nexecutableName = x\n");
        properties.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"QMLD_JAVA_CLASSPATH"_s);
        // No installed KCL either (./dev deps installs some into ~/.cache/qmld/kcl, which the presets find).
        QVERIFY(QDir().mkpath(path(u"no-kcl"_s)));
        environment.insert(u"QMLD_KCL_DIR"_s, path(u"no-kcl"_s));
        const Run run = qmld::test::runProgram(u"qmld"_s, {u"run"_s, u"--properties"_s, properties.fileName(), u"--mld"_s,
                                                          u"kcl-v2"_s, u"--processor"_s, u"null"_s},
                                               {}, environment);
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.err.count("KCL jars"), 1);
    }

    void helpSaysWhatItShould()
    {
        const Run run = qmldBare({u"run"_s, u"--help"_s});
        QVERIFY2(run.out.startsWith("Usage: qmld run [options]\n"), run.out.constData());
        QVERIFY2(!run.out.contains("Arguments:"), run.out.constData());
        QVERIFY2(run.out.contains("--stream <NAME>") && run.out.contains("--from <POSITION>"), run.out.constData());

        const Run stream = qmldBare({u"stream"_s, u"--help"_s});
        QVERIFY2(stream.out.contains("\n  import FILE [--as NAME]\n"), stream.out.constData());
        QVERIFY2(stream.out.contains("--from-dir DIR) [--aggregate]"), stream.out.constData());

        const Run capture = qmldBare({u"capture"_s, u"--help"_s});
        QVERIFY2(!capture.out.contains("docs/"), capture.out.constData());
        QVERIFY2(capture.out.contains("formatVersion") && capture.out.contains("approximateArrivalTimestamp"),
                 capture.out.constData());

        const Run one = qmld({u"stream"_s, u"create"_s, u"single"_s, u"--shards"_s, u"1"_s});
        QVERIFY2(one.out.startsWith("created stream \"single\" with 1 shard in"), one.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliOperator)
#include "test_cli_operator.moc"

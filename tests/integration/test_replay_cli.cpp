// `qmld replay` as a user runs it: a capture of a stream with a KPL aggregate
// and a split shard goes through the real embedded daemon into the log
// processor and comes out the same: every record once, with its shard,
// sequence and sub-sequence number, parents before children.

#include <PluginPaths.h>
#include <ProgramRun.h>
#include <ProcessProbe.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>


using namespace Qt::StringLiterals;

namespace {

using Run = qmld::test::ProgramRun;

QString recordKey(const QJsonObject &record)
{
    return QStringList{record[u"shardId"_s].toString(), record[u"sequenceNumber"_s].toString(),
                       QString::number(record[u"subSequenceNumber"_s].toInteger()), record[u"partitionKey"_s].toString(),
                       record[u"data"_s].toString()}
        .join(u'|');
}

} // namespace

class TestReplayCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Run qmld(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QMLD_STORE"_s, path(u"store.sqlite"_s));
        environment.insert(u"TMPDIR"_s, m_dir.path()); // the replay's private store and daemon live under it
        return qmld::test::runProgram(u"qmld"_s, arguments, input, environment);
    }

    // Live processes whose command line names this test's folder (the replay's daemon and connectors).
    QList<qint64> processesHere() const
    {
        QList<qint64> found;
        const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs);
        for (const QString &entry : entries) {
            bool numeric = false;
            const qint64 pid = entry.toLongLong(&numeric);
            if (!numeric || pid == QCoreApplication::applicationPid())
                continue;
            QFile cmdline(u"/proc/"_s + entry + u"/cmdline"_s);
            if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(m_dir.path().toUtf8())
                && qmld::test::isAlive(pid))
                found << pid;
        }
        return found;
    }

    static QByteArray lines(const QByteArray &prefix, int count)
    {
        QByteArray text;
        for (int i = 0; i < count; ++i)
            text += prefix + QByteArray::number(i) + '\n';
        return text;
    }

    static QList<QJsonObject> jsonLines(const QString &file)
    {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly))
            return {};
        QList<QJsonObject> objects;
        while (!input.atEnd()) {
            const QByteArray line = input.readLine().trimmed();
            if (!line.isEmpty())
                objects << QJsonDocument::fromJson(line).object();
        }
        return objects;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"orders"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s}, lines("plain ", 500)).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s, u"--aggregate"_s}, lines("kpl ", 30))
                     .exitCode,
                 0);
        QCOMPARE(qmld({u"stream"_s, u"split"_s, u"orders"_s, u"shardId-000000000000"_s}).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s}, lines("after ", 200)).exitCode, 0);
        const Run captured = qmld({u"capture"_s, u"--stream"_s, u"orders"_s, u"--out"_s, path(u"orders.jsonl.gz"_s)});
        QVERIFY2(captured.exitCode == 0, captured.err.constData());
    }

    void replayDeliversTheCaptureParentsFirst_data()
    {
        QTest::addColumn<QString>("speed");
        QTest::newRow("max") << u"max"_s;
        QTest::newRow("paced") << u"1000x"_s;
    }

    void replayDeliversTheCaptureParentsFirst()
    {
        QFETCH(QString, speed);
        const QString output = path(u"replayed-"_s + speed + u".jsonl"_s);
        const Run run = qmld({u"replay"_s, path(u"orders.jsonl.gz"_s), u"--processor"_s, u"log"_s, u"--output"_s, output,
                              u"--speed"_s, speed, u"--checkpoint-every"_s, u"100"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("0 errors"), run.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(processesHere().isEmpty(), 10000); // the daemon and its children went with it

        // What the capture holds, by the log processor's fields.
        QProcess gunzip;
        gunzip.start(u"gzip"_s, {u"-dc"_s, path(u"orders.jsonl.gz"_s)});
        QVERIFY(gunzip.waitForFinished(30000));
        QSet<QString> captured;
        const QList<QByteArray> captureLines = gunzip.readAllStandardOutput().split('\n');
        for (qsizetype i = 1; i < captureLines.size(); ++i) { // line 0 is the header
            if (!captureLines[i].isEmpty())
                captured << recordKey(QJsonDocument::fromJson(captureLines[i]).object());
        }
        QCOMPARE(captured.size(), 730);

        QStringList delivered;
        QHash<QString, int> lastRecordAt, firstRecordAt;
        int shardEnds = 0, aggregateSubRecords = 0;
        const QList<QJsonObject> log = jsonLines(output);
        for (const QJsonObject &line : log) {
            if (line.contains(u"event"_s)) {
                shardEnds += line[u"event"_s].toString() == u"shardEnded"_s;
                continue;
            }
            const QString shard = line[u"shardId"_s].toString();
            if (!firstRecordAt.contains(shard))
                firstRecordAt.insert(shard, int(delivered.size()));
            lastRecordAt.insert(shard, int(delivered.size()));
            aggregateSubRecords += line[u"subSequenceNumber"_s].toInteger() > 0;
            delivered << recordKey(line);
        }
        QCOMPARE(delivered.size(), captured.size()); // each once
        QCOMPARE(QSet<QString>(delivered.cbegin(), delivered.cend()), captured);
        QVERIFY(aggregateSubRecords > 0);
        QCOMPARE(shardEnds, 4);
        const QString parent = u"shardId-000000000000"_s;
        QVERIFY2(lastRecordAt.contains(parent), "the capture has records of the parent shard");
        for (const QString &child : {u"shardId-000000000002"_s, u"shardId-000000000003"_s}) {
            QVERIFY2(firstRecordAt.contains(child), qPrintable(u"the capture has records of "_s + child));
            QVERIFY2(lastRecordAt.value(parent) < firstRecordAt.value(child), qPrintable(child));
        }
    }

    // The example plugin counts records per partition key per shard: the
    // counts of a replay add up to every captured record, under its own key.
    void replayRunsAProcessorPlugin()
    {
        const QString counts = path(u"counts.json"_s);
        const Run run = qmld({u"replay"_s, path(u"orders.jsonl.gz"_s), u"--processor"_s,
                              qmld::test::pluginPath(u"partition-key-counter"_s), u"--processor-arg"_s, counts});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile file(counts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject perShard = QJsonDocument::fromJson(file.readAll()).object();
        qint64 total = 0;
        for (const QJsonValue &keys : perShard) {
            const QJsonObject object = keys.toObject();
            for (const QJsonValue &count : object)
                total += count.toInteger();
        }
        QCOMPARE(total, 730);
    }

    void corruptCaptureNamesTheLine()
    {
        QFile capture(path(u"broken.jsonl"_s));
        QVERIFY(capture.open(QIODevice::WriteOnly));
        QProcess gunzip;
        gunzip.start(u"gzip"_s, {u"-dc"_s, path(u"orders.jsonl.gz"_s)});
        QVERIFY(gunzip.waitForFinished(30000));
        const QList<QByteArray> captureLines = gunzip.readAllStandardOutput().split('\n');
        capture.write(captureLines[0] + '\n' + captureLines[1] + '\n' + "{\"shardId\": \"shardId-000000000000\", trunc\n");
        capture.close();
        const Run run = qmld({u"replay"_s, capture.fileName(), u"--processor"_s, u"null"_s});
        QCOMPARE(run.exitCode, 3); // a bad capture file, as --help says
        QVERIFY2(run.err.contains("broken.jsonl:3"), run.err.constData());
    }

    void badCommandLinesAreUsageErrors()
    {
        QCOMPARE(qmld({u"replay"_s, u"--processor"_s, u"null"_s}).exitCode, 2);
        QCOMPARE(qmld({u"replay"_s, path(u"orders.jsonl.gz"_s), u"--processor"_s, u"fancy"_s}).exitCode, 2);
        QCOMPARE(qmld({u"replay"_s, path(u"orders.jsonl.gz"_s), u"--processor"_s, u"null"_s, u"--speed"_s, u"fast"_s}).exitCode, 2);
        const Run missing = qmld({u"replay"_s, path(u"nosuch.jsonl"_s), u"--processor"_s, u"null"_s});
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("nosuch.jsonl"), missing.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestReplayCli)
#include "test_replay_cli.moc"

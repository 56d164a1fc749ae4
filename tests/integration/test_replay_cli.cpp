// `qmld replay` as a user runs it: a capture of a stream with a KPL aggregate
// and a split shard goes through the real embedded daemon into the log
// processor and comes out the same: every record once, with its shard,
// sequence and sub-sequence number, parents before children.

#include <PluginPaths.h>
#include <ProgramRun.h>
#include <ProcessGuard.h>
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

#include <csignal>


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

        // A stream that was never resharded: no closed shard to load before the replay starts.
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"plain"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"plain"_s, u"--lines"_s, u"-"_s}, lines("record ", 300)).exitCode, 0);
        const Run plain = qmld({u"capture"_s, u"--stream"_s, u"plain"_s, u"--out"_s, path(u"plain.jsonl"_s)});
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
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

    // The lines of the capture of the stream that was never resharded (header first).
    QList<QByteArray> captureLines()
    {
        QFile file(path(u"plain.jsonl"_s));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<QByteArray> result = file.readAll().split('\n');
        if (!result.isEmpty() && result.constLast().isEmpty())
            result.removeLast();
        return result;
    }

    static QByteArray replaced(QByteArray line, const char *field, const QByteArray &value)
    {
        QJsonObject object = QJsonDocument::fromJson(line).object();
        object.insert(QString::fromLatin1(field), QString::fromLatin1(value));
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

    QStringList replayFolders() const
    {
        return QDir(m_dir.path()).entryList({u"qmld-replay-*"_s}, QDir::Dirs | QDir::Hidden);
    }

    // A bad line anywhere stops the replay before anything is delivered, with
    // the one-line error `qmld stream import` gives for the same file.
    void badLineFailsAtOnceAsImportDoes_data()
    {
        QTest::addColumn<QString>("fault");
        for (const char *fault : {"garbage", "cut last line", "unknown shard", "bad base64", "bad sequence number",
                                  "out of order", "truncated gzip"})
            QTest::newRow(fault) << QString::fromLatin1(fault);
    }

    void badLineFailsAtOnceAsImportDoes()
    {
        QFETCH(QString, fault);
        QList<QByteArray> lines = captureLines();
        QVERIFY(lines.size() > 100);
        const int at = 54; // a record line early in the file
        if (fault == u"garbage"_s)
            lines.insert(at, "garbage");
        else if (fault == u"cut last line"_s)
            lines.last().chop(lines.last().size() / 2);
        else if (fault == u"unknown shard"_s)
            lines[at] = replaced(lines[at], "shardId", "shardId-000000000099");
        else if (fault == u"bad base64"_s)
            lines[at] = replaced(lines[at], "data", "not*base64!");
        else if (fault == u"bad sequence number"_s)
            lines[at] = replaced(lines[at], "sequenceNumber", "12x4");
        else if (fault == u"out of order"_s)
            lines.move(at, lines.size() - 1); // after later records of its shard
        QByteArray text = lines.join('\n');
        QString name = u"bad-"_s + QString(fault).replace(u' ', u'-') + u".jsonl"_s;
        if (fault == u"truncated gzip"_s) {
            QProcess gzip;
            gzip.start(u"gzip"_s, {u"-c"_s});
            gzip.write(text + '\n');
            gzip.closeWriteChannel();
            QVERIFY(gzip.waitForFinished(30000));
            text = gzip.readAllStandardOutput();
            text.chop(text.size() / 2);
            name += u".gz"_s;
        }
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();

        const Run import = qmld({u"stream"_s, u"import"_s, file.fileName(), u"--as"_s, u"imported-"_s + name.chopped(6)});
        QCOMPARE(import.exitCode, 3);
        QVERIFY2(import.err.contains(QByteArray(": " + name.toUtf8() + ':')), import.err.constData());

        QProcess replay;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QMLD_STORE"_s, path(u"store.sqlite"_s));
        environment.insert(u"TMPDIR"_s, m_dir.path());
        replay.setProcessEnvironment(environment);
        replay.start(QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s),
                     {u"replay"_s, file.fileName(), u"--processor"_s, u"null"_s});
        QVERIFY(replay.waitForStarted());
        const qmld::test::ProcessGuard guard(replay);
        const bool ended = replay.waitForFinished(30000);
        if (!ended) {
            replay.kill(); // QProcess signals its own child only, never a group
            replay.waitForFinished();
        }
        QVERIFY2(ended, "qmld replay hung on a bad capture");
        QCOMPARE(replay.exitCode(), 3);
        const QByteArray replayErr = replay.readAllStandardError();
        QCOMPARE(replayErr, import.err); // word for word
        QVERIFY2(!replayErr.contains("records fed"), replayErr.constData());
        QCOMPARE(replayFolders(), QStringList());
        QTRY_VERIFY_WITH_TIMEOUT(processesHere().isEmpty(), 10000);
    }

    // SIGTERM or SIGINT part way through a paced replay: it stops, says it
    // was interrupted and how far it got, exits non-zero, and leaves nothing.
    void interruptedReplaySaysHowFarItGot_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("SIGTERM") << int(SIGTERM) << 143 << "SIGTERM"_ba;
        QTest::newRow("SIGINT") << int(SIGINT) << 130 << "SIGINT"_ba;
    }

    void interruptedReplaySaysHowFarItGot()
    {
        QFETCH(int, signalNumber);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, name);
        // The records arrived 100 ms apart: a replay as recorded takes 30 s.
        QList<QByteArray> lines = captureLines();
        QVERIFY(lines.size() > 100);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QJsonObject object = QJsonDocument::fromJson(lines[i]).object();
            object.insert(u"approximateArrivalTimestamp"_s, 1'700'000'000'000 + qint64(i) * 100);
            lines[i] = QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
        QFile file(path(u"slow.jsonl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(lines.join('\n') + '\n');
        file.close();

        QProcess replay;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"TMPDIR"_s, m_dir.path());
        replay.setProcessEnvironment(environment);
        replay.start(QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s),
                     {u"replay"_s, file.fileName(), u"--processor"_s, u"null"_s, u"--speed"_s, u"1x"_s});
        QVERIFY(replay.waitForStarted());
        const qmld::test::ProcessGuard guard(replay);
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += replay.readAllStandardError()).contains("records fed"), 30000);
        QVERIFY(qmld::test::signalProcess(replay, signalNumber));
        const bool ended = replay.waitForFinished(30000);
        if (!ended) {
            replay.kill();
            replay.waitForFinished();
        }
        QVERIFY2(ended, "qmld replay ignored the signal");
        err += replay.readAllStandardError();
        QCOMPARE(replay.exitStatus(), QProcess::NormalExit);
        QCOMPARE(replay.exitCode(), exitCode);
        QVERIFY2(err.contains(QByteArray("interrupted by " + name + " after ")), err.constData());
        QVERIFY2(err.contains(" of 300 records fed"), err.constData());
        QVERIFY2(!err.contains("replayed"), err.constData());
        QCOMPARE(replayFolders(), QStringList());
        QTRY_VERIFY_WITH_TIMEOUT(processesHere().isEmpty(), 10000);
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

// `qmld capture` and `qmld stream import` driven as a user drives them: the
// real binary, a store in a temporary folder. A stream with KPL aggregates and
// a split shard, captured and imported under another name, reads back the same
// byte for byte, shard by shard, parents and sequence numbers kept.

#include <ProcessGuard.h>
#include <ProgramRun.h>

#include <qmld/CaptureFile.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <QDir>
#include <QProcess>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

using Run = qmld::test::ProgramRun;

} // namespace

class TestCaptureCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString store() const { return m_dir.filePath(u"store.sqlite"_s); }

    Run qmld(QStringList arguments, const QByteArray &input = {})
    {
        return qmld::test::runProgram(u"qmld"_s, arguments << u"--store"_s << store(), input);
    }

    QJsonArray shards(const QString &stream)
    {
        const Run described = qmld({u"stream"_s, u"describe"_s, stream, u"--json"_s});
        return QJsonDocument::fromJson(described.out).object()[u"StreamDescription"_s][u"Shards"_s].toArray();
    }

    static QByteArray lines(const QByteArray &prefix, int count)
    {
        QByteArray text;
        for (int i = 0; i < count; ++i)
            text += prefix + QByteArray::number(i) + '\n';
        return text;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void captureAndImportKeepEverything()
    {
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"orders"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        Run put = qmld({u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s}, lines("plain ", 60));
        QVERIFY2(put.exitCode == 0, put.err.constData());
        put = qmld({u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s, u"--aggregate"_s}, lines("kpl ", 40));
        QVERIFY2(put.exitCode == 0, put.err.constData());
        const Run split = qmld({u"stream"_s, u"split"_s, u"orders"_s, u"0"_s});
        QVERIFY2(split.exitCode == 0, split.err.constData());
        put = qmld({u"stream"_s, u"put"_s, u"orders"_s, u"--lines"_s, u"-"_s}, lines("after split ", 30));
        QVERIFY2(put.exitCode == 0, put.err.constData());

        const QString capture = m_dir.filePath(u"orders.jsonl.gz"_s);
        const Run captured = qmld({u"capture"_s, u"--stream"_s, u"orders"_s, u"--out"_s, capture});
        QVERIFY2(captured.exitCode == 0, captured.err.constData());
        QVERIFY2(captured.out.contains("captured 130 records from 4 shards"), captured.out.constData());
        struct stat info{};
        QCOMPARE(::stat(QFile::encodeName(capture).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));

        // The capture holds the records as delivered: aggregates unpacked, sub-sequence numbers set.
        {
            CaptureReader reader;
            QVERIFY2(reader.open(capture), qPrintable(reader.errorString()));
            QVERIFY(reader.isCompressed());
            QCOMPARE(reader.header().stream, u"orders"_s);
            QCOMPARE(reader.header().shards.size(), std::size_t(4));
            QCOMPARE(reader.header().shards[2].parentShardId, u"shardId-000000000000"_s);
            QVERIFY(reader.header().shards[0].endingSequenceNumber);
            int kpl = 0;
            std::int64_t maxSub = 0;
            while (auto record = reader.next()) {
                if (record->record.data.startsWith("kpl "))
                    ++kpl;
                maxSub = std::max(maxSub, record->record.sequenceNumber.subSequence());
            }
            QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
            QCOMPARE(kpl, 40);
            QVERIFY(maxSub > 0);
        }

        const Run imported = qmld({u"stream"_s, u"import"_s, capture, u"--as"_s, u"replayed"_s});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY2(imported.out.contains("imported 130 records"), imported.out.constData());

        const QJsonArray original = shards(u"orders"_s);
        const QJsonArray copy = shards(u"replayed"_s);
        QCOMPARE(copy.size(), original.size());
        for (qsizetype i = 0; i < original.size(); ++i) {
            QJsonObject a = original[i].toObject();
            QJsonObject b = copy[i].toObject();
            QCOMPARE(b, a); // ids, parents, hash key and sequence number ranges, open or closed, record counts
            const QString shard = a[u"ShardId"_s].toString();
            const Run readOriginal = qmld({u"stream"_s, u"read"_s, u"orders"_s, u"--shard"_s, shard, u"--json"_s});
            const Run readCopy = qmld({u"stream"_s, u"read"_s, u"replayed"_s, u"--shard"_s, shard, u"--json"_s});
            QCOMPARE(readOriginal.exitCode, 0);
            QCOMPARE(readCopy.exitCode, 0);
            QVERIFY(!readOriginal.out.isEmpty());
            QCOMPARE(readCopy.out, readOriginal.out);
        }
        QCOMPARE(copy[0].toObject()[u"Open"_s].toBool(), false);
        QCOMPARE(copy[2].toObject()[u"ParentShardId"_s].toString(), u"shardId-000000000000"_s);

        // A capture of the import is the same capture.
        const QString again = m_dir.filePath(u"again.jsonl"_s);
        QCOMPARE(qmld({u"capture"_s, u"--stream"_s, u"replayed"_s, u"--out"_s, again}).exitCode, 0);
        CaptureReader first, second;
        QVERIFY(first.open(capture) && second.open(again));
        for (;;) {
            auto a = first.next();
            auto b = second.next();
            QCOMPARE(bool(a), bool(b));
            if (!a)
                break;
            QCOMPARE(b->shardId, a->shardId);
            QCOMPARE(b->record.sequenceNumber.toString(), a->record.sequenceNumber.toString());
            QCOMPARE(b->record.sequenceNumber.subSequence(), a->record.sequenceNumber.subSequence());
            QCOMPARE(b->record.partitionKey, a->record.partitionKey);
            QCOMPARE(b->record.data, a->record.data);
            QCOMPARE(b->record.approximateArrivalTimestamp, a->record.approximateArrivalTimestamp);
        }

        const Run twice = qmld({u"stream"_s, u"import"_s, capture, u"--as"_s, u"replayed"_s});
        QVERIFY(twice.exitCode != 0);
        QVERIFY2(twice.err.contains("\"replayed\" already exists") && twice.err.contains("--as"), twice.err.constData());
    }

    void captureLimitsAndShards()
    {
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"small"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"small"_s, u"--lines"_s, u"-"_s}, lines("r ", 20)).exitCode, 0);
        const QString out = m_dir.filePath(u"limited.jsonl"_s);
        Run run = qmld({u"capture"_s, u"--stream"_s, u"small"_s, u"--shard"_s, u"1"_s, u"--limit"_s, u"3"_s,
                        u"--out"_s, out, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(summary[u"Records"_s].toInt(), 3);
        QCOMPARE(summary[u"Shards"_s].toInt(), 1);

        run = qmld({u"capture"_s, u"--stream"_s, u"small"_s, u"--out"_s, out, u"--from"_s,
                    u"AT_SEQUENCE_NUMBER:1"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--shard"), run.err.constData());
        run = qmld({u"capture"_s, u"--stream"_s, u"nope"_s, u"--out"_s, out});
        QCOMPARE(run.exitCode, 3);
        run = qmld({u"capture"_s, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--out") && run.out.contains("0600"));
    }

    // A capture that cannot be finished (here: the file size limit a full disk
    // would impose) fails, and the capture it was to replace is still there,
    // byte for byte, with no partial file beside it.
    void failedCaptureLeavesTheOldFileAlone()
    {
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"big"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"big"_s, u"--lines"_s, u"-"_s}, lines(QByteArray(200, 'x'), 2000)).exitCode, 0);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString target = folder.filePath(u"big.jsonl"_s);
        const QByteArray old = "the capture of yesterday\n"_ba;
        QFile oldFile(target);
        QVERIFY(oldFile.open(QIODevice::WriteOnly));
        oldFile.write(old);
        oldFile.close();

        QProcess capture;
        capture.setChildProcessModifier([] {
            const rlimit limit{64 * 1024, 64 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG, as on a full disk
        });
        capture.start(QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s),
                      {u"capture"_s, u"--stream"_s, u"big"_s, u"--out"_s, target, u"--store"_s, store()});
        const qmld::test::ProcessGuard guard(capture);
        QVERIFY(capture.waitForFinished(60000));
        QCOMPARE(capture.exitStatus(), QProcess::NormalExit);
        const QByteArray err = capture.readAllStandardError();
        QCOMPARE(capture.exitCode(), 1);
        QVERIFY(oldFile.open(QIODevice::ReadOnly));
        QCOMPARE(oldFile.readAll(), old);
        oldFile.close();
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"big.jsonl"_s});
        QVERIFY2(err.contains("big.jsonl was not written"), err.constData());

        // Without the limit the new capture takes the name, and nothing else is left.
        const Run captured = qmld({u"capture"_s, u"--stream"_s, u"big"_s, u"--out"_s, target});
        QVERIFY2(captured.exitCode == 0, captured.err.constData());
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"big.jsonl"_s});
        CaptureReader reader;
        QVERIFY2(reader.open(target), qPrintable(reader.errorString()));
        int records = 0;
        while (reader.next())
            ++records;
        QVERIFY2(reader.atEnd(), qPrintable(reader.errorString()));
        QCOMPARE(records, 2000);
    }

    // Ctrl+C part way: exit 130, the old capture as it was, nothing beside it.
    void interruptedCaptureLeavesTheOldFileAlone()
    {
        QCOMPARE(qmld({u"stream"_s, u"create"_s, u"long"_s, u"--shards"_s, u"2"_s}).exitCode, 0);
        QByteArray many;
        for (int i = 0; i < 300000; ++i)
            many += QByteArray(200, 'y') + QByteArray::number(i) + '\n';
        QCOMPARE(qmld({u"stream"_s, u"put"_s, u"long"_s, u"--lines"_s, u"-"_s}, many).exitCode, 0);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString target = folder.filePath(u"long.jsonl.gz"_s);
        QFile oldFile(target);
        QVERIFY(oldFile.open(QIODevice::WriteOnly));
        oldFile.write("old");
        oldFile.close();

        QProcess capture;
        capture.start(QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s),
                      {u"capture"_s, u"--stream"_s, u"long"_s, u"--out"_s, target, u"--store"_s, store()});
        QVERIFY(capture.waitForStarted());
        const qmld::test::ProcessGuard guard(capture);
        QByteArray err;
        // It reports progress after a second; then it is part way.
        QTRY_VERIFY_WITH_TIMEOUT((err += capture.readAllStandardError()).contains("so far")
                                     || capture.state() != QProcess::Running,
                                 60000);
        if (capture.state() != QProcess::Running) {
            capture.waitForFinished();
            QSKIP("the capture finished within a second: nothing to interrupt on a machine this fast");
        }
        QVERIFY(qmld::test::signalProcess(capture, SIGINT));
        if (!capture.waitForFinished(30000)) {
            capture.kill();
            capture.waitForFinished();
            QFAIL("qmld capture ignored SIGINT");
        }
        err += capture.readAllStandardError();
        QCOMPARE(capture.exitStatus(), QProcess::NormalExit);
        QCOMPARE(capture.exitCode(), 130);
        QVERIFY(oldFile.open(QIODevice::ReadOnly));
        QCOMPARE(oldFile.readAll(), "old"_ba);
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"long.jsonl.gz"_s});
        QVERIFY2(err.contains("interrupted by SIGINT"), err.constData());
    }

    void importReportsABadCaptureByLine()
    {
        const QString path = m_dir.filePath(u"bad.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        CaptureHeader header;
        header.stream = u"bad"_s;
        header.shards.push_back({u"shardId-000000000000"_s, {}, {}, u"0"_s, u"340282366920938463463374607431768211455"_s,
                                 u"1"_s, std::nullopt});
        file.write(header.toJsonLine());
        file.write(R"({"shardId":"shardId-000000000000","sequenceNumber":"5","data":"aGk="})" "\n");
        file.write(R"({"shardId":"shardId-000000000000","sequenceNumber":"6","data":"!!"})" "\n");
        file.close();
        const Run run = qmld({u"stream"_s, u"import"_s, path});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("bad.jsonl:3: data is not base64"), run.err.constData());
        QCOMPARE(qmld({u"stream"_s, u"describe"_s, u"bad"_s}).exitCode, 3); // nothing half-imported left
    }
};

QTEST_GUILESS_MAIN(TestCaptureCli)
#include "test_capture_cli.moc"

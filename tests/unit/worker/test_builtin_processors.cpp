#include <qmld/BuiltinProcessors.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

class NoCheckpoints final : public Checkpointer
{
public:
    void checkpoint() override { ++calls; }
    void checkpoint(const SequenceNumber &) override { ++calls; }
    int calls = 0;
};

QList<QJsonObject> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> out;
    for (const QByteArray &line : file.readAll().split('\n'))
        if (!line.isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

} // namespace

class TestBuiltinProcessors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logProcessorWritesRecordsAndEvents()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"log.jsonl"_s);
        QString error;
        auto sink = JsonLinesSink::open(path, &error);
        QVERIFY2(sink, qPrintable(error));
        auto processor = makeLogProcessorFactory(sink)();
        processor->initialize({u"shardId-7"_s, SequenceNumber::trimHorizon()});

        std::vector<StreamRecord> records(2);
        records[0].sequenceNumber = *SequenceNumber::parse(QByteArray("123"), 0);
        records[0].partitionKey = "k\xc3\xa9y"_ba;
        records[0].data = QByteArray("\x00\x01\xff", 3);
        records[0].approximateArrivalTimestamp = 42;
        records[1].sequenceNumber = *SequenceNumber::parse(QByteArray("124"));
        NoCheckpoints checkpointer;
        processor->processRecords({records, 0}, checkpointer);
        processor->checkpointed({SequenceNumber::parse(QByteArray("124"), 0), {}, 1, false});
        processor->checkpointed({SequenceNumber::parse(QByteArray("125"), 0), u"ShutdownException"_s, 1, true});
        processor->shardEnded(checkpointer);
        processor->checkpointed({std::nullopt, {}, 1, false});
        QCOMPARE(checkpointer.calls, 0); // it leaves checkpoints to the policy

        const QList<QJsonObject> lines = readLines(path);
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines[0].value(u"event"_s), u"initialize"_s);
        QCOMPARE(lines[0].value(u"sequenceNumber"_s), u"TRIM_HORIZON"_s);
        QCOMPARE(lines[1].value(u"shardId"_s), u"shardId-7"_s);
        QCOMPARE(lines[1].value(u"sequenceNumber"_s), u"123"_s);
        QCOMPARE(lines[1].value(u"subSequenceNumber"_s).toInt(), 0);
        QCOMPARE(lines[1].value(u"partitionKey"_s), u"k\u00e9y"_s);
        QCOMPARE(QByteArray::fromBase64(lines[1].value(u"data"_s).toString().toLatin1()), QByteArray("\x00\x01\xff", 3));
        QCOMPARE(lines[1].value(u"approximateArrivalTimestamp"_s).toInteger(), 42);
        QVERIFY(lines[2].value(u"partitionKey"_s).isNull());
        QVERIFY(lines[2].value(u"subSequenceNumber"_s).isNull());
        QVERIFY(lines[2].value(u"approximateArrivalTimestamp"_s).isNull());
        QCOMPARE(lines[3].value(u"event"_s), u"checkpointed"_s);
        QCOMPARE(lines[3].value(u"sequenceNumber"_s), u"124"_s);
        QCOMPARE(lines[4].value(u"event"_s), u"checkpointFailed"_s);
        QCOMPARE(lines[4].value(u"error"_s), u"ShutdownException"_s);
        QCOMPARE(lines[4].value(u"manual"_s), true);
        QCOMPARE(lines[5].value(u"event"_s), u"shardEnded"_s);
        QCOMPARE(lines[6].value(u"sequenceNumber"_s), u"SHARD_END"_s);
    }

    void linesFromManyShardsNeverInterleave()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"log.jsonl"_s);
        auto sink = JsonLinesSink::open(path, nullptr);
        QVERIFY(sink);
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([sink, t] {
                auto processor = makeLogProcessorFactory(sink)();
                processor->initialize({u"shardId-%1"_s.arg(t), std::nullopt});
                std::vector<StreamRecord> records(50);
                for (int i = 0; i < 50; ++i) {
                    records[std::size_t(i)].sequenceNumber = *SequenceNumber::parse(QByteArray::number(i + 1), 0);
                    records[std::size_t(i)].data = QByteArray(4000, char('a' + t));
                }
                NoCheckpoints checkpointer;
                for (int batch = 0; batch < 10; ++batch)
                    processor->processRecords({records, std::nullopt}, checkpointer);
            });
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(30000));
            delete thread;
        }
        const QList<QJsonObject> lines = readLines(path);
        QCOMPARE(lines.size(), 4 * (1 + 500));
        for (const QJsonObject &line : lines)
            QVERIFY(line.contains(u"shardId"_s)); // every line parsed whole
    }

    void unwritableOutputIsAClearError()
    {
        QString error;
        QVERIFY(!JsonLinesSink::open(u"/nonexistent-dir/out.jsonl"_s, &error));
        QVERIFY2(error.contains(u"/nonexistent-dir/out.jsonl"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestBuiltinProcessors)
#include "test_builtin_processors.moc"

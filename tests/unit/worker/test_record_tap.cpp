// The console's preview buffers: RecordTap keeps each shard's newest records
// within a count and a byte cap and hands out tails from an index; the
// inspector fills it and, with a user's processor inside, passes every call on.

#include <qmld/RecordTap.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

std::vector<StreamRecord> records(int first, int count, int size = 10)
{
    std::vector<StreamRecord> list;
    for (int i = first; i < first + count; ++i) {
        StreamRecord record;
        record.sequenceNumber = *SequenceNumber::parse(QByteArray::number(100 + i), 0);
        record.partitionKey = QByteArray("k");
        record.data = QByteArray(size - 1, 'x');
        list.push_back(record);
    }
    return list;
}

class Checkpoints final : public Checkpointer
{
public:
    void checkpoint() override { ++latest; }
    void checkpoint(const SequenceNumber &) override { ++at; }
    int latest = 0;
    int at = 0;
};

class Recording final : public RecordProcessor
{
public:
    explicit Recording(QStringList *calls) : m_calls(calls) {}
    void initialize(const InitializationInput &input) override { *m_calls << u"initialize "_s + input.shardId; }
    void processRecords(const ProcessRecordsInput &input, Checkpointer &checkpointer) override
    {
        *m_calls << u"records %1"_s.arg(input.records.size());
        checkpointer.checkpoint();
    }
    void shardEnded(Checkpointer &) override { *m_calls << u"shardEnded"_s; }
    void checkpointed(const CheckpointResult &) override { *m_calls << u"checkpointed"_s; }

private:
    QStringList *m_calls;
};

} // namespace

class TestRecordTap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheNewestWithinTheCountCap()
    {
        RecordTap tap(RecordTap::Limits{5, 1 << 20});
        tap.append(u"s0"_s, records(0, 3));
        tap.append(u"s0"_s, records(3, 4));
        const RecordTap::Tail tail = tap.tail(u"s0"_s, 0);
        QCOMPARE(tail.first, 2u); // records 0 and 1 were dropped
        QCOMPARE(tail.records.size(), 5u);
        QCOMPARE(tail.records.front().sequenceNumber.toString(), u"102"_s);
        QCOMPARE(tail.records.back().sequenceNumber.toString(), u"106"_s);
    }

    void aBatchLargerThanTheCapKeepsItsEnd()
    {
        RecordTap tap(RecordTap::Limits{4, 1 << 20});
        tap.append(u"s0"_s, records(0, 2));
        tap.append(u"s0"_s, records(2, 10));
        const RecordTap::Tail tail = tap.tail(u"s0"_s, 0);
        QCOMPARE(tail.first, 8u);
        QCOMPARE(tail.records.size(), 4u);
        QCOMPARE(tail.records.back().sequenceNumber.toString(), u"111"_s);
    }

    void theByteCapDropsTheOldest()
    {
        RecordTap tap(RecordTap::Limits{1000, 50}); // 10 bytes a record (data + key)
        tap.append(u"s0"_s, records(0, 8));
        QCOMPARE(tap.tail(u"s0"_s, 0).records.size(), 5u);
        QCOMPARE(tap.bytesHeld(), 50);
        tap.setLimits(RecordTap::Limits{1000, 20});
        QCOMPARE(tap.tail(u"s0"_s, 0).records.size(), 2u);
    }

    void tailsContinueFromAnIndexPerShard()
    {
        RecordTap tap;
        tap.append(u"s0"_s, records(0, 3));
        tap.append(u"s1"_s, records(0, 1));
        RecordTap::Tail tail = tap.tail(u"s0"_s, 0);
        const std::uint64_t next = tail.first + tail.records.size();
        QCOMPARE(tap.tail(u"s0"_s, next).records.size(), 0u);
        tap.append(u"s0"_s, records(3, 2));
        tail = tap.tail(u"s0"_s, next);
        QCOMPARE(tail.first, next);
        QCOMPARE(tail.records.size(), 2u);
        QCOMPARE(tap.tail(u"s1"_s, 0).records.size(), 1u);
        QVERIFY(tap.tail(u"nosuch"_s, 0).records.empty());
    }

    void inspectorFillsTheTapAndPassesEveryCallOn()
    {
        auto tap = std::make_shared<RecordTap>();
        QStringList calls;
        const RecordProcessorFactory factory =
            makeInspectorProcessorFactory(tap, [&calls] { return std::make_unique<Recording>(&calls); });
        std::unique_ptr<RecordProcessor> processor = factory();
        Checkpoints checkpoints;
        processor->initialize({u"shardId-000000000001"_s, SequenceNumber::trimHorizon()});
        const std::vector<StreamRecord> batch = records(0, 3);
        processor->processRecords({batch, 0}, checkpoints);
        processor->checkpointed({});
        processor->shardEnded(checkpoints);
        QCOMPARE(calls, (QStringList{u"initialize shardId-000000000001"_s, u"records 3"_s, u"checkpointed"_s,
                                     u"shardEnded"_s}));
        QCOMPARE(checkpoints.latest, 1); // the inner processor's own checkpoint went through
        QCOMPARE(tap->tail(u"shardId-000000000001"_s, 0).records.size(), 3u);
    }
};

QTEST_GUILESS_MAIN(TestRecordTap)
#include "test_record_tap.moc"

// Importing into the embedded store: a stream made from an explicit shard
// layout keeps its shard ids, parents, hash key ranges and the sequence
// numbers and arrival times it is given.

#include <qmld/Kpl.h>
#include <qmld/StreamStore.h>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;

// Evaluates the call once: QVERIFY2 also evaluates its message on success.
#define QVERIFY_OK(call) \
    do { \
        const auto &verifiedResult = (call); \
        QVERIFY2(verifiedResult.ok(), qPrintable(verifiedResult.ok() ? QString() : verifiedResult.error().message)); \
    } while (false)

namespace {

HashKey key(const char *decimal)
{
    return *HashKey::parse(QByteArrayView(decimal));
}

SequenceNumber seq(const QByteArray &digits)
{
    return *SequenceNumber::parse(digits, 0);
}

StreamRecord record(const QByteArray &sequence, const QByteArray &partitionKey, const QByteArray &data, qint64 arrival)
{
    StreamRecord r;
    r.sequenceNumber = seq(sequence);
    r.partitionKey = partitionKey;
    r.data = data;
    r.approximateArrivalTimestamp = arrival;
    return r;
}

// Real Kinesis numbers, which the store's own codec does not produce.
const QByteArray kParentStart = "49590338271490256608559692538361571095921575989136588802"_ba;
const QByteArray kParentEnd = "49590338271490256608559692538361571095921575989136589999"_ba;
const QByteArray kChildStart = "49590338271490256608559692540000000000000000000000000002"_ba;

std::vector<ShardLayout> splitLayout()
{
    ShardLayout parent{u"shardId-000000000000"_s, {}, {}, {key("0"), HashKey::max()}, seq(kParentStart),
                       seq(kParentEnd)};
    ShardLayout low{u"shardId-000000000001"_s, u"shardId-000000000000"_s, {},
                    {key("0"), key("170141183460469231731687303715884105727")}, seq(kChildStart), std::nullopt};
    ShardLayout high{u"shardId-000000000002"_s, u"shardId-000000000000"_s, {},
                     {key("170141183460469231731687303715884105728"), HashKey::max()}, seq(kChildStart),
                     std::nullopt};
    return {parent, low, high};
}

} // namespace

class TestStreamImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_stores = 0;

    StreamStore openStore()
    {
        auto store = StreamStore::open(m_dir.filePath(u"store%1.sqlite"_s.arg(++m_stores)));
        if (!store)
            qFatal("%s", qPrintable(store.error().message));
        return std::move(store).value();
    }

    // Every record of a shard from TRIM_HORIZON to SHARD_END or the tip.
    static std::vector<StreamRecord> readAll(StreamStore &store, const QString &stream, const QString &shard,
                                             bool *reachedEnd = nullptr)
    {
        std::vector<StreamRecord> all;
        std::optional<ShardPosition> position = ShardPosition::trimHorizon();
        for (int i = 0; i < 100 && position; ++i) {
            auto read = store.readRecords(stream, shard, *position, 2);
            if (!read)
                qFatal("%s", qPrintable(read.error().message));
            all.insert(all.end(), read->records.begin(), read->records.end());
            position = read->nextPosition;
            if (read->atTip && !read->records.empty() && position)
                continue;
            if (read->atTip)
                break;
        }
        if (reachedEnd)
            *reachedEnd = !position.has_value();
        return all;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void layoutIsKeptAsGiven()
    {
        StreamStore store = openStore();
        const auto layout = splitLayout();
        auto created = store.createStreamWithLayout(u"imported"_s, layout);
        QVERIFY_OK(created);
        QCOMPARE(created->shards.size(), std::size_t(3));
        const ShardInfo &parent = created->shards[0];
        QCOMPARE(parent.shardId, u"shardId-000000000000"_s);
        QVERIFY(!parent.isOpen());
        QCOMPARE(parent.startingSequenceNumber.toByteArray(), kParentStart);
        QCOMPARE(parent.endingSequenceNumber->toByteArray(), kParentEnd);
        for (int i : {1, 2}) {
            const ShardInfo &child = created->shards[std::size_t(i)];
            QCOMPARE(child.parentShardId, std::optional(u"shardId-000000000000"_s));
            QVERIFY(!child.adjacentParentShardId);
            QVERIFY(child.isOpen());
            QCOMPARE(child.startingSequenceNumber.toByteArray(), kChildStart);
            QCOMPARE(child.hashKeyRange.starting, layout[std::size_t(i)].hashKeyRange.starting);
            QCOMPARE(child.hashKeyRange.ending, layout[std::size_t(i)].hashKeyRange.ending);
        }
        QCOMPARE(store.createStreamWithLayout(u"imported"_s, layout).error().code, StoreError::Code::StreamExists);
    }

    void recordsKeepTheirSequenceNumbers()
    {
        StreamStore store = openStore();
        QVERIFY_OK(store.createStreamWithLayout(u"s"_s, splitLayout()));
        const std::vector<StreamRecord> parentRecords{
            record(kParentStart, "a", "one", 1000), record("49590338271490256608559692538361571095921575989136589000", "b", "two", 1001),
            record(kParentEnd, "c", QByteArray("\0\xff", 2), 1002)};
        QVERIFY_OK(store.insertRecords(u"s"_s, u"shardId-000000000000"_s, parentRecords));
        const std::vector<StreamRecord> childRecords{record(kChildStart, "d", "four", 2000),
                                                     record("49590338271490256608559692540000000000000000000000000100", "e", "", 2001)};
        QVERIFY_OK(store.insertRecords(u"s"_s, u"shardId-000000000001"_s, childRecords));

        bool ended = false;
        const auto read = readAll(store, u"s"_s, u"shardId-000000000000"_s, &ended);
        QVERIFY(ended); // closed: SHARD_END after its records
        QCOMPARE(read.size(), parentRecords.size());
        for (std::size_t i = 0; i < read.size(); ++i) {
            QCOMPARE(read[i].sequenceNumber.toByteArray(), parentRecords[i].sequenceNumber.toByteArray());
            QCOMPARE(read[i].partitionKey, parentRecords[i].partitionKey);
            QCOMPARE(read[i].data, parentRecords[i].data);
            QCOMPARE(read[i].approximateArrivalTimestamp, parentRecords[i].approximateArrivalTimestamp);
        }
        const auto child = readAll(store, u"s"_s, u"shardId-000000000001"_s, &ended);
        QVERIFY(!ended);
        QCOMPARE(child.size(), std::size_t(2));
        QCOMPARE(child[1].sequenceNumber.toByteArray(), childRecords[1].sequenceNumber.toByteArray());
        QCOMPARE(child[1].data, QByteArray(""_ba));

        // Positions by the imported numbers, as a daemon resuming from a checkpoint uses them.
        auto after = store.readRecords(u"s"_s, u"shardId-000000000000"_s,
                                       ShardPosition::afterSequenceNumber(parentRecords[0].sequenceNumber), 10);
        QVERIFY_OK(after);
        QCOMPARE(after->records.size(), std::size_t(2));
        QCOMPARE(after->records[0].data, "two"_ba);
        auto at = store.readRecords(u"s"_s, u"shardId-000000000000"_s,
                                    ShardPosition::atSequenceNumber(parentRecords[2].sequenceNumber), 10);
        QVERIFY_OK(at);
        QCOMPARE(at->records.size(), std::size_t(1));
        QVERIFY(!at->nextPosition);
        auto latest = store.readRecords(u"s"_s, u"shardId-000000000001"_s, ShardPosition::latest(), 10);
        QVERIFY_OK(latest);
        QVERIFY(latest->records.empty());

        // A put to an imported shard numbers on from its last record.
        auto put = store.putRecord(u"s"_s, {"k"_ba, "new"_ba, key("1")});
        QVERIFY_OK(put);
        QCOMPARE(put->shardId, u"shardId-000000000001"_s);
        QCOMPARE(put->sequenceNumber.toByteArray(), "49590338271490256608559692540000000000000000000000000101"_ba);
        auto afterLatest = store.readRecords(u"s"_s, u"shardId-000000000001"_s, *latest->nextPosition, 10);
        QVERIFY_OK(afterLatest);
        QCOMPARE(afterLatest->records.size(), std::size_t(1));
        QCOMPARE(afterLatest->records[0].data, "new"_ba);
    }

    void badImportsAreRefused()
    {
        StreamStore store = openStore();
        QVERIFY_OK(store.createStreamWithLayout(u"s"_s, splitLayout()));
        const auto insert = [&](const QString &shard, const QByteArray &sequence) {
            const StreamRecord r = record(sequence, "k", "d", 1);
            return store.insertRecords(u"s"_s, shard, std::span(&r, 1));
        };
        QVERIFY_OK(insert(u"shardId-000000000001"_s, kChildStart + "0"));
        auto backwards = insert(u"shardId-000000000001"_s, kChildStart);
        QCOMPARE(backwards.error().code, StoreError::Code::InvalidArgument);
        QVERIFY2(backwards.error().message.contains(u"does not follow"_s), qPrintable(backwards.error().message));
        auto beforeStart = insert(u"shardId-000000000002"_s, "5"_ba);
        QVERIFY2(beforeStart.error().message.contains(u"before the shard's starting"_s),
                 qPrintable(beforeStart.error().message));
        auto afterEnd = insert(u"shardId-000000000000"_s, kParentEnd + "1");
        QVERIFY2(afterEnd.error().message.contains(u"after the closed shard's ending"_s),
                 qPrintable(afterEnd.error().message));

        QVERIFY_OK(store.createStream(u"plain"_s, 1));
        const StreamRecord r = record("1", "k", "d", 1);
        QCOMPARE(store.insertRecords(u"plain"_s, u"shardId-000000000000"_s, std::span(&r, 1)).error().code,
                 StoreError::Code::InvalidArgument);

        std::vector<ShardLayout> badId = splitLayout();
        badId[1].shardId = u"shard-one"_s;
        auto refused = store.createStreamWithLayout(u"bad"_s, badId);
        QCOMPARE(refused.error().code, StoreError::Code::InvalidArgument);
        QVERIFY2(refused.error().message.contains(u"shard-one"_s), qPrintable(refused.error().message));

        std::vector<ShardLayout> overlapping = splitLayout();
        overlapping[0].endingSequenceNumber.reset();
        QVERIFY(!store.createStreamWithLayout(u"bad"_s, overlapping).ok());
    }

    void closeShardAndSplitKeepImportedNumbers()
    {
        StreamStore store = openStore();
        std::vector<ShardLayout> layout{splitLayout()[1], splitLayout()[2]};
        QVERIFY_OK(store.createStreamWithLayout(u"s"_s, layout));
        const StreamRecord r = record(kChildStart + "7", "k", "d", 5);
        QVERIFY_OK(store.insertRecords(u"s"_s, u"shardId-000000000001"_s, std::span(&r, 1)));
        auto closed = store.closeShard(u"s"_s, u"shardId-000000000001"_s);
        QVERIFY_OK(closed);
        QCOMPARE(closed->endingSequenceNumber->toByteArray(), kChildStart + "7");
        QVERIFY(!store.closeShard(u"s"_s, u"shardId-000000000001"_s).ok());

        auto children = store.splitShard(u"s"_s, u"shardId-000000000002"_s);
        QVERIFY_OK(children);
        QCOMPARE(children->at(0).shardId, u"shardId-000000000003"_s); // numbering goes on after the layout's ids
        auto described = store.describeStream(u"s"_s);
        QVERIFY_OK(described);
        QCOMPARE(described->shards[1].endingSequenceNumber->toByteArray(), kChildStart); // no records: its start
    }

    void reaggregatedRecordsDeaggregateToTheSameSubSequenceNumbers()
    {
        // The import route for KPL sub-records: one aggregate per sequence
        // number; the daemon's de-aggregation must give the same records back.
        KplAggregator aggregator;
        const std::vector<std::pair<QByteArray, QByteArray>> users{{"u1", "alpha"}, {"u2", "beta"}, {"u1", "gamma"}};
        for (const auto &[partitionKey, data] : users)
            QCOMPARE(aggregator.add(partitionKey, data), KplAggregator::AddResult::Added);
        const auto aggregate = aggregator.finish();
        QVERIFY(aggregate);

        StreamStore store = openStore();
        QVERIFY_OK(store.createStreamWithLayout(u"s"_s, std::vector<ShardLayout>{{u"shardId-000000000000"_s, {}, {},
                                                                                  {key("0"), HashKey::max()},
                                                                                  seq("100"), std::nullopt}}));
        const StreamRecord outer = record("12345", aggregate->partitionKey, aggregate->data, 77);
        QVERIFY_OK(store.insertRecords(u"s"_s, u"shardId-000000000000"_s, std::span(&outer, 1)));
        auto read = store.readRecords(u"s"_s, u"shardId-000000000000"_s, ShardPosition::trimHorizon(), 10);
        QVERIFY_OK(read);
        QCOMPARE(read->records.size(), std::size_t(1));
        std::vector<StreamRecord> delivered;
        DeaggregationOptions options;
        options.formats = kpl::Format::Standard;
        options.shardHashRange = HashKeyRange{key("0"), HashKey::max()};
        QCOMPARE(appendDeaggregated(read->records[0], delivered, options), DeaggregationOutcome::Deaggregated);
        QCOMPARE(delivered.size(), users.size());
        for (std::size_t i = 0; i < users.size(); ++i) {
            QCOMPARE(delivered[i].sequenceNumber.toByteArray(), "12345"_ba);
            QCOMPARE(delivered[i].sequenceNumber.subSequence(), qint64(i));
            QCOMPARE(*delivered[i].partitionKey, users[i].first);
            QCOMPARE(delivered[i].data, users[i].second);
            QCOMPARE(delivered[i].approximateArrivalTimestamp, std::optional<std::int64_t>(77));
        }
    }

    void schemaOneStoresAreUpgraded()
    {
        const QString path = m_dir.filePath(u"v1.sqlite"_s);
        {
            auto store = StreamStore::open(path);
            QVERIFY_OK(store);
            QVERIFY_OK(store->createStream(u"old"_s, 1));
            QVERIFY_OK(store->putRecord(u"old"_s, {"k"_ba, "kept"_ba, std::nullopt}));
        }
        {
            // Back to schema 1 as an older qmld left it.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"downgrade"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"DROP INDEX records_by_sequence"_s));
            QVERIFY(query.exec(u"ALTER TABLE records DROP COLUMN sequence_key"_s));
            QVERIFY(query.exec(u"ALTER TABLE shards DROP COLUMN starting_sequence"_s));
            QVERIFY(query.exec(u"ALTER TABLE shards DROP COLUMN ending_sequence"_s));
            QVERIFY(query.exec(u"PRAGMA user_version = 1"_s));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"downgrade"_s);
        auto store = StreamStore::open(path);
        QVERIFY_OK(store);
        auto read = store->readRecords(u"old"_s, u"shardId-000000000000"_s, ShardPosition::trimHorizon(), 10);
        QVERIFY_OK(read);
        QCOMPARE(read->records.size(), std::size_t(1));
        QCOMPARE(read->records[0].data, "kept"_ba);
        QVERIFY_OK(store->createStreamWithLayout(u"new"_s, splitLayout()));
    }
};

QTEST_GUILESS_MAIN(TestStreamImport)
#include "test_stream_import.moc"

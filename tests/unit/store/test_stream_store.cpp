#include <qmld/StreamStore.h>

#include "daemon/store/SequenceCodec.h"

#include <ProcessGuard.h>

#include <QCoreApplication>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <set>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qmld::HashKey;
using qmld::PutRequest;
using qmld::SequenceNumber;
using qmld::ShardPosition;
using qmld::StoreError;
using qmld::StreamStore;

// QVERIFY2 evaluates its message even on success: only ask a failed result for its error.
#define QVERIFY_OK(result) \
    QVERIFY2((result).ok(), qPrintable((result).ok() ? QString() : (result).error().message))

namespace {

const QByteArray kMaxKey = "340282366920938463463374607431768211455"_ba; // 2^128 - 1
const QByteArray kHalf = "170141183460469231731687303715884105728"_ba;   // 2^127

PutRequest request(const QByteArray &partitionKey, const QByteArray &data = "x"_ba,
                   std::optional<HashKey> explicitHashKey = std::nullopt)
{
    return {partitionKey, data, explicitHashKey};
}

HashKey key(const QByteArray &decimal)
{
    return *HashKey::parse(decimal);
}

// Child process modes: the test binary runs itself to get a second process.
int childPut(const QString &path, const QString &stream, int count, const QByteArray &prefix)
{
    auto store = StreamStore::open(path);
    if (!store) {
        qCritical().noquote() << store.error().message;
        return 1;
    }
    for (int i = 0; i < count; ++i) {
        auto put = store->putRecord(stream, request(prefix + QByteArray::number(i), prefix));
        if (!put) {
            qCritical().noquote() << put.error().message;
            return 1;
        }
    }
    return 0;
}

// Takes the write lock, writes inside the open transaction, says so, and
// waits to be killed.
int childHoldWriteLock(const QString &path)
{
    auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"holder"_s);
    db.setDatabaseName(path);
    if (!db.open())
        return 1;
    QSqlQuery query(db);
    if (!query.exec(u"BEGIN IMMEDIATE"_s)
        || !query.exec(u"INSERT INTO streams (name, created_ms, retention_ms, last_ordinal, last_arrival_ms, "
                       "next_shard_index) VALUES ('ghost', 0, 1, 0, 0, 0)"_s))
        return 1;
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return 1;
    out.write("holding\n");
    out.flush();
    for (;;)
        QThread::sleep(1);
}

} // namespace

class TestStreamStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString newStorePath() { return m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_files)); }

    StreamStore openNew()
    {
        auto store = StreamStore::open(newStorePath());
        if (!store)
            qFatal("cannot open a new store: %s", qPrintable(store.error().message));
        return std::move(store).value();
    }

    static std::vector<qmld::StreamRecord> readAll(StreamStore &store, const QString &stream, const QString &shard)
    {
        std::vector<qmld::StreamRecord> records;
        std::optional<ShardPosition> position = ShardPosition::trimHorizon();
        while (position) {
            auto read = store.readRecords(stream, shard, *position, 7);
            if (!read)
                qFatal("read failed: %s", qPrintable(read.error().message));
            if (read->records.empty() && read->nextPosition)
                break;
            for (auto &record : read->records)
                records.push_back(std::move(record));
            position = read->nextPosition;
        }
        return records;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sequenceNumbersAreKinesisV2()
    {
        const QByteArray first = qmld::store::encodeSequenceNumber({1, 0});
        QCOMPARE(first.size(), 56);
        // 2^185 (version 2 in bits 184-187) + (1 << 36).
        QCOMPARE(first, "49039857307708443467467104868809893875799651978594746368"_ba);
        const QByteArray big = qmld::store::encodeSequenceNumber({INT64_MAX, 4000000000u});
        QCOMPARE(big.size(), 56);
        const auto decoded = qmld::store::decodeSequenceNumber(big);
        QVERIFY(decoded);
        QCOMPARE(decoded->ordinal, INT64_MAX);
        QCOMPARE(decoded->shardIndex, 4000000000u);
        QVERIFY(!qmld::store::decodeSequenceNumber("49590338271490256608559692538361571095921575989136588898"_ba));
        QVERIFY(!qmld::store::decodeSequenceNumber("123"_ba));
        // The ordinal dominates the shard index.
        QVERIFY(*SequenceNumber::parse(qmld::store::encodeSequenceNumber({2, 0}))
                > *SequenceNumber::parse(qmld::store::encodeSequenceNumber({1, 4000000000u})));
    }

    void shardPositionsParseAndPrint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("trim horizon") << u"TRIM_HORIZON"_s << true;
        QTest::newRow("latest") << u"LATEST"_s << true;
        QTest::newRow("at sequence") << u"AT_SEQUENCE_NUMBER:49039857307708443467467104868809893875799651978594746368"_s << true;
        QTest::newRow("after sequence") << u"AFTER_SEQUENCE_NUMBER:123"_s << true;
        QTest::newRow("at timestamp") << u"AT_TIMESTAMP:1700000000000"_s << true;
        QTest::newRow("lower case") << u"latest"_s << false;
        QTest::newRow("sentinel as sequence") << u"AT_SEQUENCE_NUMBER:LATEST"_s << false;
        QTest::newRow("bad timestamp") << u"AT_TIMESTAMP:soon"_s << false;
        QTest::newRow("no argument") << u"AT_SEQUENCE_NUMBER"_s << false;
    }

    void shardPositionsParseAndPrint()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto position = ShardPosition::parse(text);
        QCOMPARE(position.has_value(), valid);
        if (valid)
            QCOMPARE(position->toString(), text);
    }

    void createSplitsHashKeySpaceAsKinesis()
    {
        StreamStore store = openNew();
        auto created = store.createStream(u"three"_s, 3);
        QVERIFY_OK(created);
        const auto &shards = created->shards;
        QCOMPARE(shards.size(), 3u);
        // The ranges `aws kinesis create-stream --shard-count 3` gives.
        const QByteArray expected[3][2] = {
            {"0", "113427455640312821154458202477256070484"},
            {"113427455640312821154458202477256070485", "226854911280625642308916404954512140969"},
            {"226854911280625642308916404954512140970", kMaxKey},
        };
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(shards[i].shardId, u"shardId-00000000000%1"_s.arg(i));
            QCOMPARE(shards[i].hashKeyRange.starting.toByteArray(), expected[i][0]);
            QCOMPARE(shards[i].hashKeyRange.ending.toByteArray(), expected[i][1]);
            QVERIFY(shards[i].isOpen());
            QVERIFY(!shards[i].parentShardId);
            QCOMPARE(shards[i].recordCount, 0);
            QCOMPARE(shards[i].startingSequenceNumber.toByteArray().size(), 56);
        }
        auto one = store.createStream(u"one"_s, 1);
        QVERIFY(one);
        QCOMPARE(one->shards[0].hashKeyRange, qmld::HashKeyRange::full());

        auto list = store.listStreams();
        QVERIFY(list);
        QCOMPARE(list->size(), 2u);
        QCOMPARE(list->at(0).name, u"one"_s);
        QCOMPARE(list->at(1).name, u"three"_s);
        QCOMPARE(list->at(1).openShardCount, 3);
        QCOMPARE(list->at(1).retention, StreamStore::kDefaultRetention);

        auto again = store.createStream(u"three"_s, 1);
        QVERIFY(!again);
        QCOMPARE(again.error().code, StoreError::Code::StreamExists);
    }

    void badCreateArgumentsAreRejected_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("shards");
        QTest::newRow("empty name") << QString() << 1;
        QTest::newRow("slash") << u"a/b"_s << 1;
        QTest::newRow("too long") << QString(129, u'a') << 1;
        QTest::newRow("no shards") << u"s"_s << 0;
        QTest::newRow("too many shards") << u"s"_s << StreamStore::kMaxShardCount + 1;
    }

    void badCreateArgumentsAreRejected()
    {
        QFETCH(QString, name);
        QFETCH(int, shards);
        StreamStore store = openNew();
        auto created = store.createStream(name, shards);
        QVERIFY(!created);
        QCOMPARE(created.error().code, StoreError::Code::InvalidArgument);
        QVERIFY(store.listStreams()->empty());
    }

    void putRoutesByMd5OfPartitionKey()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 4));
        // MD5("a") = 16955237001963240173058271559858726497: shard 0 of 4.
        // MD5("partition-1") = 198019941650871988756153596255032211816: shard 2 of 4.
        auto a = store.putRecord(u"s"_s, request("a"_ba));
        QVERIFY_OK(a);
        QCOMPARE(a->shardId, u"shardId-000000000000"_s);
        auto p = store.putRecord(u"s"_s, request("partition-1"_ba));
        QVERIFY(p);
        QCOMPARE(p->shardId, u"shardId-000000000002"_s);

        // Many keys: each lands in the shard whose range holds its MD5.
        auto description = store.describeStream(u"s"_s);
        QVERIFY(description);
        std::vector<PutRequest> requests;
        for (int i = 0; i < 200; ++i)
            requests.push_back(request("key-" + QByteArray::number(i)));
        auto results = store.putRecords(u"s"_s, requests);
        QVERIFY(results);
        QCOMPARE(results->size(), requests.size());
        for (std::size_t i = 0; i < requests.size(); ++i) {
            const HashKey hash = HashKey::fromPartitionKey(QByteArrayView(requests[i].partitionKey));
            const auto &owner = *std::find_if(description->shards.cbegin(), description->shards.cend(),
                                              [&](const qmld::ShardInfo &s) { return s.hashKeyRange.contains(hash); });
            QCOMPARE(results->at(i).shardId, owner.shardId);
        }
    }

    void explicitHashKeyWins()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 2));
        auto last = store.putRecord(u"s"_s, request("a"_ba, "x"_ba, key(kMaxKey)));
        QVERIFY(last);
        QCOMPARE(last->shardId, u"shardId-000000000001"_s);
        auto first = store.putRecord(u"s"_s, request("a"_ba, "x"_ba, key("170141183460469231731687303715884105727"_ba)));
        QVERIFY(first);
        QCOMPARE(first->shardId, u"shardId-000000000000"_s);
        auto boundary = store.putRecord(u"s"_s, request("a"_ba, "x"_ba, key(kHalf)));
        QCOMPARE(boundary->shardId, u"shardId-000000000001"_s);
    }

    void recordsRoundTripInOrder()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 2));
        std::map<QString, std::vector<qmld::PutResult>> putByShard;
        for (int i = 0; i < 60; ++i) {
            QByteArray data("\0\xff binary "_ba);
            data += QByteArray::number(i);
            auto put = store.putRecord(u"s"_s, request("pk-" + QByteArray::number(i % 7), data));
            QVERIFY(put);
            QCOMPARE(put->sequenceNumber.toByteArray().size(), 56);
            putByShard[put->shardId].push_back(*put);
        }
        QCOMPARE(putByShard.size(), 2u);
        for (const auto &[shard, puts] : putByShard) {
            const auto records = readAll(store, u"s"_s, shard);
            QCOMPARE(records.size(), puts.size());
            for (std::size_t i = 0; i < records.size(); ++i) {
                QCOMPARE(records[i].sequenceNumber, puts[i].sequenceNumber);
                QCOMPARE(records[i].sequenceNumber.subSequence(), 0);
                QVERIFY(records[i].data.startsWith("\0\xff binary "_ba));
                QVERIFY(records[i].approximateArrivalTimestamp);
                if (i > 0)
                    QVERIFY(records[i - 1].sequenceNumber < records[i].sequenceNumber);
            }
        }
        auto description = store.describeStream(u"s"_s);
        QCOMPARE(description->shards[0].recordCount + description->shards[1].recordCount, 60);
    }

    void aggregatesAreStoredAsTheyAre()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 1));
        const QByteArray aggregate = "\xF3\x89\x9A\xC2 not unpacked by the store"_ba;
        QVERIFY(store.putRecord(u"s"_s, request("k"_ba, aggregate)));
        const auto records = readAll(store, u"s"_s, u"shardId-000000000000"_s);
        QCOMPARE(records.size(), 1u);
        QCOMPARE(records[0].data, aggregate);
        QVERIFY(!records[0].aggregateIndex);
    }

    void readPositions()
    {
        StreamStore store = openNew();
        qint64 clock = 1000;
        store.setClock([&clock] { return clock; });
        QVERIFY(store.createStream(u"s"_s, 1));
        const QString shard = u"shardId-000000000000"_s;
        std::vector<SequenceNumber> sequences;
        for (int i = 0; i < 5; ++i) {
            clock = 1000 * (i + 1);
            sequences.push_back(store.putRecord(u"s"_s, request("k"_ba, QByteArray::number(i)))->sequenceNumber);
        }
        clock = 10000;

        auto at = store.readRecords(u"s"_s, shard, ShardPosition::atSequenceNumber(sequences[2]), 100);
        QVERIFY(at);
        QCOMPARE(at->records.size(), 3u);
        QCOMPARE(at->records[0].data, "2"_ba);
        QCOMPARE(at->millisBehindLatest, 0);

        auto after = store.readRecords(u"s"_s, shard, ShardPosition::afterSequenceNumber(sequences[2]), 100);
        QCOMPARE(after->records.size(), 2u);
        QCOMPARE(after->records[0].data, "3"_ba);

        auto atTime = store.readRecords(u"s"_s, shard, ShardPosition::atTimestamp(2500), 100);
        QCOMPARE(atTime->records.size(), 3u);
        QCOMPARE(atTime->records[0].approximateArrivalTimestamp, 3000);
        auto exactTime = store.readRecords(u"s"_s, shard, ShardPosition::atTimestamp(2000), 100);
        QCOMPARE(exactTime->records.size(), 4u);
        auto futureTime = store.readRecords(u"s"_s, shard, ShardPosition::atTimestamp(20000), 100);
        QVERIFY(futureTime->records.empty());
        QCOMPARE(futureTime->nextPosition->type, ShardPosition::Type::AtTimestamp);

        // A limited read: the next position continues it, and the lag is
        // now minus the last returned record's arrival.
        auto first = store.readRecords(u"s"_s, shard, ShardPosition::trimHorizon(), 2);
        QCOMPARE(first->records.size(), 2u);
        QCOMPARE(first->millisBehindLatest, 10000 - 2000);
        QVERIFY(!first->atTip);
        auto rest = store.readRecords(u"s"_s, shard, *first->nextPosition, 3);
        QCOMPARE(rest->records.size(), 3u);
        QCOMPARE(rest->records[0].data, "2"_ba);
        QVERIFY(rest->atTip);
        QCOMPARE(rest->millisBehindLatest, 0);

        // LATEST returns nothing, and its next position sees only newer records.
        auto latest = store.readRecords(u"s"_s, shard, ShardPosition::latest(), 100);
        QVERIFY(latest->records.empty());
        QCOMPARE(latest->nextPosition->type, ShardPosition::Type::AfterSequenceNumber);
        QVERIFY(store.putRecord(u"s"_s, request("k"_ba, "new"_ba)));
        auto fresh = store.readRecords(u"s"_s, shard, *latest->nextPosition, 100);
        QCOMPARE(fresh->records.size(), 1u);
        QCOMPARE(fresh->records[0].data, "new"_ba);
        QVERIFY(fresh->nextPosition); // an open shard never ends
    }

    void readRejectsBadInput()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 2));
        auto onOne = store.putRecord(u"s"_s, request("k"_ba, "x"_ba, key(kMaxKey)));
        QCOMPARE(onOne->shardId, u"shardId-000000000001"_s);

        auto wrongShard = store.readRecords(u"s"_s, u"shardId-000000000000"_s,
                                            ShardPosition::atSequenceNumber(onOne->sequenceNumber), 10);
        QVERIFY(!wrongShard);
        QCOMPARE(wrongShard.error().code, StoreError::Code::InvalidArgument);
        QVERIFY(wrongShard.error().message.contains(u"shardId-000000000000"_s));

        auto noShard = store.readRecords(u"s"_s, u"shardId-000000000009"_s, ShardPosition::trimHorizon(), 10);
        QCOMPARE(noShard.error().code, StoreError::Code::ShardNotFound);
        QVERIFY(noShard.error().message.contains(u"shardId-000000000009"_s));

        auto noStream = store.readRecords(u"nope"_s, u"shardId-000000000000"_s, ShardPosition::trimHorizon(), 10);
        QCOMPARE(noStream.error().code, StoreError::Code::StreamNotFound);
        QCOMPARE(noStream.error().message, u"unknown stream \"nope\" in store %1"_s.arg(store.path()));

        auto noLimit = store.readRecords(u"s"_s, u"shardId-000000000000"_s, ShardPosition::trimHorizon(), 0);
        QCOMPARE(noLimit.error().code, StoreError::Code::InvalidArgument);
    }

    void emptyDataIsARecord()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 1));
        QVERIFY(store.putRecord(u"s"_s, request("k"_ba, QByteArray())));
        const auto read = store.readRecords(u"s"_s, u"shardId-000000000000"_s, ShardPosition::trimHorizon(), 10);
        QVERIFY(read);
        QCOMPARE(read->records.size(), 1u);
        QVERIFY(read->records[0].data.isEmpty());
    }

    void putRejectsWhatKinesisRejects()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 1));
        QCOMPARE(store.putRecord(u"s"_s, request(QByteArray())).error().code, StoreError::Code::InvalidArgument);
        QCOMPARE(store.putRecord(u"s"_s, request(QByteArray(257, 'k'))).error().code,
                 StoreError::Code::InvalidArgument);
        QVERIFY(store.putRecord(u"s"_s, request(QString(256, QChar(0xe9)).toUtf8()))); // 256 code points, 512 bytes
        QCOMPARE(store.putRecord(u"s"_s, request("k"_ba, QByteArray(1024 * 1024, 'x'))).error().code,
                 StoreError::Code::InvalidArgument);
        QVERIFY(store.putRecord(u"s"_s, request("k"_ba, QByteArray(1024 * 1024 - 1, 'x'))));
        // A batch with one bad record stores nothing.
        const PutRequest batch[] = {request("ok"_ba), request(QByteArray())};
        QVERIFY(!store.putRecords(u"s"_s, batch));
        QCOMPARE(store.describeStream(u"s"_s)->shards[0].recordCount, 2);
        QCOMPARE(store.putRecord(u"none"_s, request("k"_ba)).error().code, StoreError::Code::StreamNotFound);
    }

    void splitAsKinesis()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 1));
        std::vector<SequenceNumber> parentSequences;
        for (int i = 0; i < 10; ++i)
            parentSequences.push_back(store.putRecord(u"s"_s, request("k" + QByteArray::number(i)))->sequenceNumber);

        auto children = store.splitShard(u"s"_s, u"shardId-000000000000"_s);
        QVERIFY_OK(children);
        QCOMPARE(children->size(), 2u);
        const auto &low = children->at(0);
        const auto &high = children->at(1);
        QCOMPARE(low.shardId, u"shardId-000000000001"_s);
        QCOMPARE(high.shardId, u"shardId-000000000002"_s);
        QCOMPARE(low.parentShardId, u"shardId-000000000000"_s);
        QCOMPARE(high.parentShardId, u"shardId-000000000000"_s);
        QVERIFY(!low.adjacentParentShardId && !high.adjacentParentShardId);
        QCOMPARE(low.hashKeyRange.starting.toByteArray(), "0"_ba);
        QCOMPARE(low.hashKeyRange.ending.toByteArray(), "170141183460469231731687303715884105727"_ba);
        QCOMPARE(high.hashKeyRange.starting.toByteArray(), kHalf);
        QCOMPARE(high.hashKeyRange.ending.toByteArray(), kMaxKey);

        auto description = store.describeStream(u"s"_s);
        const auto &parent = description->shards[0];
        QVERIFY(!parent.isOpen());
        QVERIFY(*parent.endingSequenceNumber >= parentSequences.back());
        QVERIFY(low.startingSequenceNumber > *parent.endingSequenceNumber);
        QCOMPARE(description->summary.openShardCount, 2);

        // New records go to the children only, with larger sequence numbers.
        for (int i = 0; i < 20; ++i) {
            auto put = store.putRecord(u"s"_s, request("k" + QByteArray::number(i)));
            QVERIFY(put->shardId != parent.shardId);
            QVERIFY(put->sequenceNumber > parentSequences.back());
            QVERIFY(put->sequenceNumber >= (put->shardId == low.shardId ? low : high).startingSequenceNumber);
        }
        // The closed parent still reads, then ends.
        QCOMPARE(readAll(store, u"s"_s, parent.shardId).size(), 10u);
        auto end = store.readRecords(u"s"_s, parent.shardId, ShardPosition::afterSequenceNumber(parentSequences.back()), 5);
        QVERIFY(end->records.empty());
        QVERIFY(!end->nextPosition);
        auto latestOfClosed = store.readRecords(u"s"_s, parent.shardId, ShardPosition::latest(), 5);
        QVERIFY(!latestOfClosed->nextPosition);
    }

    void splitAtAChosenKey()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 2));
        auto children = store.splitShard(u"s"_s, u"shardId-000000000001"_s, key(kMaxKey));
        QVERIFY(children);
        QCOMPARE(children->at(0).shardId, u"shardId-000000000002"_s);
        QCOMPARE(children->at(0).hashKeyRange.starting.toByteArray(), kHalf);
        QCOMPARE(children->at(1).hashKeyRange.starting.toByteArray(), kMaxKey);
        QCOMPARE(children->at(1).hashKeyRange.ending.toByteArray(), kMaxKey);
        // A one-key shard cannot be split.
        auto single = store.splitShard(u"s"_s, u"shardId-000000000003"_s);
        QCOMPARE(single.error().code, StoreError::Code::InvalidArgument);
    }

    void splitRejectsBadRequests_data()
    {
        QTest::addColumn<QString>("shard");
        QTest::addColumn<QByteArray>("at");
        QTest::addColumn<int>("code");
        QTest::newRow("at the starting key") << u"shardId-000000000001"_s << kHalf << int(StoreError::Code::InvalidArgument);
        QTest::newRow("below the range") << u"shardId-000000000001"_s << "5"_ba << int(StoreError::Code::InvalidArgument);
        QTest::newRow("above the range") << u"shardId-000000000000"_s << kMaxKey << int(StoreError::Code::InvalidArgument);
        QTest::newRow("unknown shard") << u"shardId-000000000007"_s << QByteArray() << int(StoreError::Code::ShardNotFound);
        QTest::newRow("not a shard id") << u"7"_s << QByteArray() << int(StoreError::Code::ShardNotFound);
    }

    void splitRejectsBadRequests()
    {
        QFETCH(QString, shard);
        QFETCH(QByteArray, at);
        QFETCH(int, code);
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 2));
        auto split = store.splitShard(u"s"_s, shard, at.isEmpty() ? std::nullopt : std::optional(key(at)));
        QVERIFY(!split);
        QCOMPARE(int(split.error().code), code);
        QVERIFY(split.error().message.contains(shard));
        QCOMPARE(store.describeStream(u"s"_s)->summary.openShardCount, 2);
    }

    void splittingAClosedShardFails()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 1));
        QVERIFY(store.splitShard(u"s"_s, u"shardId-000000000000"_s));
        auto again = store.splitShard(u"s"_s, u"shardId-000000000000"_s);
        QCOMPARE(again.error().code, StoreError::Code::InvalidArgument);
        QVERIFY(again.error().message.contains(u"closed"_s));
    }

    void mergeAsKinesis()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 3));
        const auto before = store.putRecord(u"s"_s, request("a"_ba))->sequenceNumber; // shard 0
        auto child = store.mergeShards(u"s"_s, u"shardId-000000000001"_s, u"shardId-000000000000"_s);
        QVERIFY_OK(child);
        QCOMPARE(child->shardId, u"shardId-000000000003"_s);
        QCOMPARE(child->parentShardId, u"shardId-000000000001"_s);
        QCOMPARE(child->adjacentParentShardId, u"shardId-000000000000"_s);
        QCOMPARE(child->hashKeyRange.starting.toByteArray(), "0"_ba);
        QCOMPARE(child->hashKeyRange.ending.toByteArray(), "226854911280625642308916404954512140969"_ba);
        QVERIFY(child->startingSequenceNumber > before);

        auto description = store.describeStream(u"s"_s);
        QVERIFY(!description->shards[0].isOpen());
        QVERIFY(!description->shards[1].isOpen());
        QVERIFY(description->shards[2].isOpen());
        QCOMPARE(description->summary.openShardCount, 2);
        auto put = store.putRecord(u"s"_s, request("a"_ba));
        QCOMPARE(put->shardId, child->shardId);
        QVERIFY(put->sequenceNumber > before);

        // Closed shards and the merged child with a non-neighbour: refused.
        auto closed = store.mergeShards(u"s"_s, u"shardId-000000000000"_s, u"shardId-000000000002"_s);
        QCOMPARE(closed.error().code, StoreError::Code::InvalidArgument);
        auto self = store.mergeShards(u"s"_s, u"shardId-000000000002"_s, u"shardId-000000000002"_s);
        QCOMPARE(self.error().code, StoreError::Code::InvalidArgument);
    }

    void mergeRefusesNonAdjacentShards()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 3));
        auto merged = store.mergeShards(u"s"_s, u"shardId-000000000000"_s, u"shardId-000000000002"_s);
        QVERIFY(!merged);
        QCOMPARE(merged.error().code, StoreError::Code::InvalidArgument);
        QVERIFY(merged.error().message.contains(u"not adjacent"_s));
        QCOMPARE(store.describeStream(u"s"_s)->summary.openShardCount, 3);
    }

    void retentionTrimsRecordsAndClosedShards()
    {
        StreamStore store = openNew();
        qint64 clock = 1'000'000;
        store.setClock([&clock] { return clock; });
        QVERIFY(store.createStream(u"s"_s, 1, 1h));
        QVERIFY(store.putRecord(u"s"_s, request("old"_ba)));
        clock += 10 * 60 * 1000;
        QVERIFY(store.splitShard(u"s"_s, u"shardId-000000000000"_s));
        const QString low = u"shardId-000000000001"_s;
        QCOMPARE(store.putRecord(u"s"_s, request("k"_ba, "mid"_ba, key("0"_ba)))->shardId, low);

        clock += 55 * 60 * 1000; // "old" is 65 min old, the split and "mid" 55 min
        auto trimmed = store.trimExpired();
        QVERIFY_OK(trimmed);
        QCOMPARE(trimmed->recordsDeleted, 1);
        QCOMPARE(trimmed->shardsDeleted, 0);
        QVERIFY(readAll(store, u"s"_s, u"shardId-000000000000"_s).empty());
        QCOMPARE(store.describeStream(u"s"_s)->shards.size(), 3u);
        QVERIFY(store.putRecord(u"s"_s, request("k"_ba, "new"_ba, key("0"_ba))));

        clock += 6 * 60 * 1000; // the split and "mid" are 61 min old, "new" 6 min
        trimmed = store.trimExpired();
        QCOMPARE(trimmed->recordsDeleted, 1);
        QCOMPARE(trimmed->shardsDeleted, 1);
        auto description = store.describeStream(u"s"_s);
        QCOMPARE(description->shards.size(), 2u);
        QCOMPARE(description->shards[0].shardId, low);
        QCOMPARE(description->shards[0].parentShardId, u"shardId-000000000000"_s);
        const auto records = readAll(store, u"s"_s, low);
        QCOMPARE(records.size(), 1u);
        QCOMPARE(records[0].data, "new"_ba);
    }

    void deleteStream()
    {
        StreamStore store = openNew();
        QVERIFY(store.createStream(u"s"_s, 2));
        QVERIFY(store.putRecord(u"s"_s, request("k"_ba)));
        QVERIFY(store.deleteStream(u"s"_s));
        QCOMPARE(store.describeStream(u"s"_s).error().code, StoreError::Code::StreamNotFound);
        QCOMPARE(store.deleteStream(u"s"_s).error().code, StoreError::Code::StreamNotFound);
        auto again = store.createStream(u"s"_s, 1);
        QVERIFY(again);
        QCOMPARE(again->shards[0].recordCount, 0);
    }

    void mustExistDoesNotCreate()
    {
        const QString path = newStorePath();
        auto store = StreamStore::open(path, StreamStore::OpenMode::MustExist);
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::StoreMissing);
        QVERIFY(store.error().message.contains(path));
        QVERIFY(!QFile::exists(path));
    }

    void resolvePathPrefersArgumentThenEnvironment()
    {
        qputenv("QMLD_STORE", "/from/environment.sqlite");
        QCOMPARE(StreamStore::resolvePath(u"/given.sqlite"_s), u"/given.sqlite"_s);
        QCOMPARE(StreamStore::resolvePath(QString()), u"/from/environment.sqlite"_s);
        qunsetenv("QMLD_STORE");
        QCOMPARE(StreamStore::resolvePath(QString()), StreamStore::defaultPath());
        QVERIFY(StreamStore::defaultPath().endsWith(u"/qmld/store.sqlite"_s));
    }

    void corruptFileIsReported()
    {
        const QString path = newStorePath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'g'));
        file.close();
        auto store = StreamStore::open(path);
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::Corrupt);
        QVERIFY(store.error().message.contains(path));
        QVERIFY(!store.error().message.contains(u'\n'));
    }

    void foreignSqliteFileIsNotAStore()
    {
        const QString path = newStorePath();
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"CREATE TABLE t (x)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"foreign"_s);
        auto store = StreamStore::open(path);
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::Corrupt);
        QVERIFY(store.error().message.contains(u"not a qmld store"_s));
    }

    void concurrentConnectionsInThreads()
    {
        const QString path = newStorePath();
        StreamStore reader = std::move(StreamStore::open(path)).value();
        QVERIFY(reader.createStream(u"s"_s, 2));

        constexpr int kPerThread = 1500;
        QStringList errors;
        QMutex errorsMutex;
        auto writer = [&](QByteArray prefix) {
            return QThread::create([&, prefix] {
                auto store = StreamStore::open(path);
                for (int i = 0; store && i < kPerThread; ++i) {
                    if (auto put = store->putRecord(u"s"_s, request(prefix + QByteArray::number(i))); !put) {
                        QMutexLocker lock(&errorsMutex);
                        errors.append(put.error().message);
                        return;
                    }
                }
            });
        };
        std::unique_ptr<QThread> a(writer("a-"_ba)), b(writer("b-"_ba));
        a->start();
        b->start();
        // Read while they write: every read succeeds.
        int reads = 0;
        while (!a->isFinished() || !b->isFinished()) {
            auto read = reader.readRecords(u"s"_s, u"shardId-000000000000"_s, ShardPosition::trimHorizon(), 10000);
            QVERIFY_OK(read);
            ++reads;
        }
        QVERIFY(a->wait(60000) && b->wait(60000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QVERIFY(reads > 0);
        assertConsistent(reader, 2 * kPerThread);
    }

    void concurrentProcesses()
    {
        const QString path = newStorePath();
        StreamStore reader = std::move(StreamStore::open(path)).value();
        QVERIFY(reader.createStream(u"s"_s, 2));
        constexpr int kPerProcess = 800;
        QProcess first, second;
        for (auto [process, prefix] : {std::pair{&first, u"a"_s}, std::pair{&second, u"b"_s}}) {
            process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            process->start(QCoreApplication::applicationFilePath(),
                           {u"--child-put"_s, path, u"s"_s, QString::number(kPerProcess), prefix});
        }
        QVERIFY(first.waitForStarted() && second.waitForStarted());
        while (first.state() != QProcess::NotRunning || second.state() != QProcess::NotRunning) {
            auto read = reader.readRecords(u"s"_s, u"shardId-000000000001"_s, ShardPosition::trimHorizon(), 10000);
            QVERIFY_OK(read);
            first.waitForFinished(10);
            second.waitForFinished(10);
        }
        QCOMPARE(first.exitStatus(), QProcess::NormalExit);
        QCOMPARE(first.exitCode(), 0);
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        assertConsistent(reader, 2 * kPerProcess);
    }

    void crashedWriterLeavesNoStaleLock()
    {
        const QString path = newStorePath();
        StreamStore store = std::move(StreamStore::open(path, StreamStore::OpenMode::CreateIfMissing, 200ms)).value();
        QVERIFY(store.createStream(u"s"_s, 1));

        QProcess holder;
        holder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        holder.start(QCoreApplication::applicationFilePath(), {u"--child-hold-write-lock"_s, path});
        QVERIFY(holder.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(holder.canReadLine() || holder.state() == QProcess::NotRunning, 20000);
        QCOMPARE(holder.readLine(), "holding\n"_ba);

        // While it holds the lock, a writer gives up after its busy timeout with a clear error...
        auto blocked = store.putRecord(u"s"_s, request("k"_ba));
        QVERIFY(!blocked);
        QCOMPARE(blocked.error().code, StoreError::Code::Busy);
        QVERIFY(blocked.error().message.contains(path));
        // ...and readers are not blocked at all.
        QVERIFY(store.readRecords(u"s"_s, u"shardId-000000000000"_s, ShardPosition::trimHorizon(), 10));

        QVERIFY(qmld::test::signalProcess(holder, SIGKILL));
        QVERIFY(holder.waitForFinished(10000));
        QCOMPARE(holder.exitStatus(), QProcess::CrashExit);

        // The dead writer's lock is gone and its transaction rolled back.
        auto put = store.putRecord(u"s"_s, request("k"_ba));
        QVERIFY_OK(put);
        auto reopened = StreamStore::open(path);
        QVERIFY(reopened);
        auto list = reopened->listStreams();
        QCOMPARE(list->size(), 1u);
        QCOMPARE(list->front().name, u"s"_s);
    }

private:
    // Every record stored once, sequence numbers unique and increasing per shard.
    void assertConsistent(StreamStore &store, int expectedCount)
    {
        auto description = store.describeStream(u"s"_s);
        QVERIFY(description);
        int total = 0;
        std::set<QByteArray> seen;
        for (const auto &shard : description->shards) {
            const auto records = readAll(store, u"s"_s, shard.shardId);
            QCOMPARE(qint64(records.size()), shard.recordCount);
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (i > 0)
                    QVERIFY(records[i - 1].sequenceNumber < records[i].sequenceNumber);
                QVERIFY(seen.insert(records[i].sequenceNumber.toByteArray()).second);
            }
            total += int(records.size());
        }
        QCOMPARE(total, expectedCount);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.value(1) == u"--child-put"_s)
        return childPut(arguments.value(2), arguments.value(3), arguments.value(4).toInt(), arguments.value(5).toUtf8());
    if (arguments.value(1) == u"--child-hold-write-lock"_s)
        return childHoldWriteLock(arguments.value(2));
    TestStreamStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_stream_store.moc"

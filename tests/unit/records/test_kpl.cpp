#include <qmld/Kpl.h>

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace qmld;

Q_DECLARE_METATYPE(qmld::kpl::Format)

namespace {

const QByteArray kOuterSequence = "49590338271490256608559692538361571095921575989136588898"_ba;
constexpr qint64 kArrival = 1700000000123;

QByteArray md5(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5);
}

// magic + protobuf + MD5(protobuf): a well-formed frame around any protobuf bytes.
QByteArray frame(kpl::Format format, const QByteArray &protobuf)
{
    if (format != kpl::Format::ErlmldDeflated)
        return kpl::magic(format) + protobuf + md5(protobuf);
    const QByteArray payload = protobuf + md5(protobuf);
    uLongf size = compressBound(uLong(payload.size()));
    QByteArray compressed(qsizetype(size), Qt::Uninitialized);
    if (compress(reinterpret_cast<Bytef *>(compressed.data()), &size,
                 reinterpret_cast<const Bytef *>(payload.constData()), uLong(payload.size())) != Z_OK)
        qFatal("compress failed");
    compressed.truncate(qsizetype(size));
    return kpl::magic(format) + compressed;
}

QByteArray zlibCompress(const QByteArray &payload)
{
    uLongf size = compressBound(uLong(payload.size()));
    QByteArray compressed(qsizetype(size), Qt::Uninitialized);
    compress2(reinterpret_cast<Bytef *>(compressed.data()), &size,
              reinterpret_cast<const Bytef *>(payload.constData()), uLong(payload.size()), 9);
    compressed.truncate(qsizetype(size));
    return compressed;
}

StreamRecord outerRecord(const QByteArray &data)
{
    StreamRecord record;
    record.sequenceNumber = *SequenceNumber::parse(kOuterSequence, 0);
    record.partitionKey = "outer-key"_ba;
    record.data = data;
    record.approximateArrivalTimestamp = kArrival;
    return record;
}

// pk1/data1 and pk2/data2, no explicit hash keys.
const QByteArray kSimpleProtobuf = QByteArray::fromHex("0a03706b31" "0a03706b32"
                                                       "1a09" "0800" "1a056461746131"
                                                       "1a09" "0801" "1a056461746132");

struct Input
{
    QByteArray partitionKey;
    QByteArray data;
    std::optional<HashKey> explicitHashKey;
};

std::vector<Input> sampleInputs()
{
    return {
        {"alpha"_ba, "zulu"_ba, std::nullopt},
        {"beta"_ba, "yankee"_ba, HashKey::parse("170141183460469231731687303715884105728"_ba)},
        {"alpha"_ba, QByteArray(), std::nullopt},
        {u"ключ-é😀"_s.toUtf8(), QByteArray("\0\x01\xff binary", 10), HashKey(7)},
        {"charlie"_ba, QByteArray(300, 'x'), HashKey(7)},
    };
}

} // namespace

class TestKpl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Every warning a test expects is declared with ignoreMessage; any other is a failure.
        QTest::failOnWarning(QRegularExpression(u".*"_s));
    }

    void detectsFormatsByMagicOnly()
    {
        QCOMPARE(kpl::detectFormat(QByteArray::fromHex("f3899ac2")), kpl::Format::Standard);
        QCOMPARE(kpl::detectFormat(QByteArray::fromHex("00899ac2ff")), kpl::Format::Erlmld);
        QCOMPARE(kpl::detectFormat(QByteArray::fromHex("01899ac2")), kpl::Format::ErlmldDeflated);
        QCOMPARE(kpl::detectFormat(QByteArray::fromHex("02899ac2")), std::nullopt);
        QCOMPARE(kpl::detectFormat(QByteArray::fromHex("f3899ac3")), std::nullopt);
        QCOMPARE(kpl::detectFormat(QByteArray::fromHex("f3899a")), std::nullopt);
        QCOMPARE(kpl::detectFormat(QByteArray()), std::nullopt);
    }

    void decodesErlmldReferenceVector()
    {
        // erlmld's kpl_agg simple_aggregation_test vector, MD5 included, as printed by its Python helper.
        const QByteArray vector = QByteArray::fromHex("00899ac2" "0a03706b31" "0a03706b32" "120465686b31" "120465686b32"
                                                      "1a0b" "08001000" "1a056461746131"
                                                      "1a0b" "08011001" "1a056461746132"
                                                      "f4295d9badbe3a1ef0dfd8081acd5604");
        QString error;
        const auto aggregate = kpl::decode(vector, &error);
        QVERIFY2(aggregate, qPrintable(error));
        QCOMPARE(aggregate->format, kpl::Format::Erlmld);
        QCOMPARE(aggregate->records.size(), size_t(2));
        QCOMPARE(aggregate->records[0].partitionKey, "pk1"_ba);
        QCOMPARE(aggregate->records[0].explicitHashKey, std::optional("ehk1"_ba));
        QCOMPARE(aggregate->records[0].data, "data1"_ba);
        QCOMPARE(aggregate->records[1].partitionKey, "pk2"_ba);
        QCOMPARE(aggregate->records[1].explicitHashKey, std::optional("ehk2"_ba));
        QCOMPARE(aggregate->records[1].data, "data2"_ba);
        // "ehk1" is no number: it has no effective hash key.
        QCOMPARE(aggregate->records[0].effectiveHashKey(), std::nullopt);
    }

    void aggregatorWritesTheCanonicalLayout()
    {
        KplAggregator aggregator;
        QCOMPARE(aggregator.add("pk1", "data1"), KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.add("pk2", "data2"), KplAggregator::AddResult::Added);
        const auto aggregate = aggregator.finish();
        QVERIFY(aggregate);
        QCOMPARE(aggregate->data, kpl::magic(kpl::Format::Standard) + kSimpleProtobuf + md5(kSimpleProtobuf));
        QCOMPARE(aggregate->recordCount, 2);
        // The outer record goes where the first user record goes.
        QCOMPARE(aggregate->partitionKey, "pk1"_ba);
        QCOMPARE(aggregate->explicitHashKey, HashKey::fromPartitionKey(QByteArrayView("pk1")));
        QVERIFY(aggregator.isEmpty());
        QCOMPARE(aggregator.finish(), std::nullopt);
    }

    void sharedKeysAreStoredOnce()
    {
        KplAggregator aggregator;
        aggregator.add("k", "1", HashKey(5));
        aggregator.add("k", "2", HashKey(5));
        aggregator.add("k", "3");
        const QByteArray protobuf = QByteArray::fromHex("0a016b" "120135"
                                                        "1a07" "0800" "1000" "1a0131"
                                                        "1a07" "0800" "1000" "1a0132"
                                                        "1a05" "0800" "1a0133");
        QCOMPARE(aggregator.finish()->data, kpl::magic(kpl::Format::Standard) + protobuf + md5(protobuf));
    }

    void outerHashKeyIsFirstExplicitOne()
    {
        KplAggregator aggregator;
        aggregator.add("a", "x", HashKey(42));
        aggregator.add("b", "y");
        QCOMPARE(aggregator.finish()->explicitHashKey, HashKey(42));
    }

    void roundTrips_data()
    {
        QTest::addColumn<kpl::Format>("format");
        QTest::newRow("standard") << kpl::Format::Standard;
        QTest::newRow("erlmld") << kpl::Format::Erlmld;
        QTest::newRow("erlmld deflated") << kpl::Format::ErlmldDeflated;
    }

    void roundTrips()
    {
        QFETCH(kpl::Format, format);
        const auto inputs = sampleInputs();
        KplAggregator aggregator(format);
        for (const Input &in : inputs)
            QCOMPARE(aggregator.add(in.partitionKey, in.data, in.explicitHashKey), KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.count(), qsizetype(inputs.size()));
        const qsizetype predicted = aggregator.sizeBytes();
        const auto aggregate = aggregator.finish();
        QVERIFY(aggregate);
        QCOMPARE(kpl::detectFormat(aggregate->data), format);
        if (format == kpl::Format::ErlmldDeflated)
            QVERIFY(predicted >= aggregate->data.size() + aggregate->partitionKey.size());
        else
            QCOMPARE(predicted, aggregate->data.size() + aggregate->partitionKey.size());

        // The decoded view keeps explicit hash keys.
        const auto decoded = kpl::decode(aggregate->data);
        QVERIFY(decoded);
        QCOMPARE(decoded->format, format);
        QCOMPARE(decoded->records.size(), inputs.size());
        for (size_t i = 0; i < inputs.size(); ++i) {
            QCOMPARE(decoded->records[i].partitionKey, inputs[i].partitionKey);
            QCOMPARE(decoded->records[i].data, inputs[i].data);
            const auto ehk = inputs[i].explicitHashKey ? std::optional(inputs[i].explicitHashKey->toByteArray()) : std::nullopt;
            QCOMPARE(decoded->records[i].explicitHashKey, ehk);
        }

        // De-aggregated stream records.
        DeaggregationWarning warning;
        std::vector<StreamRecord> out;
        QCOMPARE(appendDeaggregated(outerRecord(aggregate->data), out, {}, &warning), DeaggregationOutcome::Deaggregated);
        QVERIFY(warning.message.isEmpty());
        QCOMPARE(out.size(), inputs.size());
        for (size_t i = 0; i < inputs.size(); ++i) {
            const StreamRecord &r = out[i];
            QCOMPARE(r.sequenceNumber.toByteArray(), kOuterSequence);
            QCOMPARE(r.sequenceNumber.rawSubSequence(), std::optional<std::int64_t>(qint64(i)));
            QCOMPARE(r.partitionKey, std::optional(inputs[i].partitionKey));
            QCOMPARE(r.data, inputs[i].data);
            QCOMPARE(r.approximateArrivalTimestamp, std::optional<std::int64_t>(kArrival));
            QCOMPARE(r.aggregateIndex, std::optional<std::int32_t>(std::int32_t(i)));
            QCOMPARE(r.aggregateCount, std::optional<std::int32_t>(std::int32_t(inputs.size())));
        }
        QCOMPARE(out[3].partitionKeyString(), u"ключ-é😀"_s);
        QVERIFY(out[0].sequenceNumber < out[1].sequenceNumber);
    }

    void erlmldPlainDiffersFromStandardOnlyInMagic()
    {
        KplAggregator standard(kpl::Format::Standard);
        KplAggregator erlmld(kpl::Format::Erlmld);
        for (const Input &in : sampleInputs()) {
            standard.add(in.partitionKey, in.data, in.explicitHashKey);
            erlmld.add(in.partitionKey, in.data, in.explicitHashKey);
        }
        const QByteArray a = standard.finish()->data;
        const QByteArray b = erlmld.finish()->data;
        QCOMPARE(b.first(4), QByteArray::fromHex("00899ac2"));
        QCOMPARE(a.sliced(4), b.sliced(4));
    }

    void deflatedVariantIsZlibOfProtobufAndMd5()
    {
        KplAggregator aggregator(kpl::Format::ErlmldDeflated);
        aggregator.add("pk1", "data1");
        aggregator.add("pk2", "data2");
        const QByteArray data = aggregator.finish()->data;
        QCOMPARE(data.first(4), QByteArray::fromHex("01899ac2"));
        QCOMPARE(data.sliced(4, 2), QByteArray::fromHex("789c")); // zlib header, default level (Erlang zlib:compress)

        QByteArray inflated(kSimpleProtobuf.size() + 16, Qt::Uninitialized);
        uLongf size = uLongf(inflated.size());
        const QByteArray body = data.sliced(4);
        QCOMPARE(uncompress(reinterpret_cast<Bytef *>(inflated.data()), &size,
                            reinterpret_cast<const Bytef *>(body.constData()), uLong(body.size())), Z_OK);
        QCOMPARE(inflated, kSimpleProtobuf + md5(kSimpleProtobuf));
    }

    void decodesForeignDeflatedAggregate()
    {
        // Compressed at another level than ours: any valid zlib stream decodes.
        const QByteArray data = kpl::magic(kpl::Format::ErlmldDeflated) + zlibCompress(kSimpleProtobuf + md5(kSimpleProtobuf));
        const auto records = deaggregate(outerRecord(data));
        QCOMPARE(records.size(), size_t(2));
        QCOMPARE(records[1].data, "data2"_ba);
    }

    void plainRecordsPassThroughUntouched_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("json") << R"({"id":1})"_ba;
        QTest::newRow("three magic bytes") << QByteArray::fromHex("f3899a");
        QTest::newRow("near-miss magic") << (QByteArray::fromHex("f3899ac3") + kSimpleProtobuf + md5(kSimpleProtobuf));
        QTest::newRow("unknown erlmld version") << (QByteArray::fromHex("02899ac2") + kSimpleProtobuf + md5(kSimpleProtobuf));
    }

    void plainRecordsPassThroughUntouched()
    {
        QFETCH(QByteArray, data);
        const StreamRecord in = outerRecord(data);
        std::vector<StreamRecord> out;
        DeaggregationWarning warning;
        QCOMPARE(appendDeaggregated(in, out, {}, &warning), DeaggregationOutcome::NotAggregated);
        QVERIFY(warning.message.isEmpty());
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].data, data);
        QCOMPARE(out[0].sequenceNumber, in.sequenceNumber);
        QCOMPARE(out[0].sequenceNumber.rawSubSequence(), in.sequenceNumber.rawSubSequence());
        QCOMPARE(out[0].partitionKey, in.partitionKey);
        QCOMPARE(out[0].aggregateIndex, std::nullopt);
        QCOMPARE(out[0].aggregateCount, std::nullopt);
    }

    void plainRecordIsMovedNotCopied()
    {
        StreamRecord in = outerRecord(R"({"id":1})"_ba);
        const char *payload = in.data.constData();
        std::vector<StreamRecord> out;
        appendDeaggregated(std::move(in), out);
        QCOMPARE(out[0].data.constData(), payload);
    }

    void formatsOutsideTheOptionsPassThrough()
    {
        // The embedded daemon unpacks only what the KCL unpacks.
        const QByteArray erlmld = frame(kpl::Format::Erlmld, kSimpleProtobuf);
        DeaggregationOptions kclLike;
        kclLike.formats = kpl::Format::Standard;
        std::vector<StreamRecord> out;
        QCOMPARE(appendDeaggregated(outerRecord(erlmld), out, kclLike), DeaggregationOutcome::NotAggregated);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].data, erlmld);

        out.clear();
        QCOMPARE(appendDeaggregated(outerRecord(frame(kpl::Format::Standard, kSimpleProtobuf)), out, kclLike),
                 DeaggregationOutcome::Deaggregated);
        QCOMPARE(out.size(), size_t(2));
    }

    void appendsAfterExistingRecords()
    {
        std::vector<StreamRecord> out;
        appendDeaggregated(outerRecord("first"_ba), out);
        appendDeaggregated(outerRecord(frame(kpl::Format::Standard, kSimpleProtobuf)), out);
        QCOMPARE(out.size(), size_t(3));
        QCOMPARE(out[0].data, "first"_ba);
        QCOMPARE(out[2].data, "data2"_ba);
    }

    void emptyAggregateYieldsNoRecords()
    {
        // A partition key table and no records: KCL delivers nothing for it.
        const QByteArray data = frame(kpl::Format::Standard, QByteArray::fromHex("0a03706b31"));
        std::vector<StreamRecord> out;
        QCOMPARE(appendDeaggregated(outerRecord(data), out), DeaggregationOutcome::Deaggregated);
        QVERIFY(out.empty());
    }

    void toleratesUnknownFieldsAndTags()
    {
        // AggregatedRecord field 9 (varint), Record field 15 (fixed32), field 14 (fixed64), and a tag {key "t", value "v"}.
        const QByteArray protobuf = QByteArray::fromHex("4801" "0a03706b31"
                                                        "1a1b" "0800" "1a0131" "7d01020304" "710102030405060708"
                                                        "2206" "0a0174" "120176");
        const auto records = deaggregate(outerRecord(frame(kpl::Format::Standard, protobuf)));
        QCOMPARE(records.size(), size_t(1));
        QCOMPARE(records[0].data, "1"_ba);
        QCOMPARE(records[0].partitionKey, std::optional("pk1"_ba));
    }

    void malformedAggregatesPassThroughWithAWarning_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("reason");

        const auto standard = [](const char *hex) { return frame(kpl::Format::Standard, QByteArray::fromHex(hex)); };
        QByteArray badMd5 = frame(kpl::Format::Standard, kSimpleProtobuf);
        badMd5[badMd5.size() - 1] = char(badMd5.at(badMd5.size() - 1) ^ 1);
        QByteArray flippedPayload = frame(kpl::Format::Standard, kSimpleProtobuf);
        flippedPayload[10] = char(flippedPayload.at(10) ^ 0x20);

        QTest::newRow("magic only") << kpl::magic(kpl::Format::Standard) << u"too short"_s;
        QTest::newRow("magic and 16 bytes") << (kpl::magic(kpl::Format::Standard) + md5("")) << u"too short"_s;
        QTest::newRow("bad md5") << badMd5 << u"MD5"_s;
        QTest::newRow("payload byte flipped") << flippedPayload << u"MD5"_s;
        QTest::newRow("truncated varint") << standard("0a") << u"protobuf"_s;
        QTest::newRow("length beyond end") << standard("0a05706b31") << u"protobuf"_s;
        QTest::newRow("huge length") << standard("0affffffffffffffff7f") << u"protobuf"_s;
        QTest::newRow("11-byte varint") << standard("48ffffffffffffffffffff01") << u"protobuf"_s;
        QTest::newRow("10th varint byte over 1") << standard("48ffffffffffffffffff02") << u"protobuf"_s;
        QTest::newRow("field number 0") << standard("0200") << u"protobuf"_s;
        QTest::newRow("group wire type") << standard("0b0c") << u"protobuf"_s;
        QTest::newRow("wire type 7") << standard("0f") << u"protobuf"_s;
        QTest::newRow("table with varint wire type") << standard("0800") << u"protobuf"_s;
        QTest::newRow("record missing data") << standard("0a03706b31" "1a020800") << u"user record 0"_s;
        QTest::newRow("record missing key index") << standard("0a03706b31" "1a031a0131") << u"user record 0"_s;
        QTest::newRow("record truncated inside") << standard("0a03706b31" "1a05" "08001a0531") << u"user record 0"_s;
        QTest::newRow("tag without key") << standard("0a03706b31" "1a09" "08001a0131" "2202120176") << u"user record 0"_s;
        QTest::newRow("partition key index out of range")
            << standard("0a03706b31" "1a05" "0800" "1a0131" "1a05" "0801" "1a0132") << u"partition key 1 of 1"_s;
        QTest::newRow("partition key index 2^64-1")
            << standard("0a03706b31" "1a0e" "08ffffffffffffffffff01" "1a0131") << u"partition key 18446744073709551615 of 1"_s;
        QTest::newRow("no partition key table") << standard("1a05" "0800" "1a0131") << u"partition key 0 of 0"_s;
        QTest::newRow("explicit hash key index out of range")
            << standard("0a03706b31" "120135" "1a07" "0800" "1003" "1a0131") << u"explicit hash key 3 of 1"_s;

        const QByteArray zlibPayload = zlibCompress(kSimpleProtobuf + md5(kSimpleProtobuf));
        const QByteArray deflatedMagic = kpl::magic(kpl::Format::ErlmldDeflated);
        QByteArray corruptZlib = deflatedMagic + zlibPayload;
        corruptZlib[8] = char(corruptZlib.at(8) ^ 0x55);
        QTest::newRow("deflated: not zlib") << (deflatedMagic + kSimpleProtobuf + md5(kSimpleProtobuf)) << u"zlib"_s;
        QTest::newRow("deflated: corrupt stream") << corruptZlib << u"zlib"_s;
        QTest::newRow("deflated: truncated stream") << (deflatedMagic + zlibPayload.chopped(3)) << u"zlib"_s;
        QTest::newRow("deflated: trailing bytes") << (deflatedMagic + zlibPayload + "junk"_ba) << u"zlib"_s;
        QTest::newRow("deflated: nothing after magic") << deflatedMagic << u"zlib"_s;
        QTest::newRow("deflated: bad md5 inside")
            << (deflatedMagic + zlibCompress(kSimpleProtobuf + md5("other"))) << u"MD5"_s;
        QTest::newRow("deflated: bomb") << (deflatedMagic + zlibCompress(QByteArray(64 * 1024 * 1024, '\0')))
                                         << u"expands beyond"_s;
    }

    void malformedAggregatesPassThroughWithAWarning()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, reason);

        const StreamRecord in = outerRecord(data);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^Record "_s + QString::fromLatin1(kOuterSequence)
                                                              + u": malformed .*"_s + QRegularExpression::escape(reason)));
        std::vector<StreamRecord> out;
        DeaggregationWarning warning;
        QCOMPARE(appendDeaggregated(in, out, {}, &warning), DeaggregationOutcome::Malformed);
        QCOMPARE(warning.outcome, DeaggregationOutcome::Malformed);
        QVERIFY2(warning.message.contains(reason), qPrintable(warning.message));
        QVERIFY(warning.message.contains(QString::fromLatin1(kOuterSequence)));
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].data, data);
        QCOMPARE(out[0].sequenceNumber.rawSubSequence(), std::optional<std::int64_t>(0));
        QCOMPARE(out[0].partitionKey, in.partitionKey);
        QCOMPARE(out[0].aggregateIndex, std::nullopt);

        QString error;
        QCOMPARE(kpl::decode(data, &error).has_value(), false);
        QVERIFY(error.contains(reason));
    }

    void hashRangeFilterKeepsOrDropsWholeAggregates()
    {
        // Effective keys: MD5("a") = 16955237001963240173058271559858726497, and an explicit 1000.
        KplAggregator aggregator;
        aggregator.add("a", "1");
        aggregator.add("zzz", "2", HashKey(1000));
        const StreamRecord record = outerRecord(aggregator.finish()->data);
        const HashKey md5OfA = *HashKey::parse("16955237001963240173058271559858726497"_ba);

        const auto run = [&](HashKeyRange range, std::vector<StreamRecord> &out, DeaggregationWarning *warning) {
            DeaggregationOptions options;
            options.shardHashRange = range;
            return appendDeaggregated(record, out, options, warning);
        };

        std::vector<StreamRecord> out;
        QCOMPARE(run({HashKey(1000), md5OfA}, out, nullptr), DeaggregationOutcome::Deaggregated);
        QCOMPARE(out.size(), size_t(2));

        // The explicit hash key decides, not MD5("zzz").
        out.clear();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"outside the shard's hash key range \\[1001, "_s));
        DeaggregationWarning warning;
        QCOMPARE(run({HashKey(1001), HashKey::max()}, out, &warning), DeaggregationOutcome::DroppedOutOfHashRange);
        QVERIFY(out.empty());
        QCOMPARE(warning.outcome, DeaggregationOutcome::DroppedOutOfHashRange);
        QVERIFY(warning.message.contains(QString::fromLatin1(kOuterSequence)));

        // One record past the end drops the first one too.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"outside the shard's hash key range"_s));
        QCOMPARE(run({HashKey(0), HashKey(md5OfA.value() - 1)}, out, nullptr), DeaggregationOutcome::DroppedOutOfHashRange);
        QVERIFY(out.empty());

        // Plain records are never filtered.
        QCOMPARE(appendDeaggregated(outerRecord("plain"_ba), out, {kpl::allFormats(), HashKeyRange{HashKey(5), HashKey(5)}}),
                 DeaggregationOutcome::NotAggregated);
        QCOMPARE(out.size(), size_t(1));
    }

    void nonNumericExplicitHashKeyIsOutsideEveryRange()
    {
        const auto aggregate = kpl::decode(frame(kpl::Format::Standard,
                                                 QByteArray::fromHex("0a0161" "1203786878" "1a07" "0800" "1000" "1a0131")));
        QVERIFY(aggregate);
        QVERIFY(!kpl::allWithinHashRange(*aggregate, HashKeyRange::full()));
        QVERIFY(kpl::allWithinHashRange(kpl::Aggregate{}, HashKeyRange{HashKey(1), HashKey(1)}));
    }

    void aggregatorRejectsBadPartitionKeys()
    {
        KplAggregator aggregator;
        QCOMPARE(aggregator.add("", "x"), KplAggregator::AddResult::InvalidPartitionKey);
        QCOMPARE(aggregator.add(QByteArray::fromHex("c328"), "x"), KplAggregator::AddResult::InvalidPartitionKey);
        QCOMPARE(aggregator.add(QByteArray(257, 'k'), "x"), KplAggregator::AddResult::InvalidPartitionKey);
        // 256 code points, 1024 UTF-8 bytes: allowed.
        QCOMPARE(aggregator.add(u"😀"_s.repeated(256).toUtf8(), "x"), KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.count(), 1);
    }

    void aggregatorHonoursTheSizeLimitExactly()
    {
        // Small limit: an empty aggregate with key "k" costs 4 + 3 + 16 + 1 (outer key) = 24 bytes
        // before records; each 10-byte record adds 2 + 2 + 2 + 10 = 16.
        KplAggregator aggregator(kpl::Format::Standard, 24 + 16 * 3);
        QCOMPARE(aggregator.sizeBytes(), 4 + 16);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(aggregator.add("k", QByteArray(10, 'a')), KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.sizeBytes(), 24 + 16 * 3);
        QCOMPARE(aggregator.add("k", QByteArray(0, 'a')), KplAggregator::AddResult::Full);
        QCOMPARE(aggregator.add("k", QByteArray(100, 'a')), KplAggregator::AddResult::TooLarge);
        QCOMPARE(aggregator.count(), 3);
        const auto aggregate = aggregator.finish();
        QCOMPARE(aggregate->data.size() + aggregate->partitionKey.size(), 24 + 16 * 3);
        QCOMPARE(deaggregate(outerRecord(aggregate->data)).size(), size_t(3));
        QCOMPARE(aggregator.add("k", QByteArray(10, 'a')), KplAggregator::AddResult::Added);
    }

    void aggregatorFillsOneMebibyte()
    {
        // erlmld's record_fullness_test: 500,000 + 600,000 bytes do not fit in one Kinesis record.
        KplAggregator aggregator;
        QCOMPARE(aggregator.add("alpha", QByteArray(500000, 'X')), KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.add("beta", QByteArray(600000, 'Y')), KplAggregator::AddResult::Full);
        QCOMPARE(aggregator.add("charlie", QByteArray(200000, 'Z')), KplAggregator::AddResult::Added);
        const auto first = aggregator.finish();
        QVERIFY(first->data.size() + first->partitionKey.size() <= KplAggregator::kMaxKinesisRecordBytes);
        QCOMPARE(aggregator.add("beta", QByteArray(600000, 'Y')), KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.add("big", QByteArray(KplAggregator::kMaxKinesisRecordBytes, 'B')),
                 KplAggregator::AddResult::TooLarge);

        // The largest single record that fits, to the byte: limit minus magic, MD5, key and protobuf framing.
        KplAggregator exact;
        const qsizetype overhead = 4 + 16 + 1 + (1 + 1 + 1) /*table*/ + (1 + 3) /*record tag+len*/ + 2 /*key index*/ + (1 + 3);
        const qsizetype largest = KplAggregator::kMaxKinesisRecordBytes - overhead;
        QCOMPARE(exact.add("k", QByteArray(largest + 1, 'E')), KplAggregator::AddResult::TooLarge);
        QCOMPARE(exact.add("k", QByteArray(largest, 'E')), KplAggregator::AddResult::Added);
        const auto full = exact.finish();
        QCOMPARE(full->data.size() + full->partitionKey.size(), KplAggregator::kMaxKinesisRecordBytes);
    }

    void deflatedSizeIsAnUpperBound()
    {
        KplAggregator aggregator(kpl::Format::ErlmldDeflated, 2000);
        KplAggregator::AddResult result;
        int added = 0;
        while ((result = aggregator.add("key", QByteArray(100, char('a' + added % 26)))) == KplAggregator::AddResult::Added)
            ++added;
        QCOMPARE(result, KplAggregator::AddResult::Full);
        QVERIFY(added > 10);
        const qsizetype bound = aggregator.sizeBytes();
        const auto aggregate = aggregator.finish();
        QVERIFY(aggregate->data.size() + aggregate->partitionKey.size() <= bound);
        QVERIFY(bound <= 2000);
        QCOMPARE(deaggregate(outerRecord(aggregate->data)).size(), size_t(added));
    }
};

QTEST_GUILESS_MAIN(TestKpl)
#include "test_kpl.moc"

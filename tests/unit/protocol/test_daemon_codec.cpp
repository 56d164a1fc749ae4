// Daemon -> child messages: the exact bytes the Java daemon writes, and the
// decoder the C++ child (ShardSession) runs on every line.

#include "protocol/Base64.h"
#include "protocol/Codec.h"
#include "protocol/LineSplitter.h"
#include "protocol/PlainRecordsDecoder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::protocol;

namespace {

const QByteArray kSeq = "49590338271490256608559692538361571095921575989136588898"_ba;

SequenceNumber seq(QByteArrayView digits, std::optional<std::int64_t> sub = 0)
{
    return SequenceNumber::parse(digits, sub).value();
}

DaemonMessage decodeOk(QByteArrayView line)
{
    DaemonDecodeResult result = decodeDaemonMessage(line);
    if (!result.message)
        qFatal("decoding %s failed: %s", line.toByteArray().constData(), qPrintable(result.error));
    return std::move(*result.message);
}

StreamRecord record(QByteArray data, std::optional<QByteArray> partitionKey, const SequenceNumber &sequenceNumber,
                    std::optional<std::int64_t> arrival)
{
    StreamRecord r;
    r.data = std::move(data);
    r.partitionKey = std::move(partitionKey);
    r.sequenceNumber = sequenceNumber;
    r.approximateArrivalTimestamp = arrival;
    return r;
}

void compareRecords(const std::vector<StreamRecord> &actual, const std::vector<StreamRecord> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].data, expected[i].data);
        QCOMPARE(actual[i].partitionKey, expected[i].partitionKey);
        QVERIFY(actual[i].sequenceNumber == expected[i].sequenceNumber);
        QCOMPARE(actual[i].sequenceNumber.rawSubSequence(), expected[i].sequenceNumber.rawSubSequence());
        QCOMPARE(actual[i].approximateArrivalTimestamp, expected[i].approximateArrivalTimestamp);
    }
}

// Decodes `line` as ShardSession does when it arrives in reads that end at
// each of `cuts`: read ahead (IncomingRecords) after every read but the last.
DaemonDecodeResult decodeReadAhead(const QByteArray &line, std::initializer_list<qsizetype> cuts,
                                   std::vector<StreamRecord> *recycled = nullptr)
{
    const QByteArray padded = line + QByteArray(LineSplitter::LinePadding, '\0');
    IncomingRecords incoming;
    for (const qsizetype cut : cuts)
        incoming.advance({padded.constData(), std::size_t(std::clamp<qsizetype>(cut, 0, line.size()))}, recycled);
    return decodeDaemonMessage(QByteArrayView(padded.constData(), line.size()), LinePadding::Present, recycled, &incoming);
}

} // namespace

class TestDaemonCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actionNames()
    {
        for (Action action : {Action::Initialize, Action::ProcessRecords, Action::LeaseLost, Action::ShardEnded,
                              Action::ShutdownRequested, Action::Shutdown, Action::Checkpoint, Action::Status})
            QCOMPARE(actionFromName(actionName(action)), action);
        QCOMPARE(actionName(Action::ProcessRecords), "processRecords"_ba);
        QCOMPARE(actionName(Action::ShutdownRequested), "shutdownRequested"_ba);
        QVERIFY(!actionFromName("ProcessRecords")); // case-sensitive
        QVERIFY(!actionFromName("record"));
        QCOMPARE(actionOf(ShardEndedMessage{}), Action::ShardEnded);
        QCOMPARE(actionOf(CheckpointReplyMessage{}), Action::Checkpoint);
    }

    // docs/protocol.md §2.1, §2.2, §2.3-§2.7: byte for byte.
    void encodesTheReferenceExamples_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("initialize TRIM_HORIZON")
            << encodeDaemonMessage(InitializeMessage{u"shardId-000000000000"_s, SequenceNumber::trimHorizon().withSubSequence(0)})
            << R"({"action":"initialize","shardId":"shardId-000000000000","sequenceNumber":"TRIM_HORIZON","subSequenceNumber":0})"_ba;
        QTest::newRow("initialize digits")
            << encodeDaemonMessage(InitializeMessage{u"shardId-000000000001"_s, seq(kSeq, 3)})
            << R"({"action":"initialize","shardId":"shardId-000000000001","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","subSequenceNumber":3})"_ba;
        QTest::newRow("initialize null")
            << encodeDaemonMessage(InitializeMessage{u"s"_s, std::nullopt})
            << R"({"action":"initialize","shardId":"s","sequenceNumber":null,"subSequenceNumber":null})"_ba;
        QTest::newRow("initialize legacy")
            << encodeDaemonMessage(InitializeMessage{u"s"_s, std::nullopt, true}) << R"({"action":"initialize","shardId":"s"})"_ba;

        ProcessRecordsMessage batch;
        batch.records.push_back(record("hello"_ba, "pk-1"_ba, seq(kSeq, 0), 1476889707000));
        batch.millisBehindLatest = 1234;
        QTest::newRow("processRecords")
            << encodeDaemonMessage(batch)
            << R"({"action":"processRecords","records":[{"data":"aGVsbG8=","partitionKey":"pk-1","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","approximateArrivalTimestamp":1476889707000,"subSequenceNumber":0,"action":"record"}],"millisBehindLatest":1234})"_ba;

        ProcessRecordsMessage dynamo;
        dynamo.records.push_back(record("{}"_ba, std::nullopt, seq("100000000003498069978", std::nullopt), 1479499740000));
        QTest::newRow("processRecords DynamoDB Streams under v1")
            << encodeDaemonMessage(dynamo)
            << R"({"action":"processRecords","records":[{"data":"e30=","partitionKey":null,"sequenceNumber":"100000000003498069978","approximateArrivalTimestamp":1479499740000,"subSequenceNumber":null,"action":"record"}],"millisBehindLatest":null})"_ba;
        QTest::newRow("processRecords empty") << encodeDaemonMessage(ProcessRecordsMessage{{}, 0})
                                              << R"({"action":"processRecords","records":[],"millisBehindLatest":0})"_ba;

        QTest::newRow("leaseLost") << encodeDaemonMessage(LeaseLostMessage{}) << R"({"action":"leaseLost"})"_ba;
        QTest::newRow("shardEnded") << encodeDaemonMessage(ShardEndedMessage{}) << R"({"action":"shardEnded"})"_ba;
        QTest::newRow("shutdownRequested") << encodeDaemonMessage(ShutdownRequestedMessage{})
                                           << R"({"action":"shutdownRequested"})"_ba;
        QTest::newRow("shutdown TERMINATE") << encodeDaemonMessage(ShutdownMessage{u"TERMINATE"_s})
                                            << R"({"action":"shutdown","reason":"TERMINATE"})"_ba;
        QTest::newRow("shutdown ZOMBIE") << encodeDaemonMessage(ShutdownMessage{u"ZOMBIE"_s})
                                         << R"({"action":"shutdown","reason":"ZOMBIE"})"_ba;

        QTest::newRow("checkpoint reply ok")
            << encodeDaemonMessage(CheckpointReplyMessage{"4959..."_ba, std::nullopt, std::nullopt})
            << R"({"action":"checkpoint","sequenceNumber":"4959...","subSequenceNumber":null,"error":null})"_ba;
        QTest::newRow("checkpoint reply error")
            << encodeDaemonMessage(CheckpointReplyMessage{"123"_ba, 4, u"IllegalArgumentException"_s})
            << R"({"action":"checkpoint","sequenceNumber":"123","subSequenceNumber":4,"error":"IllegalArgumentException"})"_ba;
        QTest::newRow("checkpoint reply null")
            << encodeDaemonMessage(CheckpointReplyMessage{})
            << R"({"action":"checkpoint","sequenceNumber":null,"subSequenceNumber":null,"error":null})"_ba;
        QTest::newRow("checkpoint reply legacy")
            << encodeDaemonMessage(CheckpointReplyMessage{"77"_ba, std::nullopt, std::nullopt, true})
            << R"({"action":"checkpoint","checkpoint":"77","error":null})"_ba;
    }

    void encodesTheReferenceExamples()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, expected);
        QCOMPARE(line, expected + '\n');
    }

    void appendKeepsWhatIsAlreadyThere()
    {
        QByteArray out = "prefix\n"_ba;
        appendDaemonMessage(out, LeaseLostMessage{});
        appendDaemonMessage(out, ShardEndedMessage{});
        QCOMPARE(out, "prefix\n{\"action\":\"leaseLost\"}\n{\"action\":\"shardEnded\"}\n"_ba);
    }

    void stringsAreWrittenAsJacksonWritesThem()
    {
        ProcessRecordsMessage batch;
        batch.records.push_back(record({}, "k\xC3\xA9y-\xE2\x82\xAC\"\\/\n\t\x01\x1F\x7F"_ba, seq("1"), 5));
        batch.records.push_back(record("\xFF"_ba, "bad\xC3"_ba, seq("2"), std::nullopt));
        const QByteArray line = encodeDaemonMessage(batch);
        // Non-ASCII raw; '"' and '\\' escaped; control characters as \n, \t or \u00XX; '/' and DEL not escaped.
        QVERIFY2(line.contains(R"("partitionKey":"k)" "\xC3\xA9y-\xE2\x82\xAC" R"(\"\\/\n\t\u0001\u001F)" "\x7F\""), line.constData());
        QVERIFY(line.contains("{\"data\":\"\","));
        QVERIFY(line.contains("{\"data\":\"/w==\","));
        // Malformed UTF-8 cannot come out of a Java String: it becomes U+FFFD.
        QVERIFY2(line.contains("\"partitionKey\":\"bad\xEF\xBF\xBD\""), line.constData());
        QVERIFY(line.endsWith("\"millisBehindLatest\":null}\n"));
        QCOMPARE(line.count('\n'), 1);
    }

    void base64MatchesQtForEveryLength()
    {
        QByteArray payload;
        for (int length = 0; length < 200; ++length) { // past several steps of the widest vector loop
            ProcessRecordsMessage batch;
            batch.records.push_back(record(payload, "k"_ba, seq("1"), 1));
            const QByteArray line = encodeDaemonMessage(batch);
            QVERIFY(line.contains(QByteArray("{\"data\":\"" + payload.toBase64() + "\",")));
            const auto decoded = std::get<ProcessRecordsMessage>(decodeOk(line));
            QCOMPARE(decoded.records.at(0).data, payload);
            // Every way of decoding this CPU has (on others decodeInto takes one of
            // the slower ones), the padding written or left out.
            for (const base64::DecodePath path : base64::decodePathsOfThisCpu()) {
                for (const auto options : {QByteArray::Base64Encoding, QByteArray::OmitTrailingEquals}) {
                    QByteArray out = "stale bytes of an earlier record"_ba;
                    QVERIFY(base64::decodeInto(payload.toBase64(options), out, path));
                    QCOMPARE(out, payload);
                }
            }
            payload.append(char(length * 37 + 11));
        }
    }

    // The decoder checks whole texts at once: a bad character in any group,
    // the first, a middle or the last, still refuses the text.
    void base64RefusesABadCharacterAnywhere()
    {
        QByteArray every;
        for (int byte = 0; byte < 256; ++byte)
            every.append(char(byte));
        const QByteArray text = every.toBase64();
        QCOMPARE(base64::decode(text).value_or(QByteArray()), every);
        const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        // 180 bytes: 240 characters, no padding, long enough for every step width
        // of the decoder (64 characters with AVX-512, 32 with AVX2, then 4).
        QByteArray payload;
        for (int i = 0; i < 180; ++i)
            payload.append(char(i * 7 + 3));
        const QByteArray valid = payload.toBase64();
        QCOMPARE(base64::decode(valid).value_or(QByteArray()), payload);
        for (const base64::DecodePath path : base64::decodePathsOfThisCpu()) {
            for (int byte = 0; byte < 256; ++byte) {
                if (alphabet.contains(char(byte)))
                    continue;
                for (qsizetype at = 0; at < valid.size(); ++at) {
                    if (byte == '=' && at == valid.size() - 1)
                        continue; // padding there is valid
                    QByteArray bad = valid;
                    bad[at] = char(byte);
                    QByteArray out;
                    QVERIFY2(!base64::decodeInto(bad, out, path),
                             qPrintable(u"byte %1 at %2, path %3"_s.arg(byte).arg(at).arg(int(path))));
                }
            }
        }
    }

    void everyMessageRoundTrips()
    {
        const auto initialize = std::get<InitializeMessage>(
            decodeOk(encodeDaemonMessage(InitializeMessage{u"shardId-7"_s, seq(kSeq, 3)})));
        QCOMPARE(initialize.shardId, u"shardId-7"_s);
        QVERIFY(initialize.sequenceNumber == seq(kSeq, 3));
        QCOMPARE(initialize.sequenceNumber->rawSubSequence(), 3);
        QVERIFY(!initialize.legacy);

        for (const SequenceNumber &sentinel : {SequenceNumber::trimHorizon(), SequenceNumber::latest(), SequenceNumber::atTimestamp()}) {
            const auto decoded = std::get<InitializeMessage>(
                decodeOk(encodeDaemonMessage(InitializeMessage{u"s"_s, sentinel.withSubSequence(0)})));
            QCOMPARE(decoded.sequenceNumber.value_or(SequenceNumber()).toByteArray(), sentinel.toByteArray());
        }
        const auto nullCheckpoint =
            std::get<InitializeMessage>(decodeOk(encodeDaemonMessage(InitializeMessage{u"s"_s, std::nullopt})));
        QVERIFY(!nullCheckpoint.sequenceNumber);
        QVERIFY(!nullCheckpoint.legacy);

        ProcessRecordsMessage batch;
        batch.records.push_back(record("one"_ba, "pk \xE2\x9C\x93"_ba, seq(kSeq, 0), 1476889707000));
        batch.records.push_back(record(QByteArray(1000, '\0'), "pk"_ba, seq(kSeq, 1), 1476889707001));
        batch.records.push_back(record({}, std::nullopt, seq("100000000003498069978", std::nullopt), std::nullopt));
        batch.millisBehindLatest = 86400000;
        const auto records = std::get<ProcessRecordsMessage>(decodeOk(encodeDaemonMessage(batch)));
        compareRecords(records.records, batch.records);
        QCOMPARE(records.millisBehindLatest, batch.millisBehindLatest);

        QVERIFY(std::holds_alternative<LeaseLostMessage>(decodeOk(encodeDaemonMessage(LeaseLostMessage{}))));
        QVERIFY(std::holds_alternative<ShardEndedMessage>(decodeOk(encodeDaemonMessage(ShardEndedMessage{}))));
        QVERIFY(std::holds_alternative<ShutdownRequestedMessage>(decodeOk(encodeDaemonMessage(ShutdownRequestedMessage{}))));
        QCOMPARE(std::get<ShutdownMessage>(decodeOk(encodeDaemonMessage(ShutdownMessage{u"ZOMBIE"_s}))).reason, u"ZOMBIE"_s);

        for (const CheckpointReplyMessage &reply :
             {CheckpointReplyMessage{kSeq, 3, std::nullopt}, CheckpointReplyMessage{"SHARD_END"_ba, std::nullopt, u"ShutdownException"_s},
              CheckpointReplyMessage{}, CheckpointReplyMessage{"9"_ba, std::nullopt, u"ThrottlingException"_s, true}}) {
            const auto decoded = std::get<CheckpointReplyMessage>(decodeOk(encodeDaemonMessage(reply)));
            QCOMPARE(decoded.sequenceNumber, reply.sequenceNumber);
            QCOMPARE(decoded.subSequenceNumber, reply.subSequenceNumber);
            QCOMPARE(decoded.error, reply.error);
            QCOMPARE(decoded.legacy, reply.legacy);
        }
    }

    void acceptsOlderDaemons()
    {
        // KCL 1.x before 1.7.2: initialize with only shardId.
        const auto initialize = std::get<InitializeMessage>(decodeOk(R"({"action":"initialize","shardId":"shardId-1"})"));
        QVERIFY(initialize.legacy);
        QVERIFY(!initialize.sequenceNumber);

        // ...and the legacy checkpoint reply.
        const auto reply = std::get<CheckpointReplyMessage>(
            decodeOk(R"({"action":"checkpoint","checkpoint":"123","error":"ThrottlingException"})"));
        QVERIFY(reply.legacy);
        QCOMPARE(reply.sequenceNumber, "123"_ba);
        QCOMPARE(reply.error, u"ThrottlingException"_s);

        // ...and records without "action", "subSequenceNumber" or "approximateArrivalTimestamp".
        const auto batch = std::get<ProcessRecordsMessage>(decodeOk(
            R"({"action":"processRecords","records":[{"data":"aGk=","partitionKey":"p","sequenceNumber":"42"}]})"));
        QCOMPARE(batch.records.size(), 1u);
        QCOMPARE(batch.records[0].data, "hi"_ba);
        QVERIFY(!batch.records[0].sequenceNumber.rawSubSequence());
        QVERIFY(!batch.records[0].approximateArrivalTimestamp);
        QVERIFY(!batch.millisBehindLatest);

        // KCL 1.x terminal message.
        QCOMPARE(std::get<ShutdownMessage>(decodeOk(R"({"action":"shutdown","reason":"TERMINATE"})")).reason, u"TERMINATE"_s);
    }

    void acceptsDynamoDbStreamsRecords()
    {
        const auto batch = std::get<ProcessRecordsMessage>(decodeOk(
            R"({"action":"processRecords","records":[{"data":null,"partitionKey":null,"sequenceNumber":"100000000003498069978","approximateArrivalTimestamp":null,"subSequenceNumber":null,"action":"record"}],"millisBehindLatest":null})"));
        const StreamRecord &r = batch.records.at(0);
        QVERIFY(r.data.isEmpty());
        QVERIFY(!r.partitionKey);
        QCOMPARE(r.sequenceNumber.toByteArray(), "100000000003498069978"_ba);
        QVERIFY(!r.sequenceNumber.rawSubSequence());
        QVERIFY(!r.approximateArrivalTimestamp);
        QVERIFY(!batch.millisBehindLatest);
    }

    void payloadsWithEscapesOrSpacesDecode()
    {
        // JSON allows "\/" for "/", and \u escapes anywhere; base64 of ff ff ff is "////".
        const auto batch = std::get<ProcessRecordsMessage>(decodeOk(
            R"({"action":"processRecords","records":[{"data":"\/\/\u002f/","sequenceNumber":"1"},{"data" : "aGk=" ,"sequenceNumber":"2"},{"data":"","sequenceNumber":"3"}]})"));
        QCOMPARE(batch.records.size(), 3u);
        QCOMPARE(batch.records[0].data, "\xFF\xFF\xFF"_ba);
        QCOMPARE(batch.records[1].data, "hi"_ba);
        QVERIFY(batch.records[2].data.isEmpty());
    }

    void keyOrderAndExtraKeysDoNotMatter()
    {
        const auto batch = std::get<ProcessRecordsMessage>(decodeOk(
            R"({"millisBehindLatest":5,"future":{"x":[1,2]},"records":[{"action":"record","subSequenceNumber":2,"sequenceNumber":"7","explicitHashKey":"1","approximateArrivalTimestamp":9,"partitionKey":"k","data":"eA=="}],"action":"processRecords"})"));
        QCOMPARE(batch.millisBehindLatest, 5);
        QCOMPARE(batch.records.at(0).data, "x"_ba);
        QCOMPARE(batch.records.at(0).sequenceNumber.display(), u"7/2"_s);
        QCOMPARE(batch.records.at(0).approximateArrivalTimestamp, 9);

        const auto initialize = std::get<InitializeMessage>(
            decodeOk(R"( {"subSequenceNumber":4,"sequenceNumber":"00012","shardId":"s\u002d1","action":"initialize"} )"));
        QCOMPARE(initialize.shardId, u"s-1"_s);
        QCOMPARE(initialize.sequenceNumber->display(), u"12/4"_s);
    }

    // Keys are matched as they stand in the line; one written with escapes
    // still means its text, and a bad escape in any key is still an error.
    void escapedKeysMeanTheirText()
    {
        const auto batch = std::get<ProcessRecordsMessage>(decodeOk(
            R"({"action":"processRecords","r\u0065cords":[{"d\u0061ta":"eA==","partitionKey":"k","s\u0065quenceNumber":"7","subSequenceNumber":1}]})"));
        QCOMPARE(batch.records.size(), 1u);
        QCOMPARE(batch.records[0].data, "x"_ba);
        QCOMPARE(batch.records[0].sequenceNumber.display(), u"7/1"_s);
        const auto initialize = std::get<InitializeMessage>(
            decodeOk(R"({"action":"initialize","sh\u0061rdId":"s","sequenceNumber":"5","subSequenceNumber":0})"));
        QCOMPARE(initialize.shardId, u"s"_s);
        // A key that only starts like a known one is another key.
        const DaemonDecodeResult longer =
            decodeDaemonMessage(R"({"action":"processRecords","records":[{"datax":"eA==","sequenceNumber":"7"}]})");
        QVERIFY(!longer.message);
        QCOMPARE(longer.error, u"missing key \"data\" in record 0"_s);
        const DaemonDecodeResult badEscape = decodeDaemonMessage(R"({"action":"leaseLost","a\qb":1})");
        QVERIFY(!badEscape.message);
        QVERIFY2(badEscape.error.startsWith(u"not JSON: "_s), qPrintable(badEscape.error));
    }

    // processRecords lines as the Java daemon writes them take a shortcut
    // (PlainRecordsDecoder.h) that must decode them as the general decoder
    // does and leave it every line it cannot read exactly: each one-byte
    // change, deletion and cut of such a line decodes to the same records or
    // the same error either way.
    void plainLinesDecodeAsTheGeneralDecoderDoes()
    {
        const std::vector<StreamRecord> records = {
            record("hello"_ba, "pk-1"_ba, seq(kSeq, 0), 1733900000123),
            record(QByteArray(), std::nullopt, seq("100000000003498069978", std::nullopt), std::nullopt),
            record(QByteArray(40, 'x'), ""_ba, seq("7", 12), 0),
            record("\xFF\xFE"_ba, "k"_ba, seq(kSeq, 3), -5),
        };
        QByteArray line;
        appendProcessRecords(line, records, 42);
        line.chop(1); // the newline
        const auto plain = [](const QByteArray &text) {
            const QByteArray padded = text + QByteArray(LineSplitter::LinePadding, '\0');
            return decodePlainProcessRecords({padded.constData(), std::size_t(text.size())}, nullptr);
        };
        const auto taken = plain(line);
        QVERIFY(taken);
        compareRecords(taken->records, records);
        QCOMPARE(taken->millisBehindLatest, 42);

        int variants = 0, takenByShortcut = 0;
        const auto same = [&](const QByteArray &variant) {
            ++variants;
            if (plain(variant))
                ++takenByShortcut;
            const DaemonDecodeResult general = decodeDaemonMessageGenerally(variant);
            // Whole, and read ahead as it arrives in thirds.
            const qsizetype third = variant.size() / 3;
            for (DaemonDecodeResult result : {decodeDaemonMessage(variant), decodeReadAhead(variant, {third, 2 * third})}) {
                QCOMPARE(result.error, general.error);
                QCOMPARE(result.message.has_value(), general.message.has_value());
                if (!result.message)
                    continue;
                QCOMPARE(actionOf(*result.message), actionOf(*general.message));
                if (const auto *batch = std::get_if<ProcessRecordsMessage>(&*result.message)) {
                    compareRecords(batch->records, std::get<ProcessRecordsMessage>(*general.message).records);
                    QCOMPARE(batch->millisBehindLatest, std::get<ProcessRecordsMessage>(*general.message).millisBehindLatest);
                }
            }
        };
        const QByteArray replacements("019AZaz/+=\"\\,:{}[] -.eEnul\x01\x7F\xC3\xFF"_ba + QByteArray(1, '\0'));
        for (qsizetype at = 0; at < line.size() && !QTest::currentTestFailed(); ++at) {
            for (const char c : replacements) {
                QByteArray variant = line;
                variant[at] = c;
                same(variant);
            }
            same(QByteArray(line).remove(at, 1));
            same(line.first(at));
            same(line.first(at) + ' ' + line.sliced(at));
        }
        // What one byte cannot make: repeated keys, other integers, other values.
        const QByteArray head = R"({"action":"processRecords","records":[{"data":"eA==","sequenceNumber":"5")"_ba;
        for (const QByteArray &tail : {R"(,"data":"eQ=="}]})"_ba, R"(,"sequenceNumber":"6"}]})"_ba,
                                       R"(}],"records":[]})"_ba, R"(}],"action":"processRecords"})"_ba,
                                       R"(,"subSequenceNumber":123456789012345678}]})"_ba,
                                       R"(,"subSequenceNumber":1234567890123456789}]})"_ba,
                                       R"(,"subSequenceNumber":-0}]})"_ba, R"(,"subSequenceNumber":12345678}]})"_ba,
                                       R"(,"subSequenceNumber":90000009}]})"_ba, R"(,"subSequenceNumber":100000000}]})"_ba,
                                       R"(,"approximateArrivalTimestamp":-999999999999999999}]})"_ba,
                                       R"(,"approximateArrivalTimestamp":1234567}]})"_ba, R"(,"subSequenceNumber":1e3}]})"_ba,
                                       R"(,"approximateArrivalTimestamp":1.0}]})"_ba, R"(,"explicitHashKey":"1"}]})"_ba,
                                       R"(,"action":{"x":1}}]})"_ba, R"(}],"millisBehindLatest":null})"_ba,
                                       R"(}],"millisBehindLatest":7,"millisBehindLatest":8})"_ba, R"(}]} )"_ba,
                                       "}]}\r"_ba}) {
            same(head + tail);
        }
        // Every integer length the shortcut converts, and the first it leaves.
        for (qsizetype digits = 1; digits <= 19; ++digits) {
            const QByteArray number = "9182736450192837465"_ba.first(digits);
            same(head + R"(,"subSequenceNumber":)" + number + "}]}");
            same(head + R"(,"approximateArrivalTimestamp":-)" + number + "}]}");
        }
        qInfo("%d variants, %d taken by the shortcut", variants, takenByShortcut);
        QVERIFY(takenByShortcut > variants / 20); // the comparison covers the shortcut, not only the fallback

        // Beyond the shortcut, but still decoded: a non-ASCII partition key, an escape.
        std::vector<StreamRecord> other = records;
        other[0].partitionKey = "gr\xC3\xBC\xC3\x9F"_ba;
        other[1].partitionKey = "tab\there"_ba;
        QByteArray otherLine;
        appendProcessRecords(otherLine, other, std::nullopt);
        otherLine.chop(1);
        QVERIFY(!plain(otherLine));
        compareRecords(std::get<ProcessRecordsMessage>(decodeOk(otherLine)).records, other);
    }

    // The plain decoder first looks for a payload's and a sequence number's
    // closing quote where the record before had it. A shorter value with a
    // quote at that distance must still end at its own quote.
    void aShorterValueEndsAtItsOwnQuote()
    {
        const std::vector<StreamRecord> records = {
            record(QByteArray(18, 'x'), "x"_ba, seq("123"), 1), // 24 base64 characters
            // "QUJD" then `","partitionKey":"ab"`: that last quote is 24 on;
            // `1","approximateArrivalTimestamp"`: a quote 3 on.
            record("ABC"_ba, "ab"_ba, seq("1"), 2),
            record(QByteArray(18, 'y'), "c"_ba, seq("4567"), 3),
        };
        QByteArray line;
        appendProcessRecords(line, records, 0);
        line.chop(1); // the newline
        const QByteArray padded = line + QByteArray(LineSplitter::LinePadding, '\0');
        const auto taken = decodePlainProcessRecords({padded.constData(), std::size_t(line.size())}, nullptr);
        QVERIFY(taken);
        compareRecords(taken->records, records);
    }

    // However the reads cut a line, reading ahead decodes it as the whole
    // line decodes: a cut at every byte, and the line a byte at a time.
    void readingAheadDecodesWhereverReadsEnd()
    {
        const auto daemonLine = [](const std::vector<StreamRecord> &records, std::int64_t millis) {
            QByteArray line;
            appendProcessRecords(line, records, millis);
            line.chop(1);
            return line;
        };
        const std::vector<StreamRecord> records = {
            record("hello"_ba, "pk-1"_ba, seq(kSeq, 0), 1733900000123),
            record(QByteArray(), std::nullopt, seq("100000000003498069978", std::nullopt), std::nullopt),
            record(QByteArray(300, 'x'), ""_ba, seq("7", 12), 0),
        };
        const QByteArray line = daemonLine(records, 42);
        std::vector<StreamRecord> recycled;
        const auto check = [&](const DaemonDecodeResult &result, const std::vector<StreamRecord> &expected, std::int64_t millis) {
            QVERIFY2(result.message, qPrintable(result.error));
            const auto &batch = std::get<ProcessRecordsMessage>(*result.message);
            compareRecords(batch.records, expected);
            QCOMPARE(batch.millisBehindLatest, millis);
            recycled = batch.records; // the next line reuses them, as a session's does
        };
        for (qsizetype cut = 0; cut <= line.size() && !QTest::currentTestFailed(); ++cut)
            check(decodeReadAhead(line, {cut}, &recycled), records, 42);

        const QByteArray padded = line + QByteArray(LineSplitter::LinePadding, '\0');
        IncomingRecords incoming;
        for (qsizetype size = 0; size < line.size(); ++size)
            incoming.advance({padded.constData(), std::size_t(size)}, &recycled);
        check(decodeDaemonMessage(QByteArrayView(padded.constData(), line.size()), LinePadding::Present, &recycled, &incoming),
              records, 42);

        // The next line, another one, read ahead after a line that was not:
        // nothing of the earlier lines may show in it.
        std::vector<StreamRecord> other = {record("other"_ba, "q"_ba, seq("8", 1), 5), records[1], records[0]};
        const QByteArray otherLine = daemonLine(other, 7);
        const QByteArray otherPadded = otherLine + QByteArray(LineSplitter::LinePadding, '\0');
        check(decodeDaemonMessage(QByteArrayView(padded.constData(), line.size()), LinePadding::Present, &recycled, &incoming),
              records, 42);
        incoming.advance({otherPadded.constData(), std::size_t(otherLine.size() - 1)}, &recycled);
        check(decodeDaemonMessage(QByteArrayView(otherPadded.constData(), otherLine.size()), LinePadding::Present, &recycled,
                                  &incoming),
              other, 7);
    }

    void rejectsBadLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << "hello"_ba << u"not JSON: "_s;
        QTest::newRow("truncated") << "{\"action\":\"leaseLost\""_ba << u"not JSON: "_s;
        QTest::newRow("unclosed string") << "{\"action\":\"leaseLost"_ba << u"not JSON: unclosed string"_s;
        QTest::newRow("invalid UTF-8") << "{\"action\":\"leaseLost\",\"x\":\"\xFF\"}"_ba << u"not JSON: invalid UTF-8"_s;
        QTest::newRow("bare null") << "null"_ba << u"not a JSON object"_s;
        QTest::newRow("array") << "[1]"_ba << u"not a JSON object"_s;
        QTest::newRow("string") << "\"initialize\""_ba << u"not a JSON object"_s;
        QTest::newRow("no action") << R"({"shardId":"s"})"_ba << u"missing key \"action\""_s;
        QTest::newRow("action not a string") << R"({"action":7})"_ba << u"\"action\" is not a string"_s;
        QTest::newRow("unknown action") << R"({"action":"foo"})"_ba << u"unknown action \"foo\""_s;
        QTest::newRow("action case") << R"({"action":"LeaseLost"})"_ba << u"unknown action \"LeaseLost\""_s;
        QTest::newRow("status from daemon") << R"({"action":"status","responseFor":"x"})"_ba << u"unknown action \"status\""_s;
        QTest::newRow("two objects") << R"({"action":"leaseLost"}{"action":"shardEnded"})"_ba
                                     << u"unexpected content after the JSON object"_s;
        QTest::newRow("trailing garbage") << R"({"action":"leaseLost"} x)"_ba << u"not JSON: "_s;
        QTest::newRow("no shardId") << R"({"action":"initialize","sequenceNumber":"1","subSequenceNumber":0})"_ba
                                    << u"missing key \"shardId\" in initialize"_s;
        QTest::newRow("shardId number") << R"({"action":"initialize","shardId":1})"_ba
                                        << u"\"shardId\" in initialize is not a string or null"_s;
        QTest::newRow("shardId null") << R"({"action":"initialize","shardId":null})"_ba << u"\"shardId\" in initialize is null"_s;
        QTest::newRow("bad checkpoint") << R"({"action":"initialize","shardId":"s","sequenceNumber":"12x","subSequenceNumber":0})"_ba
                                        << u"\"sequenceNumber\" in initialize is not a sequence number"_s;
        QTest::newRow("sub not integer") << R"({"action":"initialize","shardId":"s","sequenceNumber":"1","subSequenceNumber":"0"})"_ba
                                         << u"\"subSequenceNumber\" in initialize is not an integer or null"_s;
        QTest::newRow("sub float") << R"({"action":"initialize","shardId":"s","sequenceNumber":"1","subSequenceNumber":1.5})"_ba
                                   << u"\"subSequenceNumber\" in initialize is not an integer or null"_s;
        QTest::newRow("no records") << R"({"action":"processRecords","millisBehindLatest":0})"_ba
                                    << u"missing key \"records\" in processRecords"_s;
        QTest::newRow("records not array") << R"({"action":"processRecords","records":{}})"_ba
                                           << u"\"records\" in processRecords is not an array"_s;
        QTest::newRow("record not object") << R"({"action":"processRecords","records":[{"data":"","sequenceNumber":"1"},3]})"_ba
                                           << u"record 1 is not an object"_s;
        QTest::newRow("millis not integer") << R"({"action":"processRecords","records":[],"millisBehindLatest":"5"})"_ba
                                            << u"\"millisBehindLatest\" in processRecords is not an integer or null"_s;
        QTest::newRow("record without sequence number") << R"({"action":"processRecords","records":[{"data":""}]})"_ba
                                                        << u"missing key \"sequenceNumber\" in record 0"_s;
        QTest::newRow("record without data") << R"({"action":"processRecords","records":[{"sequenceNumber":"1"}]})"_ba
                                             << u"missing key \"data\" in record 0"_s;
        QTest::newRow("record sentinel") << R"({"action":"processRecords","records":[{"data":"","sequenceNumber":"LATEST"}]})"_ba
                                         << u"\"sequenceNumber\" of record 0 is not a sequence number"_s;
        QTest::newRow("record null sequence number")
            << R"({"action":"processRecords","records":[{"data":"","sequenceNumber":null}]})"_ba
            << u"\"sequenceNumber\" of record 0 is not a sequence number"_s;
        QTest::newRow("record numeric sequence number")
            << R"({"action":"processRecords","records":[{"data":"","sequenceNumber":1}]})"_ba
            << u"\"sequenceNumber\" of record 0 is not a string or null"_s;
        QTest::newRow("record 130 digits")
            << "{\"action\":\"processRecords\",\"records\":[{\"data\":\"\",\"sequenceNumber\":\"" + QByteArray(130, '9') + "\"}]}"_ba
            << u"\"sequenceNumber\" of record 0 is not a sequence number"_s;
        QTest::newRow("record bad base64") << R"({"action":"processRecords","records":[{"data":"aGk=","sequenceNumber":"1"},{"data":"a*k=","sequenceNumber":"2"}]})"_ba
                                           << u"\"data\" of record 1 is not base64"_s;
        QTest::newRow("record base64 bad length") << R"({"action":"processRecords","records":[{"data":"aGk=a","sequenceNumber":"1"}]})"_ba
                                                  << u"\"data\" of record 0 is not base64"_s;
        QTest::newRow("record base64 line break") << R"({"action":"processRecords","records":[{"data":"aGk=\naGk=","sequenceNumber":"1"}]})"_ba
                                                  << u"\"data\" of record 0 is not base64"_s;
        QTest::newRow("record key number") << R"({"action":"processRecords","records":[{"data":"","sequenceNumber":"1","partitionKey":5}]})"_ba
                                           << u"\"partitionKey\" of record 0 is not a string or null"_s;
        QTest::newRow("record timestamp string")
            << R"({"action":"processRecords","records":[{"data":"","sequenceNumber":"1","approximateArrivalTimestamp":"1"}]})"_ba
            << u"\"approximateArrivalTimestamp\" of record 0 is not an integer or null"_s;
        QTest::newRow("no reason") << R"({"action":"shutdown"})"_ba << u"missing key \"reason\" in shutdown"_s;
        QTest::newRow("reply error object") << R"({"action":"checkpoint","sequenceNumber":null,"error":{}})"_ba
                                            << u"\"error\" in checkpoint is not a string or null"_s;
    }

    void rejectsBadLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        const DaemonDecodeResult result = decodeDaemonMessage(line);
        QVERIFY2(!result.message, line.constData());
        QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
        QVERIFY(!result.error.contains(u'\n'));
    }

    // The session hands the last batch's records back for the next batch to
    // overwrite: every field must come from the new line, and what a processor
    // kept of the old records must stay as it was.
    void recycledRecordsAreOverwrittenWhole()
    {
        std::vector<StreamRecord> recycled;
        const QByteArray first =
            R"({"action":"processRecords","records":[{"data":"aGVsbG8gd29ybGQ=","partitionKey":"pk-1","sequenceNumber":"1000","approximateArrivalTimestamp":5,"subSequenceNumber":2,"action":"record"},{"data":"eA==","partitionKey":"pk-2","sequenceNumber":"1001","approximateArrivalTimestamp":6,"subSequenceNumber":0,"action":"record"},{"data":"eQ==","partitionKey":"pk-3","sequenceNumber":"1002","approximateArrivalTimestamp":7,"subSequenceNumber":0,"action":"record"}],"millisBehindLatest":0})"_ba;
        DaemonDecodeResult result = decodeDaemonMessage(first, LinePadding::Absent, &recycled);
        QVERIFY2(result.message, qPrintable(result.error));
        std::vector<StreamRecord> batch = std::move(std::get<ProcessRecordsMessage>(*result.message).records);
        QCOMPARE(batch.size(), 3u);
        const QByteArray keptData = batch[0].data;
        const std::optional<QByteArray> keptKey = batch[0].partitionKey;
        const SequenceNumber keptSequence = batch[0].sequenceNumber;
        batch[1].aggregateIndex = 0; // as the session leaves records it unpacked
        batch[1].aggregateCount = 2;
        recycled = std::move(batch);

        // Other messages leave the recycled records alone.
        QVERIFY(decodeDaemonMessage(R"({"action":"leaseLost"})", LinePadding::Absent, &recycled).message);
        QCOMPARE(recycled.size(), 3u);

        const QByteArray second =
            R"({"action":"processRecords","records":[{"data":"aGk=","partitionKey":null,"sequenceNumber":"2000","approximateArrivalTimestamp":null,"subSequenceNumber":null,"action":"record"},{"data":null,"partitionKey":"k","sequenceNumber":"2001","approximateArrivalTimestamp":8,"subSequenceNumber":1,"action":"record"}],"millisBehindLatest":3})"_ba;
        result = decodeDaemonMessage(second, LinePadding::Absent, &recycled);
        QVERIFY2(result.message, qPrintable(result.error));
        const auto &reused = std::get<ProcessRecordsMessage>(*result.message);
        const auto fresh = std::get<ProcessRecordsMessage>(decodeOk(second));
        compareRecords(reused.records, fresh.records);
        QCOMPARE(reused.millisBehindLatest, 3);
        QVERIFY(!reused.records[0].partitionKey);
        QVERIFY(reused.records[1].data.isNull());
        QVERIFY(!reused.records[1].aggregateIndex);
        QVERIFY(!reused.records[1].aggregateCount);

        QCOMPARE(keptData, "hello world"_ba);
        QCOMPARE(keptKey, std::optional("pk-1"_ba));
        QCOMPARE(keptSequence.display(), u"1000/2"_s);
    }

    void tenThousandRecordsThroughTheSplitter()
    {
        ProcessRecordsMessage batch;
        for (int i = 0; i < 10000; ++i) {
            QByteArray data(i % 1500, Qt::Uninitialized);
            for (qsizetype b = 0; b < data.size(); ++b)
                data[b] = char((i * 31 + b * 7) & 0xFF);
            const QByteArray digits = kSeq.first(40) + QByteArray::number(1000000 + i * 13);
            batch.records.push_back(record(data, "pk-" + QByteArray::number(i), seq(digits, i % 4), 1476889707000 + i));
        }
        batch.millisBehindLatest = 0;
        const QByteArray line = encodeDaemonMessage(batch);
        QVERIFY(line.size() > 10'000'000);

        // In reads of 64 KiB, with and without reading ahead as ShardSession does.
        for (const bool readAhead : {false, true}) {
            LineSplitter splitter;
            IncomingRecords incoming;
            std::size_t decodedAhead = 0;
            std::optional<DaemonMessage> decoded;
            for (qsizetype at = 0; at < line.size(); at += 65536) {
                QVERIFY(splitter.append(QByteArrayView(line).sliced(at, std::min<qsizetype>(65536, line.size() - at))));
                if (const auto complete = splitter.nextLine()) {
                    DaemonDecodeResult result =
                        decodeDaemonMessage(*complete, LinePadding::Present, nullptr, readAhead ? &incoming : nullptr);
                    QVERIFY2(result.message, qPrintable(result.error));
                    decoded = std::move(result.message);
                } else if (readAhead) {
                    const QByteArrayView partial = splitter.incompleteLine();
                    incoming.advance({partial.data(), std::size_t(partial.size())}, nullptr);
                    decodedAhead = incoming.recordsSoFar();
                }
            }
            QVERIFY(decoded);
            // All but the last read's records (about 60 of them) were decoded before the line's end came.
            if (readAhead)
                QVERIFY2(decodedAhead > 9900, qPrintable(QString::number(decodedAhead)));
            compareRecords(std::get<ProcessRecordsMessage>(*decoded).records, batch.records);
        }
    }

    void quotesTheStartOfABadLine()
    {
        QCOMPARE(quoteLineStart("{\"x\":1}"), u"\"{\"x\":1}\""_s);
        QCOMPARE(quoteLineStart("a\tb\x01\x7F"), u"\"a\\tb\\x01\\x7f\""_s);
        const QString cut = quoteLineStart(QByteArray(200, 'y'));
        QCOMPARE(cut, u"\""_s + QString(80, u'y') + u"\"…"_s);
        // A multi-byte character is not cut in half.
        QCOMPARE(quoteLineStart(QByteArray(QByteArray(79, 'y') + "\xE2\x82\xAC" + "tail")), u"\""_s + QString(79, u'y') + u"\"…"_s);
        QCOMPARE(quoteLineStart(QByteArray(QByteArray(77, 'y') + "\xE2\x82\xAC" + "tail")), u"\""_s + QString(77, u'y') + u"€\"…"_s);
        QCOMPARE(quoteLineStart(""), u"\"\""_s);
    }
};

QTEST_GUILESS_MAIN(TestDaemonCodec)
#include "test_daemon_codec.moc"

// Child -> daemon messages: what a C++ child writes (only the keys the Java
// daemon accepts) and how the embedded daemon reads a child's lines (as the
// Java daemon's Jackson reader does, docs/protocol.md §3.3).

#include "protocol/Codec.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld::protocol;

namespace {

const QByteArray kSeq = "49590338271490256608559692538361571095921575989136588898"_ba;

ChildMessage decodeOk(QByteArrayView line, ChildDecodeOptions options = {})
{
    ChildDecodeResult result = decodeChildMessage(line, options);
    if (!result.message)
        qFatal("decoding %s failed: %s", line.toByteArray().constData(), qPrintable(result.error));
    return std::move(*result.message);
}

CheckpointRequestMessage checkpointOf(QByteArrayView line, ChildDecodeOptions options = {})
{
    return std::get<CheckpointRequestMessage>(decodeOk(line, options));
}

} // namespace

class TestChildCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // docs/protocol.md §3.1, §3.2: byte for byte.
    void encodesTheReferenceExamples()
    {
        QCOMPARE(encodeChildMessage(StatusMessage{"processRecords"_ba}),
                 R"({"action":"status","responseFor":"processRecords"})" "\n"_ba);
        QCOMPARE(encodeChildMessage(CheckpointRequestMessage{kSeq, 3}),
                 R"({"action":"checkpoint","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","subSequenceNumber":3})" "\n"_ba);
        QCOMPARE(encodeChildMessage(CheckpointRequestMessage{}),
                 R"({"action":"checkpoint","sequenceNumber":null,"subSequenceNumber":null})" "\n"_ba);
        QCOMPARE(encodeChildMessage(CheckpointRequestMessage{kSeq, std::nullopt}),
                 R"({"action":"checkpoint","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","subSequenceNumber":null})" "\n"_ba);
    }

    void encodesTheLegacyCheckpoint()
    {
        QCOMPARE(encodeChildMessage(CheckpointRequestMessage{"123"_ba, 4, true}),
                 R"({"action":"checkpoint","checkpoint":"123"})" "\n"_ba);
        QCOMPARE(encodeChildMessage(CheckpointRequestMessage{std::nullopt, std::nullopt, true}),
                 R"({"action":"checkpoint","checkpoint":null})" "\n"_ba);
    }

    void everyMessageRoundTrips()
    {
        for (const char *action : {"initialize", "processRecords", "leaseLost", "shardEnded", "shutdownRequested", "shutdown"}) {
            const auto status = std::get<StatusMessage>(decodeOk(encodeChildMessage(StatusMessage{action})));
            QCOMPARE(status.responseFor, QByteArray(action));
        }
        for (const CheckpointRequestMessage &request :
             {CheckpointRequestMessage{kSeq, 3}, CheckpointRequestMessage{kSeq, std::nullopt}, CheckpointRequestMessage{},
              CheckpointRequestMessage{"SHARD_END"_ba, 0}}) {
            const auto decoded = checkpointOf(encodeChildMessage(request));
            QCOMPARE(decoded.sequenceNumber, request.sequenceNumber);
            QCOMPARE(decoded.subSequenceNumber, request.subSequenceNumber);
            QVERIFY(!decoded.legacy);
        }
        const auto legacy = checkpointOf(encodeChildMessage(CheckpointRequestMessage{"9"_ba, std::nullopt, true}),
                                         ChildDecodeOptions{.acceptLegacyCheckpoint = true});
        QCOMPARE(legacy.sequenceNumber, "9"_ba);
        QVERIFY(legacy.legacy);
    }

    void decodesWhatTheOfficialChildrenSend()
    {
        // Node: no subSequenceNumber; Python: both keys. Key order does not matter.
        QCOMPARE(checkpointOf(R"({"action":"checkpoint","sequenceNumber":"42"})").sequenceNumber, "42"_ba);
        const auto python = checkpointOf(R"({"subSequenceNumber": 3, "sequenceNumber": "42", "action": "checkpoint"})");
        QCOMPARE(python.sequenceNumber, "42"_ba);
        QCOMPARE(python.subSequenceNumber, 3);
        const auto nulls = checkpointOf(R"({"action":"checkpoint","sequenceNumber":null,"subSequenceNumber":null})");
        QVERIFY(!nulls.sequenceNumber);
        QVERIFY(!nulls.subSequenceNumber);
        // "error" is allowed and ignored.
        QCOMPARE(checkpointOf(R"({"action":"checkpoint","sequenceNumber":"1","error":"x"})").sequenceNumber, "1"_ba);
        // Escapes are decoded.
        QCOMPARE(std::get<StatusMessage>(decodeOk(R"({"action":"st\u0061tus","responseFor":"lease\u004cost"})")).responseFor,
                 "leaseLost"_ba);
        QCOMPARE(std::get<StatusMessage>(decodeOk(R"({"action":"status","responseFor":"\ud83d\ude00\/"})")).responseFor,
                 "\xF0\x9F\x98\x80/"_ba);
    }

    void statusWithoutResponseForIsDecoded()
    {
        // Jackson leaves the field null; the daemon then fails the action (§3.1).
        QVERIFY(std::get<StatusMessage>(decodeOk(R"({"action":"status"})")).responseFor.isNull());
        QVERIFY(std::get<StatusMessage>(decodeOk(R"({"action":"status","responseFor":null})")).responseFor.isNull());
    }

    void coercesScalarsAsJacksonDoes_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<std::optional<QByteArray>>("sequenceNumber");
        QTest::addColumn<std::optional<qint64>>("subSequenceNumber");
        const auto line = [](const char *seq, const char *sub) -> QByteArray {
            return "{\"action\":\"checkpoint\",\"sequenceNumber\":"_ba + seq + ",\"subSequenceNumber\":" + sub + "}";
        };
        using OB = std::optional<QByteArray>;
        using OI = std::optional<qint64>;
        QTest::newRow("number as sequence number") << line("123", "0") << OB("123"_ba) << OI(0);
        QTest::newRow("big number as sequence number") << line("49590338271490256608559692538361571095921575989136588898", "0") << OB(kSeq) << OI(0);
        QTest::newRow("float as sequence number") << line("1.5e3", "0") << OB("1.5e3"_ba) << OI(0);
        QTest::newRow("boolean as sequence number") << line("true", "0") << OB("true"_ba) << OI(0);
        QTest::newRow("string as sub") << line("\"1\"", "\"5\"") << OB("1"_ba) << OI(5);
        QTest::newRow("padded string as sub") << line("\"1\"", "\" 5 \"") << OB("1"_ba) << OI(5);
        QTest::newRow("empty string as sub") << line("\"1\"", "\"\"") << OB("1"_ba) << OI();
        QTest::newRow("float as sub") << line("\"1\"", "1.5") << OB("1"_ba) << OI(1);
        QTest::newRow("negative float as sub") << line("\"1\"", "-2.9") << OB("1"_ba) << OI(-2);
        QTest::newRow("exponent as sub") << line("\"1\"", "2E2") << OB("1"_ba) << OI(200);
        QTest::newRow("negative sub kept") << line("\"1\"", "-1") << OB("1"_ba) << OI(-1);
    }

    void coercesScalarsAsJacksonDoes()
    {
        QFETCH(QByteArray, line);
        QFETCH(std::optional<QByteArray>, sequenceNumber);
        QFETCH(std::optional<qint64>, subSequenceNumber);
        const auto request = checkpointOf(line);
        QCOMPARE(request.sequenceNumber, sequenceNumber);
        QCOMPARE(request.subSequenceNumber, subSequenceNumber);
    }

    void ignoresEverythingAfterTheFirstValue()
    {
        // Two messages on one line: Jackson reads the first and loses the second.
        const auto first = decodeOk(R"({"action":"status","responseFor":"initialize"}{"action":"status","responseFor":"x"})");
        QCOMPARE(std::get<StatusMessage>(first).responseFor, "initialize"_ba);
        QVERIFY(decodeChildMessage("{\"action\":\"status\",\"responseFor\":\"a\"} trailing {{{ \"unterminated").message);
    }

    void legacyCheckpointKeyNeedsTheFlag()
    {
        const QByteArray line = R"({"action":"checkpoint","checkpoint":"123"})"_ba;
        const ChildDecodeResult strict = decodeChildMessage(line);
        QVERIFY(!strict.message);
        QCOMPARE(strict.error, u"unrecognized property \"checkpoint\" in checkpoint"_s);

        const auto v1 = checkpointOf(line, ChildDecodeOptions{.acceptLegacyCheckpoint = true});
        QVERIFY(v1.legacy);
        QCOMPARE(v1.sequenceNumber, "123"_ba);
        QVERIFY(!decodeChildMessage(R"({"action":"checkpoint","checkpoint":"1","sequenceNumber":"1"})",
                                    ChildDecodeOptions{.acceptLegacyCheckpoint = true}).message);
    }

    void bareNullIsFatalForTheJavaDaemon()
    {
        const ChildDecodeResult result = decodeChildMessage(" null ");
        QVERIFY(!result.message);
        QVERIFY(result.fatalForJavaDaemon);
        QVERIFY(result.error.contains(u"null"_s));
        QVERIFY(!decodeChildMessage("{}").fatalForJavaDaemon);
    }

    void rejectsBadLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << ""_ba << u"not JSON: empty line"_s;
        QTest::newRow("log line") << "INFO starting"_ba << u"not JSON: "_s;
        QTest::newRow("truncated") << "{\"action\":\"status\",\"responseFor\":\"x\""_ba << u"not JSON: unexpected end of line"_s;
        QTest::newRow("unterminated string") << "{\"action\":\"status\",\"responseFor\":\"x"_ba << u"not JSON: "_s;
        QTest::newRow("single quotes") << R"({'action':'status'})"_ba << u"not JSON: "_s;
        QTest::newRow("trailing comma") << R"({"action":"status",})"_ba << u"not JSON: "_s;
        QTest::newRow("leading zero") << R"({"action":"checkpoint","subSequenceNumber":01})"_ba << u"not JSON: leading zeros"_s;
        QTest::newRow("bad literal") << R"({"action":"checkpoint","sequenceNumber":nul})"_ba << u"not JSON: "_s;
        QTest::newRow("glued literal") << R"({"action":"checkpoint","sequenceNumber":nullx})"_ba << u"not JSON: "_s;
        QTest::newRow("raw tab in string") << "{\"action\":\"status\",\"responseFor\":\"a\tb\"}"_ba << u"not JSON: unescaped"_s;
        QTest::newRow("bad escape") << R"({"action":"status","responseFor":"\x"})"_ba << u"not JSON: bad escape"_s;
        QTest::newRow("array") << "[]"_ba << u"not a JSON object"_s;
        QTest::newRow("number") << "42"_ba << u"not a JSON object"_s;
        QTest::newRow("no action") << R"({"responseFor":"x"})"_ba << u"missing key \"action\""_s;
        QTest::newRow("empty object") << "{}"_ba << u"missing key \"action\""_s;
        QTest::newRow("null action") << R"({"action":null})"_ba << u"missing key \"action\""_s;
        QTest::newRow("unknown action") << R"({"action":"foo"})"_ba << u"unknown action \"foo\""_s;
        QTest::newRow("action case") << R"({"action":"Status","responseFor":"x"})"_ba << u"unknown action \"Status\""_s;
        QTest::newRow("daemon action") << R"({"action":"leaseLost"})"_ba << u"action \"leaseLost\" is not a child message"_s;
        QTest::newRow("duplicate action") << R"({"action":"status","action":"status","responseFor":"x"})"_ba
                                          << u"duplicate key \"action\""_s;
        QTest::newRow("extra key in status") << R"({"action":"status","responseFor":"initialize","extra":1})"_ba
                                             << u"unrecognized property \"extra\" in status"_s;
        QTest::newRow("extra key before action") << R"({"extra":1,"action":"status","responseFor":"initialize"})"_ba
                                                 << u"unrecognized property \"extra\" in status"_s;
        QTest::newRow("subSequenceNumber in status") << R"({"action":"status","responseFor":"x","subSequenceNumber":1})"_ba
                                                     << u"unrecognized property \"subSequenceNumber\" in status"_s;
        QTest::newRow("extra key in checkpoint") << R"({"action":"checkpoint","sequenceNumber":"1","shardId":"s"})"_ba
                                                 << u"unrecognized property \"shardId\" in checkpoint"_s;
        QTest::newRow("object value") << R"({"action":"checkpoint","sequenceNumber":{"a":1}})"_ba
                                      << u"\"sequenceNumber\" is not a string"_s;
        QTest::newRow("array value unknown key") << R"({"action":"status","x":[1]})"_ba
                                                 << u"unrecognized property \"x\" in status"_s;
        QTest::newRow("sub not numeric") << R"({"action":"checkpoint","sequenceNumber":"1","subSequenceNumber":"five"})"_ba
                                         << u"\"subSequenceNumber\" is not an integer"_s;
        QTest::newRow("sub boolean") << R"({"action":"checkpoint","sequenceNumber":"1","subSequenceNumber":true})"_ba
                                     << u"\"subSequenceNumber\" is not an integer"_s;
        QTest::newRow("sub too big") << R"({"action":"checkpoint","sequenceNumber":"1","subSequenceNumber":9223372036854775808})"_ba
                                     << u"\"subSequenceNumber\" is out of range"_s;
        QTest::newRow("sub float too big") << R"({"action":"checkpoint","sequenceNumber":"1","subSequenceNumber":1e19})"_ba
                                           << u"\"subSequenceNumber\" is out of range"_s;
    }

    void rejectsBadLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        const ChildDecodeResult result = decodeChildMessage(line);
        QVERIFY2(!result.message, line.constData());
        QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
        QVERIFY(!result.fatalForJavaDaemon);
    }

    void malformedUtf8BecomesReplacementCharacters()
    {
        // The Java daemon reads through a UTF-8 Reader that replaces malformed input.
        const auto status = std::get<StatusMessage>(decodeOk("{\"action\":\"status\",\"responseFor\":\"a\xFF\"}"));
        QCOMPARE(status.responseFor, "a\xEF\xBF\xBD"_ba);
    }
};

QTEST_GUILESS_MAIN(TestChildCodec)
#include "test_child_codec.moc"

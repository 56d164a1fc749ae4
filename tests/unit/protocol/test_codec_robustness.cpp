// Seeded, deterministic mutations of valid lines fed to both decoders and the
// splitter: whatever the bytes, each call returns a message or one error line.
// (tests/fuzz has the coverage-guided libFuzzer version of this.)

#include "protocol/Codec.h"
#include "protocol/LineSplitter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld::protocol;

namespace {

QList<QByteArray> seeds()
{
    return {
        R"({"action":"initialize","shardId":"shardId-000000000001","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","subSequenceNumber":3})"_ba,
        R"({"action":"initialize","shardId":"s"})"_ba,
        R"({"action":"processRecords","records":[{"data":"aGVsbG8=","partitionKey":"pk-1","sequenceNumber":"4959033827149025660855","approximateArrivalTimestamp":1476889707000,"subSequenceNumber":0,"action":"record"},{"data":null,"partitionKey":null,"sequenceNumber":"1","approximateArrivalTimestamp":null,"subSequenceNumber":null}],"millisBehindLatest":1234})"_ba,
        R"({"action":"checkpoint","sequenceNumber":"123","subSequenceNumber":4,"error":"IllegalArgumentException"})"_ba,
        R"({"action":"checkpoint","checkpoint":"123","error":null})"_ba,
        R"({"action":"shutdown","reason":"TERMINATE"})"_ba,
        R"({"action":"leaseLost"})"_ba,
        R"({"action":"status","responseFor":"processRecords"})"_ba,
        R"({"action":"checkpoint","sequenceNumber":"\u0034\ud83d\ude00","subSequenceNumber":"5"})"_ba,
        "null"_ba,
    };
}

QByteArray mutate(QByteArray line, QRandomGenerator &random)
{
    static const QByteArray interesting = "{}[]\":,\\nul-0123456789.eE+ \t\r\n\x00\x7F\x80\xC3\xFF"_ba;
    const int edits = 1 + int(random.bounded(4));
    for (int e = 0; e < edits; ++e) {
        const qsizetype at = line.isEmpty() ? 0 : qsizetype(random.bounded(quint32(line.size())));
        switch (random.bounded(6)) {
        case 0: // flip a byte
            if (!line.isEmpty())
                line[at] = char(random.bounded(256));
            break;
        case 1: // insert a structural byte
            line.insert(at, interesting.at(qsizetype(random.bounded(quint32(interesting.size())))));
            break;
        case 2: // delete a span
            line.remove(at, qsizetype(random.bounded(8)));
            break;
        case 3: // truncate
            line.truncate(at);
            break;
        case 4: // duplicate a span
            line.insert(at, line.mid(at, qsizetype(random.bounded(16))));
            break;
        default: // splice in another seed
            line.insert(at, seeds().at(qsizetype(random.bounded(quint32(seeds().size())))));
            break;
        }
    }
    return line;
}

} // namespace

class TestCodecRobustness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mutatedLinesNeverCrash()
    {
        QRandomGenerator random(20240601);
        const QList<QByteArray> valid = seeds();
        int decodedDaemon = 0, decodedChild = 0;
        for (int i = 0; i < 20000; ++i) {
            const QByteArray line = mutate(valid.at(i % valid.size()), random);

            const DaemonDecodeResult daemon = decodeDaemonMessage(line);
            QVERIFY(daemon.message.has_value() == daemon.error.isEmpty());
            QVERIFY(!daemon.error.contains(u'\n'));
            decodedDaemon += daemon.message.has_value();
            if (daemon.message) // what decodes re-encodes and decodes again
                QVERIFY(decodeDaemonMessage(encodeDaemonMessage(*daemon.message)).message);

            const ChildDecodeResult child = decodeChildMessage(line, ChildDecodeOptions{.acceptLegacyCheckpoint = i % 2 == 0});
            QVERIFY(child.message.has_value() == child.error.isEmpty());
            decodedChild += child.message.has_value();
            if (child.message)
                QVERIFY(decodeChildMessage(encodeChildMessage(*child.message), ChildDecodeOptions{.acceptLegacyCheckpoint = true}).message);

            QVERIFY(!quoteLineStart(line).isEmpty());
        }
        // The mutations keep some lines valid, so both decoders' success paths ran too.
        QVERIFY(decodedDaemon > 100);
        QVERIFY(decodedChild > 100);
    }

    void mutatedStreamsThroughTheSplitter()
    {
        QRandomGenerator random(7);
        const QList<QByteArray> valid = seeds();
        QByteArray stream;
        for (int i = 0; i < 3000; ++i)
            stream += mutate(valid.at(i % valid.size()), random) + (i % 2 ? "\n" : "\r\n");
        LineSplitter splitter(4096);
        for (qsizetype at = 0; at < stream.size();) {
            const qsizetype size = std::min<qsizetype>(1 + random.bounded(3000), stream.size() - at);
            if (!splitter.append(QByteArrayView(stream).sliced(at, size)))
                break;
            at += size;
            while (const auto line = splitter.nextLine()) {
                QVERIFY(!line->contains('\n') && !line->contains('\r'));
                const DaemonDecodeResult result = decodeDaemonMessage(*line, LinePadding::Present);
                QVERIFY(result.message.has_value() == result.error.isEmpty());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCodecRobustness)
#include "test_codec_robustness.moc"

// Capture files: what the writer writes the reader gives back, byte for byte,
// and a damaged file is reported with its name and line.

#include <qmld/CaptureFile.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

CaptureHeader sampleHeader()
{
    CaptureHeader header;
    header.stream = u"orders"_s;
    header.source = u"embedded:/tmp/store.sqlite"_s;
    header.capturedAt = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
    header.shards.push_back({u"shardId-000000000000"_s, {}, {}, u"0"_s, u"170141183460469231731687303715884105727"_s,
                             u"49590338271490256608559692538361571095921575989136588802"_s,
                             u"49590338271490256608559692538361571095921575989136589000"_s});
    header.shards.push_back({u"shardId-000000000002"_s, u"shardId-000000000000"_s, u"shardId-000000000001"_s,
                             u"0"_s, u"340282366920938463463374607431768211455"_s, u"7"_s, std::nullopt});
    return header;
}

std::vector<StreamRecord> sampleRecords()
{
    std::vector<StreamRecord> records;
    for (int i = 0; i < 300; ++i) {
        StreamRecord record;
        record.sequenceNumber = *SequenceNumber::parse(QByteArray("4959033827149025660855969253836157109592157598913658" + QByteArray::number(8900 + i / 3)), i % 3);
        record.partitionKey = "key-" + QByteArray::number(i) + "-\xc3\xa9";
        QByteArray data;
        for (int b = 0; b < i; ++b)
            data += char((b * 37 + i) & 0xff); // every byte value, NULs included
        record.data = data;
        record.approximateArrivalTimestamp = 1700000000000 + i;
        records.push_back(record);
    }
    StreamRecord bare; // DynamoDB-style: no key, no arrival, no sub-sequence number
    bare.sequenceNumber = *SequenceNumber::parse("12345"_ba);
    bare.data = QByteArray(""_ba);
    records.push_back(bare);
    return records;
}

} // namespace

class TestCaptureFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(text);
        return path;
    }

    static QByteArray gzip(const QByteArray &text)
    {
        z_stream zs{};
        deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
        QByteArray out(int(deflateBound(&zs, uLong(text.size()))), Qt::Uninitialized);
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.constData()));
        zs.avail_in = uInt(text.size());
        zs.next_out = reinterpret_cast<Bytef *>(out.data());
        zs.avail_out = uInt(out.size());
        deflate(&zs, Z_FINISH);
        out.resize(qsizetype(zs.total_out));
        deflateEnd(&zs);
        return out;
    }

    // The error the reader gives for a file; empty when it reads to the end.
    static QString readError(const QString &path, qsizetype *records = nullptr)
    {
        CaptureReader reader;
        if (!reader.open(path))
            return reader.errorString();
        qsizetype count = 0;
        while (reader.next())
            ++count;
        if (records)
            *records = count;
        return reader.errorString();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<CaptureWriter::Compression>("compression");
        QTest::addColumn<bool>("gzipped");
        QTest::newRow("plain") << u"plain.jsonl"_s << CaptureWriter::Compression::Auto << false;
        QTest::newRow("gz suffix") << u"suffix.jsonl.gz"_s << CaptureWriter::Compression::Auto << true;
        QTest::newRow("gzip asked") << u"asked.jsonl"_s << CaptureWriter::Compression::Gzip << true;
    }

    void roundTrip()
    {
        QFETCH(QString, name);
        QFETCH(CaptureWriter::Compression, compression);
        QFETCH(bool, gzipped);
        const QString path = m_dir.filePath(name);
        const CaptureHeader header = sampleHeader();
        const std::vector<StreamRecord> records = sampleRecords();
        {
            CaptureWriter writer;
            QVERIFY2(writer.open(path, header, compression), qPrintable(writer.errorString()));
            QCOMPARE(writer.isCompressed(), gzipped);
            QVERIFY(writer.append(u"shardId-000000000000"_s, std::span(records).first(150)));
            QVERIFY(writer.flush());
            QVERIFY(writer.append(u"shardId-000000000002"_s, std::span(records).subspan(150)));
            QVERIFY2(writer.close(), qPrintable(writer.errorString()));
            QCOMPARE(writer.recordCount(), qint64(records.size()));
            QCOMPARE(writer.bytesWritten(), QFileInfo(path).size());
            QVERIFY(gzipped ? writer.bytesWritten() < writer.uncompressedBytes()
                            : writer.bytesWritten() == writer.uncompressedBytes());
        }

        CaptureReader reader;
        QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
        QCOMPARE(reader.isCompressed(), gzipped);
        QCOMPARE(reader.header().formatVersion, 1);
        QCOMPARE(reader.header().stream, header.stream);
        QCOMPARE(reader.header().source, header.source);
        QCOMPARE(reader.header().capturedAt, header.capturedAt);
        QCOMPARE(reader.header().shards.size(), header.shards.size());
        for (std::size_t i = 0; i < header.shards.size(); ++i) {
            const auto &a = reader.header().shards[i];
            const auto &b = header.shards[i];
            QCOMPARE(a.shardId, b.shardId);
            QCOMPARE(a.parentShardId, b.parentShardId);
            QCOMPARE(a.adjacentParentShardId, b.adjacentParentShardId);
            QCOMPARE(a.startingHashKey, b.startingHashKey);
            QCOMPARE(a.endingHashKey, b.endingHashKey);
            QCOMPARE(a.startingSequenceNumber, b.startingSequenceNumber);
            QCOMPARE(a.endingSequenceNumber, b.endingSequenceNumber);
        }
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto captured = reader.next();
            QVERIFY2(captured, qPrintable(reader.errorString()));
            QCOMPARE(captured->shardId, i < 150 ? u"shardId-000000000000"_s : u"shardId-000000000002"_s);
            const StreamRecord &expected = records[i];
            QCOMPARE(captured->record.data, expected.data);
            QCOMPARE(captured->record.partitionKey, expected.partitionKey);
            QCOMPARE(captured->record.sequenceNumber.toString(), expected.sequenceNumber.toString());
            QCOMPARE(captured->record.sequenceNumber.rawSubSequence(), expected.sequenceNumber.rawSubSequence());
            QCOMPARE(captured->record.approximateArrivalTimestamp, expected.approximateArrivalTimestamp);
        }
        QVERIFY(!reader.next());
        QVERIFY(reader.atEnd());
        QVERIFY(!reader.hasError());
    }

    void createdPrivateWhateverTheUmask()
    {
        const mode_t previous = ::umask(0);
        const QString path = m_dir.filePath(u"private.jsonl"_s);
        write(u"private.jsonl"_s, "old");
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::ReadGroup);
        CaptureWriter writer;
        const bool opened = writer.open(path, sampleHeader());
        ::umask(previous);
        QVERIFY(opened);
        struct stat info{};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QVERIFY(writer.close());

        const QString fresh = m_dir.filePath(u"fresh.jsonl.gz"_s);
        ::umask(0);
        CaptureWriter second;
        const bool freshOpened = second.open(fresh, sampleHeader());
        ::umask(previous);
        QVERIFY(freshOpened);
        QCOMPARE(::stat(QFile::encodeName(fresh).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
    }

    void logProcessorLinesWithAHeaderAreACapture()
    {
        // What `qmld run --processor log` writes, events and all, after a header line.
        const QByteArray log =
            R"({"event":"initialize","shardId":"shardId-000000000000","sequenceNumber":null,"subSequenceNumber":null})" "\n"
            R"({"shardId":"shardId-000000000000","sequenceNumber":"42","subSequenceNumber":null,"partitionKey":"k","data":"aGk=","approximateArrivalTimestamp":1700000000000})" "\n"
            R"({"event":"checkpointed","shardId":"shardId-000000000000","sequenceNumber":"42","subSequenceNumber":null,"manual":false,"attempts":1})" "\n";
        CaptureHeader header = sampleHeader();
        qsizetype count = 0;
        QCOMPARE(readError(write(u"log.jsonl"_s, header.toJsonLine() + log), &count), QString());
        QCOMPARE(count, 1);

        const QString noHeader = readError(write(u"bare.jsonl"_s, log.mid(log.indexOf('\n') + 1)));
        QVERIFY2(noHeader.startsWith(u"bare.jsonl:1: no header line"_s), qPrintable(noHeader));
    }

    void badLinesNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        const QByteArray good = R"("shardId":"shardId-000000000000","partitionKey":"k","approximateArrivalTimestamp":1)";
        QTest::newRow("not json") << QByteArray("{\"shardId\":") << u"bad.jsonl:4: not JSON"_s;
        QTest::newRow("no sequence") << ("{" + good + R"(,"data":"aGk="})") << u"bad.jsonl:4: missing sequenceNumber"_s;
        QTest::newRow("bad sequence") << ("{" + good + R"(,"sequenceNumber":"12a","data":"aGk="})")
                                      << u"bad.jsonl:4: sequenceNumber is not"_s;
        QTest::newRow("bad base64") << ("{" + good + R"(,"sequenceNumber":"12","data":"a*k="})")
                                    << u"bad.jsonl:4: data is not base64"_s;
        QTest::newRow("no data") << ("{" + good + R"(,"sequenceNumber":"12"})") << u"bad.jsonl:4: missing data"_s;
        QTest::newRow("unknown shard")
            << QByteArray(R"({"shardId":"shardId-000000000009","sequenceNumber":"12","data":""})")
            << u"bad.jsonl:4: shard shardId-000000000009 is not in the header"_s;
    }

    void badLinesNameTheLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        const QByteArray ok = R"({"shardId":"shardId-000000000000","sequenceNumber":"11","data":""})" "\n";
        const QString message = readError(write(u"bad.jsonl"_s, sampleHeader().toJsonLine() + ok + "\n" + line + "\n" + ok));
        QVERIFY2(message.startsWith(error), qPrintable(message));
    }

    void headerProblems()
    {
        QString message = readError(write(u"empty.jsonl"_s, {}));
        QVERIFY2(message.contains(u"empty.jsonl"_s) && message.contains(u"no header line"_s), qPrintable(message));

        QByteArray newer = sampleHeader().toJsonLine();
        newer.replace("\"formatVersion\":1", "\"formatVersion\":7");
        message = readError(write(u"newer.jsonl"_s, newer));
        QVERIFY2(message.startsWith(u"newer.jsonl:1: unknown formatVersion 7"_s), qPrintable(message));
    }

    void truncatedAndCorruptGzip()
    {
        QByteArray text = sampleHeader().toJsonLine();
        for (const StreamRecord &record : sampleRecords())
            text += captureRecordLine(u"shardId-000000000000"_s, record);
        const QByteArray compressed = gzip(text);

        qsizetype count = 0;
        QCOMPARE(readError(write(u"whole.jsonl.gz"_s, compressed), &count), QString());
        QCOMPARE(count, qsizetype(sampleRecords().size()));

        QString message = readError(write(u"cut.jsonl.gz"_s, compressed.left(compressed.size() / 2)));
        QVERIFY2(message.startsWith(u"cut.jsonl.gz: truncated gzip"_s), qPrintable(message));

        QByteArray corrupt = compressed;
        for (qsizetype i = corrupt.size() / 3; i < corrupt.size() / 3 + 64; ++i)
            corrupt[i] = char(~corrupt[i]);
        message = readError(write(u"corrupt.jsonl.gz"_s, corrupt));
        QVERIFY2(message.startsWith(u"corrupt.jsonl.gz"_s) && !message.isEmpty(), qPrintable(message));
        QVERIFY2(message.contains(u"gzip"_s) || message.contains(u"not JSON"_s), qPrintable(message));

        // A plain file cut in the middle of its last line: that line is not JSON.
        message = readError(write(u"cut.jsonl"_s, text.left(text.size() - 10)));
        QVERIFY2(message.startsWith(u"cut.jsonl:%1: not JSON"_s.arg(sampleRecords().size() + 1)), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestCaptureFile)
#include "test_capture_file.moc"

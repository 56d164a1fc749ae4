// A live capture whose disk stalls never slows the shards: the capture file
// is a FIFO nobody reads (a write() that never returns, as on a hung disk),
// two shards keep appending to the stream's RecordTap (the captured one and
// another), both get every batch through, the tap keeps their newest
// records, and the capture reports that it was dropped because the disk did
// not keep up.

#include "console/LiveCapture.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

namespace {

constexpr int kBatches = 400;
constexpr int kRecordsPerBatch = 10;

std::vector<StreamRecord> batch(int number)
{
    std::vector<StreamRecord> records;
    for (int i = 0; i < kRecordsPerBatch; ++i) {
        StreamRecord record;
        record.sequenceNumber = *SequenceNumber::parse(QByteArray::number(1000000 + number * kRecordsPerBatch + i));
        record.partitionKey = QByteArray("key");
        record.data = QByteArray(1024, 'x');
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace

class TestLiveCaptureStall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stalledWriterDoesNotSlowTheShards();
};

void TestLiveCaptureStall::stalledWriterDoesNotSlowTheShards()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(u"capture.jsonl"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    // A reader that never reads: the writer's open() succeeds, its write()s block once the pipe is full.
    const int reader = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    QVERIFY(reader >= 0);

    auto tap = std::make_shared<RecordTap>();
    StreamSettings stream;
    stream.streamName = u"orders"_s;
    stream.daemon = u"kcl-v2"_s; // no store to describe the shards
    CaptureWriterThread::Options options = LiveCapture::optionsFor(stream, {u"shard-A"_s}, fifo);
    options.maxPendingBytes = 1 << 20; // far less than the shards deliver
    std::unique_ptr<LiveCapture> capture = LiveCapture::start(tap, options);
    QSignalSpy failed(capture.get(), &LiveCapture::failed);

    std::atomic<int> doneA{0}, doneB{0};
    std::thread shardA([&] {
        for (int i = 0; i < kBatches; ++i, ++doneA)
            tap->append(u"shard-A"_s, batch(i));
    });
    std::thread shardB([&] {
        for (int i = 0; i < kBatches; ++i, ++doneB)
            tap->append(u"shard-B"_s, batch(i));
    });
    // Whatever happens: unblock the writer (read the FIFO to its end) and join.
    const auto cleanup = qScopeGuard([&] {
        capture->stop();
        char buffer[65536];
        for (;;) {
            pollfd wait{reader, POLLIN, 0};
            if (::poll(&wait, 1, 10000) <= 0)
                break;
            const ssize_t n = ::read(reader, buffer, sizeof buffer);
            if (n == 0 && doneA == kBatches && doneB == kBatches)
                break; // the writer closed the file
            if (n < 0 && errno != EAGAIN)
                break;
        }
        shardA.join();
        shardB.join();
        capture.reset();
        ::close(reader);
    });

    QTRY_VERIFY2_WITH_TIMEOUT(doneA == kBatches && doneB == kBatches,
                              qPrintable(u"shard-A %1, shard-B %2 of %3 batches"_s.arg(doneA).arg(doneB).arg(kBatches)),
                              30000);
    // The tap kept the newest records of both shards.
    for (const QString &shard : {u"shard-A"_s, u"shard-B"_s}) {
        const RecordTap::Tail tail = tap->tail(shard, 0);
        QCOMPARE(tail.first + tail.records.size(), std::uint64_t(kBatches * kRecordsPerBatch));
    }
    // And the capture says it was dropped, and why.
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    const QString error = failed.constFirst().constFirst().toString();
    QVERIFY2(error.contains(u"did not keep up"_s) && error.contains(u"capture dropped"_s), qPrintable(error));
    QCOMPARE(capture->writeError(), error);
}

QTEST_GUILESS_MAIN(TestLiveCaptureStall)

#include "test_live_capture_stall.moc"

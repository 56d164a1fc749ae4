// File → Replay capture, as a user meets it: a capture of two shards opens
// as a stream of its own, paused; Step feeds one batch (500 of 800 records);
// Play with the speed set to max feeds the rest, which arrived an hour later
// (as recorded, Play would take that hour); the tail shows the captured
// records; every shard ends at SHARD_END; and closing the stream leaves no
// daemon behind.

#include "console/ConsoleStreams.h"
#include "models/RecordTableModel.h"
#include "models/ShardTableModel.h"
#include "models/StreamListModel.h"
#include "widgets/MainWindow.h"
#include "widgets/RecordTailView.h"

#include "ConsoleTestMain.h"
#include "ProcessProbe.h"

#include <qmld/CaptureFile.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

class TestConsoleReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void captureReplaysStepThenPlayToTheEnd();
};

namespace {

constexpr int kPerShard = 400;

// Two shards splitting the key space, 400 records each, a millisecond apart,
// except that the last 150 of each shard arrived an hour after the others.
QString writeCapture(const QString &path)
{
    CaptureHeader header;
    header.stream = u"orders"_s;
    header.source = u"test"_s;
    header.capturedAt = QDateTime::currentDateTimeUtc();
    header.shards = {{u"shardId-000000000000"_s, {}, {}, u"0"_s, u"170141183460469231731687303715884105727"_s, u"0"_s, {}},
                     {u"shardId-000000000001"_s, {}, {}, u"170141183460469231731687303715884105728"_s,
                      u"340282366920938463463374607431768211455"_s, u"0"_s, {}}};
    CaptureWriter writer;
    if (!writer.open(path, header))
        return writer.errorString();
    const std::int64_t start = QDateTime::currentMSecsSinceEpoch() - 60000;
    for (int shard = 0; shard < 2; ++shard) {
        for (int i = 0; i < kPerShard; ++i) {
            StreamRecord record;
            record.sequenceNumber = *SequenceNumber::parse(QByteArray::number(1000 + i), 0);
            record.partitionKey = "key-" + QByteArray::number(i);
            record.data = "{\"order\":" + QByteArray::number(shard * 1000 + i) + "}";
            record.approximateArrivalTimestamp = start + i + (i >= 250 ? 3600 * 1000 : 0);
            writer.append(header.shards[std::size_t(shard)].shardId, record);
        }
    }
    return writer.close() ? QString() : writer.errorString();
}

} // namespace

void TestConsoleReplay::captureReplaysStepThenPlayToTheEnd()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString capture = dir.filePath(u"orders.jsonl"_s);
    const QString written = writeCapture(capture);
    QVERIFY2(written.isEmpty(), qPrintable(written));

    auto streams = std::make_unique<ConsoleStreams>();
    auto window = std::make_unique<MainWindow>(streams.get(), dir.filePath(u"store.sqlite"_s));
    window->show();
    QVERIFY(window->openReplay(capture));
    const QString stream = window->currentStream();
    QVERIFY2(stream.contains(u"orders.jsonl"_s), qPrintable(stream));
    QCOMPARE(window->streamModel()->rowCount(), 1);

    auto *status = window->findChild<QLabel *>(u"replayStatus"_s);
    auto *play = window->findChild<QAction *>(u"replayPlay"_s);
    auto *step = window->findChild<QAction *>(u"replayStep"_s);
    auto *speed = window->findChild<QComboBox *>(u"replaySpeed"_s);
    QVERIFY(status && play && step && speed);
    QVERIFY(status->isVisible());

    // Paused until asked: nothing fed. Step feeds one batch of 500, and stays paused.
    QVERIFY(status->text().startsWith(u"0 records"_s));
    step->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"500 records"_s), 10000);
    QVERIFY(play->isEnabled()); // not playing

    // The daemon takes both shards.
    QTRY_VERIFY_WITH_TIMEOUT(window->shardModel()->rowCount() == 2, 30000);

    // The rest at max speed: Play feeds everything (as recorded, it would wait an hour).
    const int max = speed->findData(0.0);
    QVERIFY(max >= 0);
    speed->setCurrentIndex(max);
    play->trigger();
    QVERIFY(!play->isEnabled()); // playing
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"800 records"_s), 30000);

    // The tail of the selected shard fills with its records.
    window->selectShard(u"shardId-000000000001"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window->recordTail()->model()->rowCount(), kPerShard, 30000);
    const StreamRecord *first = window->recordTail()->model()->record(0);
    QVERIFY(first);
    QCOMPARE(first->data, QByteArray("{\"order\":1000}"));
    QCOMPARE(first->sequenceNumber.toString(), u"1000"_s);

    // Everything is in: the shards close and end.
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"replay complete"_s), 60000);
    const MonitorSnapshotPtr snapshot = window->shardModel()->snapshot();
    for (const ShardRow &row : snapshot->shards)
        QVERIFY2(row.checkpoint && row.checkpoint->kind() == SequenceNumber::Kind::ShardEnd, qPrintable(row.shardId));

    // Quitting reaps the replay's daemon and its children.
    QList<qint64> below = test::descendantsOf(QCoreApplication::applicationPid());
    below.removeAll(QCoreApplication::applicationPid());
    QVERIFY(!below.isEmpty());
    streams->stopAll(std::chrono::seconds(15));
    window.reset();
    streams.reset();
    for (qint64 pid : std::as_const(below))
        QTRY_VERIFY_WITH_TIMEOUT(!test::isAlive(pid), 10000);
}

QMLD_CONSOLE_TEST_MAIN(TestConsoleReplay)

#include "test_console_replay.moc"

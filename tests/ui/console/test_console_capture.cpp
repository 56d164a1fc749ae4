// Capturing live shards from the console: on the demo stream, the shard this
// process serves is captured while records flow; the status shows the count;
// stopping leaves a capture file (mode 0600) whose header names the shard with
// its hash key range and whose records are that shard's, in order.

#include "console/ConsoleStreams.h"
#include "console/DemoSession.h"
#include "models/ShardTableModel.h"
#include "widgets/MainWindow.h"

#include "ConsoleTestMain.h"

#include <qmld/CaptureFile.h>

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

class TestConsoleCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturesTheSelectedShardWhileLive();
};

void TestConsoleCapture::capturesTheSelectedShardWhileLive()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString storePath = dir.filePath(u"demo.sqlite"_s);
    auto streams = std::make_unique<ConsoleStreams>();
    auto window = std::make_unique<MainWindow>(streams.get(), storePath);
    QString error;
    auto demo = std::make_unique<DemoSession>(storePath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    demo->configureConsoleStream(*streams);
    window->addStream(demo->consoleStream(), false);
    window->show();
    demo->start();
    streams->host(demo->consoleStream().name)->start();

    // A shard this process serves, with records flowing.
    QString shard;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const MonitorSnapshotPtr snapshot = window->shardModel()->snapshot();
            for (const ShardRow &row : snapshot ? snapshot->shards : std::vector<ShardRow>{}) {
                if (row.sessionHere && row.recordsProcessed > 0) {
                    shard = row.shardId;
                    return true;
                }
            }
            return false;
        }(),
        60000);

    const QString path = dir.filePath(u"live.jsonl"_s);
    QVERIFY(window->startCapture({shard}, path));
    auto *status = window->findChild<QLabel *>(u"captureStatus"_s);
    QVERIFY(status);
    QTRY_VERIFY_WITH_TIMEOUT(status->isVisible() && !status->text().contains(u": 0 records"_s), 30000);
    QVERIFY2(status->text().contains(shard), qPrintable(status->text()));
    QSignalSpy finished(window.get(), &MainWindow::captureFinished);
    window->stopCapture();
    QVERIFY(!status->isVisible());
    QVERIFY(finished.wait(30000)); // the writer's thread closes the file
    QCOMPARE(finished.constFirst().at(0).toString(), path);
    QCOMPARE(finished.constFirst().at(1).toString(), QString());

    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);

    CaptureReader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    QCOMPARE(reader.header().shards.size(), 1u);
    QCOMPARE(reader.header().shards[0].shardId, shard);
    QVERIFY(!reader.header().shards[0].endingHashKey.isEmpty());
    int count = 0;
    std::optional<SequenceNumber> previous;
    while (const auto captured = reader.next()) {
        QCOMPARE(captured->shardId, shard);
        if (previous)
            QVERIFY(*previous < captured->record.sequenceNumber);
        previous = captured->record.sequenceNumber;
        QVERIFY(captured->record.data.startsWith('{'));
        ++count;
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QVERIFY(count > 0);

    streams->stopAll(std::chrono::seconds(15), {demo->backgroundWorker()});
    window.reset();
    demo.reset();
    streams.reset();
}

QMLD_CONSOLE_TEST_MAIN(TestConsoleCapture)

#include "test_console_capture.moc"

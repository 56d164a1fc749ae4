// The manual checkpoint buttons as a user meets them: usable only while a
// session here serves the selected shard, "at record" only with a record
// selected, and the fate of the request (pending, ok, failed with the
// daemon's error, refused) where the user clicked.

#include "console/ConsoleStreams.h"
#include "models/ShardTableModel.h"
#include "widgets/CheckpointPanel.h"
#include "widgets/MainWindow.h"

#include "ConsoleTestMain.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using qmld::ui::CheckpointPanel;
using qmld::ui::ConsoleStreams;
using qmld::ui::MainWindow;
using qmld::ui::StreamSettings;

namespace {
const QString kShard = u"shardId-000000000001"_s;

ShardRow servedHere()
{
    ShardRow row;
    row.shardId = kShard;
    row.state = ShardState::Processing;
    row.ownership = Ownership::ThisProcess;
    row.leaseOwner = u"console"_s;
    row.inLeaseTable = true;
    row.sessionHere = true;
    return row;
}

ShardRow ownedElsewhere()
{
    ShardRow row = servedHere();
    row.ownership = Ownership::OtherWorker;
    row.leaseOwner = u"demo-worker-2"_s;
    row.sessionHere = false;
    return row;
}
} // namespace

class TestCheckpointPanel : public QObject
{
    Q_OBJECT

    struct Ui
    {
        QPushButton *now = nullptr;
        QPushButton *atRecord = nullptr;
        QLabel *status = nullptr;
    };

    static Ui find(CheckpointPanel &panel)
    {
        Ui ui{panel.findChild<QPushButton *>(u"checkpointNow"_s), panel.findChild<QPushButton *>(u"checkpointAtRecord"_s),
              panel.findChild<QLabel *>(u"checkpointStatus"_s)};
        return ui;
    }

private Q_SLOTS:
    void disabledWithoutSessionHere()
    {
        CheckpointPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Ui ui = find(panel);
        QVERIFY(ui.now && ui.atRecord && ui.status);
        QSignalSpy nowSpy(&panel, &CheckpointPanel::checkpointNowRequested);
        QSignalSpy atSpy(&panel, &CheckpointPanel::checkpointAtRequested);

        // No shard selected.
        QVERIFY(!ui.now->isEnabled());
        QVERIFY(!ui.atRecord->isEnabled());
        QVERIFY(!ui.now->statusTip().isEmpty());

        // A shard another worker serves: only its owner can checkpoint it, and the panel says so.
        const ShardRow other = ownedElsewhere();
        panel.setShard(&other);
        panel.setSelectedRecord(SequenceNumber::parse(u"100"_s));
        QVERIFY(!ui.now->isEnabled());
        QVERIFY(!ui.atRecord->isEnabled());
        QVERIFY(ui.now->statusTip().contains(kShard));
        QTest::mouseClick(ui.now, Qt::LeftButton);
        QTest::mouseClick(ui.atRecord, Qt::LeftButton);
        QCOMPARE(nowSpy.count(), 0);
        QCOMPARE(atSpy.count(), 0);

        panel.setShard(nullptr);
        QVERIFY(!ui.now->isEnabled());
        QVERIFY(!ui.atRecord->isEnabled());
    }

    void enabledWithSessionHere()
    {
        CheckpointPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Ui ui = find(panel);
        QSignalSpy nowSpy(&panel, &CheckpointPanel::checkpointNowRequested);
        QSignalSpy atSpy(&panel, &CheckpointPanel::checkpointAtRequested);

        const ShardRow here = servedHere();
        panel.setShard(&here);
        QVERIFY(ui.now->isEnabled());
        QVERIFY(ui.now->statusTip().isEmpty());
        // "At record" needs a record selected in the tail.
        QVERIFY(!ui.atRecord->isEnabled());

        QTest::mouseClick(ui.now, Qt::LeftButton);
        QCOMPARE(nowSpy.count(), 1);
        QCOMPARE(nowSpy.at(0).at(0).toString(), kShard);
        QCOMPARE(atSpy.count(), 0);
        QVERIFY(!ui.status->text().isEmpty()); // the click shows at once that something happens

        const auto record = SequenceNumber::parse(u"49590338271490256608559692538361571095921575989136588898"_s, 2);
        QVERIFY(record);
        panel.setSelectedRecord(record);
        QVERIFY(ui.atRecord->isEnabled());
        QTest::mouseClick(ui.atRecord, Qt::LeftButton);
        QCOMPARE(atSpy.count(), 1);
        QCOMPARE(atSpy.at(0).at(0).toString(), kShard);
        QCOMPARE(atSpy.at(0).at(1).value<SequenceNumber>(), *record);
        QCOMPARE(atSpy.at(0).at(1).value<SequenceNumber>().subSequence(), 2);
        QCOMPARE(nowSpy.count(), 1);

        // The record selection goes: "at record" goes with it.
        panel.setSelectedRecord(std::nullopt);
        QVERIFY(!ui.atRecord->isEnabled());
        QVERIFY(ui.now->isEnabled());

        // The session here ends (lease lost): both off again.
        panel.setSelectedRecord(record);
        const ShardRow lost = ownedElsewhere();
        panel.setShard(&lost);
        QVERIFY(!ui.now->isEnabled());
        QVERIFY(!ui.atRecord->isEnabled());
    }

    void showsTheFateOfTheCheckpoint()
    {
        CheckpointPanel panel;
        const Ui ui = find(panel);
        ShardRow row = servedHere();
        row.lastCheckpoint.state = CheckpointStatus::State::Pending;
        row.lastCheckpoint.manual = true;
        row.lastCheckpoint.at = QDateTime::currentDateTimeUtc();
        panel.setShard(&row);
        QVERIFY(ui.status->text().contains(u"pending"_s));

        row.lastCheckpoint.state = CheckpointStatus::State::Failed;
        row.lastCheckpoint.error = u"InvalidStateException: the lease was lost"_s;
        panel.setShard(&row);
        QVERIFY2(ui.status->text().contains(u"InvalidStateException: the lease was lost"_s), qPrintable(ui.status->text()));
        QVERIFY(ui.status->text().contains(u"failed"_s));

        row.lastCheckpoint.state = CheckpointStatus::State::Ok;
        row.lastCheckpoint.error.clear();
        row.lastCheckpoint.position = SequenceNumber::parse(u"12345"_s);
        panel.setShard(&row);
        QVERIFY(ui.status->text().startsWith(u"ok"_s));
        QVERIFY(!ui.status->text().contains(u"InvalidStateException"_s));

        // Another shard without a checkpoint yet: no leftover from the previous one.
        ShardRow other = servedHere();
        other.shardId = u"shardId-000000000002"_s;
        panel.setShard(&other);
        QCOMPARE(ui.status->text(), QString());
    }

    // The policy line is the selected stream's own checkpoint setting, as the
    // main window passes it on when the user switches streams.
    void policyFollowsTheSelectedStream()
    {
        QTemporaryDir dir;
        ConsoleStreams streams;
        MainWindow window(&streams, dir.filePath(u"store.sqlite"_s));
        StreamSettings counted = stream(u"counted"_s);
        counted.checkpointMode = StreamSettings::CheckpointMode::EveryRecords;
        counted.checkpointEvery = 250;
        counted.storePath = dir.filePath(u"store.sqlite"_s);
        StreamSettings byHand = stream(u"by-hand"_s);
        byHand.storePath = counted.storePath;
        byHand.checkpointMode = StreamSettings::CheckpointMode::Off;
        window.addStream(counted, false);
        window.addStream(byHand, false);

        window.selectStream(u"counted"_s);
        QVERIFY2(!labelTexts(*window.checkpointPanel()).filter(u"every 250 record"_s).isEmpty(),
                 qPrintable(labelTexts(*window.checkpointPanel()).join(u" | "_s)));
        window.selectStream(u"by-hand"_s);
        QVERIFY2(labelTexts(*window.checkpointPanel()).contains(u"by hand only"_s),
                 qPrintable(labelTexts(*window.checkpointPanel()).join(u" | "_s)));
        QVERIFY(labelTexts(*window.checkpointPanel()).filter(u"every 250 record"_s).isEmpty());
    }

    // A shard another worker holds: both buttons disabled, and the panel, the
    // tooltips and the status tips say why, naming the owner (issue 14, item 1).
    void disabledButtonsSayWhy()
    {
        CheckpointPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Ui ui = find(panel);
        auto *why = panel.findChild<QLabel *>(u"checkpointWhy"_s);
        QVERIFY(why);
        const ShardRow other = ownedElsewhere();
        panel.setShard(&other);
        QVERIFY(!ui.now->isEnabled() && !ui.atRecord->isEnabled());
        QVERIFY(why->isVisible());
        QVERIFY2(why->text().contains(kShard) && why->text().contains(u"demo-worker-2"_s), qPrintable(why->text()));
        QVERIFY2(ui.now->toolTip().contains(u"demo-worker-2"_s), qPrintable(ui.now->toolTip()));
        QVERIFY2(ui.atRecord->toolTip().contains(u"demo-worker-2"_s), qPrintable(ui.atRecord->toolTip()));
        QVERIFY(ui.atRecord->statusTip().contains(u"demo-worker-2"_s));

        // Served here: nothing to explain.
        const ShardRow here = servedHere();
        panel.setShard(&here);
        QVERIFY(ui.now->isEnabled());
        QVERIFY(!why->isVisible());
        QVERIFY(!ui.now->toolTip().contains(u"\n"_s));
    }

    // "Checkpoint at record" on a record at or before the shard's checkpoint
    // would fail with IllegalArgumentException: not offered, and said why (item 4).
    void atRecordNotBeforeTheCheckpoint()
    {
        CheckpointPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Ui ui = find(panel);
        auto *why = panel.findChild<QLabel *>(u"checkpointWhy"_s);
        QVERIFY(why);
        ShardRow row = servedHere();
        row.checkpoint = SequenceNumber::parse(u"49590338271490256608559692538361571095921575989136588898"_s);
        panel.setShard(&row);
        QSignalSpy atSpy(&panel, &CheckpointPanel::checkpointAtRequested);

        for (const char *older : {"49590338271490256608559692538361571095921575989136588898",
                                  "49590338271490256608559692538361571095921575989136588000"}) {
            panel.setSelectedRecord(SequenceNumber::parse(QByteArray(older)));
            QVERIFY(!ui.atRecord->isEnabled());
            QVERIFY(ui.now->isEnabled());
            QVERIFY2(why->isVisible() && why->text().contains(u"at or before the shard's checkpoint"_s),
                     qPrintable(why->text()));
            QVERIFY(ui.atRecord->toolTip().contains(u"at or before"_s));
            QTest::mouseClick(ui.atRecord, Qt::LeftButton);
            QCOMPARE(atSpy.count(), 0);
        }
        panel.setSelectedRecord(SequenceNumber::parse(u"49590338271490256608559692538361571095921575989136589999"_s));
        QVERIFY(ui.atRecord->isEnabled());
        QVERIFY(!why->isVisible());
        QTest::mouseClick(ui.atRecord, Qt::LeftButton);
        QCOMPARE(atSpy.count(), 1);
        // A sentinel checkpoint (TRIM_HORIZON) holds nothing back.
        row.checkpoint = SequenceNumber::trimHorizon();
        panel.setShard(&row);
        panel.setSelectedRecord(SequenceNumber::parse(u"1"_s));
        QVERIFY(ui.atRecord->isEnabled());
    }

    // "Checkpoint now" on a shard whose session has just gone (the view still
    // shows it served here): the stream's host refuses, and the panel says why.
    void aRefusedCheckpointShowsWhy()
    {
        QTemporaryDir dir;
        ConsoleStreams streams;
        MainWindow window(&streams, dir.filePath(u"store.sqlite"_s));
        StreamSettings settings = stream(u"s"_s);
        settings.storePath = dir.filePath(u"store.sqlite"_s);
        window.addStream(settings, false);
        window.selectStream(u"s"_s);
        // The stream's own monitor speaks first (no shards: it was never
        // started, and its store does not exist); after that it publishes
        // only when something changes.
        QTRY_VERIFY_WITH_TIMEOUT(window.shardModel()->snapshot() && !window.shardModel()->snapshot()->leaseError.isEmpty(),
                                 10000);
        auto snapshot = std::make_shared<MonitorSnapshot>(*window.shardModel()->snapshot());
        ++snapshot->serial;
        snapshot->shards = {servedHere()};
        Q_EMIT streams.snapshotReady(u"s"_s, snapshot);
        window.selectShard(kShard);
        QCOMPARE(window.currentShard(), kShard);

        const Ui ui = find(*window.checkpointPanel());
        QVERIFY(ui.now->isEnabled());
        ui.now->click();
        QTRY_VERIFY2_WITH_TIMEOUT(ui.status->text().contains(u"no session here serves shard "_s + kShard),
                                  qPrintable(ui.status->text() + u" (shard "_s + window.currentShard() + u')'), 10000);
        streams.stopAll(std::chrono::seconds(10));
    }

private:
    static StreamSettings stream(const QString &name)
    {
        StreamSettings settings;
        settings.name = name;
        settings.applicationName = name + u"-app"_s;
        settings.streamName = name;
        return settings;
    }

    static QStringList labelTexts(const CheckpointPanel &panel)
    {
        QStringList texts;
        for (const QLabel *label : panel.findChildren<QLabel *>())
            texts << label->text();
        return texts;
    }
};

QMLD_CONSOLE_TEST_MAIN(TestCheckpointPanel)
#include "test_checkpoint_panel.moc"

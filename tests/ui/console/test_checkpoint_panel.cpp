// The manual checkpoint buttons as a user meets them: usable only while a
// session here serves the selected shard, "at record" only with a record
// selected, and the fate of the request (pending, ok, failed with the
// daemon's error, refused) where the user clicked.

#include "widgets/CheckpointPanel.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using qmld::ui::CheckpointPanel;

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

    void showRefusalShowsTheReason()
    {
        CheckpointPanel panel;
        const Ui ui = find(panel);
        const ShardRow row = servedHere();
        panel.setShard(&row);
        panel.showRefusal(u"no session in this process serves shardId-000000000001"_s);
        QVERIFY2(ui.status->text().contains(u"no session in this process serves shardId-000000000001"_s),
                 qPrintable(ui.status->text()));
    }

    void policyTextShows()
    {
        CheckpointPanel panel;
        panel.setPolicyText(u"every 10 seconds"_s);
        bool found = false;
        const QList<QLabel *> labels = panel.findChildren<QLabel *>();
        for (const QLabel *label : labels)
            found = found || label->text() == u"every 10 seconds"_s;
        QVERIFY(found);
    }
};

QTEST_MAIN(TestCheckpointPanel)
#include "test_checkpoint_panel.moc"

// Stream → Reset checkpoint as a user goes through it, with the lease table
// locked by another writer meanwhile: the window keeps working (the reset
// waits on a thread of its own, not on the UI thread), and once the lock is
// gone the checkpoint lands. A lease a live worker holds is reset only by
// taking it from that worker by name.

#include "ConsoleTestMain.h"
#include "ResetDriver.h"
#include "console/ConsoleStreams.h"
#include "models/ShardTableModel.h"
#include "widgets/MainWindow.h"
#include "widgets/ResetCheckpointDialog.h"

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::test;
using namespace qmld::ui;

namespace {

const QString kShard = u"shardId-000000000000"_s;

} // namespace

class TestConsoleReset : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;
    QStringList m_sequences; // of shard 0's records

    StreamSettings settings() const
    {
        StreamSettings stream;
        stream.name = u"orders"_s;
        stream.applicationName = u"orders-app"_s;
        stream.streamName = u"orders"_s;
        stream.storePath = m_storePath;
        stream.failoverTimeMillis = 300;
        return stream;
    }

    static QAction *resetAction(MainWindow &window)
    {
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == MainWindow::tr("Reset &checkpoint…"))
                return action;
        }
        return nullptr;
    }

    const ShardRow *row(MainWindow &window) const
    {
        const MonitorSnapshotPtr snapshot = window.shardModel()->snapshot();
        return snapshot ? snapshot->find(kShard) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath(u"store.sqlite"_s);
        auto store = StreamStore::open(m_storePath);
        QVERIFY(store);
        QVERIFY(store->createStream(u"orders"_s, 1));
        for (int i = 0; i < 10; ++i) {
            auto put = store->putRecord(u"orders"_s, {"key", "record " + QByteArray::number(i), std::nullopt});
            QVERIFY(put);
            m_sequences << put->sequenceNumber.toString();
        }
    }

    void resetWhileTheTableIsLockedKeepsTheWindowWorking()
    {
        // A worker that is gone: its lease stands still.
        auto table = LeaseTable::open(m_storePath, u"orders-app"_s);
        QVERIFY(table);
        Lease lease;
        lease.leaseKey = kShard;
        QVERIFY(table->create(lease)->applied());
        QVERIFY(table->take(kShard, 0, u"gone-worker"_s)->applied());

        ConsoleStreams streams;
        MainWindow window(&streams, m_storePath);
        window.addStream(settings(), false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectStream(u"orders"_s);
        // The console's monitor has watched the lease stand still past failoverTimeMillis.
        QTRY_VERIFY_WITH_TIMEOUT(row(window) && row(window)->expired && row(window)->leaseOwner, 20000);
        window.selectShard(kShard);
        QAction *reset = resetAction(window);
        QVERIFY(reset);
        QTRY_VERIFY(reset->isEnabled());

        // Another writer holds the store's write lock.
        QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        locker.setDatabaseName(m_storePath);
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));

        ResetDriver driver(ResetDriver::sequenceNumber(m_sequences[4]), false);
        reset->trigger(); // returns when the dialogs are answered
        QVERIFY(driver.confirmed);
        QVERIFY(!driver.offeredToTakeTheLease); // its owner is gone
        QVERIFY2(window.statusBar()->currentMessage().contains(u"Resetting"_s),
                 qPrintable(window.statusBar()->currentMessage()));

        // The window goes on: its timers fire, and another reset waits its turn.
        int ticks = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
        tick.start(10);
        QTRY_VERIFY(ticks >= 20);
        QVERIFY(!reset->isEnabled());
        QVERIFY(reset->toolTip().contains(u"under way"_s));
        QCOMPARE(table->lease(kShard)->value().leaseOwner, std::optional(u"gone-worker"_s));

        QVERIFY(lock.exec(u"ROLLBACK"_s));
        lock.finish();
        QTRY_COMPARE_WITH_TIMEOUT(table->lease(kShard)->value().checkpoint.toString(), m_sequences[4], 10000);
        QVERIFY(!table->lease(kShard)->value().leaseOwner);
        QTRY_VERIFY(reset->isEnabled());
        QVERIFY(driver.warnings.isEmpty());
        locker.close();
        streams.stopAll(std::chrono::seconds(10));
    }

    void aLiveOwnerIsTakenFromOnlyByName()
    {
        auto table = LeaseTable::open(m_storePath, u"orders-app"_s);
        QVERIFY(table);
        QVERIFY(table->take(kShard, table->lease(kShard)->value().leaseCounter, u"live-worker"_s)->applied());
        // live-worker renews its lease all along.
        QTimer renew;
        connect(&renew, &QTimer::timeout, this, [&table] {
            if (auto lease = table->lease(kShard); lease && *lease)
                (void)table->renew(kShard, (*lease)->leaseCounter, u"live-worker"_s);
        });
        renew.start(50);

        ConsoleStreams streams;
        MainWindow window(&streams, m_storePath);
        window.addStream(settings(), false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectStream(u"orders"_s);
        QTRY_VERIFY_WITH_TIMEOUT(row(window) && row(window)->leaseOwner == u"live-worker"_s, 20000);
        window.selectShard(kShard);
        QAction *reset = resetAction(window);
        QTRY_VERIFY(reset->isEnabled()); // offered, though a live worker holds it
        QVERIFY(reset->statusTip().contains(u"live-worker"_s));

        {
            ResetDriver leaveIt(ResetDriver::sequenceNumber(m_sequences[7]), false);
            reset->trigger();
            QVERIFY(leaveIt.offeredToTakeTheLease);
            QVERIFY(!leaveIt.confirmed); // without taking the lease there is nothing to confirm
        }
        QCOMPARE(table->lease(kShard)->value().leaseOwner, std::optional(u"live-worker"_s));

        renew.stop();
        ResetDriver takeIt(ResetDriver::sequenceNumber(m_sequences[7]), true);
        reset->trigger();
        QVERIFY(takeIt.offeredToTakeTheLease && takeIt.confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(table->lease(kShard)->value().checkpoint.toString(), m_sequences[7], 10000);
        QVERIFY(!table->lease(kShard)->value().leaseOwner); // live-worker lost it
        QVERIFY(takeIt.warnings.isEmpty());
        streams.stopAll(std::chrono::seconds(10));
    }
};

QMLD_CONSOLE_TEST_MAIN(TestConsoleReset)
#include "test_console_reset.moc"

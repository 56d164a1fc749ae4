// The console on its embedded demo, end to end: the demo's two workers
// (this process's "console" and the background "demo-worker-2") share the 4
// shards, the shard table shows every lease with its owner, a checkpoint made
// by hand through the checkpoint panel lands in the lease table, and stopping
// everything leaves no qmld-daemon or qmld-connect behind.

#include "console/ConsoleStreams.h"
#include "console/DemoSession.h"
#include "models/ShardTableModel.h"
#include "widgets/CheckpointPanel.h"
#include "widgets/MainWindow.h"

#include "ConsoleTestMain.h"
#include "ProcessProbe.h"

#include <qmld/LeaseTable.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

namespace {

QString commandOf(qint64 pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    return comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll().trimmed()) : QString();
}

// Every qmld-daemon and qmld-connect below this process, as seen so far: a
// connect child outlives its daemon's parenthood (it is re-parented) once
// the daemon is gone, so they are collected while the tree is whole.
class ChildWatch
{
public:
    void look()
    {
        const QList<qint64> below = test::descendantsOf(QCoreApplication::applicationPid());
        for (qint64 pid : below) {
            const QString command = commandOf(pid);
            if (command == u"qmld-daemon"_s || command == u"qmld-connect"_s)
                m_seen.insert(pid, command);
        }
    }
    void add(qint64 pid)
    {
        if (pid > 0 && test::isAlive(pid))
            m_seen.insert(pid, commandOf(pid));
    }
    int count(const QString &command) const
    {
        int n = 0;
        for (const QString &c : m_seen)
            n += c == command;
        return n;
    }
    QStringList alive() const
    {
        QStringList left;
        for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it) {
            // The same name again: not a reused pid.
            if (test::isAlive(it.key()) && commandOf(it.key()) == it.value())
                left << u"%1 (%2)"_s.arg(it.value()).arg(it.key());
        }
        return left;
    }

private:
    QHash<qint64, QString> m_seen;
};

} // namespace

class TestConsoleEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoShardsOwnersAndManualCheckpoint();
};

void TestConsoleEndToEnd::demoShardsOwnersAndManualCheckpoint()
{
    QElapsedTimer clock;
    clock.start();
    QTemporaryDir storeDir;
    QVERIFY(storeDir.isValid());
    const QString storePath = storeDir.filePath(u"demo.qmld"_s);

    ChildWatch children;
    QTimer watch;
    watch.setInterval(200);
    connect(&watch, &QTimer::timeout, this, [&children] { children.look(); });
    watch.start();

    auto streams = std::make_unique<ConsoleStreams>();
    auto window = std::make_unique<MainWindow>(streams.get(), storePath);
    QString error;
    auto demo = std::make_unique<DemoSession>(storePath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList demoFailures;
    connect(demo.get(), &DemoSession::failed, this, [&demoFailures](const QString &reason) { demoFailures << reason; });
    const StreamSettings settings = demo->consoleStream();
    const QString stream = settings.name;
    demo->configureConsoleStream(*streams);
    window->addStream(settings, false);
    window->loadSavedStreams();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    demo->start();
    StreamHost *host = streams->host(stream);
    QVERIFY(host);
    host->start();
    QCOMPARE(window->currentStream(), stream);

    // Whatever happens below, nothing started here may outlive the test.
    const auto stopEverything = [&] {
        if (streams)
            streams->disconnect(this); // the handlers below capture locals
        streams->stopAll(std::chrono::seconds(15), {demo ? demo->backgroundWorker() : nullptr});
        children.look();
        window.reset();
        demo.reset();   // the background worker's host kills what is left of its group
        streams.reset(); // and so do the console's hosts
    };
    struct Finally
    {
        std::function<void()> run;
        ~Finally()
        {
            if (run)
                run();
        }
    } finally{stopEverything};

    ShardTableModel *model = window->shardModel();
    const auto ownerTexts = [model] {
        QStringList owners;
        for (int row = 0; row < model->rowCount(); ++row)
            owners << model->index(row, ShardTableModel::Owner).data().toString();
        return owners;
    };
    const auto everyShardOwned = [&] {
        const QStringList owners = ownerTexts();
        if (owners.size() != DemoSession::kShards)
            return false;
        for (const QString &owner : owners) {
            if (!owner.endsWith(u"(this process)"_s) && !owner.endsWith(u"(other worker)"_s))
                return false;
        }
        return owners.contains(u"console (this process)"_s);
    };

    // 4 shards, each with an owner, at least one of them here.
    QTRY_VERIFY2_WITH_TIMEOUT(everyShardOwned(), qPrintable(ownerTexts().join(u" | "_s)), 30000);
    // The background worker takes its share of the leases.
    QTRY_VERIFY2_WITH_TIMEOUT(everyShardOwned() && ownerTexts().contains(u"demo-worker-2 (other worker)"_s),
                              qPrintable(ownerTexts().join(u" | "_s)), 30000);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, ShardTableModel::Shard).data().toString(),
                 u"shardId-%1"_s.arg(row, 12, 10, QChar(u'0')));
    QVERIFY(children.count(u"qmld-daemon"_s) >= 2);

    // A shard served here that has processed records.
    QString shardId;
    std::optional<SequenceNumber> processed;
    const auto pickShard = [&] {
        const MonitorSnapshotPtr snapshot = model->snapshot();
        if (!snapshot)
            return false;
        for (const ShardRow &row : snapshot->shards) {
            if (row.sessionHere && row.ownership == Ownership::ThisProcess && row.lastProcessed
                && row.recordsProcessed > 0) {
                shardId = row.shardId;
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(pickShard(), 20000);

    window->selectShard(shardId);
    QCOMPARE(window->currentShard(), shardId);
    auto *now = window->checkpointPanel()->findChild<QPushButton *>(u"checkpointNow"_s);
    auto *status = window->checkpointPanel()->findChild<QLabel *>(u"checkpointStatus"_s);
    QVERIFY(now && status);
    QTRY_VERIFY_WITH_TIMEOUT(now->isEnabled(), 5000);

    // What the user sees when the manual checkpoint is done: captured from
    // the snapshot that reports it (a policy checkpoint may follow soon after).
    std::optional<SequenceNumber> done;
    QString panelText, cellText;
    QStringList failures;
    connect(streams.get(), &ConsoleStreams::snapshotReady, this, [&](const QString &name, const MonitorSnapshotPtr &s) {
        const ShardRow *row = name == stream ? s->find(shardId) : nullptr;
        if (!row || done || !row->lastCheckpoint.manual)
            return;
        if (row->lastCheckpoint.state == CheckpointStatus::State::Failed)
            failures << row->lastCheckpoint.error;
        if (row->lastCheckpoint.state != CheckpointStatus::State::Ok || !row->lastCheckpoint.position)
            return;
        done = row->lastCheckpoint.position;
        panelText = status->text();
        const int r = model->snapshot() ? model->snapshot()->indexOf(shardId) : -1;
        cellText = r >= 0 ? model->index(r, ShardTableModel::LastCheckpoint).data().toString() : QString();
    });
    QStringList refusals;
    connect(streams.get(), &ConsoleStreams::checkpointRefused, this,
            [&refusals](const QString &, const QString &, const QString &reason) { refusals << reason; });

    // Everything this process has processed of the shard so far.
    const ShardRow *before = model->snapshot()->find(shardId);
    QVERIFY(before && before->lastProcessed);
    processed = before->lastProcessed;
    QTest::mouseClick(now, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(done.has_value() || !failures.isEmpty() || !refusals.isEmpty(),
                              qPrintable(status->text()), 15000);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; "_s)));
    QVERIFY2(refusals.isEmpty(), qPrintable(refusals.join(u"; "_s)));
    QVERIFY2(*done >= *processed, qPrintable(done->display() + u" < "_s + processed->display()));
    QVERIFY2(panelText.startsWith(u"ok "_s) && panelText.contains(u"by hand"_s), qPrintable(panelText));
    QVERIFY2(cellText.startsWith(u"ok "_s) && cellText.contains(u"by hand"_s), qPrintable(cellText));

    // The lease table has it: at least where the manual checkpoint went.
    auto table = LeaseTable::open(storePath, settings.applicationName, StreamStore::OpenMode::MustExist,
                                  std::chrono::milliseconds(2000));
    QVERIFY2(table, table ? "" : qPrintable(table.error().message));
    QCOMPARE(table->tableName(), u"qmld-demo"_s);
    auto lease = table->lease(shardId);
    QVERIFY2(lease, lease ? "" : qPrintable(lease.error().message));
    QVERIFY(lease->has_value());
    QVERIFY2((*lease)->checkpoint >= *done, qPrintable((*lease)->checkpoint.display() + u" < "_s + done->display()));
    QVERIFY((*lease)->checkpoint >= *processed);
    QCOMPARE((*lease)->leaseOwner.value_or(QString()), u"console"_s);
    // The table shows the lease's checkpoint too, once the monitor reads it again.
    const auto shownCheckpoint = [&] {
        const MonitorSnapshotPtr s = model->snapshot();
        const ShardRow *row = s ? s->find(shardId) : nullptr;
        return row && row->checkpoint && *row->checkpoint >= *done;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shownCheckpoint(), 10000);
    QVERIFY2(demoFailures.isEmpty(), qPrintable(demoFailures.join(u"; "_s)));

    // Stop everything, as the console does on quit; nothing is left behind.
    children.look();
    watch.stop();
    QVERIFY(children.count(u"qmld-daemon"_s) >= 2);
    QVERIFY(children.count(u"qmld-connect"_s) >= DemoSession::kShards); // a child per shard, in either worker
    finally.run = {};
    stopEverything();
    QTRY_VERIFY2_WITH_TIMEOUT(children.alive().isEmpty(), qPrintable(children.alive().join(u", "_s)), 10000);
    QVERIFY(test::descendantsOf(QCoreApplication::applicationPid()).isEmpty());
    qInfo("end to end in %lld ms", clock.elapsed());
}

QMLD_CONSOLE_TEST_MAIN(TestConsoleEndToEnd)

#include "test_console_end_to_end.moc"

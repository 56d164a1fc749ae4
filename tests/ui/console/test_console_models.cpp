// The console's item models under QAbstractItemModelTester while they are fed
// the way the console feeds them: snapshots whose shard sets change, record
// tails beyond their caps, log lines beyond maxLines, filters switched on and
// off. Checks the text and colours a user reads off the tables.

#include "console/LagAlerts.h"
#include "models/LogModel.h"
#include "models/RecordTableModel.h"
#include "models/ShardTableModel.h"
#include "models/StreamListModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

ShardRow shard(const QString &id, Ownership ownership, const std::optional<QString> &owner = std::nullopt)
{
    ShardRow row;
    row.shardId = id;
    row.ownership = ownership;
    row.leaseOwner = owner;
    row.inLeaseTable = true;
    row.leaseCounter = 7;
    row.state = ownership == Ownership::Nobody ? ShardState::Unowned : ShardState::Processing;
    row.sessionHere = ownership == Ownership::ThisProcess;
    return row;
}

MonitorSnapshotPtr snapshot(std::vector<ShardRow> shards, quint64 serial = 1)
{
    auto s = std::make_shared<MonitorSnapshot>();
    s->streamName = u"demo"_s;
    s->serial = serial;
    s->takenAt = QDateTime::currentDateTimeUtc();
    std::sort(shards.begin(), shards.end(), [](const ShardRow &a, const ShardRow &b) { return a.shardId < b.shardId; });
    s->shards = std::move(shards);
    s->totals.shards = int(s->shards.size());
    return s;
}

StreamRecord record(qint64 sequence, const QByteArray &data, std::optional<QByteArray> key = QByteArray("key"))
{
    StreamRecord r;
    r.sequenceNumber = *SequenceNumber::parse(QByteArray::number(sequence), std::int64_t(0));
    r.partitionKey = std::move(key);
    r.data = data;
    r.approximateArrivalTimestamp = 1700000000000 + sequence;
    return r;
}

QString text(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

// Every column has a header text and a tooltip that explains it.
void verifyHeaderTooltips(const QAbstractItemModel &model)
{
    for (int column = 0; column < model.columnCount(); ++column) {
        const QString title = model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        const QString tip = model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(!title.isEmpty(), qPrintable(u"column %1 has no title"_s.arg(column)));
        QVERIFY2(!tip.isEmpty(), qPrintable(u"column %1 (%2) has no tooltip"_s.arg(column).arg(title)));
        QVERIFY2(tip != title, qPrintable(u"the tooltip of %1 only repeats its title"_s.arg(title)));
    }
}

} // namespace

class TestConsoleModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void shardTableFollowsChangingShardSets()
    {
        ShardTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ShardTableModel::SortRole);
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.sort(ShardTableModel::Shard);
        Tester tester(&model, kQtTest);
        Tester proxyTester(&proxy, kQtTest);

        QCOMPARE(model.rowCount(), 0);
        model.setSnapshot(snapshot({shard(u"shardId-000000000000"_s, Ownership::ThisProcess, u"console"_s),
                                    shard(u"shardId-000000000001"_s, Ownership::OtherWorker, u"demo-worker-2"_s),
                                    shard(u"shardId-000000000002"_s, Ownership::Nobody)}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ShardTableModel::ColumnCount));
        QCOMPARE(text(model, 0, ShardTableModel::Shard), u"shardId-000000000000"_s);
        QCOMPARE(text(model, 0, ShardTableModel::Owner), u"console (this process)"_s);
        QCOMPARE(text(model, 1, ShardTableModel::Owner), u"demo-worker-2 (other worker)"_s);
        QCOMPARE(text(model, 2, ShardTableModel::Owner), u"nobody"_s);
        QCOMPARE(model.index(1, 0).data(ShardTableModel::ShardIdRole).toString(), u"shardId-000000000001"_s);

        // Same shards, new values: rows stay, values change.
        auto moved = shard(u"shardId-000000000001"_s, Ownership::ThisProcess, u"console"_s);
        moved.checkpoint = SequenceNumber::parse(u"49590338271490256608559692538361571095921575989136588898"_s);
        model.setSnapshot(snapshot({shard(u"shardId-000000000000"_s, Ownership::ThisProcess, u"console"_s), moved,
                                    shard(u"shardId-000000000002"_s, Ownership::Nobody)},
                                   2));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(text(model, 1, ShardTableModel::Owner), u"console (this process)"_s);
        QCOMPARE(text(model, 1, ShardTableModel::Checkpoint), u"49590338271490256608559692538361571095921575989136588898"_s);

        // A reshard: one shard gone, two children in; the proxy follows.
        auto child = shard(u"shardId-000000000004"_s, Ownership::Nobody);
        child.parentShardIds = {u"shardId-000000000002"_s, u"shardId-000000000003"_s};
        child.state = ShardState::WaitingForParents;
        model.setSnapshot(snapshot({shard(u"shardId-000000000000"_s, Ownership::ThisProcess, u"console"_s),
                                    shard(u"shardId-000000000003"_s, Ownership::OtherWorker, u"demo-worker-2"_s), child,
                                    shard(u"shardId-000000000005"_s, Ownership::Unknown)},
                                   3));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(proxy.rowCount(), 4);
        QCOMPARE(text(model, 2, ShardTableModel::Parent), u"shardId-000000000002, shardId-000000000003"_s);
        QCOMPARE(text(model, 3, ShardTableModel::Owner), u"unknown"_s);

        proxy.setFilterFixedString(u"WORKER-2"_s);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(text(proxy, 0, ShardTableModel::Shard), u"shardId-000000000003"_s);
        // Filtered while the snapshots keep coming, shard set changing or not.
        model.setSnapshot(snapshot({shard(u"shardId-000000000003"_s, Ownership::OtherWorker, u"demo-worker-2"_s),
                                    shard(u"shardId-000000000006"_s, Ownership::OtherWorker, u"demo-worker-2"_s)},
                                   4));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterFixedString(QString());

        model.setSnapshot(snapshot({}, 5));
        QCOMPARE(model.rowCount(), 0);
        model.setSnapshot(snapshot({shard(u"shardId-000000000000"_s, Ownership::Nobody)}, 6));
        QCOMPARE(model.rowCount(), 1);
        model.setSnapshot(nullptr); // the stream was removed
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(proxy.rowCount(), 0);
        QVERIFY(!model.row(0));
    }

    // After Stop, this console's worker id may still hold leases, but nothing
    // here processes them; an owner that stopped renewing is gone. Text and
    // colour say so whatever the daemon's state (issue 14, item 2).
    void shardTableOwnershipAfterStopAndExpiry()
    {
        ShardTableModel model;
        Tester tester(&model, kQtTest);
        auto stopped = shard(u"shardId-000000000000"_s, Ownership::ThisProcess, u"console"_s);
        stopped.sessionHere = false;
        auto expiredOther = shard(u"shardId-000000000001"_s, Ownership::OtherWorker, u"demo-worker-2"_s);
        expiredOther.expired = true;
        auto expiredMine = shard(u"shardId-000000000002"_s, Ownership::ThisProcess, u"console"_s);
        expiredMine.sessionHere = false;
        expiredMine.expired = true;
        auto live = shard(u"shardId-000000000003"_s, Ownership::OtherWorker, u"demo-worker-2"_s);
        auto here = shard(u"shardId-000000000004"_s, Ownership::ThisProcess, u"console"_s);
        model.setSnapshot(snapshot({stopped, expiredOther, expiredMine, live, here}));

        QCOMPARE(text(model, 0, ShardTableModel::Owner), u"console (this console, not processing)"_s);
        QCOMPARE(text(model, 1, ShardTableModel::Owner), u"demo-worker-2 (expired)"_s);
        QCOMPARE(text(model, 2, ShardTableModel::Owner), u"console (expired)"_s);
        QCOMPARE(text(model, 3, ShardTableModel::Owner), u"demo-worker-2 (other worker)"_s);
        QCOMPARE(text(model, 4, ShardTableModel::Owner), u"console (this process)"_s);
        // "expired" leads the state cell, so a narrow column still shows it.
        QVERIFY2(text(model, 1, ShardTableModel::State).startsWith(u"expired"_s), qPrintable(text(model, 1, ShardTableModel::State)));
        QCOMPARE(text(model, 3, ShardTableModel::State), shardStateName(ShardState::Processing));

        const auto colour = [&](int row) { return model.index(row, ShardTableModel::Owner).data(Qt::ForegroundRole).value<QColor>(); };
        const QColor green = colour(4), blue = colour(3);
        QVERIFY(colour(0) != green && colour(0) != blue); // not "processing here" any more
        QVERIFY(colour(1) != blue);                        // not a live worker
        QCOMPARE(colour(1), colour(2));
        QVERIFY(colour(1) != green);
        QCOMPARE(ShardTableModel::liveness(stopped), ShardTableModel::Liveness::ThisWorkerIdle);
        QCOMPARE(ShardTableModel::liveness(expiredOther), ShardTableModel::Liveness::Expired);

        // The row header names the shard, for a table scrolled sideways (item 5).
        QCOMPARE(model.headerData(3, Qt::Vertical).toString(), u"shardId-000000000003"_s);
    }

    // A stream's lag alert (issue 14, item 15): shards over it are marked in
    // the table and the stream in the list, and one notification is due per crossing.
    void lagAlertMarksAndCrossesOnce()
    {
        ShardTableModel model;
        Tester tester(&model, kQtTest);
        StreamListModel streams;
        Tester streamTester(&streams, kQtTest);
        streams.addStream(u"demo"_s);
        LagAlerts alerts;
        QList<std::pair<QString, qint64>> crossings;
        connect(&alerts, &LagAlerts::crossed, this,
                [&](const QString &stream, const QString &shardId, qint64 lag, qint64) { crossings.append({stream + u'/' + shardId, lag}); });

        const auto feed = [&](std::int64_t lag0, std::int64_t lag1, quint64 serial) {
            auto a = shard(u"shardId-000000000000"_s, Ownership::ThisProcess, u"console"_s);
            a.millisBehindLatest = lag0;
            auto b = shard(u"shardId-000000000001"_s, Ownership::ThisProcess, u"console"_s);
            b.millisBehindLatest = lag1;
            auto s = snapshot({a, b}, serial);
            model.setSnapshot(s);
            alerts.update(u"demo"_s, *s, 10000);
            streams.setLagAlert(u"demo"_s, alerts.streamOver(u"demo"_s));
        };
        model.setLagAlert(10000);
        feed(500, 12000, 1);
        QCOMPARE(crossings.size(), 1);
        QCOMPARE(crossings.constFirst().first, u"demo/shardId-000000000001"_s);
        QVERIFY2(text(model, 1, ShardTableModel::Lag).startsWith(u"⚠"_s), qPrintable(text(model, 1, ShardTableModel::Lag)));
        QVERIFY(!text(model, 0, ShardTableModel::Lag).startsWith(u"⚠"_s));
        QVERIFY(text(model, 1, ShardTableModel::Lag, Qt::ToolTipRole).contains(u"lag alert"_s));
        QCOMPARE(model.index(1, ShardTableModel::Lag).data(Qt::ForegroundRole).value<QColor>(), QColor(0xd9, 0x3b, 0x3b));
        QVERIFY(text(streams, 0, StreamListModel::State).contains(u"⚠ lag"_s));

        feed(600, 15000, 2); // still over: no second notification
        QCOMPARE(crossings.size(), 1);
        feed(700, 900, 3);   // back under
        QVERIFY(!text(streams, 0, StreamListModel::State).contains(u"⚠"_s));
        QVERIFY(!text(model, 1, ShardTableModel::Lag).startsWith(u"⚠"_s));
        feed(700, 11000, 4); // over again: a new crossing
        QCOMPARE(crossings.size(), 2);

        // Off: nothing marked, nothing raised.
        model.setLagAlert(std::nullopt);
        alerts.update(u"demo"_s, *model.snapshot(), std::nullopt);
        QVERIFY(!text(model, 1, ShardTableModel::Lag).startsWith(u"⚠"_s));
        QVERIFY(!alerts.streamOver(u"demo"_s));
        QCOMPARE(crossings.size(), 2);
    }

    void shardTableLagColoursAtThresholds()
    {
        ShardTableModel model;
        Tester tester(&model, kQtTest);
        std::vector<ShardRow> rows;
        const std::vector<std::optional<std::int64_t>> lags = {std::nullopt, 0, 999, ShardTableModel::kLagWarningMs - 1,
                                                               ShardTableModel::kLagWarningMs, ShardTableModel::kLagAlarmMs - 1,
                                                               ShardTableModel::kLagAlarmMs, 3600000};
        for (std::size_t i = 0; i < lags.size(); ++i) {
            auto row = shard(u"shardId-%1"_s.arg(qulonglong(i), 12, 10, QChar(u'0')), Ownership::ThisProcess, u"console"_s);
            row.millisBehindLatest = lags[i];
            rows.push_back(row);
        }
        model.setSnapshot(snapshot(rows));
        const auto colour = [&](int row) { return model.index(row, ShardTableModel::Lag).data(Qt::ForegroundRole); };
        const QColor warning(0xe0, 0x8a, 0x1e);
        const QColor alarm(0xd9, 0x3b, 0x3b);
        QVERIFY(!colour(0).isValid());
        QVERIFY(!colour(1).isValid());
        QVERIFY(!colour(2).isValid());
        QVERIFY(!colour(3).isValid());
        QCOMPARE(colour(4).value<QColor>(), warning);
        QCOMPARE(colour(5).value<QColor>(), warning);
        QCOMPARE(colour(6).value<QColor>(), alarm);
        QCOMPARE(colour(7).value<QColor>(), alarm);

        QCOMPARE(text(model, 0, ShardTableModel::Lag), QString());
        QCOMPARE(text(model, 2, ShardTableModel::Lag), u"999 ms"_s);
        QCOMPARE(text(model, 4, ShardTableModel::Lag), u"5.0 s"_s);
        QCOMPARE(text(model, 6, ShardTableModel::Lag), u"30.0 s"_s);

        // Owners in their colours; sorting by lag is numeric, not by text ("999 ms" > "5.0 s").
        QVERIFY(model.index(0, ShardTableModel::Owner).data(Qt::ForegroundRole).isValid());
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ShardTableModel::SortRole);
        proxy.sort(ShardTableModel::Lag, Qt::DescendingOrder);
        QCOMPARE(text(proxy, 0, ShardTableModel::Lag), u"3600.0 s"_s);
        QCOMPARE(text(proxy, 3, ShardTableModel::Lag), u"5.0 s"_s);
        QCOMPARE(text(proxy, 5, ShardTableModel::Lag), u"999 ms"_s);
    }

    void shardTableCheckpointText()
    {
        ShardTableModel model;
        auto row = shard(u"shardId-000000000000"_s, Ownership::ThisProcess, u"console"_s);
        row.lastCheckpoint.state = CheckpointStatus::State::Failed;
        row.lastCheckpoint.error = u"ThrottlingException"_s;
        row.lastCheckpoint.at = QDateTime::currentDateTimeUtc();
        model.setSnapshot(snapshot({row}));
        QVERIFY(text(model, 0, ShardTableModel::LastCheckpoint).contains(u"ThrottlingException"_s));
        QCOMPARE(model.index(0, ShardTableModel::LastCheckpoint).data(Qt::ForegroundRole).value<QColor>(),
                 QColor(0xd9, 0x3b, 0x3b));
        row.lastCheckpoint.state = CheckpointStatus::State::Ok;
        row.lastCheckpoint.manual = true;
        row.lastCheckpoint.position = SequenceNumber::parse(u"12345"_s);
        model.setSnapshot(snapshot({row}, 2));
        QVERIFY(text(model, 0, ShardTableModel::LastCheckpoint).startsWith(u"ok "_s));
        QVERIFY(text(model, 0, ShardTableModel::LastCheckpoint).contains(u"by hand"_s));
        QCOMPARE(text(model, 0, ShardTableModel::LastCheckpoint, Qt::ToolTipRole), u"12345"_s);

        // A replay runs "by hand only", yet every ended shard checkpoints SHARD_END: not "by policy" (issue 14, item 12).
        row.lastCheckpoint.manual = false;
        row.lastCheckpoint.position = SequenceNumber::shardEnd();
        model.setSnapshot(snapshot({row}, 3));
        const QString ended = text(model, 0, ShardTableModel::LastCheckpoint);
        QVERIFY2(ended.contains(u"at shard end"_s) && !ended.contains(u"by policy"_s), qPrintable(ended));
        row.lastCheckpoint.position = SequenceNumber::parse(u"12346"_s);
        model.setSnapshot(snapshot({row}, 4));
        QVERIFY(text(model, 0, ShardTableModel::LastCheckpoint).contains(u"by policy"_s));
    }

    void shardTableHeaderTooltips()
    {
        ShardTableModel model;
        verifyHeaderTooltips(model);
    }

    void recordTableDropsOldestBeyondCountCap()
    {
        RecordTableModel model;
        RecordFilterModel filter;
        filter.setSourceModel(&model);
        Tester tester(&model, kQtTest);
        Tester filterTester(&filter, kQtTest);
        model.setLimits(10, 1024 * 1024);

        for (qint64 i = 1; i <= 25; ++i) {
            const StreamRecord r = record(i, "event " + QByteArray::number(i));
            model.append(std::span<const StreamRecord>(&r, 1));
            QVERIFY(model.rowCount() <= 10);
        }
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"16"_s);
        QCOMPARE(text(model, 9, RecordTableModel::Sequence), u"25"_s);

        // A batch larger than the cap keeps only its newest records.
        std::vector<StreamRecord> batch;
        for (qint64 i = 26; i <= 60; ++i)
            batch.push_back(record(i, "event " + QByteArray::number(i)));
        model.append(batch);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"51"_s);
        QCOMPARE(text(model, 9, RecordTableModel::Sequence), u"60"_s);

        // A smaller batch pushes out as many of the oldest.
        batch.clear();
        for (qint64 i = 61; i <= 63; ++i)
            batch.push_back(record(i, "event " + QByteArray::number(i)));
        model.append(batch);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"54"_s);
        QCOMPARE(filter.rowCount(), 10);

        // Lowering the cap trims at once.
        model.setLimits(4, 1024 * 1024);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"60"_s);
        QCOMPARE(filter.rowCount(), 4);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.bytesHeld(), 0);
    }

    void recordTableDropsOldestBeyondByteCap()
    {
        RecordTableModel model;
        Tester tester(&model, kQtTest);
        model.setLimits(1000, 1000);
        const QByteArray payload(97, 'x'); // with the 3-byte key: 100 bytes a record
        for (qint64 i = 1; i <= 25; ++i) {
            const StreamRecord r = record(i, payload);
            model.append(std::span<const StreamRecord>(&r, 1));
            QVERIFY(model.bytesHeld() <= 1000);
        }
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.bytesHeld(), 1000);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"16"_s);

        // One bigger record pushes out several small ones.
        const StreamRecord big = record(26, QByteArray(447, 'y'));
        model.append(std::span<const StreamRecord>(&big, 1));
        QVERIFY(model.bytesHeld() <= 1000);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"21"_s);
        QCOMPARE(text(model, 5, RecordTableModel::Sequence), u"26"_s);

        // A record above the cap on its own still shows: the newest is never dropped.
        const StreamRecord huge = record(27, QByteArray(5000, 'z'));
        model.append(std::span<const StreamRecord>(&huge, 1));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"27"_s);
        const StreamRecord after = record(28, payload);
        model.append(std::span<const StreamRecord>(&after, 1));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(model, 0, RecordTableModel::Sequence), u"28"_s);
        QCOMPARE(model.bytesHeld(), 100);
    }

    void recordTableColumns()
    {
        RecordTableModel model;
        Tester tester(&model, kQtTest);
        std::vector<StreamRecord> records{record(1, "{\"a\":1}", QByteArray("user-42")), record(2, "plain", std::nullopt)};
        records[1].sequenceNumber = records[1].sequenceNumber.withSubSequence(3);
        records[1].approximateArrivalTimestamp.reset();
        model.append(records);
        QCOMPARE(text(model, 0, RecordTableModel::PartitionKey), u"user-42"_s);
        QCOMPARE(text(model, 1, RecordTableModel::PartitionKey), u"(null)"_s);
        QCOMPARE(text(model, 1, RecordTableModel::SubSequence), u"3"_s);
        QCOMPARE(text(model, 1, RecordTableModel::Arrival), QString());
        QVERIFY(!text(model, 0, RecordTableModel::Arrival).isEmpty());
        QCOMPARE(text(model, 0, RecordTableModel::Size), QLocale().formattedDataSize(7));
        verifyHeaderTooltips(model);
    }

    void recordFilterByTextAndPartitionKey()
    {
        RecordTableModel model;
        RecordFilterModel filter;
        filter.setSourceModel(&model);
        Tester tester(&model, kQtTest);
        Tester filterTester(&filter, kQtTest);
        model.setLimits(6, 1024 * 1024);

        std::vector<StreamRecord> records{
            record(1, R"({"event":"checkout","user":"Müller"})", QByteArray("user-1")),
            record(2, R"({"event":"view"})", QByteArray("user-2")),
            record(3, R"({"event":"Checkout"})", QByteArray("USER-3")),
            record(4, R"({"event":"view"})", QByteArray("bot-9")),
        };
        model.append(records);
        QCOMPARE(filter.rowCount(), 4);

        filter.setTextFilter(u"CHECKOUT"_s);
        QCOMPARE(filter.rowCount(), 2);
        QCOMPARE(text(filter, 0, RecordTableModel::Sequence), u"1"_s);
        QCOMPARE(text(filter, 1, RecordTableModel::Sequence), u"3"_s);

        filter.setPartitionKeyFilter(u"user-3"_s);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(text(filter, 0, RecordTableModel::PartitionKey), u"USER-3"_s);
        filter.setTextFilter(QString());
        filter.setPartitionKeyFilter(u"USER"_s);
        QCOMPARE(filter.rowCount(), 3);

        // Case-insensitive beyond ASCII: the tail holds UTF-8 text in any language.
        filter.setPartitionKeyFilter(QString());
        filter.setTextFilter(u"MÜLLER"_s);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(text(filter, 0, RecordTableModel::Sequence), u"1"_s);

        // New arrivals are filtered too, and rows leaving the cap leave the filtered view.
        filter.setTextFilter(u"view"_s);
        QCOMPARE(filter.rowCount(), 2);
        std::vector<StreamRecord> more{record(5, R"({"event":"view"})"), record(6, R"({"event":"cart"})"),
                                       record(7, R"({"event":"VIEW"})")};
        model.append(more);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(filter.rowCount(), 4); // 1 dropped out (the oldest); 2, 4, 5, 7 are views
        QCOMPARE(text(filter, 0, RecordTableModel::Sequence), u"2"_s);
        QCOMPARE(text(filter, 3, RecordTableModel::Sequence), u"7"_s);

        // Sorted newest first while records keep coming.
        filter.sort(RecordTableModel::Sequence, Qt::DescendingOrder);
        QCOMPARE(text(filter, 0, RecordTableModel::Sequence), u"7"_s);
        const StreamRecord next = record(8, R"({"event":"view"})");
        model.append(std::span<const StreamRecord>(&next, 1)); // 2 leaves
        QCOMPARE(filter.rowCount(), 4);
        QCOMPARE(text(filter, 0, RecordTableModel::Sequence), u"8"_s);
        QCOMPARE(text(filter, 3, RecordTableModel::Sequence), u"4"_s);
        filter.setTextFilter(QString());
        QCOMPARE(filter.rowCount(), 6);
    }

    void logModelKeepsMaxLines()
    {
        LogModel model(5);
        LogFilterModel filter;
        filter.setSourceModel(&model);
        Tester tester(&model, kQtTest);
        Tester filterTester(&filter, kQtTest);

        const StreamRunner::LogLevel levels[] = {StreamRunner::LogLevel::Debug, StreamRunner::LogLevel::Info,
                                                 StreamRunner::LogLevel::Warning, StreamRunner::LogLevel::Error};
        for (int i = 1; i <= 12; ++i)
            model.append(i % 2 ? u"demo"_s : u"orders"_s, u"line %1"_s.arg(i), levels[i % 4]);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(text(model, 0, LogModel::Message), u"line 8"_s);
        QCOMPARE(text(model, 4, LogModel::Message), u"line 12"_s);
        QCOMPARE(text(model, 4, LogModel::Level), u"debug"_s);
        QCOMPARE(text(model, 3, LogModel::Level), u"error"_s);
        QCOMPARE(text(model, 3, LogModel::Stream), u"demo"_s);
        QCOMPARE(model.index(3, LogModel::Message).data(Qt::ForegroundRole).value<QColor>(), QColor(0xd9, 0x3b, 0x3b));
        QCOMPARE(model.index(2, LogModel::Message).data(Qt::ForegroundRole).value<QColor>(), QColor(0xe0, 0x8a, 0x1e));
        QVERIFY(!model.index(1, LogModel::Message).data(Qt::ForegroundRole).isValid()); // info: the palette's text colour
        QCOMPARE(filter.rowCount(), 5);

        filter.setMinimumLevel(StreamRunner::LogLevel::Warning);
        QCOMPARE(filter.rowCount(), 2);
        QCOMPARE(text(filter, 0, LogModel::Message), u"line 10"_s);
        QCOMPARE(text(filter, 1, LogModel::Message), u"line 11"_s);
        for (int i = 13; i <= 20; ++i)
            model.append(u"demo"_s, u"line %1"_s.arg(i), levels[i % 4]);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(filter.rowCount(), 2); // 18 (warning) and 19 (error) of 16..20
        QCOMPARE(text(filter, 0, LogModel::Message), u"line 18"_s);

        filter.setMinimumLevel(StreamRunner::LogLevel::Debug);
        filter.setText(u"LINE 1"_s);
        QCOMPARE(filter.rowCount(), 4); // 16..19
        filter.setText(u"orders"_s); // the stream's name matches too
        QCOMPARE(filter.rowCount(), 0);
        model.append(u"orders"_s, u"started"_s, StreamRunner::LogLevel::Info);
        QCOMPARE(filter.rowCount(), 1);
        filter.setText(QString());
        QCOMPARE(filter.rowCount(), 5);
        QVERIFY(!text(model, 0, LogModel::Time).isEmpty());
    }

    void logModelHeaderTooltips()
    {
        LogModel model;
        verifyHeaderTooltips(model);
    }

    void streamListFollowsStreams()
    {
        StreamListModel model;
        Tester tester(&model, kQtTest);
        QCOMPARE(model.addStream(u"demo"_s), 0);
        QCOMPARE(model.addStream(u"orders"_s), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(text(model, 0, StreamListModel::State), u"stopped"_s);
        QCOMPARE(text(model, 0, StreamListModel::Shards), QString());

        auto running = std::make_shared<MonitorSnapshot>(*snapshot({shard(u"a"_s, Ownership::ThisProcess, u"console"_s),
                                                                    shard(u"b"_s, Ownership::Nobody)}));
        running->daemon.state = StreamRunner::State::Running;
        running->daemon.pid = 4242;
        running->daemon.restarts = 2;
        running->daemon.startedAt = running->takenAt.addSecs(-75);
        model.setSnapshot(u"demo"_s, running);
        QCOMPARE(text(model, 0, StreamListModel::State), u"running"_s);
        QCOMPARE(text(model, 0, StreamListModel::Pid), u"4242"_s);
        QCOMPARE(text(model, 0, StreamListModel::Restarts), u"2"_s);
        QCOMPARE(text(model, 0, StreamListModel::Uptime), u"1 min 15 s"_s);
        QCOMPARE(text(model, 0, StreamListModel::Shards), u"2"_s);

        auto failed = std::make_shared<MonitorSnapshot>(*snapshot({}, 2));
        failed->daemon.state = StreamRunner::State::Failed;
        failed->daemon.lastError = u"qmld-daemon: stream orders does not exist"_s;
        model.setSnapshot(u"orders"_s, failed);
        QCOMPARE(text(model, 1, StreamListModel::State), u"failed"_s);
        QVERIFY(text(model, 1, StreamListModel::State, Qt::ToolTipRole).contains(u"stream orders does not exist"_s));
        QCOMPARE(model.index(1, StreamListModel::State).data(Qt::ForegroundRole).value<QColor>(), QColor(0xd9, 0x3b, 0x3b));
        QCOMPARE(text(model, 1, StreamListModel::Pid), QString());

        model.setSnapshot(u"nonesuch"_s, running); // ignored
        model.renameStream(1, u"orders-2"_s);
        QCOMPARE(model.rowOf(u"orders-2"_s), 1);
        QCOMPARE(model.rowOf(u"orders"_s), -1);
        QCOMPARE(model.addStream(u"clicks"_s), 2);
        model.removeStream(0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.name(0), u"orders-2"_s);
        QVERIFY(!model.snapshot(0));
        model.removeStream(5); // out of range: nothing
        model.removeStream(1);
        model.removeStream(0);
        QCOMPARE(model.rowCount(), 0);
    }

    void streamListHeaderTooltips()
    {
        StreamListModel model;
        verifyHeaderTooltips(model);
    }
};

QTEST_MAIN(TestConsoleModels)
#include "test_console_models.moc"

// The console's views as a user meets them (issue 14): the lag chart of a
// shard another worker serves shows nothing and says why instead of other
// shards' lines (item 1); a chart emptied for another stream keeps nothing
// of the previous one (item 7); a record tail switched to another shard
// counts what it shows and says why it is empty (items 1, 7); a record the
// user picks stays picked while the tail goes on arriving (item 8); the
// window saved on a larger screen opens inside this one (item 6); the shard
// table puts the operator's columns first, keeps the shard id in the row
// header, and remembers hidden and moved columns (item 5).

#include "ConsoleTestMain.h"
#include "console/ConsoleStreams.h"
#include "models/ShardTableModel.h"
#include "widgets/MainWindow.h"
#include "widgets/MetricChart.h"
#include "widgets/RecordTailView.h"
#include "models/RecordTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

namespace {

MonitorSnapshotPtr snapshotWithHistory(const QString &stream, const QStringList &withHistory, const QStringList &without)
{
    auto s = std::make_shared<MonitorSnapshot>();
    s->streamName = stream;
    s->serial = 1;
    s->second = 100;
    QStringList all = withHistory + without;
    all.sort();
    for (const QString &id : all) {
        ShardRow row;
        row.shardId = id;
        row.ownership = withHistory.contains(id) ? Ownership::ThisProcess : Ownership::OtherWorker;
        row.sessionHere = withHistory.contains(id);
        if (row.sessionHere) {
            auto history = std::make_shared<ShardHistory>();
            for (std::int64_t second = 90; second < 100; ++second) {
                history->millisBehindLatest.append(second, 1500.0f);
                history->recordsPerSecond.append(second, 20.0f);
            }
            row.history = history;
        }
        s->shards.push_back(row);
    }
    s->totals.shards = int(s->shards.size());
    return s;
}

std::vector<StreamRecord> records(int from, int count)
{
    std::vector<StreamRecord> out;
    for (int i = from; i < from + count; ++i) {
        StreamRecord r;
        r.sequenceNumber = *SequenceNumber::parse(QByteArray::number(1000000 + i));
        r.partitionKey = QByteArray("key");
        r.data = "record " + QByteArray::number(i);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

class TestConsoleViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void chartOfAShardServedElsewhere()
    {
        MetricChart chart(MetricChart::Metric::Lag);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setSnapshot(snapshotWithHistory(u"demo"_s, {u"shardId-2"_s, u"shardId-3"_s}, {u"shardId-0"_s}));
        QCOMPARE(chart.seriesCount(), 2); // nothing chosen: the busiest shards
        chart.setChosenShards({u"shardId-0"_s});
        QCOMPARE(chart.seriesCount(), 0); // not the other shards' lines
        QVERIFY2(chart.statsText().contains(u"shardId-0"_s), qPrintable(chart.statsText()));
        chart.setChosenShards({u"shardId-2"_s});
        QCOMPARE(chart.seriesCount(), 1);
    }

    void chartFollowsTheStream()
    {
        MetricChart chart(MetricChart::Metric::Throughput);
        chart.setSnapshot(snapshotWithHistory(u"demo"_s, {u"shardId-2"_s}, {}));
        QCOMPARE(chart.seriesCount(), 1);
        chart.setSnapshot(nullptr); // a stream that has not reported yet
        QCOMPARE(chart.seriesCount(), 0);
        QCOMPARE(chart.statsText(), u"no data yet"_s);
        chart.setSnapshot(snapshotWithHistory(u"orders"_s, {u"shardId-7"_s}, {}));
        QCOMPARE(chart.seriesCount(), 1);
    }

    void tailSaysWhatItShows()
    {
        RecordTailView tail;
        tail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tail));
        auto *empty = tail.findChild<QLabel *>(u"tailEmpty"_s);
        QVERIFY(empty);
        auto tap = std::make_shared<RecordTap>();
        tap->append(u"shardId-1"_s, records(0, 30));
        tail.setSource(tap, u"shardId-1"_s);
        QCOMPARE(tail.model()->rowCount(), 30);
        tail.setEmptyText(u"nothing here"_s);
        QVERIFY(!empty->isVisible()); // records to show

        const auto countText = [&] {
            const QList<QLabel *> labels = tail.findChildren<QLabel *>();
            for (const QLabel *label : labels) {
                if (label->text().contains(u" records · "_s))
                    return label->text();
            }
            return QString();
        };
        QVERIFY2(countText().startsWith(u"30 records"_s), qPrintable(countText()));
        // Another shard (another worker's): the count and the view agree, and it says why it is empty.
        tail.setSource(tap, u"shardId-0"_s);
        tail.setEmptyText(u"No records here: shardId-0 is held by demo-worker-2 (other worker)."_s);
        QCOMPARE(tail.model()->rowCount(), 0);
        QVERIFY2(countText().startsWith(u"0 records"_s), qPrintable(countText()));
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"demo-worker-2"_s));
    }

    void pickedRecordStays()
    {
        RecordTailView tail;
        tail.resize(800, 400);
        tail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tail));
        auto tap = std::make_shared<RecordTap>(RecordTap::Limits{50, 1 << 20});
        tail.setLimits(50, 1 << 20);
        tap->append(u"s"_s, records(0, 50));
        tail.setSource(tap, u"s"_s);
        auto *view = tail.findChild<QTableView *>(u"recordTail"_s);
        QVERIFY(view);
        std::optional<SequenceNumber> shown;
        connect(&tail, &RecordTailView::currentRecordChanged, this, [&](const StreamRecord *record) {
            shown = record ? std::optional(record->sequenceNumber) : std::nullopt;
        });

        const QModelIndex third = view->model()->index(2, 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(third).center());
        QVERIFY(shown);
        const SequenceNumber picked = *shown;
        QCOMPARE(picked, *SequenceNumber::parse(u"1000002"_s));
        QVERIFY(tail.isPaused());

        // The shard goes on: far more than the tail keeps arrives.
        for (int batch = 1; batch <= 5; ++batch) {
            tap->append(u"s"_s, records(batch * 50, 50));
            tail.pull();
        }
        QCOMPARE(shown, std::optional(picked));
        const QModelIndex current = view->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.row(), 2);
        auto *pause = tail.findChild<QToolButton *>(u"pauseTail"_s);
        QVERIFY(pause && pause->isChecked());
        QVERIFY2(pause->toolTip().contains(u"record you picked"_s), qPrintable(pause->toolTip()));

        // The user lets go: the tail follows again.
        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(!tail.isPaused());
        tap->append(u"s"_s, records(300, 10));
        tail.pull();
        QCOMPARE(tail.model()->record(tail.model()->rowCount() - 1)->sequenceNumber, *SequenceNumber::parse(u"1000309"_s));
    }

    void windowOpensWithinTheScreen()
    {
        const QRect area = QGuiApplication::primaryScreen()->availableGeometry();
        {
            // As saved on a 1920×1200 screen, placed far right and down.
            ConsoleStreams streams;
            MainWindow big(&streams, QString());
            big.setGeometry(area.x() + 300, area.y() + 200, area.width() + 600, area.height() + 400);
            QSettings settings;
            settings.setValue(u"window/geometry"_s, big.saveGeometry());
            settings.setValue(u"window/state"_s, big.saveState());
        }
        ConsoleStreams streams;
        MainWindow window(&streams, QString());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(area.contains(window.frameGeometry()),
                 qPrintable(u"window %1,%2 %3x%4 outside the screen %5x%6"_s.arg(window.frameGeometry().x())
                                .arg(window.frameGeometry().y())
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(area.width())
                                .arg(area.height())));
    }

    void shardColumnsOperatorFirstAndRemembered()
    {
        QSettings().remove(u"window"_s);
        {
            ConsoleStreams streams;
            MainWindow window(&streams, QString());
            auto *view = window.findChild<QTableView *>(u"shards"_s);
            QVERIFY(view);
            QHeaderView *header = view->horizontalHeader();
            // The first visible columns: who holds the shard, how far behind it is, how fast it goes.
            QStringList visible;
            for (int visual = 0; visual < header->count() && visible.size() < 3; ++visual) {
                const int logical = header->logicalIndex(visual);
                if (!header->isSectionHidden(logical))
                    visible << window.shardModel()->headerData(logical, Qt::Horizontal).toString();
            }
            QCOMPARE(visible, (QStringList{u"Lease owner"_s, u"Behind latest"_s, u"Records/s"_s}));
            QVERIFY(!view->verticalHeader()->isHidden()); // the shard id, which stays when scrolling sideways
            header->setSectionHidden(ShardTableModel::Parent, true);
            header->moveSection(header->visualIndex(ShardTableModel::State), 0);
            window.close(); // saves
        }
        ConsoleStreams streams;
        MainWindow window(&streams, QString());
        QHeaderView *header = window.findChild<QTableView *>(u"shards"_s)->horizontalHeader();
        QVERIFY(header->isSectionHidden(ShardTableModel::Parent));
        QCOMPARE(header->visualIndex(ShardTableModel::State), 0);
    }

    // Help: the keyboard shortcuts of every menu, the version and where the README is (item 14).
    void helpMenu()
    {
        ConsoleStreams streams;
        MainWindow window(&streams, QString());
        QStringList menus;
        const QList<QAction *> actions = window.menuBar()->actions();
        for (const QAction *action : actions)
            menus << QString(action->text()).remove(u'&');
        QVERIFY2(menus.contains(u"Help"_s), qPrintable(menus.join(u", "_s)));
        const auto shortcuts = window.shortcuts();
        const auto has = [&](const QString &action, const QKeySequence &keys) {
            for (const auto &[name, sequence] : shortcuts) {
                if (name.endsWith(action) && sequence == keys.toString(QKeySequence::NativeText))
                    return true;
            }
            return false;
        };
        QVERIFY(has(u"Quit"_s, QKeySequence(QKeySequence::Quit).isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Q)
                                                                          : QKeySequence(QKeySequence::Quit)));
        QVERIFY(has(u"Start"_s, QKeySequence(Qt::CTRL | Qt::Key_R)));
        QVERIFY(has(u"Keyboard shortcuts"_s, QKeySequence::HelpContents));
        QCoreApplication::setApplicationVersion(u"9.8.7"_s);
        QVERIFY(MainWindow::aboutText().contains(u"9.8.7"_s));
        QVERIFY(MainWindow::aboutText().contains(u"README.md"_s));
    }

    // No column title is cut (in German, "Partitionsschlüssel" was).
    void columnsFitTheirTitles()
    {
        ConsoleStreams streams;
        MainWindow window(&streams, QString());
        for (const QString &name : {u"shards"_s, u"recordTail"_s, u"log"_s}) {
            auto *view = window.findChild<QTableView *>(name);
            QVERIFY2(view, qPrintable(name));
            QHeaderView *header = view->horizontalHeader();
            for (int column = 0; column < header->count() - 1; ++column) // the last one stretches
                QVERIFY2(header->isSectionHidden(column) || view->columnWidth(column) >= header->sectionSizeHint(column),
                         qPrintable(u"%1: %2"_s.arg(name, view->model()->headerData(column, Qt::Horizontal).toString())));
        }
    }
};

QMLD_CONSOLE_TEST_MAIN(TestConsoleViews)

#include "test_console_views.moc"

#include "widgets/MainWindow.h"

#include "aws/AwsBrowser.h"
#include "aws/AwsSource.h"
#include "console/ConsoleStreams.h"
#include "console/LagAlerts.h"
#include "console/LiveCapture.h"
#include "console/ReplaySession.h"
#include "models/LogModel.h"
#include "models/ShardTableModel.h"
#include "models/StreamListModel.h"
#include "preview/RecordPreview.h"
#include "settings/StreamSettingsDialog.h"
#include "widgets/AttachApplicationDialog.h"
#include "widgets/CheckpointPanel.h"
#include "widgets/ConsoleTable.h"
#include "widgets/MetricChart.h"
#include "widgets/RecordTailView.h"
#include "widgets/ReplayBar.h"
#include "widgets/ResetCheckpointDialog.h"

#include <qmld/LeaseSource.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QTableWidget>
#include <QUrl>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
// Bumped when the shard table's columns change, so that an old saved order is not applied to new columns.
constexpr int kShardColumnsVersion = 2;

// No column narrower than its title, in any language ("Partitionsschlüssel").
void fitColumnsToTitles(QTableView *view)
{
    QHeaderView *header = view->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
        view->setColumnWidth(column, std::max(view->columnWidth(column), header->sectionSizeHint(column)));
}

} // namespace

MainWindow::MainWindow(ConsoleStreams *streams, QString defaultStorePath, QWidget *parent)
    : QMainWindow(parent), m_streams(streams), m_defaultStorePath(std::move(defaultStorePath))
{
    setWindowTitle(tr("qmld console"));
    m_streamModel = new StreamListModel(this);
    m_shardModel = new ShardTableModel(this);
    m_shardFilter = new QSortFilterProxyModel(this);
    m_shardFilter->setSourceModel(m_shardModel);
    m_shardFilter->setSortRole(ShardTableModel::SortRole);
    m_shardFilter->setFilterKeyColumn(-1);
    m_shardFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_logModel = new LogModel(20000, this);
    m_logFilter = new LogFilterModel(this);
    m_logFilter->setSourceModel(m_logModel);
    m_lagAlerts = new LagAlerts(this);
    connect(m_lagAlerts, &LagAlerts::crossed, this, &MainWindow::notifyLag);

    buildActions();
    buildLayout();

    connect(m_streams, &ConsoleStreams::snapshotReady, this, &MainWindow::onSnapshot);
    connect(m_streams, &ConsoleStreams::logLine, m_logModel, &LogModel::append);
    connect(m_streams, &ConsoleStreams::configurationError, this, [this](const QString &stream, const QString &message) {
        m_logModel->append(stream, message, StreamRunner::LogLevel::Error);
        statusBar()->showMessage(tr("%1: %2").arg(stream, message), 10000);
    });
    connect(m_streams, &ConsoleStreams::checkpointRefused, this,
            [this](const QString &stream, const QString &shardId, const QString &reason) {
                if (stream == m_current && shardId == currentShard())
                    m_checkpoints->showRefusal(reason);
            });
    connect(m_checkpoints, &CheckpointPanel::checkpointNowRequested, this, [this](const QString &shardId) {
        if (StreamHost *host = m_streams->host(m_current))
            host->requestCheckpoint(shardId, std::nullopt);
    });
    connect(m_checkpoints, &CheckpointPanel::checkpointAtRequested, this,
            [this](const QString &shardId, const SequenceNumber &record) {
                if (StreamHost *host = m_streams->host(m_current))
                    host->requestCheckpoint(shardId, record);
            });

    m_tailTimer = new QTimer(this);
    m_tailTimer->setInterval(100);
    connect(m_tailTimer, &QTimer::timeout, m_tail, &RecordTailView::pull);
    m_tailTimer->start();
    connect(m_tailTimer, &QTimer::timeout, this, &MainWindow::updateCaptureStatus);

    QSettings settings;
    const bool restored = restoreGeometry(settings.value(u"window/geometry"_s).toByteArray())
                          & restoreState(settings.value(u"window/state"_s).toByteArray());
    m_shareOutOnShow = !restored;
    fitIntoScreen();
    updateShardSelection();
}

MainWindow::~MainWindow() = default;

AwsBrowser *MainWindow::showAwsBrowser()
{
    if (!m_awsBrowser) {
        m_awsBrowser = new AwsBrowser(this);
        if (AwsSource::wasChosen())
            m_awsBrowser->refresh();
    }
    m_awsBrowser->show();
    m_awsBrowser->raise();
    m_awsBrowser->activateWindow();
    return m_awsBrowser;
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *importAction = file->addAction(tr("&Import KCL properties…"), this, &MainWindow::importProperties);
    importAction->setShortcut(QKeySequence::Open);
    file->addAction(tr("&Replay capture…"), this, &MainWindow::replayCapture);
    file->addAction(tr("&AWS streams…"), this, &MainWindow::showAwsBrowser)
        ->setToolTip(tr("Browse the Kinesis streams of an AWS account and tail any shard, without a daemon."));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // Some platforms' themes bind no key to Quit: Ctrl+Q then, as on most desktops.
    quit->setShortcut(QKeySequence(QKeySequence::Quit).isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Q)
                                                                 : QKeySequence(QKeySequence::Quit));

    QMenu *stream = menuBar()->addMenu(tr("&Stream"));
    QAction *add = stream->addAction(tr("&Add stream…"), this, &MainWindow::newStream);
    add->setShortcut(QKeySequence::New);
    m_edit = stream->addAction(tr("&Edit stream…"), this, &MainWindow::editCurrentStream);
    m_remove = stream->addAction(tr("&Remove stream"), this, &MainWindow::removeCurrentStream);
    stream->addSeparator();
    m_start = stream->addAction(tr("S&tart"), this, [this] {
        if (StreamHost *host = m_streams->host(m_current))
            host->start();
    });
    m_start->setShortcut(Qt::CTRL | Qt::Key_R);
    m_stop = stream->addAction(tr("St&op"), this, [this] {
        if (StreamHost *host = m_streams->host(m_current))
            host->stop();
    });
    m_stop->setShortcut(Qt::CTRL | Qt::Key_Period);
    m_restart = stream->addAction(tr("Re&start"), this, [this] {
        if (StreamHost *host = m_streams->host(m_current))
            host->restart();
    });
    m_restart->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    stream->addSeparator();
    m_captureAction = stream->addAction(tr("Ca&pture selected shards…"));
    m_captureAction->setCheckable(true);
    m_captureAction->setToolTip(tr("Record what the selected shards deliver from now on into a capture file, "
                                   "for qmld replay or File → Replay capture."));
    connect(m_captureAction, &QAction::toggled, this, &MainWindow::toggleCapture);
    m_reset = stream->addAction(tr("Reset &checkpoint…"), this, &MainWindow::resetCheckpoint);
    m_reset->setToolTip(tr("Move the selected shard's checkpoint in the lease table."));
    QAction *attach = stream->addAction(tr("&Attach KCL application…"), this, [this] {
        AttachApplicationDialog dialog(m_defaultStorePath, this);
        if (dialog.exec() == QDialog::Accepted)
            attachApplication(dialog.displayName(), dialog.source());
    });
    attach->setToolTip(tr("Watch a lease table, in the store or in DynamoDB: every worker's leases, checkpoints "
                          "and lag, without running a daemon here."));

    QToolBar *toolbar = addToolBar(tr("Stream"));
    toolbar->setObjectName(u"streamToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_start->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_stop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_restart->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    toolbar->addActions({m_start, m_stop, m_restart});
    m_replayBar = new ReplayBar(this);
    addToolBar(m_replayBar);
}

void MainWindow::buildLayout()
{
    // Streams (left dock)
    m_streamView = makeConsoleTable(this, u"streams"_s);
    m_streamView->setModel(m_streamModel);
    m_streamView->setSelectionMode(QAbstractItemView::SingleSelection);
    // The name gets the room (a replay's is long, longer in German); state and pid fit their text.
    m_streamView->horizontalHeader()->setStretchLastSection(false);
    m_streamView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_streamView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_streamView->setMinimumWidth(m_streamView->fontMetrics().horizontalAdvance(u"M"_s) * 14); // a name and its state
    connect(m_streamView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showStream(m_streamModel->name(current.row())); });
    connect(m_streamView, &QTableView::doubleClicked, this, &MainWindow::editCurrentStream);
    auto *streamsDock = new QDockWidget(tr("Streams"), this);
    streamsDock->setObjectName(u"streamsDock"_s);
    streamsDock->setWidget(m_streamView);
    addDockWidget(Qt::LeftDockWidgetArea, streamsDock);

    // Shards and leases, charts, record tail (centre)
    m_shardView = makeConsoleTable(this, u"shards"_s);
    m_shardView->setModel(m_shardFilter);
    m_shardView->setSortingEnabled(true);
    m_shardView->sortByColumn(ShardTableModel::Shard, Qt::AscendingOrder);
    m_shardView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_shardView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_shardView->addAction(m_captureAction);
    m_shardView->addAction(m_reset);
    m_shardView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_shardView->horizontalHeader()->setStretchLastSection(false);
    m_shardView->setColumnWidth(ShardTableModel::Owner, 210);
    m_shardView->setColumnWidth(ShardTableModel::Lag, 100);
    m_shardView->setColumnWidth(ShardTableModel::RecordsPerSecond, 80);
    m_shardView->setColumnWidth(ShardTableModel::State, 150);
    m_shardView->setColumnWidth(ShardTableModel::Checkpoint, 190);
    m_shardView->setColumnWidth(ShardTableModel::LastCheckpoint, 190);
    m_shardView->setColumnWidth(ShardTableModel::LastProcessed, 190);
    fitColumnsToTitles(m_shardView);
    setUpShardColumns();
    connect(m_shardView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateShardSelection);
    connect(m_shardView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::updateShardSelection);
    m_shardFilterEdit = new QLineEdit(this);
    m_shardFilterEdit->setPlaceholderText(tr("Filter shards (id, owner, state…)"));
    m_shardFilterEdit->setClearButtonEnabled(true);
    connect(m_shardFilterEdit, &QLineEdit::textChanged, m_shardFilter, &QSortFilterProxyModel::setFilterFixedString);
    auto *shardsPane = new QWidget(this);
    auto *shardsLayout = new QVBoxLayout(shardsPane);
    shardsLayout->setContentsMargins(0, 0, 0, 0);
    m_captureStatus = new QLabel(this);
    m_captureStatus->setObjectName(u"captureStatus"_s);
    m_captureStatus->setVisible(false);
    shardsLayout->addWidget(m_shardFilterEdit);
    shardsLayout->addWidget(m_captureStatus);
    shardsLayout->addWidget(m_shardView, 1);

    m_lagChart = new MetricChart(MetricChart::Metric::Lag, this);
    m_throughputChart = new MetricChart(MetricChart::Metric::Throughput, this);
    m_charts = new QTabWidget(this);
    m_charts->addTab(m_lagChart, tr("Lag (behind latest)"));
    m_charts->addTab(m_throughputChart, tr("Throughput (records/s)"));

    m_tail = new RecordTailView(this);
    auto *center = new QSplitter(Qt::Vertical, this);
    center->setObjectName(u"centerSplitter"_s);
    center->addWidget(shardsPane);
    center->addWidget(m_charts);
    center->addWidget(m_tail);
    setCentralWidget(center);

    // Record and checkpoints (right dock)
    m_preview = new RecordPreview(this);
    m_checkpoints = new CheckpointPanel(this);
    connect(m_tail, &RecordTailView::currentRecordChanged, this, [this](const StreamRecord *record) {
        if (record)
            m_preview->setRecord(m_tail->shardId(), *record);
        else
            m_preview->clear();
        m_checkpoints->setSelectedRecord(record ? std::optional<SequenceNumber>(record->sequenceNumber) : std::nullopt);
    });
    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(u"recordSplitter"_s);
    right->addWidget(m_preview);
    right->addWidget(m_checkpoints);
    right->setStretchFactor(0, 3);
    auto *recordDock = new QDockWidget(tr("Record"), this);
    recordDock->setObjectName(u"recordDock"_s);
    recordDock->setWidget(right);
    addDockWidget(Qt::RightDockWidgetArea, recordDock);

    // Daemon log (bottom dock)
    auto *logDock = new QDockWidget(tr("Daemon log"), this);
    logDock->setObjectName(u"logDock"_s);
    logDock->setWidget(buildLogPane());
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(streamsDock->toggleViewAction());
    view->addAction(recordDock->toggleViewAction());
    view->addAction(logDock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("Record &buffers…"), this, &MainWindow::editRecordBuffers);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About qmld console"), this, &MainWindow::showAbout);

    m_totals = new QLabel(this);
    m_totals->setObjectName(u"totals"_s);
    statusBar()->addPermanentWidget(m_totals);
    // Sized for the screen it opens on: the middle (shards, charts, tail)
    // gets the room, the docks a share that leaves it usable at 1280×720.
    const QRect screenArea = screen() ? screen()->availableGeometry() : QRect(0, 0, 1500, 950);
    resize(std::min(1500, screenArea.width() * 19 / 20), std::min(950, screenArea.height() * 19 / 20));
    m_shareOutOnShow = true;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_firstShow, false))
        fitIntoScreen(); // again, now that the window has its frame
    // Once the window has its real size: the docks' and splitter's shares.
    if (std::exchange(m_shareOutOnShow, false))
        QTimer::singleShot(0, this, &MainWindow::shareOutSpace);
}

void MainWindow::shareOutSpace()
{
    auto *streamsDock = findChild<QDockWidget *>(u"streamsDock"_s);
    auto *recordDock = findChild<QDockWidget *>(u"recordDock"_s);
    auto *logDock = findChild<QDockWidget *>(u"logDock"_s);
    auto *center = findChild<QSplitter *>(u"centerSplitter"_s);
    const QSize all = size();
    layout()->activate();
    // Never below what a dock needs (German buttons are wider), or the layout gives up on the request.
    resizeDocks({recordDock}, {std::max(all.width() * 4 / 15, recordDock->minimumSizeHint().width())}, Qt::Horizontal);
    resizeDocks({streamsDock}, {std::max(all.width() * 3 / 16, streamsDock->minimumSizeHint().width())}, Qt::Horizontal);
    resizeDocks({logDock}, {all.height() / 8}, Qt::Vertical);
    // The checkpoint panel whole (its buttons and why they are off), the preview the rest.
    auto *right = findChild<QSplitter *>(u"recordSplitter"_s);
    right->setSizes({std::max(right->height() - 210, 100), 210});
    const int height = center->height();
    center->setSizes({height * 34 / 100, height * 30 / 100, height * 36 / 100}); // 4 shards and a legible chart at 1280×720
}

// A window saved on a larger screen opens within this one, whole.
void MainWindow::fitIntoScreen()
{
    const QScreen *on = screen();
    if (!on)
        return;
    const QRect area = on->availableGeometry();
    QRect frame = frameGeometry();
    const QSize margins = frame.size() - size();
    if (frame.width() > area.width() || frame.height() > area.height()) {
        resize(std::min(width(), area.width() - margins.width()), std::min(height(), area.height() - margins.height()));
        frame = frameGeometry();
        m_shareOutOnShow = true; // the docks' saved pixels were meant for the larger window
    }
    QPoint topLeft = frame.topLeft();
    topLeft.setX(std::clamp(topLeft.x(), area.left(), std::max(area.left(), area.right() - frame.width() + 1)));
    topLeft.setY(std::clamp(topLeft.y(), area.top(), std::max(area.top(), area.bottom() - frame.height() + 1)));
    if (topLeft != frame.topLeft())
        move(topLeft);
}

// The shard id lives in the row header, which stays put when the table
// scrolls sideways; its column is hidden unless the user wants it. Columns
// can be hidden (header context menu) and dragged; the choice is remembered.
void MainWindow::setUpShardColumns()
{
    QHeaderView *rows = m_shardView->verticalHeader();
    rows->show();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    rows->setToolTip(tr("The shard id (the lease key in the KCL lease table)."));
    QHeaderView *columns = m_shardView->horizontalHeader();
    columns->setSectionsMovable(true);
    columns->setSectionHidden(ShardTableModel::Shard, true);
    columns->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(columns, &QHeaderView::customContextMenuRequested, this, [this, columns](const QPoint &at) {
        QMenu menu(this);
        for (int column = 0; column < ShardTableModel::ColumnCount; ++column) {
            QAction *toggle = menu.addAction(m_shardModel->headerData(column, Qt::Horizontal).toString());
            toggle->setCheckable(true);
            toggle->setChecked(!columns->isSectionHidden(column));
            connect(toggle, &QAction::toggled, columns, [columns, column](bool on) { columns->setSectionHidden(column, !on); });
        }
        menu.addSeparator();
        menu.addAction(tr("Default columns"), this, [columns] {
            for (int column = 0; column < ShardTableModel::ColumnCount; ++column) {
                columns->setSectionHidden(column, column == ShardTableModel::Shard);
                columns->moveSection(columns->visualIndex(column), column);
            }
        });
        menu.exec(columns->mapToGlobal(at));
    });
    QSettings settings;
    const QByteArray saved = settings.value(u"window/shardColumns"_s).toByteArray();
    if (!saved.isEmpty() && settings.value(u"window/shardColumnsVersion"_s).toInt() == kShardColumnsVersion)
        columns->restoreState(saved);
}

QWidget *MainWindow::buildLogPane()
{
    auto *pane = new QWidget(this);
    auto *level = new QComboBox(pane);
    for (auto l : {StreamRunner::LogLevel::Debug, StreamRunner::LogLevel::Info, StreamRunner::LogLevel::Warning,
                   StreamRunner::LogLevel::Error})
        level->addItem(LogModel::levelName(l), int(l));
    level->setCurrentIndex(1);
    m_logFilter->setMinimumLevel(StreamRunner::LogLevel::Info);
    level->setToolTip(tr("Show lines at this level and above."));
    connect(level, &QComboBox::currentIndexChanged, this, [this, level] {
        m_logFilter->setMinimumLevel(StreamRunner::LogLevel(level->currentData().toInt()));
    });
    auto *filter = new QLineEdit(pane);
    filter->setPlaceholderText(tr("Filter the log"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, m_logFilter, &LogFilterModel::setText);
    auto *view = makeConsoleTable(pane, u"log"_s);
    view->setModel(m_logFilter);
    view->setColumnWidth(LogModel::Time, 100);
    view->setColumnWidth(LogModel::Level, 70);
    fitColumnsToTitles(view);
    // Follow the newest line unless the user scrolled up.
    connect(m_logFilter, &QAbstractItemModel::rowsInserted, view, [view] {
        QScrollBar *bar = view->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2)
            QTimer::singleShot(0, view, &QTableView::scrollToBottom);
    });
    auto *bar = new QHBoxLayout;
    bar->addWidget(level);
    bar->addWidget(filter, 1);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(view, 1);
    return pane;
}

void MainWindow::addStream(const StreamSettings &settings, bool persist)
{
    if (!m_streams->host(settings.name))
        m_streams->configure(settings);
    if (m_streamModel->rowOf(settings.name) < 0)
        m_streamModel->addStream(settings.name);
    if (persist && !m_persisted.contains(settings.name)) {
        m_persisted << settings.name;
        saveStreams();
    }
    applyRecordBufferLimits();
    if (m_current.isEmpty())
        selectStream(settings.name);
}

void MainWindow::attachApplication(const QString &name, const LeaseSource &source)
{
    showAttached(name, source);
    selectStream(name);
    m_attached.removeIf([&name](const AttachedApplication &application) { return application.name == name; });
    m_attached << AttachedApplication{name, source};
    saveAttached();
}

void MainWindow::showAttached(const QString &name, const LeaseSource &source)
{
    m_streams->attach(name, source);
    if (m_streamModel->rowOf(name) < 0)
        m_streamModel->addStream(name);
}

void MainWindow::saveAttached()
{
    QSettings settings;
    saveAttachedApplications(settings, m_attached);
}

void MainWindow::loadSavedStreams()
{
    QSettings settings;
    const QList<StreamSettings> saved = loadStreamSettings(settings);
    for (const StreamSettings &stream : saved) {
        if (m_streams->host(stream.name))
            continue; // the demo of this run
        addStream(stream, false);
        m_persisted << stream.name;
    }
    for (const AttachedApplication &application : loadAttachedApplications(settings)) {
        if (m_streams->host(application.name))
            continue;
        showAttached(application.name, application.source);
        m_attached << application;
        if (m_current.isEmpty())
            selectStream(application.name);
    }
}

void MainWindow::saveStreams()
{
    QList<StreamSettings> list;
    for (const QString &name : std::as_const(m_persisted)) {
        if (const StreamSettings *settings = m_streams->settings(name))
            list << *settings;
    }
    QSettings settings;
    saveStreamSettings(settings, list);
}

void MainWindow::selectStream(const QString &name)
{
    const int row = m_streamModel->rowOf(name);
    if (row >= 0)
        m_streamView->selectRow(row);
    showStream(name);
}

void MainWindow::selectShard(const QString &shardId)
{
    for (int row = 0; row < m_shardFilter->rowCount(); ++row) {
        if (m_shardFilter->index(row, 0).data(ShardTableModel::ShardIdRole).toString() == shardId) {
            m_shardView->selectRow(row);
            return;
        }
    }
}

// So that a stream shows records as soon as it has any: the first shard this process serves.
void MainWindow::selectFirstShardHere(const MonitorSnapshot &snapshot)
{
    for (const ShardRow &row : snapshot.shards) {
        if (row.sessionHere) {
            selectShard(row.shardId);
            return;
        }
    }
}

QString MainWindow::currentStream() const
{
    return m_current;
}

QString MainWindow::currentShard() const
{
    const QModelIndex current = m_shardView->selectionModel()->currentIndex();
    return current.isValid() ? current.data(ShardTableModel::ShardIdRole).toString() : QString();
}

void MainWindow::showStream(const QString &name)
{
    if (name == m_current)
        return;
    m_current = name;
    StreamHost *host = m_streams->host(name);
    m_shardModel->setLagAlert(lagAlertOf(name));
    m_shardModel->setSnapshot(host ? host->latest() : nullptr);
    m_checkpoints->setPolicyText(policyText(name));
    m_tail->setSource(host ? host->tap() : nullptr, QString());
    // Every view follows the stream: no chart of the previous one stays.
    m_lagChart->setSnapshot(host ? host->latest() : nullptr);
    m_throughputChart->setSnapshot(host ? host->latest() : nullptr);
    const auto replay = m_replays.find(name);
    m_replayBar->setSession(replay == m_replays.end() ? nullptr : replay->second.get());
    updateShardSelection();
    updateStatusBar();
}

QString MainWindow::policyText(const QString &stream) const
{
    const StreamSettings *settings = m_streams->settings(stream);
    if (!settings)
        return QString();
    switch (settings->checkpointMode) {
    case StreamSettings::CheckpointMode::Off: return tr("by hand only");
    case StreamSettings::CheckpointMode::EveryRecords: return tr("every %n record(s)", nullptr, settings->checkpointEvery);
    case StreamSettings::CheckpointMode::EverySeconds: return tr("every %n second(s)", nullptr, settings->checkpointEvery);
    }
    return QString();
}

std::optional<std::int64_t> MainWindow::lagAlertOf(const QString &stream) const
{
    const StreamSettings *settings = m_streams->settings(stream);
    if (!settings || settings->lagAlertSeconds <= 0)
        return std::nullopt;
    return std::int64_t(settings->lagAlertSeconds) * 1000;
}

// Once per crossing: a tray message where there is a tray, else the status bar and the window asking for attention.
void MainWindow::notifyLag(const QString &stream, const QString &shardId, qint64 lagMs, qint64 thresholdMs)
{
    const QString title = tr("%1: lag over %2").arg(stream, ShardTableModel::lagText(thresholdMs));
    const QString text = tr("%1 is %2 behind the tip of the stream.").arg(shardId, ShardTableModel::lagText(lagMs));
    m_logModel->append(stream, title + u": "_s + text, StreamRunner::LogLevel::Warning);
    ++m_lagNotifications;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon().isNull() ? style()->standardIcon(QStyle::SP_MessageBoxWarning)
                                                                : windowIcon(),
                                         this);
            m_tray->setToolTip(windowTitle());
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this, stream] {
                selectStream(stream);
                showNormal();
                raise();
                activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning);
    } else {
        statusBar()->showMessage(title + u" · "_s + text, 15000);
        QApplication::alert(this);
    }
}

void MainWindow::onSnapshot(const QString &stream, const MonitorSnapshotPtr &snapshot)
{
    m_streamModel->setSnapshot(stream, snapshot);
    m_lagAlerts->update(stream, *snapshot, lagAlertOf(stream));
    m_streamModel->setLagAlert(stream, m_lagAlerts->streamOver(stream));
    if (const auto replay = m_replays.find(stream); replay != m_replays.end())
        replay->second->onSnapshot(snapshot);
    if (stream != m_current)
        return;
    const QString shard = currentShard();
    const bool reset = !m_shardModel->snapshot() || m_shardModel->snapshot()->shards.size() != snapshot->shards.size();
    m_shardModel->setLagAlert(lagAlertOf(stream));
    m_shardModel->setSnapshot(snapshot);
    if (reset && !shard.isEmpty())
        selectShard(shard);
    if (shard.isEmpty())
        selectFirstShardHere(*snapshot);
    m_lagChart->setSnapshot(snapshot);
    m_throughputChart->setSnapshot(snapshot);
    m_checkpoints->setShard(snapshot->find(currentShard()));
    updateStatusBar();
}

void MainWindow::updateShardSelection()
{
    const QString shard = currentShard();
    StreamHost *host = m_streams->host(m_current);
    m_tail->setSource(host ? host->tap() : nullptr, shard);
    const MonitorSnapshotPtr snapshot = m_shardModel->snapshot();
    const ShardRow *row = snapshot ? snapshot->find(shard) : nullptr;
    m_checkpoints->setShard(row);
    m_tail->setEmptyText(emptyTailText(row));
    QStringList chosen;
    const QModelIndexList selected = m_shardView->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        chosen << index.data(ShardTableModel::ShardIdRole).toString();
    m_lagChart->setChosenShards(chosen);
    m_throughputChart->setChosenShards(chosen);
    // Any lease can be reset; one a live worker holds only by taking it from
    // that worker, which the dialog asks for by name.
    const std::optional<LeaseSource> leases = host ? host->leaseSource() : std::nullopt;
    QString notResettable;
    if (!leases)
        notResettable = tr("Resetting a checkpoint needs the lease table, which the console does not know for a "
                           "custom daemon command.");
    else if (!row)
        notResettable = tr("Select a shard to reset its checkpoint.");
    else if (!row->inLeaseTable)
        notResettable = tr("%1 has no lease yet: the daemon creates it when it first syncs the shards.").arg(row->shardId);
    else if (m_resetting)
        notResettable = tr("A reset is under way.");
    m_reset->setEnabled(notResettable.isEmpty());
    m_reset->setToolTip(notResettable.isEmpty()
                            ? tr("Move the selected shard's checkpoint in the lease table.")
                            : notResettable);
    m_reset->setStatusTip(notResettable.isEmpty() && row && row->leaseOwner && !row->expired
                              ? tr("%1 is held by %2, a live worker: a reset takes the lease from it.")
                                    .arg(row->shardId, *row->leaseOwner)
                              : notResettable);
    const bool haveStream = host != nullptr;
    // An attached application's workers run elsewhere: nothing here to start, stop or edit.
    const bool attached = m_streams->isAttached(m_current);
    for (QAction *action : {m_start, m_stop, m_restart, m_edit, m_remove})
        action->setEnabled(haveStream);
    for (QAction *action : {m_start, m_stop, m_restart}) {
        action->setEnabled(haveStream && !attached);
        action->setStatusTip(attached ? tr("%1 is an attached application: its workers run elsewhere.").arg(m_current)
                                      : QString());
    }
    m_edit->setEnabled(haveStream && !attached && !m_replays.contains(m_current)); // a replay's settings are the capture's
}

// Every menu action with a shortcut, as the menus name them.
QList<std::pair<QString, QString>> MainWindow::shortcuts() const
{
    QList<std::pair<QString, QString>> list;
    const QList<QAction *> menus = menuBar()->actions();
    for (const QAction *menu : menus) {
        if (!menu->menu())
            continue;
        const QString menuName = QString(menu->text()).remove(u'&');
        const QList<QAction *> actions = menu->menu()->actions();
        for (const QAction *action : actions) {
            if (!action->shortcut().isEmpty())
                list.append({menuName + u" → "_s + QString(action->text()).remove(u'&'),
                             action->shortcut().toString(QKeySequence::NativeText)});
        }
    }
    return list;
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    const auto list = shortcuts();
    auto *table = new QTableWidget(int(list.size()), 2, &dialog);
    table->setObjectName(u"shortcuts"_s);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    for (int row = 0; row < int(list.size()); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(list[row].first));
        table->setItem(row, 1, new QTableWidgetItem(list[row].second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(520, 420);
    dialog.exec();
}

QString MainWindow::aboutText()
{
    const QString readme = QStringLiteral(QMLD_README_PATH);
    const QString where = QFileInfo::exists(readme)
        ? tr("<a href=\"%1\">README.md</a>").arg(QUrl::fromLocalFile(readme).toString())
        : tr("README.md in the qmld sources");
    return tr("<p><b>qmld console</b> %1</p>"
              "<p>Watch and steer Kinesis and DynamoDB stream processing through the KCL MultiLangDaemon: "
              "lease ownership, lag, record previews, manual checkpoints.</p>"
              "<p>Getting started, the command line and the layout of the project: %2.</p>")
        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), where);
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("About qmld console"));
    box.setTextFormat(Qt::RichText);
    box.setTextInteractionFlags(Qt::TextBrowserInteraction);
    box.setText(aboutText());
    box.exec();
}

// What the record tail says while it has nothing to show.
QString MainWindow::emptyTailText(const ShardRow *row)
{
    if (!row)
        return tr("Select a shard to see the records it delivers here.");
    switch (ShardTableModel::liveness(*row)) {
    case ShardTableModel::Liveness::Here:
        return tr("No records from %1 yet.").arg(row->shardId);
    case ShardTableModel::Liveness::ThisWorkerIdle:
        return tr("No records: this console does not process %1 now (the stream is stopped or starting).").arg(row->shardId);
    case ShardTableModel::Liveness::Nobody:
    case ShardTableModel::Liveness::Unknown:
        return tr("No records: no worker processes %1 now.").arg(row->shardId);
    case ShardTableModel::Liveness::OtherWorker:
    case ShardTableModel::Liveness::Expired:
        break;
    }
    return tr("No records here: %1 is held by %2. Records show for the shards this console processes.")
        .arg(row->shardId, ShardTableModel::ownerText(*row));
}

void MainWindow::updateStatusBar()
{
    int streams = 0, shards = 0, here = 0, others = 0;
    double rate = 0;
    std::optional<std::int64_t> maxLag;
    for (int row = 0; row < m_streamModel->rowCount(); ++row) {
        const MonitorSnapshotPtr snapshot = m_streamModel->snapshot(row);
        if (!snapshot)
            continue;
        ++streams;
        shards += snapshot->totals.shards;
        // Counted as the table shows them: a stopped console serves nothing, an expired owner is gone.
        for (const ShardRow &shard : snapshot->shards) {
            here += ShardTableModel::liveness(shard) == ShardTableModel::Liveness::Here;
            others += ShardTableModel::liveness(shard) == ShardTableModel::Liveness::OtherWorker;
        }
        rate += snapshot->totals.recordsPerSecond;
        if (snapshot->totals.maxMillisBehindLatest)
            maxLag = std::max(maxLag.value_or(0), *snapshot->totals.maxMillisBehindLatest);
    }
    m_totals->setText(tr("%n stream(s)", nullptr, streams) + u" · "_s
                      + tr("%n shard(s) (%1 here, %2 other workers)", nullptr, shards).arg(here).arg(others) + u" · "_s
                      + tr("%1 rec/s").arg(ShardTableModel::rateText(rate)) + u" · "_s
                      + tr("max lag %1").arg(maxLag ? ShardTableModel::lagText(maxLag) : tr("n/a")));
}

void MainWindow::newStream()
{
    StreamSettings settings;
    settings.storePath = m_defaultStorePath;
    StreamSettingsDialog dialog(settings, m_streams->names(), this);
    if (dialog.exec() == QDialog::Accepted)
        addStream(dialog.settings());
}

void MainWindow::importProperties()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import KCL properties"), QString(),
                                                      tr("Properties (*.properties);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    const auto properties = JavaProperties::load(path, &error);
    const auto imported = properties ? StreamSettings::fromProperties(*properties, &error) : std::nullopt;
    if (!imported) {
        QMessageBox::warning(this, tr("Import KCL properties"), error);
        return;
    }
    StreamSettingsDialog dialog(*imported, m_streams->names(), this);
    if (dialog.exec() == QDialog::Accepted)
        addStream(dialog.settings());
}

void MainWindow::replayCapture()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Replay capture"), QString(),
                                                      tr("Captures (*.jsonl *.jsonl.gz *.gz);;All files (*)"));
    if (!path.isEmpty())
        openReplay(path);
}

bool MainWindow::openReplay(const QString &capturePath)
{
    QString error;
    auto session = std::make_unique<ReplaySession>(capturePath, &error);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Replay capture"), error);
        return false;
    }
    StreamSettings stream = session->stream();
    for (int n = 2; m_streams->host(stream.name); ++n)
        stream.name = session->stream().name + u" (%1)"_s.arg(n);
    connect(session.get(), &ReplaySession::failed, this, [this](const QString &reason) {
        m_logModel->append(tr("replay"), reason, StreamRunner::LogLevel::Error);
    });
    ReplaySession *replay = session.get();
    m_replays[stream.name] = std::move(session);
    addStream(stream, false);
    selectStream(stream.name);
    m_replayBar->setSession(replay);
    if (StreamHost *host = m_streams->host(stream.name))
        host->start();
    return true;
}

void MainWindow::toggleCapture(bool on)
{
    if (!on) {
        stopCapture();
        return;
    }
    QStringList shards;
    const QModelIndexList selected = m_shardView->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        shards << index.data(ShardTableModel::ShardIdRole).toString();
    const QString path = shards.isEmpty() ? QString()
                                          : QFileDialog::getSaveFileName(this, tr("Capture shards"),
                                                                         m_current + u".jsonl.gz"_s,
                                                                         tr("Captures (*.jsonl.gz *.jsonl)"));
    if (shards.isEmpty())
        statusBar()->showMessage(tr("Select the shards to capture first."), 10000);
    if (path.isEmpty() || !startCapture(shards, path)) {
        const QSignalBlocker blocker(m_captureAction);
        m_captureAction->setChecked(false);
    }
}

bool MainWindow::startCapture(const QStringList &shardIds, const QString &path)
{
    StreamHost *host = m_streams->host(m_current);
    const StreamSettings *settings = m_streams->settings(m_current);
    if (!host || !settings || shardIds.isEmpty())
        return false;
    stopCapture();
    // The file is opened on the writer's thread: a failure arrives as failed().
    m_capture = LiveCapture::start(host->tap(), LiveCapture::optionsFor(*settings, shardIds, path));
    connect(m_capture.get(), &LiveCapture::failed, this, [this, path](const QString &error) {
        statusBar()->showMessage(tr("Capture into %1 failed: %2").arg(path, error), 15000);
        updateCaptureStatus();
    });
    m_captureStream = m_current;
    {
        const QSignalBlocker blocker(m_captureAction);
        m_captureAction->setChecked(true);
    }
    updateCaptureStatus();
    return true;
}

void MainWindow::stopCapture()
{
    if (!m_capture)
        return;
    LiveCapture *capture = m_capture.get();
    m_finishingCaptures.push_back(std::move(m_capture));
    connect(capture, &LiveCapture::finished, this, [this, capture](const QString &error) {
        const QString summary = tr("captured %1 records of %2 into %3")
                                    .arg(QLocale().toString(capture->records()), capture->shards().join(u", "_s),
                                         capture->path());
        const QString path = capture->path();
        std::erase_if(m_finishingCaptures, [capture](const auto &c) { return c.get() == capture; });
        if (error.isEmpty())
            statusBar()->showMessage(summary, 15000);
        else
            QMessageBox::warning(this, tr("Capture shards"), tr("%1, but writing failed: %2").arg(summary, error));
        Q_EMIT captureFinished(path, error);
    }, Qt::QueuedConnection);
    capture->stop();
    {
        const QSignalBlocker blocker(m_captureAction);
        m_captureAction->setChecked(false);
    }
    m_captureStatus->setVisible(false);
}

void MainWindow::updateCaptureStatus()
{
    if (!m_capture)
        return;
    const QString error = m_capture->writeError();
    m_captureStatus->setVisible(true);
    m_captureStatus->setText(error.isEmpty()
                                 ? tr("● capturing %1 of %2 into %3: %4 records · %5")
                                       .arg(m_capture->shards().join(u", "_s), m_captureStream, m_capture->path(),
                                            QLocale().toString(m_capture->records()),
                                            QLocale().formattedDataSize(m_capture->bytes()))
                                 : tr("● capture failed: %1").arg(error));
}

void MainWindow::editCurrentStream()
{
    const StreamSettings *current = m_streams->settings(m_current);
    if (!current)
        return;
    QStringList others = m_streams->names();
    others.removeAll(m_current);
    StreamSettingsDialog dialog(*current, others, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const StreamSettings edited = dialog.settings();
    const int row = m_streamModel->rowOf(m_current);
    const bool persisted = m_persisted.removeAll(m_current) > 0;
    m_streams->remove(m_current);
    m_lagAlerts->forget(m_current);
    m_streamModel->renameStream(row, edited.name);
    m_current.clear();
    addStream(edited, persisted);
    selectStream(edited.name);
}

void MainWindow::removeCurrentStream()
{
    if (m_current.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Remove stream"),
                              tr("Stop and remove the stream %1 from the console? Its leases and checkpoints stay.")
                                  .arg(m_current))
        != QMessageBox::Yes)
        return;
    const QString name = m_current;
    m_replayBar->setSession(nullptr);
    m_streams->remove(name);
    m_lagAlerts->forget(name);
    m_replays.erase(name);
    m_streamModel->removeStream(m_streamModel->rowOf(name));
    if (m_persisted.removeAll(name) > 0)
        saveStreams();
    m_current.clear();
    showStream(m_streamModel->name(0));
}

void MainWindow::resetCheckpoint()
{
    const StreamSettings *settings = m_streams->settings(m_current);
    StreamHost *host = m_streams->host(m_current);
    const MonitorSnapshotPtr snapshot = m_shardModel->snapshot();
    const ShardRow *row = snapshot ? snapshot->find(currentShard()) : nullptr;
    if (!settings || !host || !row || !row->inLeaseTable)
        return;
    // The table the shard table shows: the embedded store's, or DynamoDB's for a Java daemon.
    const std::optional<LeaseSource> source = host->leaseSource();
    if (!source)
        return;
    const QString oldValue = row->checkpoint ? row->checkpoint->display() : tr("(none)");
    const std::optional<QString> liveOwner = row->expired ? std::nullopt : row->leaseOwner;
    ResetCheckpointDialog dialog(settings->applicationName, row->shardId, oldValue, liveOwner, this);
    if (dialog.exec() != QDialog::Accepted)
        return;

    LeaseResetRequest request;
    request.streamName = settings->streamName;
    request.leaseKey = row->shardId;
    request.target = *dialog.target();
    request.force = dialog.force();
    request.failoverTime = source->failoverTime;
    // The console's monitor already watched it stand still for longer than the failover time.
    if (row->expired)
        request.knownExpiredAtCounter = row->leaseCounter;
    m_resetting = true;
    updateShardSelection();
    statusBar()->showMessage(tr("Resetting the checkpoint of %1…").arg(row->shardId));
    const QString stream = m_current;
    startLeaseReset(this, *source, request, [this, stream](const LeaseResetOutcome &done) {
        m_resetting = false;
        updateShardSelection();
        if (!done.applied()) {
            statusBar()->clearMessage();
            QMessageBox::warning(this, tr("Reset checkpoint"), done.message);
            return;
        }
        statusBar()->showMessage(done.message, 10000);
        if (StreamHost *resetHost = m_streams->host(stream))
            resetHost->pollLeasesNow();
    });
}

// How many records the tail and each shard's preview buffer keep, and how
// much memory they may use; kept with QSettings.
void MainWindow::editRecordBuffers()
{
    const RecordTap::Limits limits = recordBufferLimits();
    bool ok = false;
    const int records = QInputDialog::getInt(this, tr("Record buffers"),
                                             tr("Records kept per shard (preview buffer and tail):"),
                                             limits.maxRecords, 10, 1000000, 100, &ok);
    if (!ok)
        return;
    const int mebibytes = QInputDialog::getInt(this, tr("Record buffers"), tr("Memory per shard, in MiB:"),
                                               int(limits.maxBytes >> 20), 1, 4096, 1, &ok);
    if (!ok)
        return;
    QSettings settings;
    settings.setValue(u"records/maxRecords"_s, records);
    settings.setValue(u"records/maxMebibytes"_s, mebibytes);
    applyRecordBufferLimits();
}

RecordTap::Limits MainWindow::recordBufferLimits()
{
    QSettings settings;
    RecordTap::Limits limits;
    limits.maxRecords = settings.value(u"records/maxRecords"_s, limits.maxRecords).toInt();
    limits.maxBytes = settings.value(u"records/maxMebibytes"_s, int(limits.maxBytes >> 20)).toLongLong() << 20;
    return limits;
}

void MainWindow::applyRecordBufferLimits()
{
    const RecordTap::Limits limits = recordBufferLimits();
    m_tail->setLimits(limits.maxRecords, limits.maxBytes);
    for (const QString &name : m_streams->names()) {
        if (StreamHost *host = m_streams->host(name))
            host->tap()->setLimits(limits);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"window/shardColumns"_s, m_shardView->horizontalHeader()->saveState());
    settings.setValue(u"window/shardColumnsVersion"_s, kShardColumnsVersion);
    QMainWindow::closeEvent(event);
}

} // namespace qmld::ui

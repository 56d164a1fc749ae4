#pragma once

#include "settings/AttachedApplications.h"

#include <qmld/LeaseSource.h>
#include <qmld/MonitorSnapshot.h>
#include <qmld/RecordTap.h>

#include <QMainWindow>

#include <map>
#include <memory>
#include <vector>

class QLabel;
class QSystemTrayIcon;
class QLineEdit;
class QTableView;
class QTabWidget;
class QTimer;
class QSortFilterProxyModel;

namespace qmld::ui {

class AwsBrowser;
class CheckpointPanel;
class LagAlerts;
class LiveCapture;
class ReplayBar;
class ReplaySession;
class ConsoleStreams;
class LogFilterModel;
class LogModel;
class MetricChart;
class RecordPreview;
class RecordTailView;
class ShardTableModel;
class StreamListModel;
class StreamSettings;


// The operations console: streams on the left; the selected stream's shards
// and leases, lag and throughput charts and the record tail in the middle;
// the selected record and manual checkpoints on the right; the daemons' log
// below; totals in the status bar. Engine work runs on the streams' own
// threads; this window takes their snapshots (~10 Hz) and pulls record tails.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleStreams *streams, QString defaultStorePath, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds the stream to the list, configuring it unless ConsoleStreams has it (and to the saved streams unless `persist` is false).
    void addStream(const StreamSettings &settings, bool persist = true);
    // Stream → Attach KCL application: watches `source` under `name` (not kept across runs).
    // Shows and remembers (QSettings) an attached application.
    void attachApplication(const QString &name, const LeaseSource &source);
    void loadSavedStreams();
    // Opens a capture as a stream of its own (File → Replay capture…). False
    // with the reason shown to the user.
    bool openReplay(const QString &capturePath);
    // Starts capturing these shards of the current stream into `path`; false
    // without a stream or shards. The file is written on a thread of its own:
    // a failure to open or write it shows in the capture status line.
    bool startCapture(const QStringList &shardIds, const QString &path);
    // Stops recording; captureFinished() once the file is closed.
    void stopCapture();
    // File → AWS streams…: the Kinesis streams of an AWS account (a window of its own, made once).
    AwsBrowser *showAwsBrowser();
    void selectStream(const QString &name);
    void selectShard(const QString &shardId);
    QString currentStream() const;
    QString currentShard() const;

    ShardTableModel *shardModel() const { return m_shardModel; }
    StreamListModel *streamModel() const { return m_streamModel; }
    LogModel *logModel() const { return m_logModel; }
    // Lag notifications raised so far (one per shard crossing its stream's lag alert).
    int lagNotifications() const { return m_lagNotifications; }
    CheckpointPanel *checkpointPanel() const { return m_checkpoints; }
    RecordTailView *recordTail() const { return m_tail; }
    // Help → Keyboard shortcuts: (menu → action, shortcut), and Help → About.
    QList<std::pair<QString, QString>> shortcuts() const;
    static QString aboutText();

Q_SIGNALS:
    // A capture stopped with stopCapture() is complete on disk; `error` is empty when every record was written.
    void captureFinished(const QString &path, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildActions();
    void buildLayout();
    QWidget *buildLogPane();
    void setUpShardColumns();
    void fitIntoScreen();
    void shareOutSpace();
    void onSnapshot(const QString &stream, const MonitorSnapshotPtr &snapshot);
    void showStream(const QString &name);
    void updateShardSelection();
    void selectFirstShardHere(const MonitorSnapshot &snapshot);
    void updateStatusBar();
    static QString emptyTailText(const ShardRow *row);
    void editCurrentStream();
    void newStream();
    void importProperties();
    void removeCurrentStream();
    void resetCheckpoint();
    void replayCapture();
    void toggleCapture(bool on);
    void updateCaptureStatus();
    void saveStreams();
    void showAttached(const QString &name, const LeaseSource &source);
    void saveAttached();
    void editRecordBuffers();
    void showShortcuts();
    void showAbout();
    void applyRecordBufferLimits();
    static RecordTap::Limits recordBufferLimits();
    QString policyText(const QString &stream) const;
    std::optional<std::int64_t> lagAlertOf(const QString &stream) const;
    void notifyLag(const QString &stream, const QString &shardId, qint64 lagMs, qint64 thresholdMs);

    ConsoleStreams *m_streams;
    QString m_defaultStorePath;
    QStringList m_persisted; // the streams saved with QSettings
    QList<AttachedApplication> m_attached; // the attached applications saved with QSettings
    QString m_current;
    bool m_firstShow = true;
    bool m_shareOutOnShow = false; // the docks and splitter get their default shares when shown

    StreamListModel *m_streamModel = nullptr;
    ShardTableModel *m_shardModel = nullptr;
    QSortFilterProxyModel *m_shardFilter = nullptr;
    LogModel *m_logModel = nullptr;
    LogFilterModel *m_logFilter = nullptr;
    LagAlerts *m_lagAlerts = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    int m_lagNotifications = 0;

    QTableView *m_streamView = nullptr;
    QTableView *m_shardView = nullptr;
    QLineEdit *m_shardFilterEdit = nullptr;
    QTabWidget *m_charts = nullptr;
    MetricChart *m_lagChart = nullptr;
    MetricChart *m_throughputChart = nullptr;
    RecordTailView *m_tail = nullptr;
    RecordPreview *m_preview = nullptr;
    CheckpointPanel *m_checkpoints = nullptr;
    QLabel *m_totals = nullptr;
    QTimer *m_tailTimer = nullptr;

    ReplayBar *m_replayBar = nullptr;
    AwsBrowser *m_awsBrowser = nullptr;
    std::unique_ptr<LiveCapture> m_capture;
    std::vector<std::unique_ptr<LiveCapture>> m_finishingCaptures; // stopped, their writers closing the files
    QString m_captureStream;
    QAction *m_captureAction = nullptr;
    QLabel *m_captureStatus = nullptr;
    std::map<QString, std::unique_ptr<ReplaySession>> m_replays; // by stream name

    QAction *m_start = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_restart = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_reset = nullptr;
    bool m_resetting = false; // a reset runs on a pool thread
};

} // namespace qmld::ui

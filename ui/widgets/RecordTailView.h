#pragma once

#include <qmld/CaptureFile.h>
#include <qmld/RecordTap.h>

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace qmld::ui {

class RecordFilterModel;
class RecordTableModel;

// A live tail of the selected shard's records, pulled from the stream's
// RecordTap about ten times a second: pause and resume, filters by text and
// partition key, copy and export of the selection as JSON lines. Picking a
// record pauses the tail, so that the record and its preview stay until the
// user resumes.
class RecordTailView : public QWidget
{
    Q_OBJECT
public:
    explicit RecordTailView(QWidget *parent = nullptr);

    void setSource(std::shared_ptr<RecordTap> tap, const QString &shardId);
    // What an empty tail says instead of nothing: why there are no records.
    void setEmptyText(const QString &text);
    QString emptyText() const;
    void setPaused(bool paused);
    bool isPaused() const;
    void setLimits(int maxRecords, qint64 maxBytes);
    // Takes in what arrived since the last call (nothing while paused).
    void pull();

    RecordTableModel *model() const { return m_model; }
    // The selected records, oldest first.
    std::vector<StreamRecord> selectedRecords() const;
    QString shardId() const { return m_shardId; }
    // A capture (docs/capture-format.md): a header line naming the shard, then
    // one JSON line per record, as `qmld run --processor log` writes them.
    static QByteArray toJsonLines(const QString &shardId, const std::vector<StreamRecord> &records);
    // The header of an export: source "console", the one shard.
    static CaptureHeader captureHeader(const QString &shardId);

Q_SIGNALS:
    // The current record (null when none).
    void currentRecordChanged(const qmld::StreamRecord *record);

public Q_SLOTS:
    void copySelection();
    void exportSelection();

private:
    void updateCount();
    void holdSelection();

    std::shared_ptr<RecordTap> m_tap;
    QString m_shardId;
    std::uint64_t m_next = 0;
    RecordTableModel *m_model = nullptr;
    RecordFilterModel *m_filter = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_text = nullptr;
    QLineEdit *m_key = nullptr;
    QToolButton *m_pause = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_empty = nullptr;
    bool m_heldForSelection = false; // paused because the user picked a record
};

} // namespace qmld::ui

#pragma once

#include <qmld/MonitorSnapshot.h>

#include <QWidget>

class QLabel;
class QPushButton;

namespace qmld::ui {

// Manual checkpoints for the selected shard: "now" (the latest processed
// record) or "at this record" (the one selected in the tail), with the
// stream's policy and the last checkpoint's fate (pending, ok, failed with
// the daemon's error). Buttons are enabled only while a session here serves
// the shard (the protocol allows checkpoints only through it), "at record"
// only after the shard's checkpoint (the daemon refuses to go back); a
// disabled button says why, in the panel, its tooltip and the status bar.
class CheckpointPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CheckpointPanel(QWidget *parent = nullptr);

    void setPolicyText(const QString &text);
    // Null: no shard selected.
    void setShard(const ShardRow *row);
    void setSelectedRecord(const std::optional<SequenceNumber> &record);
    // A request that did not even reach a session (why, in the panel).
    void showRefusal(const QString &reason);

Q_SIGNALS:
    void checkpointNowRequested(const QString &shardId);
    void checkpointAtRequested(const QString &shardId, const qmld::SequenceNumber &record);

private:
    void updateButtons();

    QString m_shardId;
    bool m_sessionHere = false;
    QString m_owner; // who serves the shard when it is not served here
    std::optional<SequenceNumber> m_checkpoint; // the shard's checkpoint (digits only)
    std::optional<SequenceNumber> m_record;
    QLabel *m_why = nullptr; // why a button is disabled, where the user looks
    QLabel *m_shard = nullptr;
    QLabel *m_policy = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_now = nullptr;
    QPushButton *m_atRecord = nullptr;
};

} // namespace qmld::ui

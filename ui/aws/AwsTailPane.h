#pragma once

#include <qmld/aws/KinesisClient.h>

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace qmld::ui {

class AwsShardTail;
class RecordPreview;
class RecordTailView;

// The tail of one Kinesis shard: where to start (TRIM_HORIZON, LATEST,
// AT/AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP), Tail and Stop, the console's
// record tail and record preview, and a status line (records, GetRecords
// calls, how far behind the tip; the error if the tail stopped on one).
class AwsTailPane : public QWidget
{
    Q_OBJECT
public:
    explicit AwsTailPane(QWidget *parent = nullptr);
    ~AwsTailPane() override;

    // The shard the Tail button reads (a ListShards shard object), on `kinesis`.
    void setShard(aws::KinesisClient *kinesis, const QString &stream, const QJsonObject &shard);
    // The position the controls describe; nullopt (and the reason shown) when the value is not valid.
    std::optional<aws::StartingPosition> position();
    void setPosition(const aws::StartingPosition &position);
    // Starts tailing the chosen shard from position(); false when there is no shard or no valid position.
    bool startTail();
    void stopTail();

    AwsShardTail *tail() const { return m_tail; }
    RecordTailView *recordTail() const { return m_view; }
    QString statusText() const;

private:
    void updateStatus();
    void updateControls();
    void finished(const QString &error, bool shardEnded);

    QPointer<aws::KinesisClient> m_kinesis;
    QString m_stream;
    QJsonObject m_shard;
    AwsShardTail *m_tail = nullptr;
    QString m_from;   // the tail's starting position, as shown
    QString m_ending; // why the tail stopped, when it did on its own

    QLabel *m_target = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_value = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_status = nullptr;
    RecordTailView *m_view = nullptr;
    RecordPreview *m_preview = nullptr;
    QTimer *m_pull = nullptr;
};

} // namespace qmld::ui

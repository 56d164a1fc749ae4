#pragma once

#include <qmld/aws/ShardReader.h>

#include <qmld/RecordTap.h>

#include <QObject>
#include <QTimer>

#include <memory>

namespace qmld::ui {

// A live tail of one Kinesis shard from a starting position, into a
// RecordTap the console's record tail view pulls from. GetRecords is paced
// by the engine's ShardReader: one call a second on this shard at most (a
// pace a person can follow, a fifth of what Kinesis allows and shares with
// the stream's own consumers), slower while throttled. A network error or a
// 5xx pauses the tail, longer each time, and it reads on after the last
// record it got. It keeps polling at the tip until stopped, until a closed
// shard is read to its end, or until AWS refuses the request.
class AwsShardTail : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kInterval{1000};
    // Records asked per GetRecords: enough to look at, and a small share of the
    // shard's 2 MB/s of reads that the stream's consumers need.
    static constexpr int kBatchLimit = 500;
    static constexpr std::chrono::milliseconds kFirstPause{2000};
    static constexpr std::chrono::milliseconds kLongestPause{60000};

    AwsShardTail(aws::KinesisClient *kinesis, QString stream, QString shardId, const aws::StartingPosition &from,
                 const std::optional<HashKeyRange> &hashRange, QObject *parent = nullptr);
    ~AwsShardTail() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    QString stream() const { return m_stream; }
    QString shardId() const { return m_shardId; }
    std::shared_ptr<RecordTap> tap() const { return m_tap; }
    qint64 recordsRead() const { return m_records; }
    int getRecordsCalls() const;
    int throttledCalls() const;
    qint64 millisBehindLatest() const { return m_behind; }

Q_SIGNALS:
    void recordsArrived();
    void warning(const QString &message);
    // A transient error paused the tail; it reads on in `pause`.
    void paused(const QString &error, std::chrono::milliseconds pause);
    // A one-line error (empty when the tail ended without one); `shardEnded`: a closed shard read to its end.
    void finished(const QString &error, bool shardEnded);

private:
    void read(const aws::StartingPosition &from);
    void readerFinished(const aws::AwsError &error, bool shardEnded);
    void resume();

    aws::KinesisClient *m_kinesis;
    QString m_stream;
    QString m_shardId;
    aws::ShardReadOptions m_options;
    std::shared_ptr<RecordTap> m_tap;
    aws::ShardReader *m_reader = nullptr;
    QString m_last; // sequence number of the last record read
    int m_earlierCalls = 0;     // of readers before the current one
    int m_earlierThrottled = 0;
    qint64 m_records = 0;
    qint64 m_behind = -1;
    std::chrono::milliseconds m_pause = kFirstPause;
    QTimer m_resume;
    bool m_running = false;
};

} // namespace qmld::ui

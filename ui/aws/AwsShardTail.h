#pragma once

#include <qmld/aws/ShardReader.h>

#include <qmld/RecordTap.h>

#include <QObject>

#include <memory>

namespace qmld::ui {

// A live tail of one Kinesis shard from a starting position, into a
// RecordTap the console's record tail view pulls from. GetRecords is paced
// by the engine's ShardReader: one call a second on this shard at most (a
// pace a person can follow, a fifth of what Kinesis allows and shares with
// the stream's own consumers), slower while throttled. It keeps polling at
// the tip until stopped, or until a closed shard is read to its end.
class AwsShardTail : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kInterval{1000};

    AwsShardTail(aws::KinesisClient *kinesis, QString stream, QString shardId, const aws::StartingPosition &from,
                 const std::optional<HashKeyRange> &hashRange, QObject *parent = nullptr);
    ~AwsShardTail() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    QString stream() const { return m_stream; }
    QString shardId() const { return m_shardId; }
    std::shared_ptr<RecordTap> tap() const { return m_tap; }
    qint64 recordsRead() const;
    int getRecordsCalls() const;
    int throttledCalls() const;
    qint64 millisBehindLatest() const { return m_behind; }

Q_SIGNALS:
    void recordsArrived();
    void warning(const QString &message);
    // A one-line error (empty when the tail ended without one); `shardEnded`: a closed shard read to its end.
    void finished(const QString &error, bool shardEnded);

private:
    QString m_stream;
    QString m_shardId;
    std::shared_ptr<RecordTap> m_tap;
    aws::ShardReader *m_reader = nullptr;
    qint64 m_behind = -1;
    bool m_running = false;
};

} // namespace qmld::ui

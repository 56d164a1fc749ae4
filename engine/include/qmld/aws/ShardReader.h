#pragma once

// Reads one Kinesis shard from a starting position, politely: GetRecords is
// paced per shard (never more than 5 calls a second, the limit Kinesis shares
// with the application's own consumers; one a second by default, a pace a
// person can follow), slows down when throttled, renews an expired iterator
// after the last record read, and stops at the tip, at the shard's end, after
// a sequence number or after a number of records.

#include <qmld/aws/KinesisClient.h>

#include <qmld/SequenceNumber.h>

#include <QElapsedTimer>
#include <QTimer>

#include <chrono>

namespace qmld::aws {

struct ShardReadOptions
{
    StartingPosition from;
    qint64 limit = std::numeric_limits<qint64>::max();
    std::optional<SequenceNumber> to;      // stop after this record
    bool stopAtTip = true;                 // false: keep polling (a live tail)
    std::chrono::milliseconds interval{1000}; // between GetRecords of this shard; never under 200 ms
    int batchLimit = 10000;
    std::optional<HashKeyRange> hashRange; // KCL's aggregate rule
};

// The pace of GetRecords per shard, shared by every reader in this process.
class ShardPacer
{
public:
    static constexpr std::chrono::milliseconds kMinInterval{200}; // 5 calls per second
    // How long to wait before calling GetRecords on `shardKey`; the call is booked then.
    static std::chrono::milliseconds book(const QString &shardKey, std::chrono::milliseconds interval);
};

class ShardReader : public QObject
{
    Q_OBJECT

public:
    ShardReader(KinesisClient *kinesis, QString stream, QString shardId, ShardReadOptions options, QObject *parent = nullptr);

    void start();
    void stop();
    qint64 recordsRead() const { return m_count; }
    int getRecordsCalls() const { return m_calls; }
    int throttledCalls() const { return m_throttled; }

Q_SIGNALS:
    void recordsArrived(const std::vector<qmld::StreamRecord> &records, qint64 millisBehindLatest);
    void warning(const QString &message);
    // error.isError() false: done; shardEnded: the closed shard was read to its end.
    void finished(const qmld::aws::AwsError &error, bool shardEnded, const QJsonArray &childShards);

private:
    void fetchIterator(const StartingPosition &position);
    void scheduleRead();
    void read();
    void finish(const AwsError &error, bool shardEnded = false, const QJsonArray &children = {});

    KinesisClient *m_kinesis;
    QString m_stream;
    QString m_shardId;
    ShardReadOptions m_options;
    QString m_iterator;
    std::optional<SequenceNumber> m_last;
    std::chrono::milliseconds m_interval;
    QTimer m_timer;
    qint64 m_count = 0;
    int m_calls = 0;
    int m_throttled = 0;
    bool m_running = false;
};

} // namespace qmld::aws

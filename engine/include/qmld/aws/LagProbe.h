#pragma once

// How far each shard's checkpoint is behind the tip, on Kinesis: a
// GetShardIterator after the checkpoint and one GetRecords (Limit 1) whose
// MillisBehindLatest is the lag. Polite by construction: each shard at most
// once per interval (30 s by default; a fresh answer is served from memory),
// the whole probe under a calls-per-second cap, GetRecords booked through the
// per-shard ShardPacer, and everything paused a while when Kinesis throttles.

#include <qmld/aws/KinesisClient.h>

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace qmld::aws {

struct ShardLag
{
    QString shardId;
    qint64 millisBehindLatest = -1; // -1: unknown (see error)
    bool shardEnded = false;        // checkpoint SHARD_END, or the closed shard read to its end
    QDateTime probedAt;
    AwsError error;
};

class LagProbe : public QObject
{
    Q_OBJECT

public:
    LagProbe(KinesisClient *kinesis, QString stream, QObject *parent = nullptr);

    void setShardInterval(std::chrono::milliseconds interval) { m_shardInterval = interval; }
    void setCallsPerSecond(double rate) { m_callSpacing = std::chrono::milliseconds(qint64(1000.0 / qBound(0.1, rate, 10.0))); }
    // The first pause after a throttled call (doubling on each retry of the shard).
    void setThrottlePause(std::chrono::milliseconds pause) { m_throttlePause = pause; }
    int callsMade() const { return m_calls; }

    // `checkpoints`: shard id → the lease's checkpoint (a sequence number,
    // TRIM_HORIZON, LATEST or SHARD_END). `done` gets one ShardLag per shard, in order.
    void probe(const QList<std::pair<QString, QString>> &checkpoints, QObject *context,
               std::function<void(const QList<ShardLag> &)> done);

private:
    struct Job
    {
        QString shardId;
        QString checkpoint;
        int attempts = 0;
    };
    void next();
    void call(std::function<void()> action);
    void finishJob(const ShardLag &lag);
    void complete();

    KinesisClient *m_kinesis;
    QString m_stream;
    std::chrono::milliseconds m_shardInterval{30000};
    std::chrono::milliseconds m_callSpacing{500};
    QHash<QString, ShardLag> m_cache;
    std::deque<Job> m_queue;
    QTimer m_timer;
    std::chrono::milliseconds m_pause{0};
    std::chrono::milliseconds m_throttlePause{2000};
    QElapsedTimer m_sinceLastCall;
    int m_calls = 0;
    bool m_busy = false;

    QList<std::pair<QString, QString>> m_request;
    QPointer<QObject> m_context;
    bool m_hasContext = false;
    std::function<void(const QList<ShardLag> &)> m_done;
};

} // namespace qmld::aws

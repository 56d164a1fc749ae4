#pragma once

#include <qmld/MetricHistory.h>
#include <qmld/MonitorSnapshot.h>
#include <qmld/SessionEvent.h>

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

namespace qmld::monitor {

// What the sessions of this process reported about one shard, and its
// per-second history. Lives on the monitor's thread only.
class ShardActivity
{
public:
    // `second`: the monitor's clock now; the history starts there.
    explicit ShardActivity(std::int64_t second);

    // Takes in an event about this shard (event.shardId), at `second`.
    void apply(const SessionEvent &event, std::int64_t second, const QDateTime &wallNow);
    void noteManualCheckpointRequested(const QDateTime &wallNow);
    // How far the lease's checkpoint is behind the tip, measured from outside
    // (the store, a Kinesis probe) while no session here serves the shard:
    // the shard's lag, charted every second until the next measurement.
    void noteMeasuredLag(std::int64_t millisBehindLatest, const QDateTime &measuredAt, std::int64_t second);
    const QDateTime &lagMeasuredAt() const { return m_lagMeasuredAt; }
    // Closes every second before `second` into the history. True when that
    // added a point (and so moved the rates).
    bool advance(std::int64_t second);

    bool live() const { return m_liveSession.has_value(); }
    // The state the last session here left or is in; nullopt when none reported.
    std::optional<ShardState> sessionState() const { return m_state; }
    const std::optional<SequenceNumber> &checkpoint() const { return m_checkpoint; }
    const std::optional<SequenceNumber> &lastProcessed() const { return m_lastProcessed; }
    // The session's while one is live here, else the last measured one.
    std::optional<std::int64_t> millisBehindLatest() const { return live() ? m_millisBehindLatest : m_measuredLag; }
    std::int64_t recordsProcessed() const { return m_records; }
    std::int64_t bytesProcessed() const { return m_bytes; }
    const CheckpointStatus &lastCheckpoint() const { return m_lastCheckpoint; }
    const QString &lastError() const { return m_lastError; }
    // Means over the last `windowSeconds` complete seconds; 0 without any.
    double recordsPerSecond(int windowSeconds) const;
    double bytesPerSecond(int windowSeconds) const;
    // Shared with the snapshots; replaced (copy on write) when a second closes.
    std::shared_ptr<const ShardHistory> history() const { return m_history; }

private:
    // The second still open: summed into the history when it completes.
    struct OpenSecond
    {
        std::int64_t second = 0;
        double records = 0;
        double bytes = 0;
        float maxMillisBehindLatest = MetricSeries::kNoSample;
    };

    bool isCurrent(const SessionEvent &event) const;
    void checkpointAnswered(const CheckpointResult &result, const QDateTime &wallNow);
    void sessionEnded();

    std::optional<quint64> m_liveSession;
    std::optional<ShardState> m_state;
    std::optional<SequenceNumber> m_checkpoint;
    std::optional<SequenceNumber> m_lastProcessed;
    std::optional<std::int64_t> m_millisBehindLatest;
    std::optional<std::int64_t> m_measuredLag; // while no session here serves the shard
    QDateTime m_lagMeasuredAt;
    std::int64_t m_records = 0;
    std::int64_t m_bytes = 0;
    CheckpointStatus m_lastCheckpoint;
    int m_pendingManual = 0; // manual checkpoints asked for and not answered yet
    bool m_shardEnded = false;
    QString m_lastError;
    std::shared_ptr<ShardHistory> m_history = std::make_shared<ShardHistory>();
    OpenSecond m_open;
};

} // namespace qmld::monitor

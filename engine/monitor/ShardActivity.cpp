#include "monitor/ShardActivity.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace qmld::monitor {

namespace {

double meanOrZero(const MetricSeries &series, int windowSeconds)
{
    const float mean = series.stats(windowSeconds).mean;
    return std::isnan(mean) ? 0.0 : double(mean);
}

} // namespace

ShardActivity::ShardActivity(std::int64_t second)
{
    m_open.second = second;
}

bool ShardActivity::isCurrent(const SessionEvent &event) const
{
    // A session that ended after a newer one for the same shard started must
    // not overwrite the newer one's state.
    return !m_liveSession || *m_liveSession == event.sessionId;
}

void ShardActivity::apply(const SessionEvent &event, std::int64_t second, const QDateTime &wallNow)
{
    advance(second);
    using Kind = SessionEvent::Kind;
    switch (event.kind) {
    case Kind::Connected:
        break;
    case Kind::Initialized:
        m_liveSession = event.sessionId;
        m_state = ShardState::Processing;
        m_shardEnded = false;
        m_lastError.clear();
        m_millisBehindLatest.reset();
        m_measuredLag.reset();
        m_lagMeasuredAt = QDateTime();
        if (event.position)
            m_checkpoint = event.position;
        break;
    case Kind::Records:
        if (!m_liveSession) {
            // The monitor started while this session was already running.
            m_liveSession = event.sessionId;
            m_state = ShardState::Processing;
        }
        m_records += event.records;
        m_bytes += event.bytes;
        m_open.records += double(event.records);
        m_open.bytes += double(event.bytes);
        if (event.position)
            m_lastProcessed = event.position;
        if (event.millisBehindLatest) {
            m_millisBehindLatest = event.millisBehindLatest;
            const auto lag = float(*event.millisBehindLatest);
            m_open.maxMillisBehindLatest =
                std::isnan(m_open.maxMillisBehindLatest) ? lag : std::max(m_open.maxMillisBehindLatest, lag);
        }
        break;
    case Kind::Checkpoint:
        checkpointAnswered(event.checkpoint, wallNow);
        break;
    case Kind::ShutdownRequested:
        if (isCurrent(event) && m_state != ShardState::Ended)
            m_state = ShardState::ShuttingDown;
        break;
    case Kind::LeaseLost:
        if (isCurrent(event))
            m_state = ShardState::LeaseLost;
        break;
    case Kind::ShardEnded:
        m_shardEnded = true;
        if (isCurrent(event))
            m_state = ShardState::Ended;
        break;
    case Kind::Finished:
        if (isCurrent(event)) {
            if (!m_state || m_state == ShardState::Processing || m_state == ShardState::ShuttingDown)
                m_state = ShardState::Stopped;
            sessionEnded();
        }
        break;
    case Kind::Failed:
        if (isCurrent(event)) {
            m_state = ShardState::Failed;
            m_lastError = event.message;
            sessionEnded();
        }
        break;
    }
}

void ShardActivity::sessionEnded()
{
    m_liveSession.reset();
    m_millisBehindLatest.reset();
    // The session answers every manual checkpoint before it ends; should one
    // be left, it will never be answered now.
    if (m_pendingManual > 0) {
        m_pendingManual = 0;
        m_lastCheckpoint.state = CheckpointStatus::State::Failed;
        m_lastCheckpoint.error = u"SessionEnded"_s;
    }
}

void ShardActivity::noteManualCheckpointRequested(const QDateTime &wallNow)
{
    ++m_pendingManual;
    m_lastCheckpoint = CheckpointStatus{CheckpointStatus::State::Pending, std::nullopt, QString(), true, wallNow};
}

void ShardActivity::noteMeasuredLag(std::int64_t millisBehindLatest, const QDateTime &measuredAt, std::int64_t second)
{
    advance(second);
    if (live())
        return;
    m_measuredLag = millisBehindLatest;
    m_lagMeasuredAt = measuredAt;
    m_open.maxMillisBehindLatest = float(millisBehindLatest);
}

void ShardActivity::checkpointAnswered(const CheckpointResult &result, const QDateTime &wallNow)
{
    // Without a position the checkpoint was at the latest delivered record,
    // which is SHARD_END once the shard has ended.
    std::optional<SequenceNumber> position = result.position;
    if (!position)
        position = m_shardEnded ? std::optional(SequenceNumber::shardEnd()) : m_lastProcessed;
    if (result.ok())
        m_checkpoint = position;

    if (result.manual)
        m_pendingManual = std::max(m_pendingManual - 1, 0);
    // Until the last manual request is answered, the shard shows it pending.
    if (m_pendingManual > 0)
        return;

    CheckpointStatus status;
    status.state = result.ok() ? CheckpointStatus::State::Ok : CheckpointStatus::State::Failed;
    if (result.ok())
        status.position = position;
    status.error = result.error;
    status.manual = result.manual;
    status.at = wallNow;
    m_lastCheckpoint = std::move(status);
}

bool ShardActivity::advance(std::int64_t second)
{
    if (m_open.second >= second)
        return false;
    if (m_history.use_count() > 1) // a published snapshot still shows this one
        m_history = std::make_shared<ShardHistory>(*m_history);
    m_history->recordsPerSecond.append(m_open.second, float(m_open.records));
    m_history->bytesPerSecond.append(m_open.second, float(m_open.bytes));
    // A lag measured from outside holds until the next measurement: a sample every second.
    const float carried = !live() && m_measuredLag ? float(*m_measuredLag) : MetricSeries::kNoSample;
    m_history->millisBehindLatest.append(m_open.second,
                                         std::isnan(m_open.maxMillisBehindLatest) ? carried : m_open.maxMillisBehindLatest);
    if (second - 1 > m_open.second) {
        // Quiet seconds since: the gap values (0 records, no lag sample).
        m_history->recordsPerSecond.append(second - 1, m_history->recordsPerSecond.gapValue());
        m_history->bytesPerSecond.append(second - 1, m_history->bytesPerSecond.gapValue());
        if (std::isnan(carried)) {
            m_history->millisBehindLatest.append(second - 1, m_history->millisBehindLatest.gapValue());
        } else {
            const std::int64_t from = std::max(m_open.second + 1, second - 1 - ShardHistory::kSeconds);
            for (std::int64_t s = from; s < second; ++s)
                m_history->millisBehindLatest.append(s, carried);
        }
    }
    m_open = OpenSecond{};
    m_open.second = second;
    return true;
}

double ShardActivity::recordsPerSecond(int windowSeconds) const
{
    return meanOrZero(m_history->recordsPerSecond, windowSeconds);
}

double ShardActivity::bytesPerSecond(int windowSeconds) const
{
    return meanOrZero(m_history->bytesPerSecond, windowSeconds);
}

} // namespace qmld::monitor

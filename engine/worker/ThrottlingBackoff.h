#pragma once

#include <QRandomGenerator>

#include <algorithm>
#include <chrono>

namespace qmld::worker {

// The wait before retrying a throttled checkpoint for the `attempt`th time
// (1-based): an exponential bound, base * 2^(attempt-1) capped at `max`, and a
// random point in its upper half, so shards throttled together do not retry
// together and every retry still backs off.
inline std::chrono::milliseconds throttlingRetryDelay(int attempt, std::chrono::milliseconds base,
                                                      std::chrono::milliseconds max, QRandomGenerator &random)
{
    const std::int64_t bound = std::min<std::int64_t>(max.count(), base.count() << std::clamp(attempt - 1, 0, 20));
    return std::chrono::milliseconds(bound / 2 + random.bounded(qint64(bound / 2 + 1)));
}

} // namespace qmld::worker

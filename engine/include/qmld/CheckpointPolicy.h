#pragma once

#include <chrono>
#include <cstdint>

namespace qmld {

// When qmld checkpoints on a processor's behalf. Checkpoints only ever cover
// the contiguous prefix of records the processor has confirmed, and are only
// sent during an exchange that allows them (the protocol has no other way).
struct CheckpointPolicy
{
    // Checkpoint once this many records have been confirmed since the last checkpoint; 0: off.
    std::int64_t everyRecords = 0;
    // Checkpoint when this long has passed since the last checkpoint; 0: off.
    std::chrono::milliseconds interval{0};
    // A processor call that has not returned, or a delivered record not
    // confirmed, after this long fails the shard; 0: off.
    std::chrono::milliseconds watchdog{0};

    bool checkpointsAutomatically() const { return everyRecords > 0 || interval.count() > 0; }
};

} // namespace qmld

#pragma once

#include <qmld/Lease.h>
#include <qmld/SequenceNumber.h>
#include <qmld/StreamStore.h>

#include <span>
#include <vector>

namespace qmld {

// The leases a shard sync creates (LeaseTable::create each) for the shards of
// a stream that have none yet, as KCL's shard syncer does:
//  - every open shard without a lease gets one;
//  - so do its ancestors back to a shard that has a lease, and with
//    TRIM_HORIZON or AT_TIMESTAMP back to the oldest shard still in the stream;
//  - a shard none of whose ancestors gets or has a lease starts at
//    `initialPosition`; a descendant starts at TRIM_HORIZON (AT_TIMESTAMP
//    when that is the initial position), after its parents reach SHARD_END.
// Each lease records its parents (parentShardId) and hash key range.
// `initialPosition` is TRIM_HORIZON, LATEST or AT_TIMESTAMP.
std::vector<Lease> newLeasesForShards(std::span<const ShardInfo> shards, std::span<const Lease> existing,
                                      const SequenceNumber &initialPosition);

} // namespace qmld

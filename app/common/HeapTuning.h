#pragma once

namespace qmld::app {

// Each batch's records are allocated and freed on the shard threads; by
// default glibc hands the freed heap back to the kernel after every batch
// and faults it in again for the next one (the decoder ran 0.9M instead of
// 2.4M records/s). Keeps up to 64 MiB per arena instead. Call first in main().
void keepFreedHeapBetweenBatches();

} // namespace qmld::app

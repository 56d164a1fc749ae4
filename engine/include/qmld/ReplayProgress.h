#pragma once

#include <qmld/CaptureFile.h>
#include <qmld/MonitorSnapshot.h>

namespace qmld {

// Where a replay (CaptureFeeder + the embedded daemon) stands, read from the
// monitor's snapshots of the replayed stream.

// Every shard open in the capture has a lease, so that closing it now ends it
// (KCL makes no lease for a closed shard without an open child).
bool openShardsLeased(const MonitorSnapshot &snapshot, const CaptureHeader &header);

// Every leased shard is checkpointed at SHARD_END, and every open one is leased.
bool allShardsEnded(const MonitorSnapshot &snapshot, const CaptureHeader &header);

} // namespace qmld

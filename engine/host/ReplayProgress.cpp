#include <qmld/ReplayProgress.h>

namespace qmld {

bool openShardsLeased(const MonitorSnapshot &snapshot, const CaptureHeader &header)
{
    for (const CaptureHeader::Shard &shard : header.shards) {
        const ShardRow *row = snapshot.find(shard.shardId);
        if (!shard.endingSequenceNumber && (!row || !row->inLeaseTable))
            return false;
    }
    return true;
}

bool allShardsEnded(const MonitorSnapshot &snapshot, const CaptureHeader &header)
{
    for (const CaptureHeader::Shard &shard : header.shards) {
        const ShardRow *row = snapshot.find(shard.shardId);
        if (!row || !row->inLeaseTable) {
            if (!shard.endingSequenceNumber)
                return false;
            continue; // closed without an open child: no lease, nothing to deliver
        }
        if (!row->checkpoint || row->checkpoint->kind() != SequenceNumber::Kind::ShardEnd)
            return false;
    }
    return true;
}

} // namespace qmld

#pragma once

#include <qmld/HashKey.h>
#include <qmld/SequenceNumber.h>

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <span>

// One row of a KCL lease table (docs/protocol.md §10): which worker owns a shard and
// how far it has been processed. Member names are the KCL attribute names.
namespace qmld {

struct Lease
{
    QString leaseKey;                       // the shard id
    std::optional<QString> leaseOwner;      // a workerId; nullopt: nobody
    std::int64_t leaseCounter = 0;          // bumped by every renew, take, evict and checkpoint
    // `checkpoint` with `checkpointSubSequenceNumber` as its sub-sequence number.
    SequenceNumber checkpoint = SequenceNumber::trimHorizon();
    std::int64_t ownerSwitchesSinceCheckpoint = 0;
    QStringList parentShardId;              // KCL's singular name for a set of 0 to 2 parent ids
    QStringList childShardIds;              // written when the shard ends
    // `pendingCheckpoint` with `pendingCheckpointSubSequenceNumber` (Java's
    // prepareCheckpoint); never set by qmld, kept when another KCL wrote it.
    std::optional<SequenceNumber> pendingCheckpoint;
    std::optional<HashKeyRange> hashKeyRange; // `startingHashKey` and `endingHashKey`

    bool isOwnedBy(const QString &workerId) const { return leaseOwner == workerId; }
    friend bool operator==(const Lease &, const Lease &) = default;
};

// Whether the shard of `lease` may be processed now: every parent has reached
// SHARD_END or has no lease any more (KCL's BlockOnParentShardTask). Taking a
// lease never waits for this; only processing its shard does.
bool readyToProcess(const Lease &lease, std::span<const Lease> table);

} // namespace qmld

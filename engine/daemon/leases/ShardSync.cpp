#include <qmld/ShardSync.h>

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace qmld {

namespace {

QStringList parentsOf(const ShardInfo &shard)
{
    QStringList parents;
    if (shard.parentShardId)
        parents.append(*shard.parentShardId);
    if (shard.adjacentParentShardId)
        parents.append(*shard.adjacentParentShardId);
    return parents;
}

Lease leaseFor(const ShardInfo &shard, const SequenceNumber &checkpoint)
{
    Lease lease;
    lease.leaseKey = shard.shardId;
    lease.checkpoint = checkpoint;
    lease.parentShardId = parentsOf(shard);
    lease.hashKeyRange = shard.hashKeyRange;
    return lease;
}

// KCL's checkIfDescendantAndAddNewLeasesForAncestors, one memoized walk up
// the shard tree.
class AncestryWalk
{
public:
    AncestryWalk(std::span<const ShardInfo> shards, std::span<const Lease> existing,
                 const SequenceNumber &initialPosition)
        : m_initialPosition(initialPosition),
          m_descendantPosition(initialPosition.kind() == SequenceNumber::Kind::AtTimestamp
                                   ? initialPosition
                                   : SequenceNumber::trimHorizon())
    {
        for (const ShardInfo &shard : shards)
            m_shards.insert(shard.shardId, &shard);
        for (const Lease &lease : existing)
            m_leased.insert(lease.leaseKey);
    }

    bool hasLease(const QString &shardId) const { return m_leased.contains(shardId); }

    // Whether the shard has, or from now on gets, a lease or an ancestor with
    // one; plans leases for its ancestors that need one.
    bool isDescendant(const QString &shardId)
    {
        if (const auto known = m_memo.constFind(shardId); known != m_memo.cend())
            return *known;
        bool descendant = false;
        if (const ShardInfo *shard = m_shards.value(shardId)) {
            if (m_leased.contains(shardId)) {
                descendant = true;
            } else {
                QStringList parents = parentsOf(*shard);
                parents.removeIf([this](const QString &parent) { return !m_shards.contains(parent); });
                QSet<QString> descendantParents;
                for (const QString &parent : std::as_const(parents)) {
                    if (isDescendant(parent)) {
                        descendant = true;
                        descendantParents.insert(parent);
                    }
                }
                if (descendant) {
                    for (const QString &parent : std::as_const(parents)) {
                        if (!m_leased.contains(parent))
                            plan(*m_shards.value(parent), descendantParents.contains(parent));
                    }
                } else {
                    // The oldest shard on this path: with LATEST, no lease.
                    descendant = m_initialPosition.kind() != SequenceNumber::Kind::Latest;
                }
            }
        }
        m_memo.insert(shardId, descendant);
        return descendant;
    }

    void plan(const ShardInfo &shard, bool descendant)
    {
        m_planned.insert_or_assign(shard.shardId,
                                   leaseFor(shard, descendant ? m_descendantPosition : m_initialPosition));
    }

    std::vector<Lease> planned() const
    {
        std::vector<Lease> leases;
        for (const auto &[key, lease] : m_planned)
            leases.push_back(lease);
        return leases;
    }

private:
    SequenceNumber m_initialPosition;
    SequenceNumber m_descendantPosition;
    QHash<QString, const ShardInfo *> m_shards;
    QSet<QString> m_leased;
    QHash<QString, bool> m_memo;
    std::map<QString, Lease> m_planned; // in leaseKey order
};

} // namespace

std::vector<Lease> newLeasesForShards(std::span<const ShardInfo> shards, std::span<const Lease> existing,
                                      const SequenceNumber &initialPosition)
{
    AncestryWalk walk(shards, existing, initialPosition);
    for (const ShardInfo &shard : shards) {
        if (shard.isOpen() && !walk.hasLease(shard.shardId))
            walk.plan(shard, walk.isDescendant(shard.shardId));
    }
    return walk.planned();
}

} // namespace qmld

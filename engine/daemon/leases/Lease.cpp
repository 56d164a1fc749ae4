#include <qmld/Lease.h>

#include <algorithm>

namespace qmld {

bool readyToProcess(const Lease &lease, std::span<const Lease> table)
{
    return std::all_of(lease.parentShardId.cbegin(), lease.parentShardId.cend(), [&](const QString &parent) {
        const auto it = std::find_if(table.begin(), table.end(),
                                     [&](const Lease &candidate) { return candidate.leaseKey == parent; });
        // A parent without a lease was finished and cleaned up, or never leased.
        return it == table.end() || it->checkpoint.kind() == SequenceNumber::Kind::ShardEnd;
    });
}

} // namespace qmld

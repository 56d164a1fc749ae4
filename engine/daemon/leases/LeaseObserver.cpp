#include <qmld/LeaseObserver.h>

namespace qmld {

LeaseObserver::Clock LeaseObserver::steadyClock()
{
    return [] { return std::chrono::steady_clock::now().time_since_epoch(); };
}

LeaseObserver::LeaseObserver(std::chrono::milliseconds failoverTime, Clock clock)
    : m_failoverTime(failoverTime), m_clock(std::move(clock))
{
}

void LeaseObserver::observe(std::span<const Lease> table)
{
    m_lastScan = m_clock();
    QHash<QString, Seen> seen;
    seen.reserve(qsizetype(table.size()));
    for (const Lease &lease : table) {
        Seen now{lease.leaseCounter, std::nullopt};
        if (const auto before = m_seen.constFind(lease.leaseKey); before != m_seen.cend())
            now.counterChanged = before->leaseCounter == lease.leaseCounter ? before->counterChanged : m_lastScan;
        else if (lease.leaseOwner)
            now.counterChanged = m_lastScan;
        seen.insert(lease.leaseKey, now);
    }
    m_seen = std::move(seen);
    m_leases.assign(table.begin(), table.end());
}

std::optional<std::chrono::nanoseconds> LeaseObserver::lastCounterChange(const QString &leaseKey) const
{
    const auto it = m_seen.constFind(leaseKey);
    return it == m_seen.cend() ? std::nullopt : it->counterChanged;
}

bool LeaseObserver::isExpired(const Lease &lease) const
{
    if (!lease.leaseOwner)
        return true;
    const auto changed = lastCounterChange(lease.leaseKey);
    return !changed || m_lastScan - *changed > m_failoverTime;
}

} // namespace qmld

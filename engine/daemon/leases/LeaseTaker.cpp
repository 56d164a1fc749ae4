#include <qmld/LeaseTaker.h>

#include "daemon/leases/Logging.h"

#include <algorithm>
#include <map>

namespace qmld {

using leases::lcLeases;

namespace {

// Leases nobody renewed for this many failover times are taken first (KCL 2.x).
constexpr int kVeryOldLeaseMultiplier = 3;

} // namespace

LeaseTaker::LeaseTaker(LeaseTakerConfig config, LeaseObserver::Clock clock)
    : m_config(std::move(config)),
      m_observer(m_config.failoverTime, std::move(clock)),
      m_random(QRandomGenerator::global()->generate())
{
}

template<typename T>
void LeaseTaker::shuffle(std::vector<T> &items)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[m_random.bounded(quint32(i))]);
}

std::vector<Lease> LeaseTaker::leasesToTake(std::span<const Lease> table)
{
    m_observer.observe(table);
    const std::vector<Lease> &all = m_observer.leases();
    if (all.empty())
        return {};

    // Workers are the owners of unexpired leases, plus this one.
    std::vector<Lease> expired;
    std::map<QString, int> counts;
    for (const Lease &lease : all) {
        if (m_observer.isExpired(lease))
            expired.push_back(lease);
        else
            ++counts[*lease.leaseOwner];
    }
    counts.try_emplace(m_config.workerId, 0);

    const auto leaseCount = qsizetype(all.size());
    const auto workerCount = qsizetype(counts.size());
    int target = 1;
    if (workerCount < leaseCount) {
        target = int((leaseCount + workerCount - 1) / workerCount);
        const int spillover = std::max(0, target - m_config.maxLeasesForWorker);
        if (spillover > 0 && spillover != m_spillover)
            qCWarning(lcLeases).nospace() << "worker " << m_config.workerId << " should hold " << target
                                          << " leases but maxLeasesForWorker is " << m_config.maxLeasesForWorker
                                          << ": " << spillover << " stay with other workers or unassigned";
        m_spillover = spillover;
        target = std::min(target, m_config.maxLeasesForWorker);
    }
    const int mine = counts[m_config.workerId];

    if (m_config.enablePriorityLeaseAssignment) {
        const auto threshold = m_observer.lastScanTime() - kVeryOldLeaseMultiplier * m_config.failoverTime;
        std::vector<Lease> veryOld;
        for (const Lease &lease : all) {
            const auto changed = m_observer.lastCounterChange(lease.leaseKey);
            if (!changed || *changed < threshold)
                veryOld.push_back(lease);
        }
        if (!veryOld.empty()) {
            shuffle(veryOld);
            const auto room = std::max(0, m_config.maxLeasesForWorker - mine);
            veryOld.resize(std::min(veryOld.size(), std::size_t(room)));
            qCDebug(lcLeases) << m_config.workerId << "takes" << veryOld.size()
                              << "leases nobody renewed for" << kVeryOldLeaseMultiplier << "failover times";
            return veryOld;
        }
    }

    const int needed = target - mine;
    if (needed <= 0)
        return {};
    if (!expired.empty()) {
        shuffle(expired);
        expired.resize(std::min(expired.size(), std::size_t(needed)));
        return expired;
    }
    return leasesToSteal({counts.cbegin(), counts.cend()}, needed, target);
}

std::vector<Lease> LeaseTaker::leasesToSteal(const std::vector<std::pair<QString, int>> &leaseCounts, int needed,
                                             int target)
{
    // The first of the most loaded workers, in workerId order.
    const auto mostLoaded = std::max_element(leaseCounts.cbegin(), leaseCounts.cend(),
                                             [](const auto &a, const auto &b) { return a.second < b.second; });
    if (mostLoaded->second < target || mostLoaded->first == m_config.workerId)
        return {};
    int toSteal = std::min(needed, mostLoaded->second - target);
    if (needed > 1 && toSteal == 0)
        toSteal = 1;
    toSteal = std::min(toSteal, m_config.maxLeasesToStealAtOneTime);
    if (toSteal <= 0)
        return {};

    std::vector<Lease> candidates;
    for (const Lease &lease : m_observer.leases()) {
        if (lease.leaseOwner == mostLoaded->first)
            candidates.push_back(lease);
    }
    shuffle(candidates);
    candidates.resize(std::min(candidates.size(), std::size_t(toSteal)));
    qCInfo(lcLeases).nospace() << m_config.workerId << " steals " << candidates.size() << " of the "
                               << mostLoaded->second << " leases of " << mostLoaded->first << " (target " << target
                               << ")";
    return candidates;
}

} // namespace qmld

#pragma once

#include <qmld/Lease.h>
#include <qmld/LeaseObserver.h>

#include <QRandomGenerator>
#include <QString>

#include <chrono>
#include <limits>
#include <span>
#include <vector>

// KCL 2.x's lease taking decisions (DynamoDBLeaseTaker, docs/protocol.md §10.1),
// without the I/O: given scans of the table, which leases this worker should
// take or steal. The caller takes each with LeaseTable::take at the counter
// returned here; a take that loses a race simply fails.
namespace qmld {

// How often a worker renews the leases it holds: failoverTime/3 - 25 ms.
constexpr std::chrono::milliseconds leaseRenewInterval(std::chrono::milliseconds failoverTime)
{
    return failoverTime / 3 - std::chrono::milliseconds(25);
}

// How often a worker scans the table and takes leases: (failoverTime + 25 ms) × 2.
constexpr std::chrono::milliseconds leaseTakerInterval(std::chrono::milliseconds failoverTime)
{
    return (failoverTime + std::chrono::milliseconds(25)) * 2;
}

struct LeaseTakerConfig
{
    QString workerId;
    std::chrono::milliseconds failoverTime{10000};
    int maxLeasesForWorker = std::numeric_limits<int>::max();
    int maxLeasesToStealAtOneTime = 1;
    // KCL 2.x enablePriorityLeaseAssignment: leases nobody renewed for
    // 3 × failoverTime are taken first, regardless of the target.
    bool enablePriorityLeaseAssignment = true;
};

class LeaseTaker
{
public:
    explicit LeaseTaker(LeaseTakerConfig config, LeaseObserver::Clock clock = LeaseObserver::steadyClock());

    const LeaseTakerConfig &config() const { return m_config; }
    const LeaseObserver &observer() const { return m_observer; }
    // The shuffles that spread workers over different leases; seed it for a
    // reproducible test.
    void seedRandom(quint32 seed) { m_random.seed(seed); }

    // Takes in a fresh scan of the whole table and returns the leases to take,
    // as scanned (each take must expect its leaseCounter), steals included.
    std::vector<Lease> leasesToTake(std::span<const Lease> table);

private:
    std::vector<Lease> leasesToSteal(const std::vector<std::pair<QString, int>> &leaseCounts, int needed, int target);
    template<typename T>
    void shuffle(std::vector<T> &items);

    LeaseTakerConfig m_config;
    LeaseObserver m_observer;
    QRandomGenerator m_random;
    int m_spillover = 0; // warned about once per value
};

} // namespace qmld

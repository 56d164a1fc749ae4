#pragma once

#include <qmld/Lease.h>

#include <QHash>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <vector>

// Which leases of a table have expired, judged as a KCL lease taker does
// (docs/protocol.md §10.1): from repeated scans of the whole table, remembering the
// local monotonic time at which each lease's leaseCounter was last seen to
// change. No wall clock is shared between workers, so none is trusted.
namespace qmld {

class LeaseObserver
{
public:
    // A monotonic clock: steady_clock, or a fake one in tests and simulations.
    using Clock = std::function<std::chrono::nanoseconds()>;
    static Clock steadyClock();

    explicit LeaseObserver(std::chrono::milliseconds failoverTime, Clock clock = steadyClock());

    // Takes in a fresh scan of the whole table, at clock() now. A lease seen
    // for the first time counts as just renewed if it has an owner, and as
    // never renewed if it has none. Leases no longer in the table are forgotten.
    void observe(std::span<const Lease> table);

    std::chrono::milliseconds failoverTime() const { return m_failoverTime; }
    std::chrono::nanoseconds now() const { return m_clock(); }
    std::chrono::nanoseconds lastScanTime() const { return m_lastScan; }
    // The leases of the last scan, in its order.
    const std::vector<Lease> &leases() const { return m_leases; }

    // When the lease's leaseCounter was last seen to change; nullopt if never
    // (an unowned lease as first seen, or a lease not in the last scan).
    std::optional<std::chrono::nanoseconds> lastCounterChange(const QString &leaseKey) const;
    // As of the last scan: unowned, or its counter unchanged for more than failoverTime.
    bool isExpired(const Lease &lease) const;

private:
    struct Seen
    {
        std::int64_t leaseCounter = 0;
        std::optional<std::chrono::nanoseconds> counterChanged;
    };

    std::chrono::milliseconds m_failoverTime;
    Clock m_clock;
    std::chrono::nanoseconds m_lastScan{0};
    std::vector<Lease> m_leases;
    QHash<QString, Seen> m_seen;
};

} // namespace qmld

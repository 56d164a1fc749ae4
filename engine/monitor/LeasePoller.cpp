#include "monitor/LeasePoller.h"

#include "monitor/Logging.h"

namespace qmld::monitor {

LeasePoller::LeasePoller(LeaseSource source, LeaseObserver::Clock clock, std::function<QDateTime()> wallClock)
    : m_source(std::move(source)), m_observer(m_source.failoverTime, std::move(clock)),
      m_wallClock(std::move(wallClock)), m_lag(m_source, this), m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(m_source.effectivePollInterval());
    connect(&m_timer, &QTimer::timeout, this, &LeasePoller::poll);
    connect(&m_lag, &LagMeter::measured, this, &LeasePoller::lagsMeasured);
}

void LeasePoller::start()
{
    poll();
}

void LeasePoller::setShardsHere(const QSet<QString> &shards)
{
    m_shardsHere = shards;
}

void LeasePoller::poll()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_timer.stop();
    m_reading = true;
    do {
        m_readAgain = false;
        read();
    } while (m_readAgain);
    m_reading = false;
    m_timer.start();
}

void LeasePoller::read()
{
    LeaseScan scan;
    scan.readAt = m_wallClock();
    if (!m_table) {
        // A short busy timeout: a daemon writing must never be held up by the console.
        auto opened = openLeaseTable(m_source, std::chrono::milliseconds(200));
        if (!opened) {
            scan.error = opened.error().message;
            qCDebug(lcMonitor).noquote() << scan.error;
            Q_EMIT scanned(scan);
            return;
        }
        m_table.emplace(std::move(*opened));
    }
    auto leases = m_table->list();
    if (!leases) {
        scan.error = leases.error().message;
        qCDebug(lcMonitor).noquote() << scan.error;
        m_table.reset();
        Q_EMIT scanned(scan);
        return;
    }
    m_observer.observe(*leases);
    scan.leases = std::move(*leases);
    scan.expired.reserve(scan.leases.size());
    for (const Lease &lease : scan.leases)
        scan.expired.push_back(m_observer.isExpired(lease));
    Q_EMIT scanned(scan);
    m_lag.measure(scan.leases, m_shardsHere);
}

} // namespace qmld::monitor

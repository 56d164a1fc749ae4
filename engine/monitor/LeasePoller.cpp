#include "monitor/LeasePoller.h"

#include "monitor/Logging.h"

namespace qmld::monitor {

LeasePoller::LeasePoller(LeaseSource source, LeaseObserver::Clock clock, std::function<QDateTime()> wallClock)
    : m_source(std::move(source)), m_observer(m_source.failoverTime, std::move(clock)),
      m_wallClock(std::move(wallClock)), m_timer(this)
{
    m_timer.setInterval(m_source.pollInterval);
    connect(&m_timer, &QTimer::timeout, this, &LeasePoller::poll);
}

void LeasePoller::start()
{
    m_timer.start();
    poll();
}

void LeasePoller::poll()
{
    LeaseScan scan;
    scan.readAt = m_wallClock();
    if (!m_table) {
        // A short busy timeout: a daemon writing must never be held up by the console.
        auto opened = LeaseTable::open(m_source.storePath, m_source.tableName, StreamStore::OpenMode::MustExist,
                                       std::chrono::milliseconds(200));
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
}

} // namespace qmld::monitor

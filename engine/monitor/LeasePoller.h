#pragma once

#include <qmld/Lease.h>
#include <qmld/LeaseObserver.h>
#include <qmld/LeaseTable.h>
#include <qmld/StreamMonitor.h>

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

namespace qmld::monitor {

// One read of the whole lease table, judged for expiry.
struct LeaseScan
{
    std::vector<Lease> leases;  // in leaseKey order
    std::vector<bool> expired;  // parallel to leases
    QDateTime readAt;
    QString error;              // the read failed: leases is empty
};

// Reads a lease table every pollInterval on its own thread (a LeaseTable is
// one SQLite connection, used by the thread that opened it). Opens the store
// only if it exists, and again after any failure.
class LeasePoller : public QObject
{
    Q_OBJECT
public:
    LeasePoller(LeaseSource source, LeaseObserver::Clock clock, std::function<QDateTime()> wallClock);

public Q_SLOTS:
    void start();
    void poll();

Q_SIGNALS:
    void scanned(const qmld::monitor::LeaseScan &scan);

private:
    LeaseSource m_source;
    LeaseObserver m_observer;
    std::function<QDateTime()> m_wallClock;
    std::optional<LeaseTable> m_table;
    QTimer m_timer;
};

} // namespace qmld::monitor

Q_DECLARE_METATYPE(qmld::monitor::LeaseScan)

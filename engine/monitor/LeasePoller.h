#pragma once

#include "monitor/LagMeter.h"

#include <qmld/Lease.h>
#include <qmld/LeaseObserver.h>
#include <qmld/LeaseTable.h>
#include <qmld/StreamMonitor.h>

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QSet>
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

// Reads a lease table on its own thread (a LeaseTable is one SQLite
// connection, or DynamoDB calls waited for on the thread's event loop), the
// next read pollInterval after the last one ended. Opens the table only if
// it exists, and again after any failure. After each read, measures how far
// the checkpoints of the shards no session here serves are behind the tip.
class LeasePoller : public QObject
{
    Q_OBJECT
public:
    LeasePoller(LeaseSource source, LeaseObserver::Clock clock, std::function<QDateTime()> wallClock);

public Q_SLOTS:
    void start();
    void poll();
    // The shards a live session here serves: their lag comes from the sessions.
    void setShardsHere(const QSet<QString> &shards);

Q_SIGNALS:
    void scanned(const qmld::monitor::LeaseScan &scan);
    void lagsMeasured(const qmld::monitor::CheckpointLags &lags);

private:
    void read();

    LeaseSource m_source;
    LeaseObserver m_observer;
    std::function<QDateTime()> m_wallClock;
    std::optional<LeaseTable> m_table;
    LagMeter m_lag;
    QSet<QString> m_shardsHere;
    QTimer m_timer;
    bool m_reading = false;   // a DynamoDB read runs the event loop: no second one inside it
    bool m_readAgain = false; // poll() was called during a read
};

} // namespace qmld::monitor

Q_DECLARE_METATYPE(qmld::monitor::LeaseScan)

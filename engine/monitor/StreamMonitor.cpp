#include <qmld/StreamMonitor.h>

#include "monitor/LeasePoller.h"
#include "monitor/Logging.h"
#include "monitor/ShardActivity.h"
#include "monitor/ShardRows.h"

#include <QElapsedTimer>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <map>
#include <mutex>

using namespace Qt::StringLiterals;

namespace qmld {

using monitor::LeasePoller;
using monitor::LeaseScan;
using monitor::ShardActivity;

class StreamMonitor::Private
{
public:
    Private(StreamMonitor *q, StreamMonitorOptions options);

    std::int64_t nowSecond() const;
    ShardActivity &activityOf(const QString &shardId, std::int64_t second);
    // Closes the seconds before `second` in every shard's history.
    void advanceTo(std::int64_t second);
    void markChanged();
    void publish();
    void leasesScanned(const LeaseScan &scan);
    void lagsMeasured(const monitor::CheckpointLags &lags);
    // Tells the lease reader which shards sessions here serve (their lag is the sessions').
    void updateShardsHere();
    void updateSecondTimer();

    StreamMonitor *q;
    StreamMonitorOptions options;

    std::map<QString, ShardActivity> shards;
    DaemonStatus daemon;
    monitor::LeaseView leases;
    QDateTime leasesReadAt;
    QString leaseError;
    QString lastSessionError;
    std::int64_t second = 0;

    bool changed = false;
    quint64 serial = 0;
    QElapsedTimer sincePublish; // real time: the rate limit is for the reader, not the data
    QTimer publishTimer;
    QTimer secondTimer;

    mutable std::mutex latestMutex; // guards the pointer copy only
    MonitorSnapshotPtr latest;

    QThread leaseThread;
    LeasePoller *poller = nullptr; // lives on leaseThread, deleted there when it finishes
    QSet<QString> shardsHere;      // as last told to the poller
};

StreamMonitor::Private::Private(StreamMonitor *monitor, StreamMonitorOptions opts)
    : q(monitor), options(std::move(opts)), publishTimer(monitor), secondTimer(monitor)
{
    options.publishInterval = std::max(options.publishInterval, std::chrono::milliseconds(0));
    options.rateWindowSeconds = std::max(options.rateWindowSeconds, 1);
    second = nowSecond();
    publishTimer.setSingleShot(true);
    secondTimer.setInterval(std::chrono::seconds(1));
}

std::int64_t StreamMonitor::Private::nowSecond() const
{
    return std::chrono::floor<std::chrono::seconds>(options.clock()).count();
}

ShardActivity &StreamMonitor::Private::activityOf(const QString &shardId, std::int64_t now)
{
    return shards.try_emplace(shardId, now).first->second;
}

void StreamMonitor::Private::advanceTo(std::int64_t now)
{
    if (now <= second)
        return;
    second = now;
    for (auto &[shardId, shard] : shards) {
        if (shard.advance(now))
            changed = true;
    }
}

void StreamMonitor::Private::markChanged()
{
    changed = true;
    if (publishTimer.isActive())
        return;
    using std::chrono::milliseconds;
    const milliseconds since = sincePublish.isValid() ? milliseconds(sincePublish.elapsed()) : options.publishInterval;
    publishTimer.start(std::max(options.publishInterval - since, milliseconds(0)));
}

void StreamMonitor::Private::publish()
{
    advanceTo(nowSecond());
    if (!changed)
        return;
    changed = false;

    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->streamName = options.streamName;
    snapshot->serial = ++serial;
    snapshot->takenAt = options.wallClock();
    snapshot->second = second;
    snapshot->daemon = daemon;
    snapshot->shards = monitor::mergeRows(shards, leases, options.workerId, options.rateWindowSeconds);
    snapshot->totals = monitor::totalsOf(snapshot->shards);
    snapshot->leasesReadAt = leasesReadAt;
    snapshot->leaseError = leaseError;
    snapshot->lastSessionError = lastSessionError;

    MonitorSnapshotPtr published = std::move(snapshot);
    {
        const std::lock_guard lock(latestMutex);
        latest = published;
    }
    sincePublish.start();
    updateSecondTimer();
    Q_EMIT q->snapshotReady(published);
}

void StreamMonitor::Private::leasesScanned(const LeaseScan &scan)
{
    if (!scan.error.isEmpty()) {
        // Keep showing the last table read; say why it is not fresher.
        if (scan.error != leaseError) {
            qCInfo(monitor::lcMonitor).noquote() << u"%1: cannot read the lease table: %2"_s.arg(options.streamName, scan.error);
            leaseError = scan.error;
            markChanged();
        }
        return;
    }
    const bool differs = !leasesReadAt.isValid() || !leaseError.isEmpty() || scan.leases != leases.leases
        || scan.expired != leases.expired;
    leases.leases = scan.leases;
    leases.expired = scan.expired;
    leasesReadAt = scan.readAt;
    leaseError.clear();
    // A read that found the table as it was publishes nothing; the next
    // snapshot carries its time.
    if (differs)
        markChanged();
}

void StreamMonitor::Private::lagsMeasured(const monitor::CheckpointLags &lags)
{
    const std::int64_t now = nowSecond();
    advanceTo(now);
    for (const monitor::CheckpointLag &lag : lags) {
        ShardActivity &shard = activityOf(lag.shardId, now);
        if (!shard.live())
            shard.noteMeasuredLag(lag.millisBehindLatest, lag.measuredAt, now);
    }
    if (!lags.empty())
        markChanged();
    updateSecondTimer();
}

void StreamMonitor::Private::updateShardsHere()
{
    if (!poller)
        return;
    QSet<QString> here;
    for (const auto &[shardId, shard] : shards) {
        if (shard.live())
            here.insert(shardId);
    }
    if (here == shardsHere)
        return;
    shardsHere = here;
    QMetaObject::invokeMethod(poller, [poller = poller, here] { poller->setShardsHere(here); }, Qt::QueuedConnection);
}

void StreamMonitor::Private::updateSecondTimer()
{
    // Time only moves the picture while a session runs, a rate is still
    // decaying, or a measured lag is charted.
    const bool moving = std::any_of(shards.begin(), shards.end(), [&](const auto &entry) {
        const ShardActivity &shard = entry.second;
        return shard.live() || shard.recordsPerSecond(options.rateWindowSeconds) > 0
            || shard.bytesPerSecond(options.rateWindowSeconds) > 0 || shard.lagMeasuredAt().isValid();
    });
    if (moving && !secondTimer.isActive())
        secondTimer.start();
    else if (!moving)
        secondTimer.stop();
}

// ---- StreamMonitor ---------------------------------------------------------

StreamMonitor::StreamMonitor(StreamMonitorOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(options)))
{
    qRegisterMetaType<qmld::SessionEvent>();
    qRegisterMetaType<qmld::DaemonStatus>();
    qRegisterMetaType<qmld::MonitorSnapshotPtr>();
    qRegisterMetaType<qmld::monitor::LeaseScan>();
    qRegisterMetaType<qmld::monitor::CheckpointLags>();

    connect(&d->publishTimer, &QTimer::timeout, this, [this] { d->publish(); });
    connect(&d->secondTimer, &QTimer::timeout, this, &StreamMonitor::refresh);

    if (d->options.leases) {
        d->poller = new LeasePoller(*d->options.leases, d->options.clock, d->options.wallClock);
        d->poller->moveToThread(&d->leaseThread);
        connect(&d->leaseThread, &QThread::started, d->poller, &LeasePoller::start);
        connect(&d->leaseThread, &QThread::finished, d->poller, &QObject::deleteLater);
        connect(d->poller, &LeasePoller::scanned, this, [this](const LeaseScan &scan) { d->leasesScanned(scan); });
        connect(d->poller, &LeasePoller::lagsMeasured, this,
                [this](const monitor::CheckpointLags &lags) { d->lagsMeasured(lags); });
        d->leaseThread.setObjectName(u"qmld-leases:"_s + d->options.streamName);
        d->leaseThread.start();
    }
    // The first snapshot: the stream with what is known so far.
    d->markChanged();
}

StreamMonitor::~StreamMonitor()
{
    if (d->poller) {
        d->leaseThread.quit();
        d->leaseThread.wait();
    }
}

const StreamMonitorOptions &StreamMonitor::options() const
{
    return d->options;
}

MonitorSnapshotPtr StreamMonitor::latest() const
{
    const std::lock_guard lock(d->latestMutex);
    return d->latest;
}

void StreamMonitor::onSessionEvent(const SessionEvent &event)
{
    const std::int64_t now = d->nowSecond();
    d->advanceTo(now);
    if (event.shardId.isEmpty()) {
        // Connected, or a session that failed before it learned its shard.
        if (event.kind != SessionEvent::Kind::Failed)
            return;
        d->lastSessionError = event.message;
    } else {
        d->activityOf(event.shardId, now).apply(event, now, d->options.wallClock());
    }
    d->markChanged();
    d->updateSecondTimer();
    d->updateShardsHere();
}

void StreamMonitor::onDaemonStatus(const DaemonStatus &status)
{
    if (status == d->daemon)
        return;
    d->daemon = status;
    d->markChanged();
}

void StreamMonitor::noteManualCheckpointRequested(const QString &shardId)
{
    const std::int64_t now = d->nowSecond();
    d->advanceTo(now);
    d->activityOf(shardId, now).noteManualCheckpointRequested(d->options.wallClock());
    d->markChanged();
}

void StreamMonitor::pollLeasesNow()
{
    if (d->poller)
        QMetaObject::invokeMethod(d->poller, &LeasePoller::poll, Qt::QueuedConnection);
}

void StreamMonitor::refresh()
{
    d->advanceTo(d->nowSecond());
    if (d->changed)
        d->markChanged();
    d->updateSecondTimer();
}

} // namespace qmld

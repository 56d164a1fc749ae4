#include "daemon/consumer/Scheduler.h"

#include "daemon/consumer/DaemonStream.h"
#include "daemon/consumer/Logging.h"
#include "daemon/consumer/KclLeaseCoordinator.h"

using namespace Qt::StringLiterals;

namespace qmld::daemon {

namespace {
// How long a failing daemon gives each child to exit after closing its stdin.
constexpr std::chrono::milliseconds kFailureExitBound{2000};
} // namespace

Scheduler::Scheduler(DaemonConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_shardSyncTimer.setInterval(m_config.shardSyncInterval);
    connect(&m_shardSyncTimer, &QTimer::timeout, this, &Scheduler::syncShards);
    m_parentPollTimer.setInterval(m_config.parentShardPollInterval);
    connect(&m_parentPollTimer, &QTimer::timeout, this, [this] {
        QString error;
        if (!m_leases->refresh(&error))
            qCWarning(lcDaemon, "%s", qUtf8Printable(error));
        reconcile();
    });
    m_shutdownTimer.setSingleShot(true);
    connect(&m_shutdownTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcDaemon, "graceful shutdown took longer than %lld ms: stopping the remaining children",
                  qint64(m_config.shutdownBound().count()));
        m_stopping = true;
        for (ShardConsumer *consumer : std::as_const(m_consumers))
            consumer->abort(kFailureExitBound);
    });
}

Scheduler::~Scheduler()
{
    qDeleteAll(m_consumers); // kills and reaps any child still running
    m_consumers.clear();
}

bool Scheduler::start(QString *error)
{
    std::variant<DaemonStream, QString> opened = openDaemonStream(m_config.storePath, m_config.streamName);
    if (auto *problem = std::get_if<QString>(&opened)) {
        *error = *problem;
        return false;
    }
    DaemonStream &daemonStream = std::get<DaemonStream>(opened);
    m_store.emplace(std::move(daemonStream.store));
    m_stream = std::move(daemonStream.stream);

    LeaseTakerConfig taker;
    taker.workerId = m_config.workerId;
    taker.failoverTime = m_config.failoverTime;
    taker.maxLeasesForWorker = m_config.maxLeasesForWorker;
    taker.maxLeasesToStealAtOneTime = m_config.maxLeasesToStealAtOneTime;
    m_leases = std::make_unique<KclLeaseCoordinator>(m_config.storePath, m_config.leaseTableName, taker);
    const QString openError = m_leases->open();
    if (!openError.isEmpty()) {
        *error = openError;
        return false;
    }
    QString syncError;
    if (!m_leases->syncShards(m_stream, m_config.initialPosition, &syncError)) {
        *error = syncError;
        return false;
    }
    connect(m_leases.get(), &LeaseCoordinator::leasesChanged, this, &Scheduler::reconcile);
    qCInfo(lcDaemon, "worker %s processing stream %s (%d shards) from %s, lease table %s",
           qUtf8Printable(m_config.workerId), qUtf8Printable(m_config.streamName), int(m_stream.shards.size()),
           qUtf8Printable(m_config.storePath), qUtf8Printable(m_config.leaseTableName));
    m_leases->start();
    m_shardSyncTimer.start();
    m_parentPollTimer.start();
    reconcile();
    return true;
}

const ShardInfo *Scheduler::shardInfo(const QString &shardId)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (const ShardInfo &shard : m_stream.shards) {
            if (shard.shardId == shardId)
                return &shard;
        }
        if (attempt == 0) {
            StoreResult<StreamDescription> stream = m_store->describeStream(m_config.streamName);
            if (!stream)
                return nullptr;
            m_stream = std::move(stream).value();
        }
    }
    return nullptr;
}

void Scheduler::syncShards()
{
    if (m_stopping || m_shuttingDown)
        return;
    StoreResult<StreamDescription> stream = m_store->describeStream(m_config.streamName);
    if (!stream) {
        qCWarning(lcDaemon, "shard sync: %s", qUtf8Printable(stream.error().message));
        return;
    }
    m_stream = std::move(stream).value();
    QString error;
    if (!m_leases->syncShards(m_stream, m_config.initialPosition, &error))
        qCWarning(lcDaemon, "shard sync: %s", qUtf8Printable(error));
    reconcile();
}

bool Scheduler::parentsDone(const Lease &lease) const
{
    for (const QString &parent : lease.parentShardId) {
        const std::optional<Lease> parentLease = m_leases->lease(parent);
        if (parentLease && parentLease->checkpoint.kind() != SequenceNumber::Kind::ShardEnd)
            return false;
    }
    return true;
}

void Scheduler::reconcile()
{
    if (m_stopping || m_shuttingDown)
        return;
    for (auto it = m_consumers.cbegin(); it != m_consumers.cend(); ++it) {
        if (!m_leases->holds(it.key()))
            it.value()->loseLease();
    }
    for (auto it = m_stuck.begin(); it != m_stuck.end();) {
        it = m_leases->holds(*it) ? std::next(it) : m_stuck.erase(it);
    }
    cleanupFinishedLeases();
    const QStringList held = m_leases->heldShards();
    for (const QString &shardId : held) {
        if (m_consumers.contains(shardId) || m_stuck.contains(shardId))
            continue;
        const std::optional<Lease> lease = m_leases->lease(shardId);
        if (!lease || lease->checkpoint.kind() == SequenceNumber::Kind::ShardEnd || !parentsDone(*lease))
            continue;
        const ShardInfo *shard = shardInfo(shardId);
        if (!shard) {
            qCWarning(lcDaemon, "the lease %s names no shard of stream %s", qUtf8Printable(shardId),
                      qUtf8Printable(m_config.streamName));
            continue;
        }
        startConsumer(*shard, lease->checkpoint);
    }
}

void Scheduler::cleanupFinishedLeases()
{
    if (!m_config.cleanupLeasesUponShardCompletion)
        return;
    const QStringList held = m_leases->heldShards();
    for (const QString &shardId : held) {
        const std::optional<Lease> lease = m_leases->lease(shardId);
        if (!lease || lease->checkpoint.kind() != SequenceNumber::Kind::ShardEnd || m_consumers.contains(shardId))
            continue;
        QStringList children;
        for (const ShardInfo &shard : m_stream.shards) {
            if (shard.parentShardId == shardId || shard.adjacentParentShardId == shardId)
                children << shard.shardId;
        }
        const bool childrenLeased = !children.isEmpty()
            && std::all_of(children.cbegin(), children.cend(),
                           [this](const QString &child) { return m_leases->lease(child).has_value(); });
        if (!childrenLeased)
            continue;
        QString error;
        if (!m_leases->deleteLease(shardId, &error))
            qCWarning(lcDaemon, "%s", qUtf8Printable(error));
    }
}

void Scheduler::startConsumer(const ShardInfo &shard, const SequenceNumber &checkpoint)
{
    ShardConsumer::Settings settings;
    settings.command = m_config.command;
    settings.reading.storePath = m_config.storePath;
    settings.reading.streamName = m_config.streamName;
    settings.reading.leaseTableName = m_config.leaseTableName;
    settings.reading.maxRecords = m_config.maxRecords;
    settings.reading.idleTimeBetweenReads = m_config.idleTimeBetweenReads;
    settings.reading.callProcessRecordsEvenForEmptyRecordList = m_config.callProcessRecordsEvenForEmptyRecordList;
    settings.timeout = m_config.timeout;
    settings.atTimestampMs = m_config.atTimestampMs.value_or(0);
    auto *consumer = new ShardConsumer(*m_leases, settings, shard, checkpoint, this);
    m_consumers.insert(shard.shardId, consumer);
    connect(consumer, &ShardConsumer::finished, this,
            [this, consumer](ShardConsumer::Outcome outcome) { consumerFinished(consumer, outcome); });
    connect(consumer, &ShardConsumer::failed, this, &Scheduler::fail);
    connect(consumer, &ShardConsumer::aborted, this, [this, consumer] {
        m_consumers.remove(consumer->shardId());
        consumer->deleteLater();
        finishWhenIdle();
    });
    consumer->start();
}

void Scheduler::consumerFinished(ShardConsumer *consumer, ShardConsumer::Outcome outcome)
{
    const QString shardId = consumer->shardId();
    m_consumers.remove(shardId);
    consumer->deleteLater();
    if (m_shuttingDown || m_stopping) {
        finishWhenIdle();
        return;
    }
    switch (outcome) {
    case ShardConsumer::Outcome::ShardCompleted:
        qCInfo(lcDaemon, "shard %s is complete", qUtf8Printable(shardId));
        syncShards(); // creates the children's leases, as KCL syncs at shard end
        return;
    case ShardConsumer::Outcome::ShardEndNotCheckpointed:
        m_stuck.insert(shardId);
        break;
    case ShardConsumer::Outcome::LeaseLost:
        break;
    }
    reconcile();
}

void Scheduler::shutdown()
{
    if (m_shuttingDown || m_stopping)
        return;
    qCInfo(lcDaemon, "shutting down gracefully: %d children, within %lld ms", int(m_consumers.size()),
           qint64(m_config.shutdownBound().count()));
    m_shuttingDown = true;
    m_shardSyncTimer.stop();
    m_parentPollTimer.stop();
    m_shutdownTimer.start(m_config.shutdownBound());
    for (ShardConsumer *consumer : std::as_const(m_consumers))
        consumer->requestShutdown();
    finishWhenIdle();
}

void Scheduler::fail(const QString &reason)
{
    if (m_stopping && m_exitCode == 1)
        return;
    qCCritical(lcDaemon, "stopping every child and exiting with code 1: %s", qUtf8Printable(reason));
    m_exitCode = 1;
    m_stopping = true;
    m_shardSyncTimer.stop();
    m_parentPollTimer.stop();
    m_leases->stop();
    for (ShardConsumer *consumer : std::as_const(m_consumers))
        consumer->abort(kFailureExitBound);
    finishWhenIdle();
}

void Scheduler::finishWhenIdle()
{
    if (!m_consumers.isEmpty() || m_finishing)
        return;
    m_finishing = true;
    m_shutdownTimer.stop();
    if (m_leases)
        m_leases->stop();
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_exitCode); });
}

} // namespace qmld::daemon

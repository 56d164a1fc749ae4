#include "daemon/consumer/RecordFetcher.h"

#include "daemon/consumer/Logging.h"
#include "protocol/Codec.h"

#include <qmld/Kpl.h>

#include <QTimer>

using namespace Qt::StringLiterals;

namespace qmld::daemon {

// Lives on the fetcher's thread; everything it touches is its own.
class RecordFetcher::Worker : public QObject
{
public:
    Worker(Settings settings, ShardInfo shard, ShardPosition start, SequenceNumber checkpoint, RecordFetcher *fetcher)
        : m_settings(std::move(settings)), m_shard(std::move(shard)), m_position(std::move(start)),
          m_checkpoint(std::move(checkpoint)), m_fetcher(fetcher)
    {
        m_retry.setSingleShot(true);
        connect(&m_retry, &QTimer::timeout, this, &Worker::fetch);
    }

    // Fetches the next batch: now, or after the idle time when the last read reached the tip.
    void fetchNext() { fetchAfter(m_lastReadAtTip ? m_settings.idleTimeBetweenReads : std::chrono::milliseconds(0)); }

private:
    void fetchAfter(std::chrono::milliseconds delay)
    {
        if (delay.count() == 0)
            fetch();
        else
            m_retry.start(delay);
    }

    void fetch()
    {
        for (;;) {
            std::optional<FetchedBatch> batch = readBatch();
            if (m_unreadable)
                return;
            if (batch) {
                deliver(std::move(*batch));
                return;
            }
            if (m_lastReadAtTip || m_lastReadFailed) {
                // KCL retries a failed GetRecords too, after the idle time.
                fetchAfter(m_lastReadFailed
                               ? std::max(m_settings.idleTimeBetweenReads, std::chrono::milliseconds(100))
                               : m_settings.idleTimeBetweenReads);
                return;
            }
        }
    }

    // A batch to hand on, or nullopt when this read gave nothing to send.
    std::optional<FetchedBatch> readBatch()
    {
        m_lastReadFailed = false;
        if (!m_store) {
            StoreResult<StreamStore> store = StreamStore::open(m_settings.storePath, StreamStore::OpenMode::MustExist);
            if (!store) {
                qCWarning(lcDaemon, "shard %s: %s", qUtf8Printable(m_shard.shardId),
                          qUtf8Printable(store.error().message));
                m_lastReadFailed = true;
                return std::nullopt;
            }
            m_store.emplace(std::move(store).value());
        }
        StoreResult<ReadResult> read =
            m_store->readRecords(m_settings.streamName, m_shard.shardId, m_position, m_settings.maxRecords);
        if (!read) {
            if (read.error().code == StoreError::Code::InvalidArgument) {
                // No retry can read from a checkpoint that is no place in the
                // shard (a bad manual reset): say it once and what to do, then stop.
                qCCritical(lcDaemon,
                           "lease %s of table \"%s\": %s. Nothing more is read from this shard until its checkpoint "
                           "is reset, e.g. qmld lease reset \"%s\" %s --to TRIM_HORIZON",
                           qUtf8Printable(m_shard.shardId), qUtf8Printable(m_settings.leaseTableName),
                           qUtf8Printable(read.error().message), qUtf8Printable(m_settings.leaseTableName),
                           qUtf8Printable(m_shard.shardId));
                m_unreadable = true;
                return std::nullopt;
            }
            qCWarning(lcDaemon, "%s", qUtf8Printable(read.error().message));
            m_lastReadFailed = true;
            return std::nullopt;
        }
        ReadResult &result = read.value();
        m_lastReadAtTip = result.atTip;
        const bool reachesShardEnd = !result.nextPosition.has_value();
        if (result.nextPosition)
            m_position = *result.nextPosition;

        std::vector<StreamRecord> records;
        records.reserve(result.records.size());
        DeaggregationOptions options;
        options.formats = kpl::Format::Standard;
        options.shardHashRange = m_shard.hashKeyRange;
        for (StreamRecord &record : result.records) {
            DeaggregationWarning warning;
            const DeaggregationOutcome outcome = appendDeaggregated(std::move(record), records, options, &warning);
            if (outcome == DeaggregationOutcome::Malformed || outcome == DeaggregationOutcome::DroppedOutOfHashRange)
                qCWarning(lcDaemon, "shard %s: %s", qUtf8Printable(m_shard.shardId),
                          qUtf8Printable(warning.message));
        }
        // KCL drops what the checkpoint already covers. Only the first reads
        // can hold such records: later ones start after every record handed on.
        std::erase_if(records, [this](const StreamRecord &record) { return record.sequenceNumber <= m_checkpoint; });

        FetchedBatch batch;
        batch.reachesShardEnd = reachesShardEnd;
        batch.largest = m_checkpoint;
        if (records.empty()) {
            if (reachesShardEnd)
                return batch;
            if (!m_settings.callProcessRecordsEvenForEmptyRecordList)
                return std::nullopt;
        }
        for (const StreamRecord &record : records)
            batch.largest = std::max(batch.largest, record.sequenceNumber);
        protocol::appendProcessRecords(batch.processRecords, records, result.millisBehindLatest);
        return batch;
    }

    void deliver(FetchedBatch batch)
    {
        // Posted to the fetcher: dropped with it if the consumer is gone first.
        QMetaObject::invokeMethod(
            m_fetcher,
            [fetcher = m_fetcher, batch = std::move(batch)]() mutable {
                fetcher->m_ready = std::move(batch);
                Q_EMIT fetcher->batchReady();
            },
            Qt::QueuedConnection);
    }

    Settings m_settings;
    ShardInfo m_shard;
    ShardPosition m_position;
    SequenceNumber m_checkpoint;
    RecordFetcher *m_fetcher;
    std::optional<StreamStore> m_store;
    bool m_lastReadAtTip = false;
    bool m_lastReadFailed = false;
    bool m_unreadable = false; // the position is no place in the shard: reading stopped
    QTimer m_retry{this};
};

RecordFetcher::RecordFetcher(Settings settings, ShardInfo shard, ShardPosition start, SequenceNumber checkpoint,
                             QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(u"fetch-"_s + shard.shardId);
    m_worker = new Worker(std::move(settings), std::move(shard), std::move(start), std::move(checkpoint), this);
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread, which closes its store connection there.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &Worker::fetchNext, Qt::QueuedConnection);
}

RecordFetcher::~RecordFetcher()
{
    m_thread.quit();
    m_thread.wait();
}

std::optional<FetchedBatch> RecordFetcher::take()
{
    if (!m_ready)
        return std::nullopt;
    std::optional<FetchedBatch> batch = std::exchange(m_ready, std::nullopt);
    if (!batch->processRecords.isEmpty() && !batch->reachesShardEnd)
        QMetaObject::invokeMethod(m_worker, &Worker::fetchNext, Qt::QueuedConnection);
    return batch;
}

} // namespace qmld::daemon

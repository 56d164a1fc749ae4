#pragma once

#include <qmld/SequenceNumber.h>
#include <qmld/StreamStore.h>

#include <QByteArray>
#include <QObject>
#include <QThread>

#include <chrono>
#include <optional>

namespace qmld::daemon {

// One processRecords batch, read and encoded ahead of its turn.
struct FetchedBatch
{
    // The whole processRecords line; empty when the shard has ended and no
    // records are left (then no processRecords is sent).
    QByteArray processRecords;
    // The largest sequence number in the batch (the checkpoint when empty).
    SequenceNumber largest;
    // The shard is closed and these are its last records.
    bool reachesShardEnd = false;
};

// Reads one shard one batch ahead of its consumer, as KCL's prefetching
// publisher does: while the child works on one batch, the next is read from
// the store, de-aggregated and encoded on a thread of its own, with a store
// connection of its own. So each shard's reading runs beside its child and
// beside the other shards instead of on the daemon's one thread.
class RecordFetcher : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString storePath;
        QString streamName;
        QString leaseTableName; // for the message when a checkpoint cannot be read from
        int maxRecords = 10000;
        std::chrono::milliseconds idleTimeBetweenReads{1500};
        bool callProcessRecordsEvenForEmptyRecordList = false;
    };

    // Reads `shard` from `start`, leaving out the records `checkpoint` already
    // covers (the rest of a partly checkpointed aggregate is read again, then filtered).
    RecordFetcher(Settings settings, ShardInfo shard, ShardPosition start, SequenceNumber checkpoint,
                  QObject *parent = nullptr);
    // Stops the thread and waits for it (at most one store read).
    ~RecordFetcher() override;

    // The next batch if it is ready, and the fetch of the one after it
    // begins; otherwise nullopt, and batchReady() is emitted once it is.
    std::optional<FetchedBatch> take();

Q_SIGNALS:
    void batchReady();

private:
    class Worker;

    QThread m_thread;
    Worker *m_worker = nullptr;
    std::optional<FetchedBatch> m_ready;
};

} // namespace qmld::daemon

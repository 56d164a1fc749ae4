#pragma once

#include <qmld/RecordProcessor.h>
#include <qmld/StreamRecord.h>

#include <QHash>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace qmld {

// The most recent records of each shard, for previews: a bounded buffer per
// shard (a record count and a byte cap, both settable while running). Shard
// sessions append from their threads; the console copies a shard's tail at
// its own pace. The lock is held only to copy records in or out, never
// across a processor call.
class RecordTap
{
public:
    struct Limits
    {
        int maxRecords = 1000;                 // per shard
        std::int64_t maxBytes = 4 * 1024 * 1024; // per shard: data + partition key
    };

    struct Tail
    {
        // Index of records.front() in everything this shard ever delivered
        // here; the index of the next record to come is first + records.size().
        std::uint64_t first = 0;
        std::vector<StreamRecord> records;
    };

    RecordTap();
    explicit RecordTap(Limits limits);

    Limits limits() const;
    void setLimits(Limits limits);

    void append(const QString &shardId, std::span<const StreamRecord> records);
    // The shard's records from index `from` on (or from the oldest still kept).
    Tail tail(const QString &shardId, std::uint64_t from) const;
    // Bytes held over all shards.
    std::int64_t bytesHeld() const;

    // Also hands every record appended from now on to `recorder` (a capture),
    // under the tap's lock, so calls never overlap; null stops it. Every
    // shard and the console's tail wait for that lock: a recorder only hands
    // the records on (CaptureWriterThread::offer) and never touches a disk.
    using Recorder = std::function<void(const QString &shardId, std::span<const StreamRecord> records)>;
    void setRecorder(Recorder recorder);

private:
    struct Buffer;
    mutable std::mutex m_mutex;
    Limits m_limits;
    QHash<QString, std::shared_ptr<Buffer>> m_buffers;
    Recorder m_recorder;
};

// Keeps every delivered record in the tap; checkpoints only through the
// server's policy or by hand (ShardServer::requestCheckpoint). With `inner`
// (a user's processor), every call goes on to it as well, after the tap has
// the records; what it throws fails the shard as usual.
RecordProcessorFactory makeInspectorProcessorFactory(std::shared_ptr<RecordTap> tap, RecordProcessorFactory inner = {});

} // namespace qmld

#pragma once

#include <qmld/RecordProcessor.h>
#include <qmld/SequenceNumber.h>

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <optional>

namespace qmld {

// What a shard session reports to whoever watches it (CLI status lines, the
// console's monitor). One event per exchange at most, never one per record;
// batches that follow each other within 20 ms are summed into one Records event.
struct SessionEvent
{
    enum class Kind : std::uint8_t {
        Connected,          // a child authenticated; shardId is not known yet
        Initialized,        // position = the lease checkpoint
        Records,            // processRecords batches were handled
        Checkpoint,         // checkpoint holds the daemon's answer
        ShutdownRequested,
        LeaseLost,
        ShardEnded,
        Finished,           // the session ended normally
        Failed,             // the session ended with an error (message)
    };

    Kind kind = Kind::Connected;
    quint64 sessionId = 0;
    QString shardId;
    std::optional<SequenceNumber> position;       // Initialized: checkpoint; Records: last record
    std::int64_t records = 0;                     // Records: user records in the batches
    std::int64_t bytes = 0;                       // Records: payload bytes in the batches
    std::optional<std::int64_t> millisBehindLatest;
    CheckpointResult checkpoint;                  // Checkpoint
    QString message;                              // Failed: why; otherwise optional detail
};

} // namespace qmld

Q_DECLARE_METATYPE(qmld::SessionEvent)

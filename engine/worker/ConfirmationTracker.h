#pragma once

#include <qmld/SequenceNumber.h>
#include <qmld/StreamRecord.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <span>

namespace qmld::worker {

// Tracks which delivered records a processor has confirmed, and where the
// contiguous confirmed prefix ends: the furthest point a checkpoint may cover
// (a checkpoint past an unconfirmed record could lose it, as erlmld learned).
// Records are delivered in increasing order of their extended sequence number.
//
// Checkpoints are in the daemon's terms. A KPL aggregate the daemon delivered
// whole and this process unpacked (its sub-records have aggregateIndex set:
// the protocol has no such field) is one record to the daemon, at
// (sequenceNumber, 0): the prefix reaches it only once all of its sub-records
// are confirmed, and never stops at (sequenceNumber, k > 0), which the daemon
// would reject as beyond the largest record it delivered, or worse, take as
// the whole aggregate done.
class ConfirmationTracker
{
public:
    explicit ConfirmationTracker(bool explicitConfirmation);

    void deliver(std::span<const StreamRecord> records, std::int64_t nowMs);
    // Marks one record confirmed; returns false if it was never delivered (or already passed).
    bool confirm(const SequenceNumber &record);
    // Every delivered record is confirmed (Confirmation::OnReturn, after processRecords returns).
    void confirmAll();

    // Where a checkpoint the processor asked for at `requested` goes in the
    // daemon's terms: a sub-record of an aggregate unpacked here maps to the
    // aggregate's record if it is its last sub-record, else to the last
    // checkpointable record before the aggregate (nullopt: there is none).
    // Any other position is returned as it is.
    std::optional<SequenceNumber> daemonPosition(const SequenceNumber &requested) const;

    // The end of the contiguous confirmed prefix; nullopt before any record is confirmed.
    const std::optional<SequenceNumber> &confirmedEnd() const { return m_confirmedEnd; }
    const std::optional<SequenceNumber> &lastDelivered() const { return m_lastDelivered; }
    std::int64_t unconfirmedCount() const { return m_explicit ? std::int64_t(m_pending.size()) : m_delivered; }
    // Delivery time of the oldest unconfirmed record, if any.
    std::optional<std::int64_t> oldestUnconfirmedSince() const;

    // Confirmed records since the last checkpoint (for the every-N-records policy).
    std::int64_t confirmedSinceCheckpoint() const { return m_confirmedSinceCheckpoint; }
    void checkpointed() { m_confirmedSinceCheckpoint = 0; }

private:
    struct Entry
    {
        SequenceNumber position;
        std::optional<SequenceNumber> checkpointAt; // nullopt inside an aggregate unpacked here
        std::int64_t deliveredAtMs;
        bool confirmed;
    };
    struct UnpackedAggregate
    {
        SequenceNumber own; // (sequenceNumber, 0), as the daemon delivered it
        std::int64_t lastSubSequence;
        std::optional<SequenceNumber> before; // the last checkpointable record before it
    };
    static constexpr std::size_t maxUnpackedAggregates = 4096;
    void advancePrefix();

    const bool m_explicit;
    std::deque<Entry> m_pending; // explicit mode: delivered, not yet part of the confirmed prefix
    std::optional<SequenceNumber> m_confirmedEnd;
    std::optional<SequenceNumber> m_lastDelivered;
    std::optional<SequenceNumber> m_lastCheckpointable; // the last delivered record a checkpoint may name
    std::deque<UnpackedAggregate> m_unpacked;           // the most recent ones, for daemonPosition()
    std::int64_t m_delivered = 0; // on-return mode: delivered since the last confirmAll
    std::int64_t m_confirmedSinceCheckpoint = 0;
};

} // namespace qmld::worker

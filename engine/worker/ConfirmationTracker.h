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
class ConfirmationTracker
{
public:
    explicit ConfirmationTracker(bool explicitConfirmation);

    void deliver(std::span<const StreamRecord> records, std::int64_t nowMs);
    // Marks one record confirmed; returns false if it was never delivered (or already passed).
    bool confirm(const SequenceNumber &record);
    // Every delivered record is confirmed (Confirmation::OnReturn, after processRecords returns).
    void confirmAll();

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
        std::int64_t deliveredAtMs;
        bool confirmed;
    };
    void advancePrefix();

    const bool m_explicit;
    std::deque<Entry> m_pending; // explicit mode: delivered, not yet part of the confirmed prefix
    std::optional<SequenceNumber> m_confirmedEnd;
    std::optional<SequenceNumber> m_lastDelivered;
    std::int64_t m_delivered = 0; // on-return mode: delivered since the last confirmAll
    std::int64_t m_confirmedSinceCheckpoint = 0;
};

} // namespace qmld::worker

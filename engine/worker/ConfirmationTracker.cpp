#include "worker/ConfirmationTracker.h"

#include <algorithm>

namespace qmld::worker {

ConfirmationTracker::ConfirmationTracker(bool explicitConfirmation)
    : m_explicit(explicitConfirmation)
{
}

namespace {

// Where a checkpoint covering `record` (and all before it) may go: the record
// itself; for a sub-record of an aggregate unpacked here, the aggregate's own
// record once its last sub-record is covered, and nowhere before that.
std::optional<SequenceNumber> checkpointPositionOf(const StreamRecord &record)
{
    if (!record.aggregateIndex || !record.aggregateCount)
        return record.sequenceNumber;
    if (*record.aggregateIndex + 1 < *record.aggregateCount)
        return std::nullopt;
    return record.sequenceNumber.withSubSequence(0);
}

} // namespace

void ConfirmationTracker::deliver(std::span<const StreamRecord> records, std::int64_t nowMs)
{
    if (records.empty())
        return;
    m_lastDelivered = records.back().sequenceNumber;
    if (!m_explicit) {
        m_delivered += std::int64_t(records.size());
        // Plain records (all but those of aggregates unpacked here) need no
        // entry: only the last checkpointable one is remembered, once per batch.
        const bool anyUnpacked = std::any_of(records.begin(), records.end(),
                                             [](const StreamRecord &record) { return record.aggregateCount.has_value(); });
        if (!anyUnpacked) {
            m_lastCheckpointable = records.back().sequenceNumber;
            return;
        }
    }
    for (const StreamRecord &record : records) {
        if (record.aggregateIndex == 0 && record.aggregateCount) {
            if (m_unpacked.size() == maxUnpackedAggregates)
                m_unpacked.pop_front();
            m_unpacked.push_back(UnpackedAggregate{record.sequenceNumber.withSubSequence(0),
                                                   std::int64_t(*record.aggregateCount - 1), m_lastCheckpointable});
        }
        std::optional<SequenceNumber> checkpointAt = checkpointPositionOf(record);
        if (checkpointAt)
            m_lastCheckpointable = checkpointAt;
        if (m_explicit)
            m_pending.push_back(Entry{record.sequenceNumber, std::move(checkpointAt), nowMs, false});
    }
}

std::optional<SequenceNumber> ConfirmationTracker::daemonPosition(const SequenceNumber &requested) const
{
    if (requested.isSentinel())
        return requested;
    const SequenceNumber record = requested.withSubSequence(0);
    for (auto it = m_unpacked.rbegin(); it != m_unpacked.rend(); ++it) {
        if (it->own == record)
            return requested.subSequence() >= it->lastSubSequence ? std::optional(it->own) : it->before;
        if (it->own < record)
            break; // older aggregates are further back still
    }
    return requested;
}

bool ConfirmationTracker::confirm(const SequenceNumber &record)
{
    const auto it = std::lower_bound(m_pending.begin(), m_pending.end(), record,
                                     [](const Entry &entry, const SequenceNumber &key) { return entry.position < key; });
    if (it == m_pending.end() || it->position != record)
        return false;
    it->confirmed = true;
    advancePrefix();
    return true;
}

void ConfirmationTracker::confirmAll()
{
    if (m_explicit) {
        for (Entry &entry : m_pending)
            entry.confirmed = true;
        advancePrefix();
        return;
    }
    if (m_delivered == 0)
        return;
    m_confirmedSinceCheckpoint += m_delivered;
    m_delivered = 0;
    m_confirmedEnd = m_lastCheckpointable;
}

void ConfirmationTracker::advancePrefix()
{
    while (!m_pending.empty() && m_pending.front().confirmed) {
        if (m_pending.front().checkpointAt)
            m_confirmedEnd = std::move(m_pending.front().checkpointAt);
        m_pending.pop_front();
        ++m_confirmedSinceCheckpoint;
    }
}

std::optional<std::int64_t> ConfirmationTracker::oldestUnconfirmedSince() const
{
    if (m_pending.empty())
        return std::nullopt;
    return m_pending.front().deliveredAtMs;
}

} // namespace qmld::worker

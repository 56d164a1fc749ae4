#include "worker/ConfirmationTracker.h"

#include <algorithm>

namespace qmld::worker {

ConfirmationTracker::ConfirmationTracker(bool explicitConfirmation)
    : m_explicit(explicitConfirmation)
{
}

void ConfirmationTracker::deliver(std::span<const StreamRecord> records, std::int64_t nowMs)
{
    if (records.empty())
        return;
    m_lastDelivered = records.back().sequenceNumber;
    if (!m_explicit) {
        m_delivered += std::int64_t(records.size());
        return;
    }
    for (const StreamRecord &record : records)
        m_pending.push_back(Entry{record.sequenceNumber, nowMs, false});
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
    m_confirmedEnd = m_lastDelivered;
}

void ConfirmationTracker::advancePrefix()
{
    while (!m_pending.empty() && m_pending.front().confirmed) {
        m_confirmedEnd = std::move(m_pending.front().position);
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

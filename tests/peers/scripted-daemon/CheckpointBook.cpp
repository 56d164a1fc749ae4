#include "CheckpointBook.h"

using namespace Qt::StringLiterals;

namespace qmld::peers {

void CheckpointBook::initialize(const ExtendedSequenceNumber &checkpoint)
{
    m_stored = checkpoint;
    m_largestPermitted = checkpoint;
}

void CheckpointBook::delivered(const ExtendedSequenceNumber &largestInBatch)
{
    if (largestInBatch > m_largestPermitted)
        m_largestPermitted = largestInBatch;
}

void CheckpointBook::enterShardEnd()
{
    if (!m_largestPermitted.isShardEnd())
        m_lastRecordOfShard = m_largestPermitted;
    m_largestPermitted = ExtendedSequenceNumber{ExtendedSequenceNumber::shardEnd, 0};
}

std::optional<QString> CheckpointBook::takeInjectedError(int step)
{
    for (CheckpointInjection &injection : m_injections) {
        if (injection.remaining > 0 && step >= injection.fromStep) {
            --injection.remaining;
            return injection.error;
        }
    }
    return std::nullopt;
}

CheckpointOutcome CheckpointBook::request(const CheckpointRequest &request, CheckpointContext context, int step)
{
    switch (context) {
    case CheckpointContext::NoCheckpointer:
        return {u"InvalidStateException"_s, std::nullopt};
    case CheckpointContext::Zombie:
        return {u"ShutdownException"_s, std::nullopt};
    case CheckpointContext::Normal:
    case CheckpointContext::ShardEnd:
        break;
    }
    if (const auto injected = takeInjectedError(step))
        return {*injected, std::nullopt};

    ExtendedSequenceNumber target = m_largestPermitted;
    if (request.sequenceNumber) {
        const qint64 sub = request.subSequenceNumber.value_or(0);
        const auto parsed = ExtendedSequenceNumber::parse(*request.sequenceNumber, sub);
        if (sub < 0 || !parsed || (parsed->isShardEnd() && !m_largestPermitted.isShardEnd())
            || *parsed < m_stored || *parsed > m_largestPermitted) {
            return {u"IllegalArgumentException"_s, std::nullopt};
        }
        target = *parsed;
    }
    if (m_largestPermitted.isShardEnd() && m_lastRecordOfShard && target == *m_lastRecordOfShard)
        target = m_largestPermitted;
    m_stored = target;
    return {QString(), target};
}

} // namespace qmld::peers

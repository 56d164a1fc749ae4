#pragma once

#include "ExtendedSequenceNumber.h"
#include "Scenario.h"

#include <QList>
#include <QString>

#include <optional>

namespace qmld::peers {

// A child's checkpoint request after Jackson's coercions: null members were
// null or absent in the JSON.
struct CheckpointRequest
{
    std::optional<QString> sequenceNumber;
    std::optional<qint64> subSequenceNumber;
};

struct CheckpointOutcome
{
    QString error; // empty: success ("error":null)
    std::optional<ExtendedSequenceNumber> stored;
};

// One shard's checkpoint state, judged the way KCL's
// ShardRecordProcessorCheckpointer does, with scripted error injections first.
class CheckpointBook
{
public:
    explicit CheckpointBook(QList<CheckpointInjection> injections) : m_injections(std::move(injections)) {}

    void initialize(const ExtendedSequenceNumber &checkpoint);
    void delivered(const ExtendedSequenceNumber &largestInBatch);
    void enterShardEnd();

    CheckpointOutcome request(const CheckpointRequest &request, CheckpointContext context, int step);

    const ExtendedSequenceNumber &stored() const { return m_stored; }

private:
    std::optional<QString> takeInjectedError(int step);

    QList<CheckpointInjection> m_injections;
    ExtendedSequenceNumber m_stored{QStringLiteral("TRIM_HORIZON"), 0};
    ExtendedSequenceNumber m_largestPermitted = m_stored;
    std::optional<ExtendedSequenceNumber> m_lastRecordOfShard;
};

} // namespace qmld::peers

#pragma once

#include <qmld/SequenceNumber.h>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>

namespace qmld {

// One record as a processor sees it: exactly what the daemon delivered
// (payload bytes decoded from base64), after KPL de-aggregation.
struct StreamRecord
{
    // Sequence number with its sub-sequence number (0..n-1 inside a KPL
    // aggregate; 0 for plain Kinesis records; absent for DynamoDB Streams under v1).
    SequenceNumber sequenceNumber;
    // UTF-8 partition key; nullopt when the daemon sent null (DynamoDB Streams).
    std::optional<QByteArray> partitionKey;
    QByteArray data;
    // Epoch milliseconds; nullopt when the daemon sent null.
    std::optional<std::int64_t> approximateArrivalTimestamp;
    // Set when this record came out of an aggregate (KPL or erlmld format):
    // its index and the aggregate's record count.
    std::optional<std::int32_t> aggregateIndex;
    std::optional<std::int32_t> aggregateCount;

    QString partitionKeyString() const { return partitionKey ? QString::fromUtf8(*partitionKey) : QString(); }
};

} // namespace qmld

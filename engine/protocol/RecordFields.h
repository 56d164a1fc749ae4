#pragma once

// Writing a decoded record's fields into a StreamRecord that may be a recycled
// one (decodeDaemonMessage's `recycled`): its buffers are reused where no copy
// shares them and they are not far too large. Both daemon-line decoders use it.

#include "protocol/Base64.h"

#include <qmld/StreamRecord.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace qmld::protocol::record_fields {

// A recycled record keeps a buffer up to this much larger than it needs, so
// that one big record does not pin its memory in that slot for good.
constexpr qsizetype kKeepSlack = 1024;

// A record's payload, base64 as it stands in the line; false for anything
// but base64 (a backslash is not in its alphabet, so text with escapes fails).
inline bool decodePayload(std::string_view text, QByteArray &out)
{
    if (out.capacity() > qsizetype(text.size()) + kKeepSlack)
        out = QByteArray();
    return base64::decodeInto(QByteArrayView(text.data(), qsizetype(text.size())), out);
}

inline void assign(QByteArray &target, std::string_view bytes)
{
    const auto size = qsizetype(bytes.size());
    if (target.capacity() > 2 * size + kKeepSlack)
        target = QByteArray();
    if (target.size() != size)
        target.resize(size); // out of line in Qt; data() below still detaches a shared buffer
    std::memcpy(target.data(), bytes.data(), bytes.size());
}

// Every field but the payload, which is decoded where it is read. False when
// `sequenceNumber` is not a sequence number.
[[gnu::always_inline]] inline bool finish(StreamRecord &record, std::string_view sequenceNumber,
                                          std::optional<std::int64_t> subSequenceNumber,
                                          const std::optional<std::string_view> &partitionKey,
                                          std::optional<std::int64_t> arrival)
{
    if (!record.sequenceNumber.assignDigits(QByteArrayView(sequenceNumber.data(), qsizetype(sequenceNumber.size())),
                                            subSequenceNumber))
        return false;
    if (partitionKey) {
        if (!record.partitionKey)
            record.partitionKey.emplace();
        assign(*record.partitionKey, *partitionKey);
    } else {
        record.partitionKey.reset();
    }
    record.approximateArrivalTimestamp = arrival;
    record.aggregateIndex.reset();
    record.aggregateCount.reset();
    return true;
}

} // namespace qmld::protocol::record_fields

#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <optional>

namespace qmld::store {

// Store ordinals as Kinesis "v2" sequence numbers: 186-bit integers, always
// 56 decimal digits, with the version 2 in bits 184-187 and the shard index
// in bits 4-35 (docs/protocol.md §13), so that KCL's own
// SequenceNumberValidator would accept them. The ordinal, which increases
// across the whole stream, sits above the shard index: numbers increase
// within a shard, and a child's numbers exceed its parents'.
struct StoreSequence
{
    std::int64_t ordinal = 0;
    std::uint32_t shardIndex = 0;
};

QByteArray encodeSequenceNumber(StoreSequence sequence);
// nullopt for anything that encodeSequenceNumber cannot have produced.
std::optional<StoreSequence> decodeSequenceNumber(QByteArrayView digits);

} // namespace qmld::store

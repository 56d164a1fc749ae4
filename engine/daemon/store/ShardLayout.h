#pragma once

#include <qmld/HashKey.h>

#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <vector>

// Shard ids and hash key arithmetic, as Kinesis does them.
namespace qmld::store {

// "shardId-000000000007" for 7.
QString shardIdFor(std::uint32_t index);
// The index in a "shardId-" + 12 digits id; nullopt for anything else.
std::optional<std::uint32_t> shardIndexOf(QStringView shardId);

// The whole hash key space cut into `count` ranges as CreateStream does:
// each 2^128 / count keys wide (rounded down), the last reaching 2^128 - 1.
std::vector<HashKeyRange> evenHashKeyRanges(int count);

// The split point that halves a range: the first key of its upper half.
// nullopt for a range of one key, which cannot be split.
std::optional<HashKey> midpointSplit(const HashKeyRange &range);

// Whether `key` is a valid new starting hash key for splitting `range`: both
// children must be non-empty.
bool isValidSplit(const HashKeyRange &range, HashKey key);

// Whether the two ranges touch, in either order.
bool areAdjacent(const HashKeyRange &a, const HashKeyRange &b);

} // namespace qmld::store

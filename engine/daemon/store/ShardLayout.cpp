#include "daemon/store/ShardLayout.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qmld::store {

namespace {
constexpr QStringView kShardIdPrefix = u"shardId-";
constexpr qsizetype kShardIdDigits = 12;
} // namespace

QString shardIdFor(std::uint32_t index)
{
    return kShardIdPrefix % u"%1"_s.arg(index, int(kShardIdDigits), 10, QLatin1Char('0'));
}

std::optional<std::uint32_t> shardIndexOf(QStringView shardId)
{
    if (!shardId.startsWith(kShardIdPrefix) || shardId.size() != kShardIdPrefix.size() + kShardIdDigits)
        return std::nullopt;
    std::uint64_t index = 0;
    for (QChar c : shardId.mid(kShardIdPrefix.size())) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        index = index * 10 + std::uint64_t(c.unicode() - u'0');
    }
    if (index > UINT32_MAX)
        return std::nullopt;
    return std::uint32_t(index);
}

std::vector<HashKeyRange> evenHashKeyRanges(int count)
{
    using Value = HashKey::Value;
    const Value max = HashKey::max().value();
    const Value n = Value(count);
    // 2^128 / n without overflowing: (max + 1) / n.
    const Value width = max / n + ((max % n) + 1 == n ? 1 : 0);
    std::vector<HashKeyRange> ranges;
    ranges.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const Value start = width * Value(i);
        const Value end = i + 1 == count ? max : start + width - 1;
        ranges.push_back({HashKey(start), HashKey(end)});
    }
    return ranges;
}

std::optional<HashKey> midpointSplit(const HashKeyRange &range)
{
    const auto start = range.starting.value();
    const auto end = range.ending.value();
    if (start >= end)
        return std::nullopt;
    return HashKey(start + (end - start) / 2 + 1);
}

bool isValidSplit(const HashKeyRange &range, HashKey key)
{
    return range.starting < key && key <= range.ending;
}

bool areAdjacent(const HashKeyRange &a, const HashKeyRange &b)
{
    const auto touches = [](const HashKeyRange &lower, const HashKeyRange &upper) {
        return lower.ending < HashKey::max() && HashKey(lower.ending.value() + 1) == upper.starting;
    };
    return touches(a, b) || touches(b, a);
}

} // namespace qmld::store

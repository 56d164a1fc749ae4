#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <compare>
#include <cstdint>
#include <optional>

namespace qmld {

// A Kinesis hash key: an unsigned 128-bit integer. A record's hash key is its
// explicit hash key, or the MD5 of its UTF-8 partition key read as a
// big-endian number; the shard whose [starting, ending] range holds it owns
// the record.
class HashKey
{
public:
    __extension__ using Value = unsigned __int128;

    constexpr HashKey() = default;
    constexpr explicit HashKey(Value value) : m_value(value) {}
    constexpr HashKey(std::uint64_t high, std::uint64_t low) : m_value((Value(high) << 64) | low) {}

    static constexpr HashKey max() { return HashKey(~Value(0)); }

    // MD5 of the partition key's UTF-8 bytes, as an unsigned big-endian integer.
    static HashKey fromPartitionKey(QByteArrayView utf8PartitionKey);
    static HashKey fromPartitionKey(QStringView partitionKey);
    // Reads 16 bytes as an unsigned big-endian integer; nullopt unless exactly 16 bytes.
    static std::optional<HashKey> fromBigEndian(QByteArrayView bytes);

    // Decimal digits only (leading zeros allowed), at most 2^128 - 1.
    // No sign, no spaces; nullopt for anything else.
    static std::optional<HashKey> parse(QByteArrayView decimal);
    static std::optional<HashKey> parse(QStringView decimal);

    constexpr Value value() const { return m_value; }
    constexpr std::uint64_t high() const { return std::uint64_t(m_value >> 64); }
    constexpr std::uint64_t low() const { return std::uint64_t(m_value); }

    // Decimal, without leading zeros.
    QByteArray toByteArray() const;
    QString toString() const;
    QByteArray toBigEndian() const;

    friend constexpr auto operator<=>(HashKey, HashKey) = default;

private:
    Value m_value = 0;
};

// A shard's hash key range, both ends inclusive.
struct HashKeyRange
{
    HashKey starting;
    HashKey ending = HashKey::max();

    static constexpr HashKeyRange full() { return {}; }
    // Parses the two decimal bounds as Kinesis' DescribeStream reports them;
    // nullopt if either is malformed or starting > ending.
    static std::optional<HashKeyRange> parse(QByteArrayView starting, QByteArrayView ending);

    constexpr bool contains(HashKey key) const { return starting <= key && key <= ending; }
    friend constexpr bool operator==(const HashKeyRange &, const HashKeyRange &) = default;
};

} // namespace qmld

#pragma once

#include <QString>

#include <compare>
#include <optional>

namespace qmld::peers {

// A checkpoint position as KCL orders it (ExtendedSequenceNumber.compareTo):
// AT_TIMESTAMP < TRIM_HORIZON < LATEST < any digit string < SHARD_END, digit
// strings compared as unsigned big integers, ties broken by sub-sequence.
struct ExtendedSequenceNumber
{
    QString sequenceNumber;
    qint64 subSequenceNumber = 0;

    static inline const QString shardEnd = QStringLiteral("SHARD_END");

    // Null when the text is neither a digit string nor a KCL sentinel, which
    // KCL answers with IllegalArgumentException.
    static std::optional<ExtendedSequenceNumber> parse(const QString &sequenceNumber, qint64 subSequenceNumber = 0);

    bool isShardEnd() const { return sequenceNumber == shardEnd; }
    bool isDigits() const;

    friend std::strong_ordering operator<=>(const ExtendedSequenceNumber &a, const ExtendedSequenceNumber &b);
    friend bool operator==(const ExtendedSequenceNumber &a, const ExtendedSequenceNumber &b)
    {
        return (a <=> b) == std::strong_ordering::equal;
    }
};

// digits + increment, both unsigned decimal.
QString addToDecimal(const QString &digits, quint64 increment);

} // namespace qmld::peers

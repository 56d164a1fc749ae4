#pragma once

#include <QByteArray>
#include <QString>

#include <compare>
#include <cstdint>
#include <optional>

namespace qmld {

// A KCL extended sequence number: a Kinesis sequence number (a decimal string
// of up to 129 digits) or one of the KCL sentinels, plus a sub-sequence number
// for records inside a KPL aggregate.
//
// Ordering follows KCL's ExtendedSequenceNumber.compareTo:
//   AT_TIMESTAMP < TRIM_HORIZON < LATEST < any digit string < SHARD_END,
// digit strings compare as unsigned big integers, ties by sub-sequence number
// (a missing sub-sequence number counts as 0).
class SequenceNumber
{
public:
    enum class Kind : std::uint8_t { AtTimestamp, TrimHorizon, Latest, Digits, ShardEnd };

    // An invalid value (isValid() == false); never compared.
    SequenceNumber() = default;

    static SequenceNumber trimHorizon();
    static SequenceNumber latest();
    static SequenceNumber atTimestamp();
    static SequenceNumber shardEnd();

    // Parses a digit string (leading zeros are dropped, at most 129 significant
    // digits) or a sentinel name. Returns nullopt for anything else.
    static std::optional<SequenceNumber> parse(QByteArrayView text, std::optional<std::int64_t> subSequence = {});
    static std::optional<SequenceNumber> parse(const QString &text, std::optional<std::int64_t> subSequence = {});
    // Resolves the QByteArray/QString ambiguity that QT_NO_CAST_FROM_ASCII leaves.
    static std::optional<SequenceNumber> parse(const QByteArray &text, std::optional<std::int64_t> subSequence = {})
    {
        return parse(QByteArrayView(text), subSequence);
    }
    // Like parse() for a digit string only, into this value: its storage is
    // reused when no copy shares it (the decoder does this for every record).
    // Returns false, leaving this value unchanged, for anything but digits.
    bool assignDigits(QByteArrayView text, std::optional<std::int64_t> subSequence = {});

    bool isValid() const { return m_valid; }
    Kind kind() const { return m_kind; }
    bool isSentinel() const { return m_kind != Kind::Digits; }

    // The digits (normalized, no leading zeros) or the sentinel name.
    QByteArray toByteArray() const;
    QString toString() const;

    // The sub-sequence number as given; subSequence() treats a missing one as 0.
    std::optional<std::int64_t> rawSubSequence() const { return m_sub; }
    std::int64_t subSequence() const { return m_sub.value_or(0); }
    SequenceNumber withSubSequence(std::optional<std::int64_t> sub) const;

    // "49590...898", or "49590...898/3" with a sub-sequence number above 0; sentinels by name.
    QString display() const;

    friend std::strong_ordering operator<=>(const SequenceNumber &a, const SequenceNumber &b);
    friend bool operator==(const SequenceNumber &a, const SequenceNumber &b)
    {
        return (a <=> b) == std::strong_ordering::equal;
    }

    // Compares digit strings only as big unsigned integers, ignoring sub-sequence numbers.
    static std::strong_ordering compareDigits(QByteArrayView a, QByteArrayView b);

private:
    SequenceNumber(Kind kind, QByteArray digits, std::optional<std::int64_t> sub);

    QByteArray m_digits;               // only for Kind::Digits
    std::optional<std::int64_t> m_sub;
    Kind m_kind = Kind::TrimHorizon;
    bool m_valid = false;
};

} // namespace qmld

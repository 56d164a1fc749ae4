#include <qmld/SequenceNumber.h>

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qmld {

namespace {

// The API limit: 0|[1-9][0-9]{0,128}.
constexpr qsizetype kMaxDigits = 129;

constexpr QByteArrayView kTrimHorizon = "TRIM_HORIZON";
constexpr QByteArrayView kLatest = "LATEST";
constexpr QByteArrayView kAtTimestamp = "AT_TIMESTAMP";
constexpr QByteArrayView kShardEnd = "SHARD_END";

QByteArrayView sentinelName(SequenceNumber::Kind kind)
{
    switch (kind) {
    case SequenceNumber::Kind::AtTimestamp: return kAtTimestamp;
    case SequenceNumber::Kind::TrimHorizon: return kTrimHorizon;
    case SequenceNumber::Kind::Latest: return kLatest;
    case SequenceNumber::Kind::ShardEnd: return kShardEnd;
    case SequenceNumber::Kind::Digits: break;
    }
    return {};
}

// Matches a sentinel name exactly (KCL's SentinelCheckpoint.valueOf is case-sensitive).
template<typename Char>
std::optional<SequenceNumber::Kind> sentinelKind(const Char *text, qsizetype size)
{
    const auto equals = [&](QByteArrayView name) {
        if (name.size() != size)
            return false;
        for (qsizetype i = 0; i < size; ++i) {
            if (char32_t(text[i]) != char32_t(static_cast<unsigned char>(name[i])))
                return false;
        }
        return true;
    };
    for (auto kind : {SequenceNumber::Kind::TrimHorizon, SequenceNumber::Kind::Latest,
                      SequenceNumber::Kind::AtTimestamp, SequenceNumber::Kind::ShardEnd}) {
        if (equals(sentinelName(kind)))
            return kind;
    }
    return std::nullopt;
}

// Validates a digit string and returns the offset of its first significant
// digit (the last digit for "000"), or -1 if it is not a valid number.
template<typename Char>
qsizetype significantDigitsStart(const Char *text, qsizetype size)
{
    if (size == 0)
        return -1;
    qsizetype start = -1;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = char32_t(text[i]);
        if (c < U'0' || c > U'9')
            return -1;
        if (start < 0 && c != U'0')
            start = i;
    }
    if (start < 0)
        return size - 1; // all zeros: keep a single "0"
    return size - start > kMaxDigits ? -1 : start;
}

// Whether every byte is an ASCII digit, many bytes at a time: GCC vectorizes
// the byte loop at -O3 but not at -O2, and every record the daemon delivers
// carries a digit string (56 digits today). Without SSE2, eight bytes at a
// time: a byte is a digit when its high nibble is 3 and stays 3 once 6 is
// added; with every high nibble 3 no carry crosses a byte.
bool allDigits(const char *text, qsizetype size)
{
    constexpr std::uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0, kThrees = 0x3030303030303030,
                            kSixes = 0x0606060606060606;
    const auto digits = [&](qsizetype at) {
        std::uint64_t word;
        std::memcpy(&word, text + at, sizeof word);
        return (word & kHighNibbles) == kThrees && ((word + kSixes) & kHighNibbles) == kThrees;
    };
#if defined(__SSE2__)
    if (size >= 16) {
        // Sixteen at a time; a byte of 0x80 or more is negative as a signed byte, so below '0'.
        const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8('9');
        const auto sixteenDigits = [&](qsizetype at) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + at));
            return _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(bytes, zero), _mm_cmpgt_epi8(bytes, nine))) == 0;
        };
        for (qsizetype at = 0; at + 16 < size; at += 16) {
            if (!sixteenDigits(at))
                return false;
        }
        return sixteenDigits(size - 16); // the last sixteen, overlapping the ones before
    }
#endif
    if (size < 8) {
        for (qsizetype i = 0; i < size; ++i) {
            if (static_cast<unsigned char>(static_cast<unsigned char>(text[i]) - '0') > 9)
                return false;
        }
        return true;
    }
    for (qsizetype at = 0; at + 8 < size; at += 8) {
        if (!digits(at))
            return false;
    }
    return digits(size - 8); // the last eight, overlapping the words before
}

// The same for bytes.
qsizetype significantDigitsStart(QByteArrayView text)
{
    if (text.isEmpty() || !allDigits(text.data(), text.size()))
        return -1;
    qsizetype start = 0;
    while (start + 1 < text.size() && text[start] == '0')
        ++start;
    return text.size() - start > kMaxDigits ? -1 : start;
}

} // namespace

SequenceNumber::SequenceNumber(Kind kind, QByteArray digits, std::optional<std::int64_t> sub)
    : m_digits(std::move(digits)), m_sub(sub), m_kind(kind), m_valid(true)
{
}

SequenceNumber SequenceNumber::trimHorizon() { return SequenceNumber(Kind::TrimHorizon, {}, std::nullopt); }
SequenceNumber SequenceNumber::latest() { return SequenceNumber(Kind::Latest, {}, std::nullopt); }
SequenceNumber SequenceNumber::atTimestamp() { return SequenceNumber(Kind::AtTimestamp, {}, std::nullopt); }
SequenceNumber SequenceNumber::shardEnd() { return SequenceNumber(Kind::ShardEnd, {}, std::nullopt); }

std::optional<SequenceNumber> SequenceNumber::parse(QByteArrayView text, std::optional<std::int64_t> subSequence)
{
    if (subSequence && *subSequence < 0)
        return std::nullopt;
    const qsizetype start = significantDigitsStart(text);
    if (start >= 0)
        return SequenceNumber(Kind::Digits, QByteArray(text.data() + start, text.size() - start), subSequence);
    if (const auto kind = sentinelKind(text.data(), text.size()))
        return SequenceNumber(*kind, {}, subSequence);
    return std::nullopt;
}

bool SequenceNumber::assignDigits(QByteArrayView text, std::optional<std::int64_t> subSequence)
{
    if (subSequence && *subSequence < 0)
        return false;
    const qsizetype start = significantDigitsStart(text);
    if (start < 0)
        return false;
    auto size = std::size_t(text.size() - start);
    if (m_digits.size() != qsizetype(size))
        m_digits.resize(qsizetype(size)); // keeps the allocation unless it is shared or too small
    // Hides that size is at most 129: knowing it, GCC inlines this copy as
    // `rep movsq`, whose start-up cost was most of the time of this function,
    // which runs for every record. The C library's memcpy is far quicker here.
    asm("" : "+r"(size));
    std::memcpy(m_digits.data(), text.data() + start, size);
    m_sub = subSequence;
    m_kind = Kind::Digits;
    m_valid = true;
    return true;
}

std::optional<SequenceNumber> SequenceNumber::parse(const QString &text, std::optional<std::int64_t> subSequence)
{
    if (subSequence && *subSequence < 0)
        return std::nullopt;
    const char16_t *chars = reinterpret_cast<const char16_t *>(text.utf16());
    const qsizetype start = significantDigitsStart(chars, text.size());
    if (start >= 0) {
        QByteArray digits(text.size() - start, Qt::Uninitialized);
        char *out = digits.data();
        for (qsizetype i = start; i < text.size(); ++i)
            *out++ = char(chars[i]);
        return SequenceNumber(Kind::Digits, std::move(digits), subSequence);
    }
    if (const auto kind = sentinelKind(chars, text.size()))
        return SequenceNumber(*kind, {}, subSequence);
    return std::nullopt;
}

QByteArray SequenceNumber::toByteArray() const
{
    if (!m_valid)
        return {};
    if (m_kind == Kind::Digits)
        return m_digits;
    return sentinelName(m_kind).toByteArray();
}

QString SequenceNumber::toString() const
{
    if (!m_valid)
        return {};
    if (m_kind == Kind::Digits)
        return QString::fromLatin1(m_digits);
    return QString::fromLatin1(sentinelName(m_kind));
}

SequenceNumber SequenceNumber::withSubSequence(std::optional<std::int64_t> sub) const
{
    SequenceNumber copy = *this;
    copy.m_sub = sub;
    return copy;
}

QString SequenceNumber::display() const
{
    if (!m_valid)
        return {};
    // "/0" would be noise on every plain record and on the sentinels.
    if (isSentinel() || m_sub.value_or(0) == 0)
        return toString();
    return toString() % u'/' % QString::number(*m_sub);
}

std::strong_ordering SequenceNumber::compareDigits(QByteArrayView a, QByteArrayView b)
{
    const auto stripZeros = [](QByteArrayView digits) {
        qsizetype i = 0;
        while (i + 1 < digits.size() && digits[i] == '0')
            ++i;
        return digits.sliced(i);
    };
    a = stripZeros(a);
    b = stripZeros(b);
    if (a.size() != b.size())
        return a.size() <=> b.size();
    const int c = a.isEmpty() ? 0 : std::memcmp(a.data(), b.data(), size_t(a.size()));
    return c <=> 0;
}

std::strong_ordering operator<=>(const SequenceNumber &a, const SequenceNumber &b)
{
    // Invalid values are not sequence numbers; they sort first so that
    // containers stay well-ordered if one slips in.
    if (a.m_valid != b.m_valid)
        return a.m_valid ? std::strong_ordering::greater : std::strong_ordering::less;
    if (!a.m_valid)
        return std::strong_ordering::equal;

    // The enum is declared in KCL's order: AT_TIMESTAMP < TRIM_HORIZON < LATEST < digits < SHARD_END.
    if (a.m_kind != b.m_kind)
        return a.m_kind <=> b.m_kind;
    // KCL: SHARD_END equals SHARD_END whatever the sub-sequence numbers.
    if (a.m_kind == SequenceNumber::Kind::ShardEnd)
        return std::strong_ordering::equal;
    if (a.m_kind == SequenceNumber::Kind::Digits) {
        // Both are normalized: no leading zeros.
        const qsizetype sa = a.m_digits.size();
        const qsizetype sb = b.m_digits.size();
        if (sa != sb)
            return sa <=> sb;
        if (const int c = std::memcmp(a.m_digits.constData(), b.m_digits.constData(), size_t(sa)); c != 0)
            return c <=> 0;
    }
    return a.subSequence() <=> b.subSequence();
}

} // namespace qmld

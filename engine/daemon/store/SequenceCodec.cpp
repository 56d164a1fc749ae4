#include "daemon/store/SequenceCodec.h"

#include <array>
#include <cstring>

namespace qmld::store {

namespace {

constexpr int kDigits = 56;
constexpr int kOrdinalShift = 36;
constexpr int kShardShift = 4;

using Digits = std::array<char, kDigits>;
__extension__ using U128 = unsigned __int128;

// 2^185: version 2 in bits 184-187, as decimal digits.
Digits versionBase()
{
    Digits digits;
    digits.fill(0);
    digits[kDigits - 1] = 1;
    for (int bit = 0; bit < 185; ++bit) {
        int carry = 0;
        for (int i = kDigits - 1; i >= 0; --i) {
            const int doubled = digits[i] * 2 + carry;
            digits[i] = char(doubled % 10);
            carry = doubled / 10;
        }
    }
    return digits;
}

const Digits &base()
{
    static const Digits digits = versionBase();
    return digits;
}

constexpr int kTopDigits = kDigits - 36;
constexpr std::uint64_t kTen18 = 1'000'000'000'000'000'000ull;
constexpr U128 kTen36 = U128(kTen18) * kTen18;

// 2^185 split at 10^36: its top digits, also plus one (for a carry out of the
// low part), and its low 36 digits as a number.
struct SplitBase
{
    char top[2][kTopDigits];
    U128 low = 0;
};

SplitBase splitBase()
{
    const Digits &digits = base();
    SplitBase split;
    for (int i = 0; i < kTopDigits; ++i)
        split.top[0][i] = split.top[1][i] = char('0' + digits[i]);
    for (int i = kTopDigits - 1; i >= 0; --i) {
        if (split.top[1][i] != '9') {
            ++split.top[1][i];
            break;
        }
        split.top[1][i] = '0';
    }
    for (int i = kTopDigits; i < kDigits; ++i)
        split.low = split.low * 10 + U128(digits[i]);
    return split;
}

// Writes value (< 10^18) as exactly 18 digits, two at a time.
void write18(char *out, std::uint64_t value)
{
    static constexpr char kPairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";
    for (int i = 16; i >= 0; i -= 2) {
        const auto pair = std::size_t(value % 100) * 2;
        value /= 100;
        out[i] = kPairs[pair];
        out[i + 1] = kPairs[pair + 1];
    }
}

} // namespace

QByteArray encodeSequenceNumber(StoreSequence sequence)
{
    // This runs for every record read. 2^185 + low, with low < 2^100 < 10^31:
    // the low 36 digits are one 128-bit addition (and at most one carry into
    // the precomputed top 20 digits), written 18 digits at a time.
    static const SplitBase split = splitBase();
    const U128 low = (U128(std::uint64_t(sequence.ordinal)) << kOrdinalShift)
        | (U128(sequence.shardIndex) << kShardShift);
    U128 sum = split.low + low;
    const int carry = sum >= kTen36 ? 1 : 0;
    if (carry)
        sum -= kTen36;
    QByteArray out(kDigits, Qt::Uninitialized);
    char *digits = out.data();
    std::memcpy(digits, split.top[carry], kTopDigits);
    write18(digits + kTopDigits, std::uint64_t(sum / kTen18));
    write18(digits + kTopDigits + 18, std::uint64_t(sum % kTen18));
    return out;
}

std::optional<StoreSequence> decodeSequenceNumber(QByteArrayView digits)
{
    if (digits.size() != kDigits)
        return std::nullopt;
    const Digits &b = base();
    Digits difference;
    int borrow = 0;
    for (int i = kDigits - 1; i >= 0; --i) {
        const char c = digits[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        int d = (c - '0') - b[i] - borrow;
        borrow = d < 0 ? 1 : 0;
        difference[i] = char(d + 10 * borrow);
    }
    if (borrow)
        return std::nullopt;
    U128 low = 0;
    for (int i = 0; i < kDigits; ++i) {
        if (low > (~U128(0) - 9) / 10)
            return std::nullopt;
        low = low * 10 + U128(difference[i]);
    }
    if ((low & 0xF) != 0)
        return std::nullopt;
    const U128 ordinal = low >> kOrdinalShift;
    if (ordinal > U128(INT64_MAX))
        return std::nullopt;
    return StoreSequence{std::int64_t(ordinal), std::uint32_t(low >> kShardShift)};
}

} // namespace qmld::store

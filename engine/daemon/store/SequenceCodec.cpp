#include "daemon/store/SequenceCodec.h"

#include <array>

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

} // namespace

QByteArray encodeSequenceNumber(StoreSequence sequence)
{
    const U128 low = (U128(std::uint64_t(sequence.ordinal)) << kOrdinalShift)
        | (U128(sequence.shardIndex) << kShardShift);
    // low < 2^100 < 10^36: four 9-digit groups, by long division of 32-bit
    // limbs with 64-bit arithmetic (a 128-bit division is a slow library call,
    // and this runs for every record read).
    std::uint32_t limbs[4] = {std::uint32_t(low >> 96), std::uint32_t(low >> 64), std::uint32_t(low >> 32),
                              std::uint32_t(low)};
    std::uint32_t groups[4]; // least significant first
    for (std::uint32_t &group : groups) {
        std::uint64_t remainder = 0;
        for (std::uint32_t &limb : limbs) {
            const std::uint64_t current = (remainder << 32) | limb;
            limb = std::uint32_t(current / 1'000'000'000u);
            remainder = current % 1'000'000'000u;
        }
        group = std::uint32_t(remainder);
    }

    QByteArray out(kDigits, Qt::Uninitialized);
    char *digits = out.data();
    const Digits &b = base();
    int carry = 0;
    for (int i = kDigits - 1, n = 0; i >= 0; --i, ++n) {
        int digit = 0;
        if (n < 36) {
            std::uint32_t &group = groups[n / 9];
            digit = int(group % 10);
            group /= 10;
        }
        int sum = b[i] + digit + carry;
        carry = sum >= 10 ? 1 : 0;
        sum -= 10 * carry;
        digits[i] = char('0' + sum);
    }
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

#include "protocol/Base64.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace qmld::protocol::base64 {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xFF;

constexpr std::array<std::uint8_t, 256> makeDecodeTable()
{
    std::array<std::uint8_t, 256> table{};
    table.fill(kInvalid);
    for (std::uint8_t i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = i;
    return table;
}

constexpr std::array<std::uint8_t, 256> kDecode = makeDecodeTable();

// The fast decoder's tables (as in modp_b64): a group of four characters
// a b c d becomes three bytes, which on a little-endian machine are the low
// three bytes of t0[a] | t1[b] | t2[c] | t3[d], stored with one 4-byte write.
// An invalid character sets bit 24, which every group's value is OR-ed into,
// so a whole text is checked once at the end rather than per group.
constexpr std::uint32_t kBad = 0x01000000;

struct FastTables
{
    std::array<std::uint32_t, 256> t0{}, t1{}, t2{}, t3{};
};

constexpr FastTables makeFastTables()
{
    FastTables tables;
    for (int c = 0; c < 256; ++c) {
        const std::uint32_t v = kDecode[std::size_t(c)];
        if (v == kInvalid) {
            tables.t0[std::size_t(c)] = tables.t1[std::size_t(c)] = kBad;
            tables.t2[std::size_t(c)] = tables.t3[std::size_t(c)] = kBad;
            continue;
        }
        tables.t0[std::size_t(c)] = v << 2;                                // byte 0, bits 7-2
        tables.t1[std::size_t(c)] = (v >> 4) | ((v & 0xF) << 12);         // byte 0 bits 1-0, byte 1 bits 7-4
        tables.t2[std::size_t(c)] = ((v >> 2) << 8) | ((v & 0x3) << 22); // byte 1 bits 3-0, byte 2 bits 7-6
        tables.t3[std::size_t(c)] = v << 16;                               // byte 2, bits 5-0
    }
    return tables;
}

constexpr FastTables kFast = makeFastTables();

inline std::uint32_t fastGroup(const unsigned char *in)
{
    return kFast.t0[in[0]] | kFast.t1[in[1]] | kFast.t2[in[2]] | kFast.t3[in[3]];
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define QMLD_BASE64_AVX2 1
// 32 characters into 24 bytes per step with AVX2 (Mula and Lemire, "Faster
// Base64 Encoding and Decoding Using AVX2 Instructions", the pshufb bit-mask
// check), compiled for AVX2 in this function only and called only where the
// CPU has it. Each step stores 32 bytes, so it runs while 32 bytes of output
// remain; the caller finishes the rest. False at the first invalid character.
__attribute__((target("avx2"))) bool decodeAvx2(const unsigned char *&in, const unsigned char *inEnd,
                                                unsigned char *&out, const unsigned char *outEnd)
{
    const __m256i lutLo = _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A,
                                           0x1B, 0x1B, 0x1B, 0x1A, 0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                           0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m256i lutHi = _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10,
                                           0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08,
                                           0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    const __m256i lutRoll = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 19, 4,
                                             -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i slash = _mm256_set1_epi8(0x2F);
    const __m256i pack = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5, 4,
                                          10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, -1, -1);
    while (inEnd - in >= 32 && outEnd - out >= 32) {
        const __m256i text = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(in));
        const __m256i hiNibbles = _mm256_and_si256(_mm256_srli_epi32(text, 4), nibble);
        const __m256i loNibbles = _mm256_and_si256(text, nibble);
        const __m256i lo = _mm256_shuffle_epi8(lutLo, loNibbles);
        const __m256i hi = _mm256_shuffle_epi8(lutHi, hiNibbles);
        if (!_mm256_testz_si256(lo, hi))
            return false;
        const __m256i isSlash = _mm256_cmpeq_epi8(text, slash);
        const __m256i roll = _mm256_shuffle_epi8(lutRoll, _mm256_add_epi8(isSlash, hiNibbles));
        const __m256i values = _mm256_add_epi8(text, roll);
        const __m256i pairs = _mm256_maddubs_epi16(values, _mm256_set1_epi32(0x01400140));
        const __m256i triples = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x00011000));
        const __m256i bytes = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(triples, pack), lanes);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out), bytes);
        in += 32;
        out += 24;
    }
    return true;
}

// The value of each ASCII character, 0x80 for one outside the alphabet.
constexpr std::array<std::uint8_t, 128> makeAsciiValues()
{
    std::array<std::uint8_t, 128> values{};
    for (std::size_t c = 0; c < values.size(); ++c)
        values[c] = kDecode[c] == kInvalid ? 0x80 : kDecode[c];
    return values;
}

// For output byte j of a step: the byte of the 32-bit lanes that holds it
// (lane j / 3, most significant of the three first), as the AVX2 `pack`.
constexpr std::array<std::uint8_t, 64> makePack()
{
    std::array<std::uint8_t, 64> pack{};
    for (std::size_t j = 0; j < 48; ++j)
        pack[j] = std::uint8_t(j / 3 * 4 + 2 - j % 3);
    return pack;
}

#define QMLD_AVX512_VBMI __attribute__((target("avx512f,avx512bw,avx512vbmi,bmi2")))

// One step: the characters `present` selects into the bytes `written` selects.
QMLD_AVX512_VBMI __attribute__((always_inline)) inline bool avx512Step(const unsigned char *in, unsigned char *out,
                                                                __mmask64 present, __mmask64 written,
                                                                __m512i valuesLo, __m512i valuesHi, __m512i pack)
{
    const __m512i text = _mm512_maskz_loadu_epi8(present, in);
    const __m512i values = _mm512_maskz_permutex2var_epi8(present, valuesLo, text, valuesHi);
    // A character outside the alphabet has 0x80 in its value, a non-ASCII one in itself.
    if (_mm512_movepi8_mask(_mm512_or_si512(values, text)))
        return false;
    const __m512i pairs = _mm512_maddubs_epi16(values, _mm512_set1_epi32(0x01400140));
    const __m512i triples = _mm512_madd_epi16(pairs, _mm512_set1_epi32(0x00011000));
    _mm512_mask_storeu_epi8(out, written, _mm512_maskz_permutexvar_epi8(written, pack, triples));
    return true;
}

// The whole text with AVX-512 VBMI, 64 characters into 48 bytes per step
// (Mula and Lemire, "Base64 encoding and decoding at almost the speed of a
// memory copy"): one two-table byte permute looks every character up, so a
// step is about a quarter of the AVX2 one's instructions. The last, partial
// step loads only the characters there are, checks only those, and stores
// only the bytes they make: no scalar tail, no room needed past the end.
// `length` excludes the padding; `length % 4` is not 1. A partial last group
// decodes as the scalar tail does (the missing characters count as zero bits).
QMLD_AVX512_VBMI bool decodeWholeAvx512(const unsigned char *in, qsizetype length, unsigned char *out)
{
    static constexpr std::array<std::uint8_t, 128> kValues = makeAsciiValues();
    static constexpr std::array<std::uint8_t, 64> kPack = makePack();
    const __m512i valuesLo = _mm512_loadu_si512(kValues.data());
    const __m512i valuesHi = _mm512_loadu_si512(kValues.data() + 64);
    const __m512i pack = _mm512_loadu_si512(kPack.data());
    constexpr __mmask64 kAll = ~__mmask64(0), kFirst48 = (__mmask64(1) << 48) - 1;
    for (; length > 64; length -= 64, in += 64, out += 48) {
        if (!avx512Step(in, out, kAll, kFirst48, valuesLo, valuesHi, pack))
            return false;
    }
    const qsizetype bytes = length / 4 * 3 + (length % 4 ? length % 4 - 1 : 0);
    return avx512Step(in, out, _bzhi_u64(kAll, unsigned(length)), _bzhi_u64(kAll, unsigned(bytes)), valuesLo,
                      valuesHi, pack);
}
#undef QMLD_AVX512_VBMI
#endif

DecodePath fastestPath()
{
#ifdef QMLD_BASE64_AVX2
    // This runs before main, maybe before libgcc's own constructor has read the CPU's features.
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("bmi2"))
        return DecodePath::Avx512Vbmi;
    if (__builtin_cpu_supports("avx2"))
        return DecodePath::Avx2;
#endif
    return DecodePath::Portable;
}

// Found once at start-up: a function-local static's guard was checked on
// every call, once per record.
const DecodePath kFastestPath = fastestPath();

} // namespace

std::vector<DecodePath> decodePathsOfThisCpu()
{
    std::vector<DecodePath> paths{DecodePath::Portable};
    if (kFastestPath != DecodePath::Portable)
        paths.push_back(DecodePath::Avx2);
    if (kFastestPath == DecodePath::Avx512Vbmi)
        paths.push_back(DecodePath::Avx512Vbmi);
    return paths;
}

void encode(QByteArrayView bytes, char *out)
{
    const auto *in = reinterpret_cast<const unsigned char *>(bytes.data());
    qsizetype remaining = bytes.size();
    while (remaining >= 3) {
        const std::uint32_t triple = std::uint32_t(in[0]) << 16 | std::uint32_t(in[1]) << 8 | in[2];
        out[0] = kAlphabet[triple >> 18];
        out[1] = kAlphabet[(triple >> 12) & 63];
        out[2] = kAlphabet[(triple >> 6) & 63];
        out[3] = kAlphabet[triple & 63];
        in += 3;
        out += 4;
        remaining -= 3;
    }
    if (remaining == 1) {
        out[0] = kAlphabet[in[0] >> 2];
        out[1] = kAlphabet[(in[0] & 3) << 4];
        out[2] = '=';
        out[3] = '=';
    } else if (remaining == 2) {
        out[0] = kAlphabet[in[0] >> 2];
        out[1] = kAlphabet[(in[0] & 3) << 4 | in[1] >> 4];
        out[2] = kAlphabet[(in[1] & 15) << 2];
        out[3] = '=';
    }
}

std::optional<QByteArray> decode(QByteArrayView text)
{
    QByteArray bytes;
    if (!decodeInto(text, bytes))
        return std::nullopt;
    return bytes;
}

bool decodeInto(QByteArrayView text, QByteArray &bytes)
{
    return decodeInto(text, bytes, kFastestPath);
}

bool decodeInto(QByteArrayView text, QByteArray &bytes, DecodePath path)
{
    qsizetype length = text.size();
    if (length % 4 == 0 && length > 0 && text[length - 1] == '=')
        length -= text[length - 2] == '=' ? 2 : 1;
    const qsizetype tail = length % 4; // characters in the last, partial group
    if (tail == 1)
        return false;

    const qsizetype groups = length / 4;
    const qsizetype size = groups * 3 + (tail ? tail - 1 : 0);
    // Room for one more 32-byte AVX2 store past the end, so that the vector
    // loop, not the scalar one, decodes all but the last few characters
    // (AVX-512's masked stores need none).
    constexpr qsizetype kVectorSlack = 32;
    if (path != DecodePath::Avx512Vbmi)
        bytes.reserve(size + kVectorSlack); // nothing to do when it has the room (and is not shared)
    if (bytes.size() != size)
        bytes.resize(size); // out of line in Qt: a recycled buffer mostly has the size already
#ifdef QMLD_BASE64_AVX2
    if (path == DecodePath::Avx512Vbmi)
        return decodeWholeAvx512(reinterpret_cast<const unsigned char *>(text.data()), length,
                                 reinterpret_cast<unsigned char *>(bytes.data()));
#endif
    const auto *in = reinterpret_cast<const unsigned char *>(text.data());
    auto *out = reinterpret_cast<unsigned char *>(bytes.data());

    qsizetype g = 0;
#ifdef QMLD_BASE64_AVX2
    if (path == DecodePath::Avx2) {
        const unsigned char *start = in;
        // Not past the last whole group: padding and the tail are decoded below.
        const unsigned char *inEnd = in + groups * 4;
        const auto *outEnd = reinterpret_cast<const unsigned char *>(bytes.constData()) + size + kVectorSlack;
        const bool ok = decodeAvx2(in, inEnd, out, outEnd);
        bytes.data()[size] = '\0'; // a store may have run over the terminator
        if (!ok)
            return false;
        g = (in - start) / 4;
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
        // Every group but the last one: its 4-byte write spills one byte into
        // the next group's output, which that group then overwrites.
        std::uint32_t bad = 0;
        for (; g + 1 < groups; ++g, in += 4, out += 3) {
            const std::uint32_t value = fastGroup(in);
            bad |= value;
            std::memcpy(out, &value, 4);
        }
        if (bad & kBad)
            return false;
    }
    for (; g < groups; ++g, in += 4, out += 3) {
        const std::uint32_t a = kDecode[in[0]], b = kDecode[in[1]], c = kDecode[in[2]], d = kDecode[in[3]];
        if ((a | b | c | d) & 0x80)
            return false;
        const std::uint32_t triple = a << 18 | b << 12 | c << 6 | d;
        out[0] = static_cast<unsigned char>(triple >> 16);
        out[1] = static_cast<unsigned char>(triple >> 8);
        out[2] = static_cast<unsigned char>(triple);
    }
    if (tail) {
        const std::uint32_t a = kDecode[in[0]], b = kDecode[in[1]], c = tail == 3 ? kDecode[in[2]] : 0;
        if ((a | b | c) & 0x80)
            return false;
        out[0] = static_cast<unsigned char>(a << 2 | b >> 4);
        if (tail == 3)
            out[1] = static_cast<unsigned char>(b << 4 | c >> 2);
    }
    return true;
}

} // namespace qmld::protocol::base64

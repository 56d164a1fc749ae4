#include "RecordBatches.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace qmld::bench {
namespace {

constexpr std::string_view kSequencePrefix = "4959033827149025660855969253836157109592"; // 40 digits
constexpr std::size_t kBatchDigits = 10;
constexpr std::size_t kRecordDigits = 6;
static_assert(kSequencePrefix.size() + kBatchDigits + kRecordDigits == 56);

// Keeps the pre-encoded lines small enough to stay cache-friendly where they
// can, while still rotating through distinct data.
constexpr std::size_t kMaxVariants = 8;
constexpr std::size_t kVariantBudgetBytes = 64u << 20;

void appendZeroPadded(std::string *out, std::uint64_t value, std::size_t width)
{
    char digits[24];
    for (std::size_t i = width; i-- > 0;) {
        digits[i] = char('0' + value % 10);
        value /= 10;
    }
    out->append(digits, width);
}

// xorshift64*: cheap, deterministic payload bytes that do not compress to nothing.
std::uint64_t nextRandom(std::uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545F4914F6CDD1DULL;
}

} // namespace

std::string base64(const unsigned char *data, std::size_t size)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const std::uint32_t n = std::uint32_t(data[i]) << 16 | std::uint32_t(data[i + 1]) << 8 | data[i + 2];
        out.push_back(alphabet[n >> 18]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out.push_back(alphabet[(n >> 6) & 63]);
        out.push_back(alphabet[n & 63]);
    }
    if (const std::size_t rest = size - i; rest > 0) {
        const std::uint32_t n = std::uint32_t(data[i]) << 16 | (rest == 2 ? std::uint32_t(data[i + 1]) << 8 : 0);
        out.push_back(alphabet[n >> 18]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out.push_back(rest == 2 ? alphabet[(n >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

RecordBatches::RecordBatches(std::size_t payloadBytes, std::size_t batchSize)
    : m_payloadBytes(payloadBytes)
    , m_batchSize(batchSize)
{
    const std::size_t approxLineBytes = batchSize * ((payloadBytes + 2) / 3 * 4 + 200);
    const std::size_t variants = std::clamp<std::size_t>(kVariantBudgetBytes / std::max<std::size_t>(approxLineBytes, 1),
                                                         2, kMaxVariants);
    const auto arrivalMillis = std::uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::chrono::system_clock::now().time_since_epoch())
                                                 .count());
    std::uint64_t randomState = 0x9E3779B97F4A7C15ULL;
    std::vector<unsigned char> payload(payloadBytes);

    m_variants.resize(variants);
    for (std::size_t v = 0; v < variants; ++v) {
        Variant &variant = m_variants[v];
        std::string &line = variant.line;
        line.reserve(approxLineBytes + 64);
        variant.batchDigitOffsets.reserve(batchSize);
        line += R"({"action":"processRecords","records":[)";
        for (std::size_t r = 0; r < batchSize; ++r) {
            for (std::size_t b = 0; b < payloadBytes; b += 8) {
                const std::uint64_t bits = nextRandom(&randomState);
                std::memcpy(payload.data() + b, &bits, std::min<std::size_t>(8, payloadBytes - b));
            }
            if (r > 0)
                line += ',';
            line += R"({"data":")";
            line += base64(payload.data(), payload.size());
            line += R"(","partitionKey":"pk-)";
            appendZeroPadded(&line, (v * batchSize + r) % 100000, 5);
            line += R"(","sequenceNumber":")";
            line += kSequencePrefix;
            variant.batchDigitOffsets.push_back(std::uint32_t(line.size()));
            line.append(kBatchDigits, '0');
            appendZeroPadded(&line, r, kRecordDigits);
            line += R"(","approximateArrivalTimestamp":)";
            line += std::to_string(arrivalMillis + r / 100);
            line += R"(,"subSequenceNumber":0,"action":"record"})";
        }
        line += R"(],"millisBehindLatest":0})";
        line += '\n';
    }
}

const std::string &RecordBatches::line(std::uint64_t k)
{
    Variant &variant = m_variants[k % m_variants.size()];
    char digits[kBatchDigits];
    for (std::size_t i = kBatchDigits; i-- > 0;) {
        digits[i] = char('0' + k % 10);
        k /= 10;
    }
    char *line = variant.line.data();
    for (const std::uint32_t offset : variant.batchDigitOffsets)
        std::memcpy(line + offset, digits, kBatchDigits);
    return variant.line;
}

} // namespace qmld::bench

#include "protocol/PlainRecordsDecoder.h"

#include "protocol/LineSplitter.h"
#include "protocol/RecordFields.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qmld::protocol {

namespace {

// What is read past the line's end must stay inside its padding: the longest
// fixed text (a key with its quote and colon), a 16-byte vector load, and
// leadingDigits' 24 bytes.
static_assert(LineSplitter::LinePadding >= 32);

// Whether `at` starts with `text` (without its terminator). GCC calls the C
// library's memcmp for the longer keys; two overlapping 16-byte compares
// cover them.
template<std::size_t N>
bool sameText(const char *at, const char (&text)[N])
{
    constexpr std::size_t size = N - 1;
#if defined(__SSE2__)
    if constexpr (size > 16 && size <= 32) {
        const __m128i first = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(at)),
                                             _mm_loadu_si128(reinterpret_cast<const __m128i *>(text)));
        const __m128i last = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(at + size - 16)),
                                            _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + size - 16)));
        return _mm_movemask_epi8(_mm_and_si128(first, last)) == 0xFFFF;
    }
#endif
    return std::memcmp(at, text, size) == 0;
}

constexpr char kDaemonLineStart[] = R"({"action":"processRecords","records":[)";
constexpr std::size_t kDaemonLineStartBytes = sizeof kDaemonLineStart - 1;

enum Field : unsigned {
    Data = 1u << 0,
    PartitionKey = 1u << 1,
    SequenceNumberField = 1u << 2,
    SubSequenceNumber = 1u << 3,
    ArrivalTimestamp = 1u << 4,
    RecordAction = 1u << 5,
    Unknown = 0,
};

class PlainReader
{
public:
    explicit PlainReader(std::string_view line, std::size_t from = 0)
        : m_at(line.data() + from), m_end(line.data() + line.size())
    {
    }

    bool readLine(ProcessRecordsMessage &message);
    // The daemon's own order: this start, whole records, then the end.
    bool readDaemonLineStart() { return take(kDaemonLineStart); }
    std::size_t readWholeRecords(std::vector<StreamRecord> &records, std::size_t count);
    bool readDaemonLineEnd(ProcessRecordsMessage &message, std::size_t count);
    const char *position() const { return m_at; }

private:
    // Takes `text` if the line goes on with it.
    template<std::size_t N>
    bool take(const char (&text)[N])
    {
        if (std::size_t(m_end - m_at) < N - 1 || !sameText(m_at, text))
            return false;
        m_at += N - 1;
        return true;
    }
    bool take(char c)
    {
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }

    struct LineKeys
    {
        bool action = false, records = false, millis = false;
    };
    bool readLineKey(ProcessRecordsMessage &message, LineKeys &seen);
    bool readLineRest(ProcessRecordsMessage &message, LineKeys &seen);
    bool readRecords(std::vector<StreamRecord> &records);
    bool readRecord(StreamRecord &record);
    bool readRecordInDaemonOrder(StreamRecord &record);
    bool readRecordInAnyOrder(StreamRecord &record);
    Field recordKey();
    // A value returned in registers: an optional written through a reference
    // went through memory at every field.
    struct Integer
    {
        std::int64_t value = 0;
        bool isNull = false;
        bool ok = false;
        std::optional<std::int64_t> optional() const;
    };
    [[gnu::always_inline]] Integer readInteger();
    bool readPlainString(std::string_view &value) { return take('"') && plainStringRest(value); }
    bool readUpToQuote(std::string_view &value) { return take('"') && upToQuoteRest(value); }
    bool plainStringRest(std::string_view &value);
    bool upToQuoteRest(std::string_view &value);
    bool guessedStringRest(std::size_t &guess, std::string_view &value);

    const char *m_at;
    const char *m_end;
    // The lengths of the last record's payload and sequence number: the next
    // record's are mostly the same (guessedStringRest).
    std::size_t m_dataLength = 0;
    std::size_t m_sequenceLength = 0;
};

// After the opening quote of a key: which record field it names, with its
// closing quote and colon taken; Unknown (nothing taken) for any other key.
Field PlainReader::recordKey()
{
    switch (m_at == m_end ? '\0' : *m_at) {
    case 'd': return take("data\":") ? Data : Unknown;
    case 'p': return take("partitionKey\":") ? PartitionKey : Unknown;
    case 's':
        if (take("sequenceNumber\":"))
            return SequenceNumberField;
        return take("subSequenceNumber\":") ? SubSequenceNumber : Unknown;
    case 'a':
        if (take("approximateArrivalTimestamp\":"))
            return ArrivalTimestamp;
        return take("action\":") ? RecordAction : Unknown;
    default: return Unknown;
    }
}

// The number the first `count` (1 to 8) of the ASCII digits at `text` make,
// all at once rather than in a chain of multiply-adds (Lemire's SWAR method,
// as in fast_float). Reads 8 bytes. On a little-endian machine the first byte
// is the lowest: shifted up, the digits leave zeros below them, which the
// conversion reads as leading zeros. The borrows of the subtraction run only
// upwards, from the bytes past the digits into the bits shifted out.
std::uint64_t upToEightDigits(const char *text, std::ptrdiff_t count)
{
    if constexpr (std::endian::native != std::endian::little) {
        std::uint64_t value = 0;
        for (std::ptrdiff_t i = 0; i < count; ++i)
            value = value * 10 + std::uint64_t(text[i] - '0');
        return value;
    }
    std::uint64_t value;
    std::memcpy(&value, text, sizeof value);
    value = (value - 0x3030303030303030) << (8 * (8 - count));
    value = value * 10 + (value >> 8); // pairs of digits
    constexpr std::uint64_t kMask = 0x000000FF000000FF;
    constexpr std::uint64_t kMul1 = 100 + (1000000ULL << 32), kMul2 = 1 + (10000ULL << 32);
    return (((value & kMask) * kMul1) + (((value >> 16) & kMask) * kMul2)) >> 32;
}

// How many ASCII digits `text` starts with, up to 24, eight bytes at a time
// (on a little-endian machine: the first byte is the lowest);
// reads 24 bytes (the line's padding allows it), so the caller limits the
// count to the line. Once a byte is not a digit, what follows it does not
// matter: the carries of the addition only run towards later bytes.
std::ptrdiff_t leadingDigits(const char *text)
{
    if constexpr (std::endian::native != std::endian::little) {
        std::ptrdiff_t count = 0;
        while (count < 24 && static_cast<unsigned char>(text[count] - '0') <= 9)
            ++count;
        return count;
    }
    for (std::ptrdiff_t at = 0; at < 24; at += 8) {
        std::uint64_t word;
        std::memcpy(&word, text + at, sizeof word);
        word ^= 0x3030303030303030; // digits become 0..9
        // The high bit of each byte that is 10 or more.
        const std::uint64_t notDigit = ((word + 0x7676767676767676) | word) & 0x8080808080808080;
        if (notDigit)
            return at + std::countr_zero(notDigit) / 8;
    }
    return 24;
}

// null, or an integer of at most 18 digits (it cannot overflow) in JSON's
// form: no plus sign, no leading zero. A fraction or an exponent is not
// taken, so the caller finds no comma or brace after it.
inline PlainReader::Integer PlainReader::readInteger()
{
    if (take("null"))
        return {0, true, true};
    const bool negative = take('-');
    const char *const digits = m_at;
    const auto count = std::min(leadingDigits(digits), m_end - digits);
    const char *const end = digits + count;
    if (count == 0 || count > 18 || (*digits == '0' && count > 1))
        return {};
    // Eight digits at a time from the end; the first group has the rest.
    constexpr std::uint64_t kEightDigits = 100000000;
    std::uint64_t magnitude;
    if (count <= 8)
        magnitude = upToEightDigits(digits, count);
    else if (count <= 16)
        magnitude = upToEightDigits(digits, count - 8) * kEightDigits + upToEightDigits(end - 8, 8);
    else
        magnitude = (upToEightDigits(digits, count - 16) * kEightDigits + upToEightDigits(end - 16, 8)) * kEightDigits
                    + upToEightDigits(end - 8, 8);
    m_at = end;
    return {negative ? -std::int64_t(magnitude) : std::int64_t(magnitude), false, true};
}

std::optional<std::int64_t> PlainReader::Integer::optional() const
{
    return isNull ? std::nullopt : std::optional(value);
}

// A string of printable ASCII without escapes, quotes taken; its contents.
// The rest of it, after its opening quote.
bool PlainReader::plainStringRest(std::string_view &value)
{
    const char *start = m_at;
#if defined(__SSE2__)
    // Sixteen bytes at a time: a quote, a backslash, or a byte below 0x20 or
    // above 0x7F (negative as a signed byte) ends the scan.
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(' ');
    for (const char *at = start; at < m_end; at += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(at));
        const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                             _mm_cmplt_epi8(bytes, space));
        if (const int mask = _mm_movemask_epi8(special)) {
            const char *stop = at + std::countr_zero(unsigned(mask));
            if (stop >= m_end || *stop != '"')
                return false;
            value = std::string_view(start, std::size_t(stop - start));
            m_at = stop + 1;
            return true;
        }
    }
    return false;
#else
    for (const char *at = start; at < m_end; ++at) {
        const auto c = static_cast<unsigned char>(*at);
        if (c == '"') {
            value = std::string_view(start, std::size_t(at - start));
            m_at = at + 1;
            return true;
        }
        if (c == '\\' || c < 0x20 || c > 0x7F)
            return false;
    }
    return false;
#endif
}

// A string whose contents the caller checks (base64, digits), quotes taken:
// everything up to the next quote. A backslash, a control character or a
// non-ASCII byte in it fails that check, so nothing unchecked gets through.
// The rest of it, after its opening quote.
bool PlainReader::upToQuoteRest(std::string_view &value)
{
    const void *quote = std::memchr(m_at, '"', std::size_t(m_end - m_at));
    if (!quote)
        return false;
    const char *stop = static_cast<const char *>(quote);
    value = std::string_view(m_at, std::size_t(stop - m_at));
    m_at = stop + 1;
    return true;
}

// As upToQuoteRest, but first trying `guess` for the length: when the byte
// there is a quote, the value is taken up to it without searching. That is
// the first quote only if none comes before it, which the caller's check of
// the contents (base64, digits: no quote in either) then proves; if the check
// fails, the record goes to readRecordInAnyOrder, which searches. Otherwise
// it searches, and the length found is the next guess.
bool PlainReader::guessedStringRest(std::size_t &guess, std::string_view &value)
{
    if (guess < std::size_t(m_end - m_at) && m_at[guess] == '"') {
        value = std::string_view(m_at, guess);
        m_at += guess + 1;
        return true;
    }
    if (!upToQuoteRest(value))
        return false;
    guess = value.size();
    return true;
}

bool PlainReader::readRecord(StreamRecord &record)
{
    const char *const start = m_at;
    if (readRecordInDaemonOrder(record))
        return true;
    m_at = start;
    return readRecordInAnyOrder(record);
}

// A record as the Java daemon writes it: JsonFriendlyRecord's fields in their
// order, none of them null. One fixed text between values instead of a key
// loop; whatever differs (KCL 1.x's fewer keys, a null) goes to the loop,
// which accepts this order too, so the two cannot disagree.
bool PlainReader::readRecordInDaemonOrder(StreamRecord &record)
{
    std::string_view data, partitionKey, sequenceNumber;
    if (!take("{\"data\":\"") || !guessedStringRest(m_dataLength, data)
        || !take(",\"partitionKey\":\"") || !plainStringRest(partitionKey)
        || !take(",\"sequenceNumber\":\"") || !guessedStringRest(m_sequenceLength, sequenceNumber)
        || !take(",\"approximateArrivalTimestamp\":"))
        return false;
    const Integer arrival = readInteger();
    if (!arrival.ok || !take(",\"subSequenceNumber\":"))
        return false;
    const Integer subSequenceNumber = readInteger();
    if (!subSequenceNumber.ok || !take(",\"action\":\"record\"}"))
        return false;
    return record_fields::decodePayload(data, record.data)
           && record_fields::finish(record, sequenceNumber, subSequenceNumber.optional(), partitionKey, arrival.optional());
}

bool PlainReader::readRecordInAnyOrder(StreamRecord &record)
{
    if (!take('{'))
        return false;
    unsigned seen = 0;
    std::string_view sequenceNumber, partitionKeyText, ignored;
    bool partitionKeyNull = true;
    Integer subSequenceNumber{0, true, true}, arrival{0, true, true};
    do {
        if (!take('"'))
            return false;
        const Field field = recordKey();
        if (field == Unknown || (seen & field))
            return false;
        seen |= field;
        bool ok = false;
        switch (field) {
        case Data:
            if (take("null")) {
                record.data = QByteArray();
                ok = true;
            } else {
                std::string_view text;
                ok = readUpToQuote(text) && record_fields::decodePayload(text, record.data);
            }
            break;
        case PartitionKey:
            partitionKeyNull = take("null");
            ok = partitionKeyNull || readPlainString(partitionKeyText);
            break;
        case SequenceNumberField: ok = readUpToQuote(sequenceNumber); break;
        case SubSequenceNumber:
            subSequenceNumber = readInteger();
            ok = subSequenceNumber.ok;
            break;
        case ArrivalTimestamp:
            arrival = readInteger();
            ok = arrival.ok;
            break;
        case RecordAction: ok = readPlainString(ignored); break;
        case Unknown: break;
        }
        if (!ok)
            return false;
    } while (take(','));
    if (!take('}') || !(seen & Data) || !(seen & SequenceNumberField))
        return false;
    return record_fields::finish(record, sequenceNumber, subSequenceNumber.optional(),
                                 partitionKeyNull ? std::nullopt : std::optional(partitionKeyText), arrival.optional());
}

// Records from here for as long as whole ones follow, into records[count]
// onwards (recycled ones are overwritten in place); the new count. Stops
// before whatever does not read as one: the list's end, a record still
// arriving, or a fault, which the list's end then does not get past.
std::size_t PlainReader::readWholeRecords(std::vector<StreamRecord> &records, std::size_t count)
{
    for (;;) {
        const char *const before = m_at;
        if (count > 0 && !take(','))
            return count;
        StreamRecord &record = count < records.size() ? records[count] : records.emplace_back();
        if (!readRecord(record)) {
            m_at = before;
            return count;
        }
        ++count;
    }
}

bool PlainReader::readRecords(std::vector<StreamRecord> &records)
{
    if (!take('['))
        return false;
    const std::size_t count = readWholeRecords(records, 0);
    if (!take(']'))
        return false;
    records.resize(count);
    return true;
}

// One key of the line's object and its value; each key at most once.
bool PlainReader::readLineKey(ProcessRecordsMessage &message, LineKeys &seen)
{
    if (!seen.action && take("\"action\":\"processRecords\""))
        return seen.action = true;
    if (!seen.records && take("\"records\":"))
        return seen.records = readRecords(message.records);
    if (!seen.millis && take("\"millisBehindLatest\":")) {
        const Integer value = readInteger();
        message.millisBehindLatest = value.optional();
        return seen.millis = value.ok;
    }
    return false;
}

// The keys after the first, and the object's end.
bool PlainReader::readLineRest(ProcessRecordsMessage &message, LineKeys &seen)
{
    while (take(',')) {
        if (!readLineKey(message, seen))
            return false;
    }
    return take('}') && m_at == m_end && seen.action && seen.records;
}

bool PlainReader::readLine(ProcessRecordsMessage &message)
{
    LineKeys seen;
    return take('{') && readLineKey(message, seen) && readLineRest(message, seen);
}

// After the last record of a line that began as readDaemonLineStart() reads:
// the list's end and the rest of the line, as readLine() reads it there.
bool PlainReader::readDaemonLineEnd(ProcessRecordsMessage &message, std::size_t count)
{
    if (!take(']'))
        return false;
    message.records.resize(count);
    LineKeys seen{.action = true, .records = true};
    return readLineRest(message, seen);
}

} // namespace

std::optional<ProcessRecordsMessage> decodePlainProcessRecords(std::string_view line,
                                                               std::vector<StreamRecord> *recycled)
{
    std::optional<ProcessRecordsMessage> message(std::in_place);
    if (recycled)
        message->records = std::move(*recycled);
    if (PlainReader(line).readLine(*message))
        return message;
    if (recycled)
        *recycled = std::move(message->records);
    return std::nullopt;
}

namespace {

constexpr std::string_view kNextRecord = R"(},{"data":")";

// Where the last record in `partial` after `from` ends that the start of
// another one follows (kNextRecord), or `from` when there is none. A quote
// inside a string is escaped, so this text occurs nowhere else in a line
// that is valid JSON; in one that is not, reading just stops sooner.
std::size_t endOfLastRecordFollowed(std::string_view partial, std::size_t from)
{
    std::size_t at = partial.size();
    while (at > from) {
        const std::size_t brace = partial.rfind('}', at - 1);
        if (brace == std::string_view::npos || brace < from)
            break;
        if (partial.substr(brace, kNextRecord.size()) == kNextRecord)
            return brace + 1;
        at = brace;
    }
    return from;
}

} // namespace

void IncomingRecords::advance(std::string_view partial, std::vector<StreamRecord> *recycled)
{
    if (m_other)
        return;
    if (!m_message) {
        PlainReader start(partial);
        if (!start.readDaemonLineStart()) {
            // Too short to tell yet, or another line: that one waits for its end.
            m_other = partial.size() >= kDaemonLineStartBytes;
            return;
        }
        m_message.emplace();
        if (recycled)
            m_message->records = std::move(*recycled);
        m_offset = m_searched = kDaemonLineStartBytes;
        m_count = 0;
    }
    // Only up to the last record that another one follows: a record still
    // arriving would be read up to where it breaks off at every read, its
    // payload decoded each time. Each byte is searched once.
    const std::size_t from = std::max(m_offset, m_searched > kNextRecord.size() ? m_searched - kNextRecord.size() : 0);
    const std::size_t end = endOfLastRecordFollowed(partial, from);
    m_searched = partial.size();
    if (end <= from)
        return;
    PlainReader reader(partial.substr(0, end), m_offset);
    m_count = reader.readWholeRecords(m_message->records, m_count);
    m_offset = std::size_t(reader.position() - partial.data());
    m_other = m_offset != end; // a record the shortcut cannot read: the line waits for its end
}

std::optional<ProcessRecordsMessage> IncomingRecords::finish(std::string_view line, std::vector<StreamRecord> *recycled)
{
    if (!m_message || m_other || line.size() < m_offset) {
        reset(recycled);
        return decodePlainProcessRecords(line, recycled);
    }
    PlainReader reader(line, m_offset);
    const std::size_t count = reader.readWholeRecords(m_message->records, m_count);
    std::optional<ProcessRecordsMessage> message;
    if (reader.readDaemonLineEnd(*m_message, count)) {
        message = std::move(m_message);
        m_message.reset();
    }
    reset(recycled);
    return message;
}

void IncomingRecords::reset(std::vector<StreamRecord> *recycled)
{
    if (m_message && recycled)
        *recycled = std::move(m_message->records);
    m_message.reset();
    m_other = false;
    m_offset = m_count = m_searched = 0;
}

} // namespace qmld::protocol

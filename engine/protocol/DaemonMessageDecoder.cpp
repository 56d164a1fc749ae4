// Decodes daemon -> child lines with simdjson On-Demand: processRecords lines
// of 10,000 records are this side's hot path.

#include "protocol/Codec.h"
#include "protocol/LineSplitter.h"
#include "protocol/PlainRecordsDecoder.h"
#include "protocol/RecordFields.h"

#include <simdjson.h>

#include <cstring>
#include <string_view>

using namespace Qt::StringLiterals;

namespace qmld::protocol {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

static_assert(LineSplitter::LinePadding >= simdjson::SIMDJSON_PADDING);

// A thread keeps its copy buffer for unpadded lines up to this size.
constexpr qsizetype kKeepPaddedCopy = qsizetype(16) * 1024 * 1024;

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

QString describeJsonError(error_code error)
{
    switch (error) {
    case simdjson::EMPTY: return u"empty"_s;
    case simdjson::UNCLOSED_STRING: return u"unclosed string"_s;
    case simdjson::UTF8_ERROR: return u"invalid UTF-8"_s;
    case simdjson::UNESCAPED_CHARS: return u"unescaped control character in a string"_s;
    case simdjson::STRING_ERROR: return u"bad escape in a string"_s;
    case simdjson::DEPTH_ERROR: return u"nested too deeply"_s;
    case simdjson::CAPACITY: return u"too large"_s;
    case simdjson::MEMALLOC: return u"out of memory"_s;
    default: return u"malformed (%1)"_s.arg(QString::fromUtf8(simdjson::error_message(error)));
    }
}

bool isTypeError(error_code error)
{
    return error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR
        || error == simdjson::NUMBER_OUT_OF_RANGE;
}

// Which of `names` the key whose raw text (after its opening quote) starts at
// `raw` is; empty for none. The line is padded (LinePadding), so comparing a
// name longer than the key stays inside the buffer. A name has no quote or
// backslash, so its bytes followed by a quote are exactly that key.
template<std::size_t... N>
std::string_view matchName(const char *raw, const char (&...names)[N])
{
    std::string_view found;
    (void)((std::memcmp(raw, names, N - 1) == 0 && raw[N - 1] == '"' ? (found = std::string_view(names, N - 1), true) : false)
           || ...);
    return found;
}

constexpr auto kNoNames = [](const char *) { return std::string_view(); };

// The text between the quotes of a string value as it stands in the line,
// escapes and all; a view without data (nullptr) for a value that is not a
// string. Stage 1 has already checked the string's UTF-8 and control
// characters. Leaves the value unconsumed. (A plain view comes back in two
// registers; a std::optional or an out-parameter went through memory and cost
// a store-forwarding stall per field in the record loop.)
std::string_view rawString(od::value &value)
{
    std::string_view token = value.raw_json_token();
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    if (token.size() < 2 || token.front() != '"' || token.back() != '"')
        return {};
    return token.substr(1, token.size() - 2);
}

// The contents of a string value that has no escapes, straight from the
// line, without the copy that unescaping makes; without data for anything else.
std::string_view withoutEscapes(od::value &value)
{
    const std::string_view raw = rawString(value);
    if (!raw.data() || std::memchr(raw.data(), '\\', raw.size()))
        return {};
    return raw;
}

// A value read from a key that may be absent, null, or hold a value.
template<typename T>
struct Slot
{
    bool present = false;
    std::optional<T> value; // nullopt: JSON null
};

// Reads one message. Every failure records one short error and returns false.
class Reader
{
public:
    explicit Reader(std::vector<StreamRecord> *recycled) : m_recycled(recycled) {}
    // Not inlined: GCC 12 then takes m_message for uninitialized (-Wmaybe-uninitialized).
    [[gnu::noinline]] DaemonDecodeResult decode(od::parser &parser, const char *json, std::size_t length, std::size_t capacity);

private:
    bool fail(QString error)
    {
        m_error = std::move(error);
        return false;
    }
    bool failSyntax(error_code error) { return fail(u"not JSON: "_s + describeJsonError(error)); }
    // A value of the wrong type described by `expected`, or a JSON syntax error.
    bool failValue(error_code error, const QString &where, QLatin1StringView expected)
    {
        if (isTypeError(error))
            return fail(u"%1 is not %2"_s.arg(where, expected));
        return failSyntax(error);
    }

    // `where` names the value for an error message; it is only called on failure.
    template<typename Where>
    bool readString(od::value &value, Slot<std::string_view> &slot, const Where &where);
    template<typename Where>
    bool readInteger(od::value &value, Slot<std::int64_t> &slot, const Where &where);

    bool readInitialize(od::object &root);
    bool readProcessRecords(od::object &root);
    bool readRecords(od::value &value, std::vector<StreamRecord> &records);
    bool readRecord(od::value &value, std::size_t index, StreamRecord &record);
    bool readShutdown(od::object &root);
    bool readCheckpointReply(od::object &root);

    // Iterates the fields of an object, calling onField(key, value) for each.
    // match(raw) finds the keys the caller looks for as they stand in the
    // line (matchName), without unescaping each key into a copy; any other key
    // is passed unescaped if it has escapes, else as an empty view.
    template<typename Match, typename OnField>
    bool forEachField(od::object &object, Match &&match, OnField &&onField);

    std::vector<StreamRecord> *m_recycled;
    std::optional<DaemonMessage> m_message;
    QString m_error;
};

template<typename Match, typename OnField>
bool Reader::forEachField(od::object &object, Match &&match, OnField &&onField)
{
    for (auto result : object) {
        // Used where it is, not copied out: copies of simdjson's iterators
        // cost a store-forwarding stall each (the record loop's hottest spot).
        if (error_code error = result.error(); error)
            return failSyntax(error);
        od::field &field = result.value_unsafe();
        const char *raw = field.key().raw();
        std::string_view key = match(raw);
        if (key.empty()) {
            const char *end = raw;
            while (*end != '"' && *end != '\\')
                ++end;
            if (*end == '\\') {
                if (error_code error = field.unescaped_key().get(key); error)
                    return failSyntax(error);
            }
        }
        if (!onField(key, field.value()))
            return false;
    }
    return true;
}

template<typename Where>
bool Reader::readString(od::value &value, Slot<std::string_view> &slot, const Where &where)
{
    slot.present = true;
    bool isNull = false;
    if (error_code error = value.is_null().get(isNull); error)
        return failValue(error, where(), "a string or null"_L1);
    if (isNull) {
        slot.value.reset();
        return true;
    }
    std::string_view string;
    if (error_code error = value.get_string().get(string); error)
        return failValue(error, where(), "a string or null"_L1);
    slot.value = string;
    return true;
}

template<typename Where>
bool Reader::readInteger(od::value &value, Slot<std::int64_t> &slot, const Where &where)
{
    slot.present = true;
    std::int64_t number = 0;
    const error_code error = value.get_int64().get(number);
    if (!error) {
        slot.value = number;
        return true;
    }
    // A failed get_int64 leaves the value where it was.
    bool isNull = false;
    if (error_code nullError = value.is_null().get(isNull); nullError)
        return failValue(nullError, where(), "an integer or null"_L1);
    if (!isNull)
        return failValue(error, where(), "an integer or null"_L1);
    slot.value.reset();
    return true;
}

DaemonDecodeResult Reader::decode(od::parser &parser, const char *json, std::size_t length, std::size_t capacity)
{
    od::document document;
    od::object root;
    if (error_code error = parser.iterate(json, length, capacity).get(document); error)
        return {{}, u"not JSON: "_s + describeJsonError(error)};
    if (error_code error = document.get_object().get(root); error) {
        od::json_type type;
        if (error == simdjson::INCORRECT_TYPE && document.type().get(type) == simdjson::SUCCESS)
            return {{}, u"not a JSON object"_s};
        return {{}, u"not JSON: "_s + describeJsonError(error == simdjson::INCORRECT_TYPE ? simdjson::TAPE_ERROR : error)};
    }

    od::value actionValue;
    std::string_view name;
    if (error_code error = root.find_field_unordered("action").get(actionValue); error) {
        if (error == simdjson::NO_SUCH_FIELD)
            return {{}, u"missing key \"action\""_s};
        failSyntax(error);
        return {{}, m_error};
    }
    if (error_code error = actionValue.get_string().get(name); error) {
        failValue(error, u"\"action\""_s, "a string"_L1);
        return {{}, m_error};
    }
    const std::optional<Action> action = actionFromName(QByteArrayView(name.data(), qsizetype(name.size())));
    if (!action || *action == Action::Status)
        return {{}, u"unknown action \"%1\""_s.arg(text(name))};
    if (error_code error = root.reset().error(); error) {
        failSyntax(error);
        return {{}, m_error};
    }

    bool ok = true;
    switch (*action) {
    case Action::Initialize: ok = readInitialize(root); break;
    case Action::ProcessRecords: ok = readProcessRecords(root); break;
    case Action::LeaseLost: m_message = LeaseLostMessage{}; break;
    case Action::ShardEnded: m_message = ShardEndedMessage{}; break;
    case Action::ShutdownRequested: m_message = ShutdownRequestedMessage{}; break;
    case Action::Shutdown: ok = readShutdown(root); break;
    case Action::Checkpoint: ok = readCheckpointReply(root); break;
    case Action::Status: break;
    }
    if (ok && *action != Action::Initialize && *action != Action::ProcessRecords && *action != Action::Shutdown
        && *action != Action::Checkpoint) {
        // Walk the rest so that broken JSON is not taken for a message.
        ok = forEachField(root, kNoNames, [](std::string_view, od::value &) { return true; });
    }
    if (!ok)
        return {{}, m_error};

    const char *trailing = nullptr;
    if (document.current_location().get(trailing) == simdjson::SUCCESS)
        return {{}, u"unexpected content after the JSON object"_s};
    return {std::move(m_message), {}};
}

bool Reader::readInitialize(od::object &root)
{
    Slot<std::string_view> shardId, sequenceNumber;
    Slot<std::int64_t> subSequenceNumber;
    const bool fieldsOk = forEachField(root, [](const char *raw) { return matchName(raw, "shardId", "sequenceNumber", "subSequenceNumber"); },
                                       [&](std::string_view key, od::value &value) {
        if (key == "shardId")
            return readString(value, shardId, [] { return u"\"shardId\" in initialize"_s; });
        if (key == "sequenceNumber")
            return readString(value, sequenceNumber, [] { return u"\"sequenceNumber\" in initialize"_s; });
        if (key == "subSequenceNumber")
            return readInteger(value, subSequenceNumber, [] { return u"\"subSequenceNumber\" in initialize"_s; });
        return true;
    });
    if (!fieldsOk)
        return false;
    if (!shardId.present)
        return fail(u"missing key \"shardId\" in initialize"_s);
    if (!shardId.value)
        return fail(u"\"shardId\" in initialize is null"_s);

    InitializeMessage message;
    message.shardId = text(*shardId.value);
    message.legacy = !sequenceNumber.present;
    if (sequenceNumber.value) {
        const std::string_view raw = *sequenceNumber.value;
        message.sequenceNumber = SequenceNumber::parse(QByteArrayView(raw.data(), qsizetype(raw.size())),
                                                       subSequenceNumber.value);
        if (!message.sequenceNumber)
            return fail(u"\"sequenceNumber\" in initialize is not a sequence number"_s);
    }
    m_message = std::move(message);
    return true;
}

bool Reader::readProcessRecords(od::object &root)
{
    ProcessRecordsMessage message;
    if (m_recycled)
        message.records = std::move(*m_recycled);
    bool haveRecords = false;
    Slot<std::int64_t> millisBehindLatest;
    const bool fieldsOk = forEachField(root, [](const char *raw) { return matchName(raw, "records", "millisBehindLatest"); },
                                       [&](std::string_view key, od::value &value) {
        if (key == "records") {
            haveRecords = true;
            return readRecords(value, message.records);
        }
        if (key == "millisBehindLatest")
            return readInteger(value, millisBehindLatest, [] { return u"\"millisBehindLatest\" in processRecords"_s; });
        return true;
    });
    if (!fieldsOk)
        return false;
    if (!haveRecords)
        return fail(u"missing key \"records\" in processRecords"_s);
    message.millisBehindLatest = millisBehindLatest.value;
    m_message = std::move(message);
    return true;
}

bool Reader::readRecords(od::value &value, std::vector<StreamRecord> &records)
{
    od::array array;
    if (error_code error = value.get_array().get(array); error)
        return failValue(error, u"\"records\" in processRecords"_s, "an array"_L1);
    // Records already in `records` (recycled ones) are overwritten in place.
    std::size_t index = 0;
    for (auto result : array) {
        od::value element;
        if (error_code error = std::move(result).get(element); error)
            return failSyntax(error);
        StreamRecord &record = index < records.size() ? records[index] : records.emplace_back();
        if (!readRecord(element, index, record))
            return false;
        ++index;
    }
    records.resize(index);
    return true;
}

bool Reader::readRecord(od::value &value, std::size_t index, StreamRecord &record)
{
    od::object object;
    if (error_code error = value.get_object().get(object); error)
        return failValue(error, u"record %1"_s.arg(index), "an object"_L1);

    const auto where = [index](QLatin1StringView key) { return u"\"%1\" of record %2"_s.arg(key).arg(index); };
    const auto lazyWhere = [&where](QLatin1StringView key) { return [&where, key] { return where(key); }; };
    Slot<std::string_view> sequenceNumber, partitionKey, data;
    Slot<std::int64_t> subSequenceNumber, arrival;
    bool payloadOk = false; // with data.value: decoded into record.data
    // Strings without escapes (all that Jackson writes here) are read in place.
    const auto readPlainString = [&](od::value &field, Slot<std::string_view> &slot, QLatin1StringView key) {
        if (const std::string_view plain = withoutEscapes(field); plain.data()) {
            slot.present = true;
            slot.value = plain;
            return true;
        }
        return readString(field, slot, lazyWhere(key));
    };
    const bool fieldsOk = forEachField(object,
        [](const char *raw) {
            return matchName(raw, "data", "partitionKey", "sequenceNumber", "approximateArrivalTimestamp", "subSequenceNumber");
        },
        [&](std::string_view key, od::value &field) {
        if (key == "data") {
            // The payload, the longest string by far: decoded now, while its
            // value can still be read unescaped should that be needed.
            if (const std::string_view raw = rawString(field); raw.data()) {
                data.present = true;
                data.value = raw;
                payloadOk = record_fields::decodePayload(raw, record.data);
                if (payloadOk || !std::memchr(raw.data(), '\\', raw.size()))
                    return true;
            }
            if (!readString(field, data, lazyWhere("data"_L1)))
                return false;
            payloadOk = data.value && record_fields::decodePayload(*data.value, record.data);
            return true;
        }
        if (key == "sequenceNumber")
            return readPlainString(field, sequenceNumber, "sequenceNumber"_L1);
        if (key == "partitionKey")
            return readPlainString(field, partitionKey, "partitionKey"_L1);
        if (key == "subSequenceNumber")
            return readInteger(field, subSequenceNumber, lazyWhere("subSequenceNumber"_L1));
        if (key == "approximateArrivalTimestamp")
            return readInteger(field, arrival, lazyWhere("approximateArrivalTimestamp"_L1));
        return true;
    });
    if (!fieldsOk)
        return false;

    if (!sequenceNumber.present)
        return fail(u"missing key \"sequenceNumber\" in record %1"_s.arg(index));
    if (!data.present)
        return fail(u"missing key \"data\" in record %1"_s.arg(index));
    // `record` may be a recycled one: every field is set.
    if (!sequenceNumber.value
        || !record_fields::finish(record, *sequenceNumber.value, subSequenceNumber.value, partitionKey.value, arrival.value))
        return fail(where("sequenceNumber"_L1) + u" is not a sequence number"_s);
    if (data.value) {
        if (!payloadOk)
            return fail(where("data"_L1) + u" is not base64"_s);
    } else {
        record.data = QByteArray();
    }
    return true;
}

bool Reader::readShutdown(od::object &root)
{
    Slot<std::string_view> reason;
    const bool fieldsOk = forEachField(root, [](const char *raw) { return matchName(raw, "reason"); }, [&](std::string_view key, od::value &value) {
        return key == "reason" ? readString(value, reason, [] { return u"\"reason\" in shutdown"_s; }) : true;
    });
    if (!fieldsOk)
        return false;
    if (!reason.present)
        return fail(u"missing key \"reason\" in shutdown"_s);
    if (!reason.value)
        return fail(u"\"reason\" in shutdown is null"_s);
    m_message = ShutdownMessage{text(*reason.value)};
    return true;
}

bool Reader::readCheckpointReply(od::object &root)
{
    Slot<std::string_view> sequenceNumber, legacyCheckpoint, error;
    Slot<std::int64_t> subSequenceNumber;
    const bool fieldsOk = forEachField(root, [](const char *raw) { return matchName(raw, "sequenceNumber", "subSequenceNumber", "checkpoint", "error"); },
                                       [&](std::string_view key, od::value &value) {
        if (key == "sequenceNumber")
            return readString(value, sequenceNumber, [] { return u"\"sequenceNumber\" in checkpoint"_s; });
        if (key == "subSequenceNumber")
            return readInteger(value, subSequenceNumber, [] { return u"\"subSequenceNumber\" in checkpoint"_s; });
        if (key == "checkpoint")
            return readString(value, legacyCheckpoint, [] { return u"\"checkpoint\" in checkpoint"_s; });
        if (key == "error")
            return readString(value, error, [] { return u"\"error\" in checkpoint"_s; });
        return true;
    });
    if (!fieldsOk)
        return false;

    const auto bytes = [](const std::optional<std::string_view> &view) -> std::optional<QByteArray> {
        if (!view)
            return std::nullopt;
        return QByteArray(view->data(), qsizetype(view->size()));
    };
    CheckpointReplyMessage message;
    message.legacy = legacyCheckpoint.present && !sequenceNumber.present;
    message.sequenceNumber = bytes(message.legacy ? legacyCheckpoint.value : sequenceNumber.value);
    message.subSequenceNumber = subSequenceNumber.value;
    if (error.value)
        message.error = text(*error.value);
    m_message = std::move(message);
    return true;
}

} // namespace

namespace {

enum class PlainShortcut : bool { Skip, Try };

DaemonDecodeResult decode(QByteArrayView line, LinePadding padding, std::vector<StreamRecord> *recycled,
                          PlainShortcut shortcut, IncomingRecords *incoming = nullptr)
{
    // Per thread: the parser keeps its buffers between lines, and so does the
    // copy of an unpadded line (a fresh allocation per line costs page faults).
    thread_local od::parser parser;
    thread_local QByteArray padded;
    const auto length = std::size_t(line.size());
    const char *json = line.data();
    if (padding == LinePadding::Absent) {
        padded.resize(line.size() + LineSplitter::LinePadding);
        std::memcpy(padded.data(), line.data(), length);
        std::memset(padded.data() + line.size(), 0, LineSplitter::LinePadding);
        json = padded.constData();
    }
    const auto dropLargeCopy = [] {
        if (padded.capacity() > kKeepPaddedCopy)
            padded = QByteArray();
    };
    if (shortcut == PlainShortcut::Try) {
        std::optional<ProcessRecordsMessage> plain = incoming ? incoming->finish({json, length}, recycled)
                                                              : decodePlainProcessRecords({json, length}, recycled);
        if (plain) {
            dropLargeCopy();
            return {DaemonMessage(std::move(*plain)), {}};
        }
    }
    DaemonDecodeResult result = Reader(recycled).decode(parser, json, length, length + simdjson::SIMDJSON_PADDING);
    dropLargeCopy();
    return result;
}

} // namespace

DaemonDecodeResult decodeDaemonMessage(QByteArrayView line, LinePadding padding, std::vector<StreamRecord> *recycled,
                                       IncomingRecords *incoming)
{
    return decode(line, padding, recycled, PlainShortcut::Try, incoming);
}

DaemonDecodeResult decodeDaemonMessageGenerally(QByteArrayView line)
{
    return decode(line, LinePadding::Absent, nullptr, PlainShortcut::Skip);
}

} // namespace qmld::protocol

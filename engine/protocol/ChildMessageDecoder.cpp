// Decodes child -> daemon lines the way the Java daemon does: a default
// Jackson ObjectMapper reading a polymorphic Message keyed on "action"
// (docs/protocol.md §3.3). Child lines are small, so a hand-written
// parser gives exact control over Jackson's rules: unknown properties are
// errors, scalars coerce (123 -> "123", "5" -> 5, 1.5 -> 1), and anything
// after the first JSON value is never read.

#include "protocol/Codec.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace qmld::protocol {

namespace {

struct Scalar
{
    enum class Kind : std::uint8_t { String, Integer, Float, True, False, Null, Structure };
    Kind kind = Kind::Null;
    QByteArray text; // string contents (UTF-8) or the number as written
};

struct Field
{
    QByteArray key;
    Scalar value;
};

QString shortKey(const QByteArray &key)
{
    constexpr qsizetype limit = 64;
    const QString name = QString::fromUtf8(key);
    return name.size() > limit ? name.first(limit) + u'…' : name;
}

// Strict JSON, as Jackson's default parser: no comments, no single quotes,
// no unescaped control characters, no leading zeros, no trailing commas.
class Parser
{
public:
    explicit Parser(QByteArrayView line)
        : m_position(line.data())
        , m_end(line.data() + line.size())
    {
    }

    const QString &error() const { return m_error; }
    bool atEnd() const { return m_position == m_end; }
    char peek() const { return m_position < m_end ? *m_position : '\0'; }

    void skipWhitespace()
    {
        while (m_position < m_end && (*m_position == ' ' || *m_position == '\t' || *m_position == '\n' || *m_position == '\r'))
            ++m_position;
    }

    bool expect(char c, const char *what)
    {
        skipWhitespace();
        if (peek() != c)
            return fail(u"expected %1"_s.arg(QLatin1StringView(what)));
        ++m_position;
        return true;
    }

    bool parseString(QByteArray &out);
    bool parseScalar(Scalar &out);

private:
    bool fail(const QString &what)
    {
        if (atEnd())
            m_error = u"not JSON: unexpected end of line ("_s + what + u')';
        else
            m_error = u"not JSON: "_s + what;
        return false;
    }
    bool parseNumber(Scalar &out);
    bool parseLiteral(QByteArrayView word, Scalar::Kind kind, Scalar &out);
    bool parseHex4(char32_t &out);

    const char *m_position;
    const char *m_end;
    QString m_error;
};

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xC0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.append(char(0xE0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    } else {
        out.append(char(0xF0 | (c >> 18)));
        out.append(char(0x80 | ((c >> 12) & 0x3F)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    }
}

bool Parser::parseHex4(char32_t &out)
{
    if (m_end - m_position < 4)
        return fail(u"truncated \\u escape"_s);
    out = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = *m_position++;
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return fail(u"bad \\u escape"_s);
        out = out << 4 | char32_t(digit);
    }
    return true;
}

// Reads a string whose opening quote has been consumed.
bool Parser::parseString(QByteArray &out)
{
    out.clear();
    bool ascii = true;
    while (true) {
        const char *start = m_position;
        while (m_position < m_end && *m_position != '"' && *m_position != '\\'
               && static_cast<unsigned char>(*m_position) >= 0x20) {
            ascii = ascii && static_cast<unsigned char>(*m_position) < 0x80;
            ++m_position;
        }
        out.append(start, m_position - start);
        if (m_position == m_end)
            return fail(u"unterminated string"_s);
        const char c = *m_position++;
        if (c == '"')
            break;
        if (c != '\\')
            return fail(u"unescaped control character in a string"_s);
        if (m_position == m_end)
            return fail(u"unterminated string"_s);
        switch (*m_position++) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u': {
            char32_t unit;
            if (!parseHex4(unit))
                return false;
            if (unit >= 0xD800 && unit < 0xDC00 && m_end - m_position >= 6 && m_position[0] == '\\' && m_position[1] == 'u') {
                const char *back = m_position;
                m_position += 2;
                char32_t low;
                if (!parseHex4(low))
                    return false;
                if (low >= 0xDC00 && low < 0xE000)
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                else
                    m_position = back;
            }
            // A lone surrogate becomes U+FFFD, as Java's UTF-8 encoder does.
            appendUtf8(out, unit >= 0xD800 && unit < 0xE000 ? char32_t(0xFFFD) : unit);
            break;
        }
        default:
            return fail(u"bad escape in a string"_s);
        }
    }
    // The Java daemon reads through a UTF-8 Reader that replaces malformed bytes.
    if (!ascii && !simdjson::validate_utf8(out.constData(), std::size_t(out.size())))
        out = QString::fromUtf8(out).toUtf8();
    return true;
}

bool Parser::parseLiteral(QByteArrayView word, Scalar::Kind kind, Scalar &out)
{
    if (QByteArrayView(m_position, std::min<qsizetype>(m_end - m_position, word.size())) != word)
        return fail(u"unrecognized token"_s);
    m_position += word.size();
    // Jackson rejects "nullx" and "true1" as one unrecognized token.
    if (m_position < m_end && (std::isalnum(static_cast<unsigned char>(*m_position)) || *m_position == '_'))
        return fail(u"unrecognized token"_s);
    out.kind = kind;
    out.text = word.toByteArray();
    return true;
}

bool Parser::parseNumber(Scalar &out)
{
    const char *start = m_position;
    const auto digits = [&] {
        const char *from = m_position;
        while (m_position < m_end && *m_position >= '0' && *m_position <= '9')
            ++m_position;
        return m_position - from;
    };
    if (peek() == '-')
        ++m_position;
    const char *integerStart = m_position;
    const qsizetype integerDigits = digits();
    if (integerDigits == 0)
        return fail(u"bad number"_s);
    if (integerDigits > 1 && *integerStart == '0')
        return fail(u"leading zeros in a number"_s);
    bool isFloat = false;
    if (peek() == '.') {
        ++m_position;
        if (digits() == 0)
            return fail(u"bad number"_s);
        isFloat = true;
    }
    if (peek() == 'e' || peek() == 'E') {
        ++m_position;
        if (peek() == '+' || peek() == '-')
            ++m_position;
        if (digits() == 0)
            return fail(u"bad number"_s);
        isFloat = true;
    }
    if (m_position < m_end && (std::isalpha(static_cast<unsigned char>(*m_position)) || *m_position == '.'))
        return fail(u"bad number"_s);
    out.kind = isFloat ? Scalar::Kind::Float : Scalar::Kind::Integer;
    out.text = QByteArray(start, m_position - start);
    return true;
}

bool Parser::parseScalar(Scalar &out)
{
    skipWhitespace();
    switch (peek()) {
    case '"':
        ++m_position;
        out.kind = Scalar::Kind::String;
        return parseString(out.text);
    case 't': return parseLiteral("true", Scalar::Kind::True, out);
    case 'f': return parseLiteral("false", Scalar::Kind::False, out);
    case 'n': return parseLiteral("null", Scalar::Kind::Null, out);
    case '{':
    case '[':
        out.kind = Scalar::Kind::Structure;
        return true;
    default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
            return parseNumber(out);
        return fail(atEnd() ? u"a value"_s : u"unexpected character"_s);
    }
}

// Reads the first JSON value on the line, which must be an object of scalars.
// Returns false with an error for anything else.
bool readObject(Parser &parser, std::vector<Field> &fields, ChildDecodeResult &result)
{
    parser.skipWhitespace();
    if (parser.peek() != '{') {
        Scalar scalar;
        if (parser.atEnd()) {
            result.error = u"not JSON: empty line"_s;
        } else if (!parser.parseScalar(scalar)) {
            result.error = parser.error();
        } else if (scalar.kind == Scalar::Kind::Null) {
            result.error = u"a bare null (the Java daemon exits on it)"_s;
            result.fatalForJavaDaemon = true;
        } else {
            result.error = u"not a JSON object"_s;
        }
        return false;
    }
    parser.expect('{', "{");
    parser.skipWhitespace();
    if (parser.peek() == '}')
        return true;
    while (true) {
        Field field;
        parser.skipWhitespace();
        if (!parser.expect('"', "a key in double quotes") || !parser.parseString(field.key) || !parser.expect(':', "\":\"") || !parser.parseScalar(field.value)) {
            result.error = parser.error();
            return false;
        }
        fields.push_back(std::move(field));
        if (fields.back().value.kind == Scalar::Kind::Structure)
            return true; // nothing after it can make the message valid
        parser.skipWhitespace();
        if (parser.peek() == '}')
            return true;
        if (!parser.expect(',', "\",\" or \"}\"")) {
            result.error = parser.error();
            return false;
        }
    }
}

// Jackson's String deserializer: scalars coerce to their text.
bool coerceToString(const Field &field, std::optional<QByteArray> &out, QString &error)
{
    switch (field.value.kind) {
    case Scalar::Kind::Null: out.reset(); return true;
    case Scalar::Kind::Structure:
        error = u"\"%1\" is not a string"_s.arg(shortKey(field.key));
        return false;
    default: out = field.value.text; return true;
    }
}

// Jackson's Long deserializer: integers, floats truncated, numeric strings.
bool coerceToLong(const Field &field, std::optional<std::int64_t> &out, QString &error)
{
    const auto bad = [&](QLatin1StringView why) {
        error = u"\"%1\" %2"_s.arg(shortKey(field.key), why);
        return false;
    };
    QByteArray text = field.value.text;
    switch (field.value.kind) {
    case Scalar::Kind::Null: out.reset(); return true;
    case Scalar::Kind::True:
    case Scalar::Kind::False:
    case Scalar::Kind::Structure: return bad("is not an integer"_L1);
    case Scalar::Kind::Float: {
        double value = 0;
        const auto [end, ec] = std::from_chars(text.constData(), text.constData() + text.size(), value);
        if (ec != std::errc() || end != text.constData() + text.size())
            return bad("is out of range of a 64-bit integer"_L1);
        value = std::trunc(value);
        if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0))
            return bad("is out of range of a 64-bit integer"_L1);
        out = std::int64_t(value);
        return true;
    }
    case Scalar::Kind::String:
        text = text.trimmed();
        if (text.isEmpty() || text == "null") {
            out.reset();
            return true;
        }
        if (text.startsWith('+'))
            text.remove(0, 1);
        break;
    case Scalar::Kind::Integer: break;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.constData(), text.constData() + text.size(), value);
    if (ec == std::errc::result_out_of_range)
        return bad("is out of range of a 64-bit integer"_L1);
    if (ec != std::errc() || end != text.constData() + text.size())
        return bad("is not an integer"_L1);
    out = value;
    return true;
}

} // namespace

ChildDecodeResult decodeChildMessage(QByteArrayView line, ChildDecodeOptions options)
{
    ChildDecodeResult result;
    Parser parser(line);
    std::vector<Field> fields;
    if (!readObject(parser, fields, result))
        return result;

    const Field *actionField = nullptr;
    for (const Field &field : fields) {
        if (field.key != "action")
            continue;
        if (actionField) {
            result.error = u"duplicate key \"action\""_s;
            return result;
        }
        actionField = &field;
    }
    if (!actionField || actionField->value.kind == Scalar::Kind::Null) {
        result.error = u"missing key \"action\""_s;
        return result;
    }
    if (actionField->value.kind == Scalar::Kind::Structure) {
        result.error = u"\"action\" is not a string"_s;
        return result;
    }
    const QByteArray &name = actionField->value.text;
    const std::optional<Action> action = actionFromName(name);
    if (!action) {
        result.error = u"unknown action \"%1\""_s.arg(shortKey(name));
        return result;
    }
    if (*action != Action::Status && *action != Action::Checkpoint) {
        result.error = u"action \"%1\" is not a child message"_s.arg(QString::fromLatin1(name));
        return result;
    }

    const auto unrecognized = [&](const Field &field) {
        result.error = u"unrecognized property \"%1\" in %2"_s.arg(shortKey(field.key), QString::fromLatin1(name));
        return result;
    };
    if (*action == Action::Status) {
        StatusMessage status;
        for (const Field &field : fields) {
            if (&field == actionField)
                continue;
            if (field.key != "responseFor")
                return unrecognized(field);
            std::optional<QByteArray> value;
            if (!coerceToString(field, value, result.error))
                return result;
            status.responseFor = value.value_or(QByteArray());
        }
        result.message = std::move(status);
        return result;
    }

    CheckpointRequestMessage checkpoint;
    bool sawSequenceNumber = false;
    for (const Field &field : fields) {
        if (&field == actionField)
            continue;
        if (field.key == "sequenceNumber" || (options.acceptLegacyCheckpoint && field.key == "checkpoint")) {
            const bool legacy = field.key == "checkpoint";
            if (sawSequenceNumber && legacy != checkpoint.legacy) {
                result.error = u"both \"checkpoint\" and \"sequenceNumber\" in checkpoint"_s;
                return result;
            }
            sawSequenceNumber = true;
            checkpoint.legacy = legacy;
            if (!coerceToString(field, checkpoint.sequenceNumber, result.error))
                return result;
        } else if (field.key == "subSequenceNumber") {
            if (!coerceToLong(field, checkpoint.subSequenceNumber, result.error))
                return result;
        } else if (field.key == "error") {
            std::optional<QByteArray> ignored;
            if (!coerceToString(field, ignored, result.error))
                return result;
        } else {
            return unrecognized(field);
        }
    }
    result.message = std::move(checkpoint);
    return result;
}

} // namespace qmld::protocol

#include "protocol/JsonWriter.h"

#include "protocol/Base64.h"

#include <QString>

#include <simdjson.h>

#include <charconv>
#include <cstring>

namespace qmld::protocol {

JsonWriter::JsonWriter(QByteArray &out, qsizetype room)
    : m_out(out)
{
    const qsizetype start = out.size();
    out.resize(start + room);
    m_position = out.data() + start;
}

JsonWriter::~JsonWriter()
{
    m_out.resize(m_position - m_out.constData());
}

void JsonWriter::raw(QByteArrayView text)
{
    std::memcpy(m_position, text.data(), std::size_t(text.size()));
    m_position += text.size();
}

void JsonWriter::string(QByteArrayView utf8)
{
    *m_position++ = '"';
    bool ascii = true;
    for (char c : utf8)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii || simdjson::validate_utf8(utf8.data(), std::size_t(utf8.size())))
        escaped(utf8);
    else
        escaped(QString::fromUtf8(utf8).toUtf8()); // a Java String cannot hold malformed UTF-8
    *m_position++ = '"';
}

void JsonWriter::string(const std::optional<QByteArray> &utf8)
{
    if (utf8)
        string(QByteArrayView(*utf8));
    else
        null();
}

void JsonWriter::number(std::int64_t value)
{
    m_position = std::to_chars(m_position, m_position + MaxNumberSize, value).ptr;
}

void JsonWriter::number(std::optional<std::int64_t> value)
{
    if (value)
        number(*value);
    else
        null();
}

void JsonWriter::base64(QByteArrayView bytes)
{
    *m_position++ = '"';
    base64::encode(bytes, m_position);
    m_position += base64::encodedSize(bytes.size());
    *m_position++ = '"';
}

void JsonWriter::escaped(QByteArrayView utf8)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && c != '"' && c != '\\') {
            *m_position++ = c;
            continue;
        }
        *m_position++ = '\\';
        switch (c) {
        case '"': *m_position++ = '"'; break;
        case '\\': *m_position++ = '\\'; break;
        case '\b': *m_position++ = 'b'; break;
        case '\t': *m_position++ = 't'; break;
        case '\n': *m_position++ = 'n'; break;
        case '\f': *m_position++ = 'f'; break;
        case '\r': *m_position++ = 'r'; break;
        default:
            std::memcpy(m_position, "u00", 3);
            m_position[3] = hex[byte >> 4];
            m_position[4] = hex[byte & 15];
            m_position += 5;
        }
    }
}

} // namespace qmld::protocol

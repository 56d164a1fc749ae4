#pragma once

// Writes compact JSON the way Jackson does, straight into a QByteArray:
// strings keep non-ASCII raw (malformed UTF-8 becomes U+FFFD), escape '"',
// '\\' and control characters (\b \t \n \f \r, otherwise \u00XX), and
// nothing else.

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <optional>

namespace qmld::protocol {

class JsonWriter
{
public:
    // Worst-case sizes, for the room a caller reserves.
    static constexpr qsizetype maxStringSize(qsizetype bytes) { return 6 * bytes + 2; }
    static constexpr qsizetype MaxNumberSize = 20;

    // Makes room for `room` more bytes in out; the destructor trims what was not written.
    JsonWriter(QByteArray &out, qsizetype room);
    ~JsonWriter();
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    // Text that needs no escaping.
    void raw(QByteArrayView text);
    void string(QByteArrayView utf8);
    void string(const std::optional<QByteArray> &utf8);
    void number(std::int64_t value);
    void number(std::optional<std::int64_t> value);
    void null() { raw("null"); }
    void base64(QByteArrayView bytes);

private:
    void escaped(QByteArrayView utf8);

    QByteArray &m_out;
    char *m_position;
};

} // namespace qmld::protocol

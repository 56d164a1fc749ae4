#pragma once

// The few protobuf wire-format primitives the KPL format needs, written by
// hand so that every length and varint read from untrusted bytes is bounded.

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>

namespace qmld::records::wire {

enum class WireType : std::uint8_t { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 };

constexpr std::uint8_t tagByte(unsigned field, WireType type)
{
    return std::uint8_t((field << 3) | unsigned(type));
}

constexpr qsizetype varintSize(std::uint64_t value)
{
    qsizetype size = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++size;
    }
    return size;
}

// Bytes a length-delimited field with a one-byte tag takes.
constexpr qsizetype lengthDelimitedSize(qsizetype payload)
{
    return 1 + varintSize(std::uint64_t(payload)) + payload;
}

inline void appendVarint(QByteArray &out, std::uint64_t value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

inline void appendLengthDelimited(QByteArray &out, std::uint8_t tag, QByteArrayView payload)
{
    out.append(char(tag));
    appendVarint(out, std::uint64_t(payload.size()));
    out.append(payload);
}

// Reads fields from a protobuf message. Every read returns false on truncated
// or malformed input and never reads past the end.
class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_pos(reinterpret_cast<const unsigned char *>(bytes.data())), m_end(m_pos + bytes.size())
    {
    }

    bool atEnd() const { return m_pos == m_end; }

    bool readVarint(std::uint64_t &value)
    {
        value = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            if (m_pos == m_end)
                return false;
            const unsigned char byte = *m_pos++;
            // The tenth byte may only carry the top bit of a 64-bit value.
            if (shift == 63 && byte > 1)
                return false;
            value |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    }

    bool readTag(std::uint32_t &field, WireType &type)
    {
        std::uint64_t tag = 0;
        if (!readVarint(tag))
            return false;
        field = std::uint32_t(tag >> 3);
        const auto rawType = unsigned(tag & 7);
        if (field == 0 || (tag >> 3) > 0x1fffffff)
            return false;
        switch (rawType) {
        case 0: case 1: case 2: case 5:
            type = WireType(rawType);
            return true;
        default: // groups (3, 4) and the unused 6, 7
            return false;
        }
    }

    bool readLengthDelimited(QByteArrayView &payload)
    {
        std::uint64_t length = 0;
        if (!readVarint(length) || length > std::uint64_t(m_end - m_pos))
            return false;
        payload = QByteArrayView(reinterpret_cast<const char *>(m_pos), qsizetype(length));
        m_pos += length;
        return true;
    }

    // Skips an unknown field's value.
    bool skip(WireType type)
    {
        std::uint64_t ignored = 0;
        QByteArrayView ignoredPayload;
        switch (type) {
        case WireType::Varint: return readVarint(ignored);
        case WireType::Fixed64: return skipBytes(8);
        case WireType::Fixed32: return skipBytes(4);
        case WireType::LengthDelimited: return readLengthDelimited(ignoredPayload);
        }
        return false;
    }

private:
    bool skipBytes(qsizetype count)
    {
        if (m_end - m_pos < count)
            return false;
        m_pos += count;
        return true;
    }

    const unsigned char *m_pos;
    const unsigned char *m_end;
};

} // namespace qmld::records::wire

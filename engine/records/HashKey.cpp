#include <qmld/HashKey.h>

#include <QCryptographicHash>

#include <array>

namespace qmld {

HashKey HashKey::fromPartitionKey(QByteArrayView utf8PartitionKey)
{
    QCryptographicHash md5(QCryptographicHash::Md5);
    md5.addData(utf8PartitionKey);
    return *fromBigEndian(md5.resultView());
}

HashKey HashKey::fromPartitionKey(QStringView partitionKey)
{
    return fromPartitionKey(QByteArrayView(partitionKey.toUtf8()));
}

std::optional<HashKey> HashKey::fromBigEndian(QByteArrayView bytes)
{
    if (bytes.size() != 16)
        return std::nullopt;
    Value value = 0;
    for (char c : bytes)
        value = (value << 8) | static_cast<unsigned char>(c);
    return HashKey(value);
}

namespace {

template<typename Char>
std::optional<HashKey> parseDecimal(const Char *begin, const Char *end)
{
    if (begin == end)
        return std::nullopt;
    using Value = HashKey::Value;
    constexpr Value maxValue = ~Value(0);
    Value value = 0;
    for (const Char *p = begin; p != end; ++p) {
        const auto c = static_cast<char32_t>(*p);
        if (c < U'0' || c > U'9')
            return std::nullopt;
        const unsigned digit = unsigned(c - U'0');
        if (value > (maxValue - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return HashKey(value);
}

} // namespace

std::optional<HashKey> HashKey::parse(QByteArrayView decimal)
{
    return parseDecimal(decimal.data(), decimal.data() + decimal.size());
}

std::optional<HashKey> HashKey::parse(QStringView decimal)
{
    return parseDecimal(decimal.utf16(), decimal.utf16() + decimal.size());
}

QByteArray HashKey::toByteArray() const
{
    std::array<char, 40> digits; // 2^128 - 1 has 39 digits
    auto *end = digits.data() + digits.size();
    auto *p = end;
    Value value = m_value;
    do {
        *--p = char('0' + int(value % 10));
        value /= 10;
    } while (value != 0);
    return QByteArray(p, end - p);
}

QString HashKey::toString() const
{
    return QString::fromLatin1(toByteArray());
}

QByteArray HashKey::toBigEndian() const
{
    QByteArray bytes(16, Qt::Uninitialized);
    Value value = m_value;
    for (int i = 15; i >= 0; --i) {
        bytes[i] = char(value & 0xff);
        value >>= 8;
    }
    return bytes;
}

std::optional<HashKeyRange> HashKeyRange::parse(QByteArrayView starting, QByteArrayView ending)
{
    const auto start = HashKey::parse(starting);
    const auto end = HashKey::parse(ending);
    if (!start || !end || *end < *start)
        return std::nullopt;
    return HashKeyRange{*start, *end};
}

} // namespace qmld

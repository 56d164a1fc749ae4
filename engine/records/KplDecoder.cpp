#include <qmld/Kpl.h>

#include "records/ProtobufWire.h"
#include "records/Tr.h"

#include <QCryptographicHash>

#include <algorithm>

#include <zlib.h>

namespace qmld::kpl {

namespace {

using records::KplText;
using records::wire::Reader;
using records::wire::WireType;

constexpr qsizetype kMagicBytes = 4;
constexpr qsizetype kMd5Bytes = 16;
// erlmld never writes more than 1 MiB before compression; the cap keeps a
// hostile zlib stream from expanding without bound.
constexpr qsizetype kMaxInflatedBytes = 4 * 1024 * 1024;

bool fail(QString *error, QString message)
{
    if (error)
        *error = std::move(message);
    return false;
}

// Inflates a complete zlib stream; fails on a damaged stream, trailing bytes,
// or output beyond kMaxInflatedBytes.
std::optional<QByteArray> inflateZlib(QByteArrayView compressed, QString *error)
{
    if (compressed.size() > kMaxInflatedBytes) {
        fail(error, KplText::tr("deflated aggregate of %1 bytes is too large").arg(compressed.size()));
        return std::nullopt;
    }
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) {
        fail(error, KplText::tr("zlib could not be initialized"));
        return std::nullopt;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    stream.avail_in = uInt(compressed.size());

    QByteArray out;
    int status = Z_OK;
    // Z_OK means progress was made; stop at the end of the stream, on an
    // error, when no progress is possible (truncated input), or at the cap.
    while (status == Z_OK && out.size() <= kMaxInflatedBytes) {
        const qsizetype used = out.size();
        const qsizetype chunk = std::min<qsizetype>(std::max<qsizetype>(compressed.size() * 4, 4096),
                                                    kMaxInflatedBytes + 1 - used);
        out.resize(used + chunk);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + used);
        stream.avail_out = uInt(chunk);
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(used + chunk - qsizetype(stream.avail_out));
    }
    const bool complete = status == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    if (out.size() > kMaxInflatedBytes) {
        fail(error, KplText::tr("deflated aggregate expands beyond %1 bytes").arg(kMaxInflatedBytes));
        return std::nullopt;
    }
    if (!complete) {
        fail(error, KplText::tr("bad zlib stream"));
        return std::nullopt;
    }
    return out;
}

struct RawRecord
{
    std::uint64_t partitionKeyIndex = 0;
    std::optional<std::uint64_t> explicitHashKeyIndex;
    QByteArrayView data;
};

bool parseTag(QByteArrayView bytes)
{
    Reader reader(bytes);
    bool hasKey = false;
    while (!reader.atEnd()) {
        std::uint32_t field = 0;
        WireType type{};
        if (!reader.readTag(field, type))
            return false;
        if (field == 1 || field == 2) {
            QByteArrayView text;
            if (type != WireType::LengthDelimited || !reader.readLengthDelimited(text))
                return false;
            hasKey = hasKey || field == 1;
        } else if (!reader.skip(type)) {
            return false;
        }
    }
    return hasKey;
}

bool parseRecord(QByteArrayView bytes, RawRecord &record)
{
    Reader reader(bytes);
    bool hasPartitionKeyIndex = false;
    bool hasData = false;
    while (!reader.atEnd()) {
        std::uint32_t field = 0;
        WireType type{};
        if (!reader.readTag(field, type))
            return false;
        switch (field) {
        case 1:
            if (type != WireType::Varint || !reader.readVarint(record.partitionKeyIndex))
                return false;
            hasPartitionKeyIndex = true;
            break;
        case 2: {
            std::uint64_t index = 0;
            if (type != WireType::Varint || !reader.readVarint(index))
                return false;
            record.explicitHashKeyIndex = index;
            break;
        }
        case 3:
            if (type != WireType::LengthDelimited || !reader.readLengthDelimited(record.data))
                return false;
            hasData = true;
            break;
        case 4: {
            QByteArrayView tag;
            if (type != WireType::LengthDelimited || !reader.readLengthDelimited(tag) || !parseTag(tag))
                return false;
            break;
        }
        default:
            if (!reader.skip(type))
                return false;
        }
    }
    return hasPartitionKeyIndex && hasData;
}

bool parseAggregatedRecord(QByteArrayView protobuf, Aggregate &aggregate, QString *error)
{
    std::vector<QByteArrayView> partitionKeys;
    std::vector<QByteArrayView> explicitHashKeys;
    std::vector<RawRecord> records;

    Reader reader(protobuf);
    while (!reader.atEnd()) {
        std::uint32_t field = 0;
        WireType type{};
        if (!reader.readTag(field, type))
            return fail(error, KplText::tr("bad protobuf"));
        if (field >= 1 && field <= 3) {
            QByteArrayView payload;
            if (type != WireType::LengthDelimited || !reader.readLengthDelimited(payload))
                return fail(error, KplText::tr("bad protobuf"));
            if (field == 1) {
                partitionKeys.push_back(payload);
            } else if (field == 2) {
                explicitHashKeys.push_back(payload);
            } else {
                RawRecord record;
                if (!parseRecord(payload, record))
                    return fail(error, KplText::tr("bad protobuf in user record %1").arg(records.size()));
                records.push_back(record);
            }
        } else if (!reader.skip(type)) {
            return fail(error, KplText::tr("bad protobuf"));
        }
    }

    aggregate.records.clear();
    aggregate.records.reserve(records.size());
    for (const RawRecord &raw : records) {
        const auto index = qsizetype(aggregate.records.size());
        if (raw.partitionKeyIndex >= partitionKeys.size()) {
            return fail(error, KplText::tr("user record %1 refers to partition key %2 of %3")
                                   .arg(index).arg(raw.partitionKeyIndex).arg(partitionKeys.size()));
        }
        UserRecord user;
        user.partitionKey = partitionKeys[raw.partitionKeyIndex].toByteArray();
        if (raw.explicitHashKeyIndex) {
            if (*raw.explicitHashKeyIndex >= explicitHashKeys.size()) {
                return fail(error, KplText::tr("user record %1 refers to explicit hash key %2 of %3")
                                       .arg(index).arg(*raw.explicitHashKeyIndex).arg(explicitHashKeys.size()));
            }
            user.explicitHashKey = explicitHashKeys[*raw.explicitHashKeyIndex].toByteArray();
        }
        user.data = raw.data.toByteArray();
        aggregate.records.push_back(std::move(user));
    }
    return true;
}

} // namespace

QByteArray magic(Format format)
{
    const char first = format == Format::Standard ? char(0xF3) : format == Format::Erlmld ? char(0x00) : char(0x01);
    const char bytes[] = {first, char(0x89), char(0x9A), char(0xC2)};
    return QByteArray(bytes, sizeof bytes);
}

std::optional<HashKey> UserRecord::effectiveHashKey() const
{
    if (explicitHashKey)
        return HashKey::parse(*explicitHashKey);
    return HashKey::fromPartitionKey(partitionKey);
}

std::optional<Aggregate> decode(QByteArrayView data, QString *error)
{
    const auto format = detectFormat(data);
    if (!format) {
        fail(error, KplText::tr("not an aggregated record"));
        return std::nullopt;
    }

    QByteArrayView body = data.sliced(kMagicBytes);
    QByteArray inflated;
    if (*format == Format::ErlmldDeflated) {
        auto result = inflateZlib(body, error);
        if (!result)
            return std::nullopt;
        inflated = std::move(*result);
        body = inflated;
    }

    // Like the KCL: more than the checksum must follow the magic.
    if (body.size() <= kMd5Bytes) {
        fail(error, KplText::tr("too short (%1 bytes after the magic)").arg(body.size()));
        return std::nullopt;
    }
    const QByteArrayView protobuf = body.first(body.size() - kMd5Bytes);
    const QByteArrayView checksum = body.last(kMd5Bytes);
    if (QCryptographicHash::hash(protobuf, QCryptographicHash::Md5) != checksum) {
        fail(error, KplText::tr("bad MD5 checksum"));
        return std::nullopt;
    }

    Aggregate aggregate;
    aggregate.format = *format;
    if (!parseAggregatedRecord(protobuf, aggregate, error))
        return std::nullopt;
    return aggregate;
}

bool allWithinHashRange(const Aggregate &aggregate, const HashKeyRange &range)
{
    for (const UserRecord &record : aggregate.records) {
        const auto key = record.effectiveHashKey();
        if (!key || !range.contains(*key))
            return false;
    }
    return true;
}

} // namespace qmld::kpl

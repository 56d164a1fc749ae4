#include <qmld/Kpl.h>

#include "records/ProtobufWire.h"

#include <QCryptographicHash>
#include <QStringDecoder>

#include <zlib.h>

namespace qmld {

namespace {

namespace wire = records::wire;

constexpr qsizetype kMd5Bytes = 16;
constexpr std::uint8_t kPartitionKeyTableTag = wire::tagByte(1, wire::WireType::LengthDelimited);
constexpr std::uint8_t kExplicitHashKeyTableTag = wire::tagByte(2, wire::WireType::LengthDelimited);
constexpr std::uint8_t kRecordsTag = wire::tagByte(3, wire::WireType::LengthDelimited);
constexpr std::uint8_t kPartitionKeyIndexTag = wire::tagByte(1, wire::WireType::Varint);
constexpr std::uint8_t kExplicitHashKeyIndexTag = wire::tagByte(2, wire::WireType::Varint);
constexpr std::uint8_t kDataTag = wire::tagByte(3, wire::WireType::LengthDelimited);

bool isValidPartitionKey(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(utf8);
    if (decoder.hasError())
        return false;
    qsizetype codePoints = 0;
    for (QChar c : text)
        codePoints += c.isLowSurrogate() ? 0 : 1;
    return codePoints <= KplAggregator::kMaxPartitionKeyLength;
}

// Bytes of a `Record` message (without its own tag and length).
qsizetype innerRecordBytes(std::uint64_t partitionKeyIndex, std::optional<std::uint64_t> explicitHashKeyIndex,
                           qsizetype dataBytes)
{
    qsizetype size = 1 + wire::varintSize(partitionKeyIndex);
    if (explicitHashKeyIndex)
        size += 1 + wire::varintSize(*explicitHashKeyIndex);
    return size + wire::lengthDelimitedSize(dataBytes);
}

} // namespace

KplAggregator::KplAggregator(kpl::Format format, qsizetype maxRecordBytes)
    : m_format(format), m_maxRecordBytes(maxRecordBytes)
{
}

qsizetype KplAggregator::encodedBytes(qsizetype protobufBytes, qsizetype outerKeyBytes) const
{
    qsizetype payload = protobufBytes + kMd5Bytes;
    if (m_format == kpl::Format::ErlmldDeflated)
        payload = qsizetype(compressBound(uLong(payload)));
    return kpl::magic(m_format).size() + payload + outerKeyBytes;
}

qsizetype KplAggregator::sizeBytes() const
{
    const qsizetype protobuf = m_partitionKeys.encoded.size() + m_explicitHashKeys.encoded.size() + m_records.size();
    return encodedBytes(protobuf, m_outerPartitionKey.size());
}

KplAggregator::AddResult KplAggregator::add(QByteArrayView partitionKey, QByteArrayView data,
                                            std::optional<HashKey> explicitHashKey)
{
    if (!isValidPartitionKey(partitionKey))
        return AddResult::InvalidPartitionKey;

    const QByteArray key = partitionKey.toByteArray();
    const auto knownKey = m_partitionKeys.indexOf.constFind(key);
    const bool newKey = knownKey == m_partitionKeys.indexOf.cend();
    const std::uint64_t keyIndex = newKey ? std::uint64_t(m_partitionKeys.indexOf.size()) : *knownKey;

    QByteArray hashKeyText;
    std::optional<std::uint64_t> hashKeyIndex;
    bool newHashKey = false;
    if (explicitHashKey) {
        hashKeyText = explicitHashKey->toByteArray();
        const auto known = m_explicitHashKeys.indexOf.constFind(hashKeyText);
        newHashKey = known == m_explicitHashKeys.indexOf.cend();
        hashKeyIndex = newHashKey ? std::uint64_t(m_explicitHashKeys.indexOf.size()) : *known;
    }

    const qsizetype tableGrowth = (newKey ? wire::lengthDelimitedSize(key.size()) : 0)
        + (newHashKey ? wire::lengthDelimitedSize(hashKeyText.size()) : 0);
    const qsizetype inner = innerRecordBytes(keyIndex, hashKeyIndex, data.size());
    const qsizetype protobufAfter = m_partitionKeys.encoded.size() + m_explicitHashKeys.encoded.size()
        + m_records.size() + tableGrowth + wire::lengthDelimitedSize(inner);
    const qsizetype outerKeyBytes = isEmpty() ? key.size() : m_outerPartitionKey.size();

    if (encodedBytes(protobufAfter, outerKeyBytes) > m_maxRecordBytes) {
        const qsizetype aloneInner = innerRecordBytes(0, explicitHashKey ? std::optional<std::uint64_t>(0) : std::nullopt,
                                                      data.size());
        const qsizetype alone = wire::lengthDelimitedSize(key.size())
            + (explicitHashKey ? wire::lengthDelimitedSize(hashKeyText.size()) : 0)
            + wire::lengthDelimitedSize(aloneInner);
        if (isEmpty() || encodedBytes(alone, key.size()) > m_maxRecordBytes)
            return AddResult::TooLarge;
        return AddResult::Full;
    }

    if (newKey) {
        m_partitionKeys.indexOf.insert(key, keyIndex);
        wire::appendLengthDelimited(m_partitionKeys.encoded, kPartitionKeyTableTag, key);
    }
    if (newHashKey) {
        m_explicitHashKeys.indexOf.insert(hashKeyText, *hashKeyIndex);
        wire::appendLengthDelimited(m_explicitHashKeys.encoded, kExplicitHashKeyTableTag, hashKeyText);
    }
    m_records.append(char(kRecordsTag));
    wire::appendVarint(m_records, std::uint64_t(inner));
    m_records.append(char(kPartitionKeyIndexTag));
    wire::appendVarint(m_records, keyIndex);
    if (hashKeyIndex) {
        m_records.append(char(kExplicitHashKeyIndexTag));
        wire::appendVarint(m_records, *hashKeyIndex);
    }
    wire::appendLengthDelimited(m_records, kDataTag, data);

    if (isEmpty()) {
        m_outerPartitionKey = key;
        m_outerHashKey = explicitHashKey ? *explicitHashKey : HashKey::fromPartitionKey(key);
    }
    ++m_count;
    return AddResult::Added;
}

std::optional<KplAggregate> KplAggregator::finish()
{
    if (isEmpty())
        return std::nullopt;

    QByteArray payload;
    payload.reserve(m_partitionKeys.encoded.size() + m_explicitHashKeys.encoded.size() + m_records.size() + kMd5Bytes);
    payload.append(m_partitionKeys.encoded).append(m_explicitHashKeys.encoded).append(m_records);
    payload.append(QCryptographicHash::hash(payload, QCryptographicHash::Md5));

    KplAggregate aggregate;
    aggregate.partitionKey = m_outerPartitionKey;
    aggregate.explicitHashKey = m_outerHashKey;
    aggregate.recordCount = m_count;
    aggregate.data = kpl::magic(m_format);
    if (m_format == kpl::Format::ErlmldDeflated) {
        // zlib format at the default level, as Erlang's zlib:compress/1.
        uLongf compressedSize = compressBound(uLong(payload.size()));
        QByteArray compressed(qsizetype(compressedSize), Qt::Uninitialized);
        const int status = compress2(reinterpret_cast<Bytef *>(compressed.data()), &compressedSize,
                                     reinterpret_cast<const Bytef *>(payload.constData()), uLong(payload.size()),
                                     Z_DEFAULT_COMPRESSION);
        // compressBound guarantees room, so only memory exhaustion fails here.
        if (status != Z_OK)
            qFatal("qmld: zlib compress2 failed with status %d", status);
        compressed.truncate(qsizetype(compressedSize));
        aggregate.data.append(compressed);
    } else {
        aggregate.data.append(payload);
    }
    clear();
    return aggregate;
}

void KplAggregator::clear()
{
    m_partitionKeys = {};
    m_explicitHashKeys = {};
    m_records.clear();
    m_outerPartitionKey.clear();
    m_outerHashKey = {};
    m_count = 0;
}

} // namespace qmld

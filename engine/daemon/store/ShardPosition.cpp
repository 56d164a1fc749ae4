#include <qmld/StreamStore.h>

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {
constexpr QStringView kTrimHorizon = u"TRIM_HORIZON";
constexpr QStringView kLatest = u"LATEST";
constexpr QStringView kAtSequenceNumber = u"AT_SEQUENCE_NUMBER";
constexpr QStringView kAfterSequenceNumber = u"AFTER_SEQUENCE_NUMBER";
constexpr QStringView kAtTimestamp = u"AT_TIMESTAMP";
} // namespace

ShardPosition ShardPosition::atSequenceNumber(SequenceNumber sequenceNumber)
{
    return {Type::AtSequenceNumber, std::move(sequenceNumber), 0};
}

ShardPosition ShardPosition::afterSequenceNumber(SequenceNumber sequenceNumber)
{
    return {Type::AfterSequenceNumber, std::move(sequenceNumber), 0};
}

std::optional<std::int64_t> ShardPosition::parseTimestamp(QStringView text)
{
    bool ok = false;
    const qlonglong ms = text.toLongLong(&ok);
    if (ok)
        return ms >= 0 ? std::optional<std::int64_t>(ms) : std::nullopt;
    // ISO 8601; a time without an offset is UTC, as Kinesis reads timestamps.
    static const QRegularExpression hasOffset(u"(Z|[+-]\\d\\d(:?\\d\\d)?)$"_s);
    const QString iso = text.trimmed().toString();
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid() || !iso.contains(u'T'))
        return std::nullopt;
    if (!hasOffset.match(iso).hasMatch())
        time.setTimeSpec(Qt::UTC);
    const qint64 epochMs = time.toMSecsSinceEpoch();
    return epochMs >= 0 ? std::optional<std::int64_t>(epochMs) : std::nullopt;
}

std::optional<ShardPosition> ShardPosition::parse(QStringView text)
{
    if (text == kTrimHorizon)
        return trimHorizon();
    if (text == kLatest)
        return latest();
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return std::nullopt;
    const QStringView type = text.left(colon);
    const QStringView argument = text.mid(colon + 1);
    if (type == kAtSequenceNumber || type == kAfterSequenceNumber) {
        const auto sequence = SequenceNumber::parse(argument.toString());
        if (!sequence || sequence->isSentinel())
            return std::nullopt;
        return type == kAtSequenceNumber ? atSequenceNumber(*sequence) : afterSequenceNumber(*sequence);
    }
    if (type == kAtTimestamp) {
        const auto ms = parseTimestamp(argument);
        if (!ms)
            return std::nullopt;
        return atTimestamp(*ms);
    }
    return std::nullopt;
}

QString ShardPosition::toString() const
{
    switch (type) {
    case Type::TrimHorizon: return kTrimHorizon.toString();
    case Type::Latest: return kLatest.toString();
    case Type::AtSequenceNumber: return kAtSequenceNumber % u':' % sequenceNumber.toString();
    case Type::AfterSequenceNumber: return kAfterSequenceNumber % u':' % sequenceNumber.toString();
    case Type::AtTimestamp: return kAtTimestamp % u':' % QString::number(timestampMs);
    }
    return {};
}

} // namespace qmld

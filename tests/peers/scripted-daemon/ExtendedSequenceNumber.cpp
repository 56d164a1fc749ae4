#include "ExtendedSequenceNumber.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qmld::peers {
namespace {

bool allDigits(QStringView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// Sentinels rank below digit strings (0), SHARD_END above everything.
int rankOf(const QString &sequenceNumber)
{
    if (sequenceNumber == "AT_TIMESTAMP"_L1)
        return -3;
    if (sequenceNumber == "TRIM_HORIZON"_L1)
        return -2;
    if (sequenceNumber == "LATEST"_L1)
        return -1;
    if (sequenceNumber == ExtendedSequenceNumber::shardEnd)
        return 1;
    return 0;
}

QStringView withoutLeadingZeros(QStringView digits)
{
    qsizetype i = 0;
    while (i + 1 < digits.size() && digits.at(i) == u'0')
        ++i;
    return digits.mid(i);
}

} // namespace

std::optional<ExtendedSequenceNumber> ExtendedSequenceNumber::parse(const QString &sequenceNumber,
                                                                    qint64 subSequenceNumber)
{
    if (rankOf(sequenceNumber) == 0 && !allDigits(sequenceNumber))
        return std::nullopt;
    return ExtendedSequenceNumber{sequenceNumber, subSequenceNumber};
}

bool ExtendedSequenceNumber::isDigits() const
{
    return allDigits(sequenceNumber);
}

std::strong_ordering operator<=>(const ExtendedSequenceNumber &a, const ExtendedSequenceNumber &b)
{
    const int rankA = rankOf(a.sequenceNumber);
    const int rankB = rankOf(b.sequenceNumber);
    if (rankA != rankB)
        return rankA <=> rankB;
    if (rankA == 0) {
        const QStringView digitsA = withoutLeadingZeros(a.sequenceNumber);
        const QStringView digitsB = withoutLeadingZeros(b.sequenceNumber);
        if (digitsA.size() != digitsB.size())
            return digitsA.size() <=> digitsB.size();
        const int textOrder = digitsA.compare(digitsB);
        if (textOrder != 0)
            return textOrder <=> 0;
    }
    return a.subSequenceNumber <=> b.subSequenceNumber;
}

QString addToDecimal(const QString &digits, quint64 increment)
{
    QString result = digits;
    for (qsizetype i = result.size() - 1; i >= 0 && increment > 0; --i) {
        const quint64 sum = quint64(result.at(i).unicode() - u'0') + increment % 10;
        increment /= 10;
        result[i] = QChar(u'0' + char16_t(sum % 10));
        increment += sum / 10;
    }
    while (increment > 0) {
        result.prepend(QChar(u'0' + char16_t(increment % 10)));
        increment /= 10;
    }
    return result;
}

} // namespace qmld::peers

#include "protocol/Codec.h"

using namespace Qt::StringLiterals;

namespace qmld::protocol {

QString quoteLineStart(QByteArrayView line, qsizetype maxBytes)
{
    QByteArrayView start = line.first(std::min(line.size(), maxBytes));
    const bool cut = start.size() < line.size();
    // Do not cut a UTF-8 sequence in half.
    if (cut) {
        qsizetype lead = start.size();
        while (lead > 0 && (static_cast<unsigned char>(start[lead - 1]) & 0xC0) == 0x80)
            --lead;
        if (lead > 0) {
            const auto byte = static_cast<unsigned char>(start[--lead]);
            const qsizetype length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
            if (start.size() - lead < length)
                start = start.first(lead);
        }
    }

    QString quoted;
    quoted.reserve(start.size() + 8);
    quoted += u'"';
    for (const QChar c : QString::fromUtf8(start)) {
        switch (c.unicode()) {
        case u'\n': quoted += u"\\n"_s; break;
        case u'\r': quoted += u"\\r"_s; break;
        case u'\t': quoted += u"\\t"_s; break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7F)
                quoted += u"\\x%1"_s.arg(uint(c.unicode()), 2, 16, QChar(u'0'));
            else
                quoted += c;
        }
    }
    quoted += u'"';
    if (cut)
        quoted += u'…';
    return quoted;
}

} // namespace qmld::protocol

#include "HexDump.h"

#include <algorithm>

namespace qmld::ui {

QString hexDump(QByteArrayView data, qsizetype maxBytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    constexpr qsizetype perLine = 16;
    const qsizetype size = std::min(data.size(), std::max<qsizetype>(maxBytes, 0));

    QString out;
    out.reserve((size / perLine + 1) * 78);
    for (qsizetype start = 0; start < size; start += perLine) {
        out += QString::number(start, 16).rightJustified(8, u'0') + u"  ";
        QString ascii;
        for (qsizetype i = 0; i < perLine; ++i) {
            if (i == 8)
                out += u' ';
            if (start + i < size) {
                const auto byte = static_cast<unsigned char>(data[start + i]);
                out += QLatin1Char(digits[byte >> 4]);
                out += QLatin1Char(digits[byte & 0xF]);
                out += u' ';
                ascii += (byte >= 0x20 && byte < 0x7F) ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += u"   ";
            }
        }
        out += u" |" + ascii + u"|\n";
    }
    return out;
}

} // namespace qmld::ui

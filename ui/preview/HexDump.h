#pragma once

#include <QByteArrayView>
#include <QString>

namespace qmld::ui {

// The size past which the preview dumps only the start of a record.
inline constexpr qsizetype kHexDumpLimit = 64 * 1024;
// The characters of one full line, without its newline.
inline constexpr int kHexDumpLineChars = 78;

// A `hexdump -C` style dump of the first `maxBytes` of `data`, one line per
// 16 bytes: 8-digit hex offset, the bytes in two groups of eight, and the
// printable ASCII between bars ('.' for anything else), e.g.
//   00000000  48 69 0a                                          |Hi.|
QString hexDump(QByteArrayView data, qsizetype maxBytes = kHexDumpLimit);

} // namespace qmld::ui

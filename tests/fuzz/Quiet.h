#pragma once

// Fuzz targets drop qmld's log messages: a warning per malformed input would
// cost more than the input itself and bury libFuzzer's own output.

#include <QtGlobal>

namespace qmld::fuzz {

inline void silenceLogs()
{
    static const bool once = [] {
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
        return true;
    }();
    Q_UNUSED(once);
}

} // namespace qmld::fuzz

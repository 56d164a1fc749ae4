#pragma once

// Where the build put the processor plugins (the example and tests/plugins):
// $QMLD_PLUGIN_DIR, else the folder compiled in as QMLD_TEST_PLUGIN_DIR.

#include <QDir>
#include <QString>

namespace qmld::test {

inline QString pluginPath(const QString &name)
{
    QString dir = qEnvironmentVariable("QMLD_PLUGIN_DIR");
#ifdef QMLD_TEST_PLUGIN_DIR
    if (dir.isEmpty())
        dir = QStringLiteral(QMLD_TEST_PLUGIN_DIR);
#endif
    return QDir(dir).absoluteFilePath(name + QStringLiteral(".so"));
}

} // namespace qmld::test

#pragma once

// The embedded MultiLangDaemon's configuration: its command line (the KCL v2
// `--properties-file FILE` and the v1 `FILE` shapes) and the KCL properties it
// reads, with the KCL 2.x defaults (docs/protocol.md §8, §9).

#include <qmld/KclApplication.h>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <chrono>
#include <variant>

namespace qmld::daemon {

// The KCL application (the keys every daemon reads, checked by KclApplication)
// and what only this daemon needs.
struct DaemonConfig : KclApplication
{
    QString propertiesFile;
    QString executableName;
    // executableName split on runs of spaces, as the Java daemon does.
    QStringList command;
    // qmldStore, else $QMLD_STORE, else StreamStore::defaultPath().
    QString storePath;

    // How long a SIGTERM shutdown may take before the children are killed:
    // shutdownGraceMillis, or, when it is 0 (the KCL 2.x default, under which
    // the Java daemon gives up at once), kZeroGraceBound so that every child
    // still gets shutdownRequested and leaseLost.
    static constexpr std::chrono::milliseconds kZeroGraceBound{5000};
    std::chrono::milliseconds shutdownBound() const
    {
        return shutdownGrace.count() > 0 ? shutdownGrace : kZeroGraceBound;
    }
};

// What the command line asks for when it is not a run.
struct ConfigExit
{
    int exitCode = 0;
    QString message; // for stdout when exitCode is 0 (help), else one line for stderr
};

class DaemonConfigReader
{
    Q_DECLARE_TR_FUNCTIONS(DaemonConfigReader)
public:
    // arguments without the program name. Checks every key, and that the
    // executable exists, as the Java daemon does when it starts a child.
    static std::variant<DaemonConfig, ConfigExit> fromArguments(const QStringList &arguments);
    static std::variant<DaemonConfig, ConfigExit> fromPropertiesFile(const QString &path);
    static QString helpText();
};

} // namespace qmld::daemon

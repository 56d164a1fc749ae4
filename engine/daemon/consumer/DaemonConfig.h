#pragma once

// The embedded MultiLangDaemon's configuration: its command line (the KCL v2
// `--properties-file FILE` and the v1 `FILE` shapes) and the KCL properties it
// reads, with the KCL 2.x defaults (docs/protocol.md §8, §9).

#include <qmld/SequenceNumber.h>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <optional>
#include <variant>

namespace qmld::daemon {

struct DaemonConfig
{
    QString propertiesFile;
    QString applicationName;
    QString tableName; // applicationName unless set
    QString streamName;
    QString executableName;
    // executableName split on runs of spaces, as the Java daemon does.
    QStringList command;
    QString workerId; // a random UUID unless set
    // TRIM_HORIZON, LATEST or AT_TIMESTAMP.
    SequenceNumber initialPosition = SequenceNumber::latest();
    std::int64_t atTimestampMs = 0; // with AT_TIMESTAMP
    int maxRecords = 10000;
    std::chrono::milliseconds idleTimeBetweenReads{1500};
    bool callProcessRecordsEvenForEmptyRecordList = false;
    std::chrono::milliseconds failoverTime{10000};
    int maxLeasesForWorker = 2147483647;
    int maxLeasesToStealAtOneTime = 1;
    std::chrono::milliseconds shardSyncInterval{60000};
    std::chrono::milliseconds parentShardPollInterval{10000};
    bool cleanupLeasesUponShardCompletion = true;
    // Unset: wait for a child's next line forever, as KCL does.
    std::optional<std::chrono::seconds> timeout;
    // KCL 2.x default 0 (see shutdownBound()).
    std::chrono::milliseconds shutdownGrace{0};
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

#include "daemon/consumer/DaemonConfig.h"

#include "daemon/consumer/Logging.h"

#include <qmld/JavaProperties.h>
#include <qmld/KclApplication.h>
#include <qmld/StreamStore.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUuid>


using namespace Qt::StringLiterals;

namespace qmld::daemon {

namespace {

ConfigExit usageError(const QString &message)
{
    return {1, DaemonConfigReader::tr("qmld-daemon: %1 (try 'qmld-daemon --help')").arg(message)};
}

// What ProcessBuilder would run: a path with a slash as it is, else the first match on PATH.
bool executableExists(const QString &program)
{
    if (program.isEmpty())
        return false;
    if (program.contains(u'/')) {
        const QFileInfo info(program);
        return info.isFile() && info.isExecutable();
    }
    return !QStandardPaths::findExecutable(program).isEmpty();
}

} // namespace

QString DaemonConfigReader::helpText()
{
    return tr("Usage: qmld-daemon --properties-file FILE\n"
              "       qmld-daemon FILE\n"
              "\n"
              "The embedded KCL MultiLangDaemon: processes a stream of the embedded store\n"
              "(qmldStore, else $QMLD_STORE, else %1) by starting executableName once\n"
              "for every shard lease this worker holds and speaking the MultiLangDaemon\n"
              "protocol with it on its stdin and stdout, as the Java KCL 2.x daemon does.\n"
              "Leases live in the store, in the lease table of the application\n"
              "(tableName, else applicationName).\n"
              "\n"
              "Keys: applicationName, streamName, executableName (required); tableName,\n"
              "workerId, initialPositionInStream (TRIM_HORIZON, LATEST, AT_TIMESTAMP),\n"
              "initialPositionInStreamExtended or timestampAtInitialPositionInStream (epoch\n"
              "seconds, AT_TIMESTAMP), maxRecords, idleTimeBetweenReadsInMillis,\n"
              "callProcessRecordsEvenForEmptyRecordList, failoverTimeMillis,\n"
              "maxLeasesForWorker, maxLeasesToStealAtOneTime, shardSyncIntervalMillis,\n"
              "parentShardPollIntervalMillis, cleanupLeasesUponShardCompletion,\n"
              "timeoutInSeconds, shutdownGraceMillis, qmldStore. Other keys are ignored.\n"
              "\n"
              "As with the Java daemon, a child that crashes, exits early or breaks the\n"
              "protocol (a wrong status, a bare null line) ends the whole daemon with exit\n"
              "code 1, after every other child has been stopped; so does a child that stays\n"
              "silent longer than timeoutInSeconds.\n"
              "\n"
              "SIGTERM or SIGINT: every child gets shutdownRequested (after its current\n"
              "action), then leaseLost, within shutdownGraceMillis (%2 ms when it is 0,\n"
              "the KCL 2.x default); then the daemon exits with code 0.\n"
              "\n"
              "Exit codes: 0 stopped by a signal; 1 bad command line, bad properties,\n"
              "unknown stream or store, executable not found, or a child failure.\n")
        .arg(QDir::toNativeSeparators(StreamStore::defaultPath()))
        .arg(DaemonConfig::kZeroGraceBound.count());
}

std::variant<DaemonConfig, ConfigExit> DaemonConfigReader::fromArguments(const QStringList &arguments)
{
    QString propertiesFile;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"-h"_s || argument == u"--help"_s)
            return ConfigExit{0, helpText()};
        if (argument == u"-p"_s || argument == u"--properties-file"_s || argument == u"-l"_s
            || argument == u"--log-configuration"_s) {
            if (i + 1 >= arguments.size())
                return usageError(tr("%1 needs a file").arg(argument));
            const QString value = arguments.at(++i);
            if (argument == u"-l"_s || argument == u"--log-configuration"_s) {
                qCDebug(lcDaemon) << "ignoring the logback configuration" << value;
                continue;
            }
            if (!propertiesFile.isEmpty())
                return usageError(tr("more than one properties file"));
            propertiesFile = value;
        } else if (argument.startsWith(u'-') && argument.size() > 1) {
            return usageError(tr("unknown option %1").arg(argument));
        } else {
            if (!propertiesFile.isEmpty())
                return usageError(tr("more than one properties file"));
            propertiesFile = argument;
        }
    }
    if (propertiesFile.isEmpty())
        return usageError(tr("no properties file"));
    return fromPropertiesFile(propertiesFile);
}

std::variant<DaemonConfig, ConfigExit> DaemonConfigReader::fromPropertiesFile(const QString &path)
{
    QString loadError;
    const std::optional<JavaProperties> properties = JavaProperties::load(path, &loadError);
    if (!properties)
        return ConfigExit{1, tr("qmld-daemon: %1").arg(loadError)};

    const auto read = KclApplication::fromProperties(*properties);
    if (const auto *problems = std::get_if<KclApplication::Problems>(&read))
        return ConfigExit{1, tr("qmld-daemon: %1").arg(problems->constFirst().message())};

    DaemonConfig config;
    static_cast<KclApplication &>(config) = std::get<KclApplication>(read);
    config.propertiesFile = QFileInfo(path).absoluteFilePath();
    // The embedded store names streams only: a streamArn is looked up as a name.
    config.executableName = properties->value(u"executableName"_s).trimmed();
    if (config.executableName.isEmpty()) {
        return ConfigExit{1, tr("qmld-daemon: %1: the required key executableName is %2")
                                 .arg(properties->location(u"executableName"),
                                      properties->contains(u"executableName") ? tr("empty") : tr("missing"))};
    }
    if (config.workerId.isEmpty())
        config.workerId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    config.storePath = StreamStore::resolvePath(config.qmldStore);

    static const QRegularExpression spaces(u" +"_s);
    config.command = config.executableName.split(spaces);
    while (!config.command.isEmpty() && config.command.constLast().isEmpty())
        config.command.removeLast(); // Java's String.split drops trailing empty strings
    if (config.command.isEmpty() || !executableExists(config.command.constFirst())) {
        return ConfigExit{1, tr("qmld-daemon: %1: executableName = '%2': cannot run '%3': no such executable file")
                                 .arg(properties->location(u"executableName"_s), config.executableName,
                                      config.command.value(0))};
    }
    return config;
}

} // namespace qmld::daemon

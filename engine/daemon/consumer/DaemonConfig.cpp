#include "daemon/consumer/DaemonConfig.h"

#include "daemon/consumer/Logging.h"

#include <qmld/JavaProperties.h>
#include <qmld/StreamStore.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUuid>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace qmld::daemon {

namespace {

// Every key the embedded daemon reads; others are logged at debug level and ignored, as KCL does.
const QStringList knownKeys = {
    u"applicationName"_s, u"tableName"_s, u"streamName"_s, u"streamArn"_s, u"executableName"_s, u"workerId"_s,
    u"initialPositionInStream"_s, u"initialPositionInStreamExtended"_s, u"timestampAtInitialPositionInStream"_s,
    u"maxRecords"_s, u"idleTimeBetweenReadsInMillis"_s, u"callProcessRecordsEvenForEmptyRecordList"_s,
    u"failoverTimeMillis"_s, u"maxLeasesForWorker"_s, u"maxLeasesToStealAtOneTime"_s, u"shardSyncIntervalMillis"_s,
    u"parentShardPollIntervalMillis"_s, u"cleanupLeasesUponShardCompletion"_s, u"timeoutInSeconds"_s,
    u"shutdownGraceMillis"_s, u"qmldStore"_s,
};

class Reader
{
public:
    explicit Reader(const JavaProperties &properties) : m_properties(properties) {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    QString text(const QString &key, const QString &fallback = {}) const
    {
        return m_properties.value(key, fallback).trimmed();
    }

    QString required(const QString &key)
    {
        const QString value = text(key);
        if (value.isEmpty() && !failed()) {
            m_error = DaemonConfigReader::tr("%1: the required key %2 is %3")
                          .arg(m_properties.location(key), key,
                               m_properties.contains(key) ? DaemonConfigReader::tr("empty")
                                                          : DaemonConfigReader::tr("missing"));
        }
        return value;
    }

    // A whole number in [minimum, maximum]; fallback when the key is not set.
    std::int64_t integer(const QString &key, std::int64_t fallback, std::int64_t minimum,
                         std::int64_t maximum = std::numeric_limits<std::int32_t>::max())
    {
        if (!m_properties.contains(key))
            return fallback;
        const QString value = text(key);
        bool ok = false;
        const std::int64_t number = value.toLongLong(&ok);
        if (!ok || number < minimum || number > maximum) {
            fail(key, value, DaemonConfigReader::tr("a whole number from %1 to %2").arg(minimum).arg(maximum));
            return fallback;
        }
        return number;
    }

    bool boolean(const QString &key, bool fallback)
    {
        if (!m_properties.contains(key))
            return fallback;
        // The spellings Commons-BeanUtils' BooleanConverter accepts.
        static const QStringList yes = {u"true"_s, u"yes"_s, u"y"_s, u"on"_s, u"1"_s};
        static const QStringList no = {u"false"_s, u"no"_s, u"n"_s, u"off"_s, u"0"_s};
        const QString value = text(key);
        if (yes.contains(value, Qt::CaseInsensitive))
            return true;
        if (no.contains(value, Qt::CaseInsensitive))
            return false;
        fail(key, value, DaemonConfigReader::tr("true or false"));
        return fallback;
    }

    // Epoch seconds (a fraction allowed) as epoch milliseconds.
    std::optional<std::int64_t> epochSeconds(const QString &key)
    {
        if (!m_properties.contains(key))
            return std::nullopt;
        const QString value = text(key);
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > 1e13) {
            fail(key, value, DaemonConfigReader::tr("a time in seconds since the epoch"));
            return std::nullopt;
        }
        return std::llround(seconds * 1000.0);
    }

    void fail(const QString &key, const QString &value, const QString &expected)
    {
        if (failed())
            return;
        m_error = DaemonConfigReader::tr("%1: %2 = '%3' is not valid: expected %4")
                      .arg(m_properties.location(key), key, value, expected);
    }

    void failWith(const QString &message)
    {
        if (!failed())
            m_error = message;
    }

    const JavaProperties &properties() const { return m_properties; }

private:
    const JavaProperties &m_properties;
    QString m_error;
};

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

    for (const JavaProperties::Entry &entry : properties->entries()) {
        if (!knownKeys.contains(entry.key))
            qCDebug(lcDaemon, "ignoring the key %s at %s:%d", qUtf8Printable(entry.key),
                    qUtf8Printable(properties->sourceName()), entry.line);
    }

    Reader read(*properties);
    DaemonConfig config;
    config.propertiesFile = QFileInfo(path).absoluteFilePath();
    config.applicationName = read.required(u"applicationName"_s);
    config.tableName = read.text(u"tableName"_s, config.applicationName);
    if (config.tableName.isEmpty())
        config.tableName = config.applicationName;
    // KCL 2.x: streamArn wins over streamName; the embedded store names streams only.
    config.streamName = read.text(u"streamArn"_s);
    if (config.streamName.isEmpty())
        config.streamName = read.required(u"streamName"_s);
    config.executableName = read.required(u"executableName"_s);
    config.workerId = read.text(u"workerId"_s);
    if (config.workerId.isEmpty())
        config.workerId = QUuid::createUuid().toString(QUuid::WithoutBraces);

    if (properties->contains(u"initialPositionInStream"_s)) {
        const QString position = read.text(u"initialPositionInStream"_s);
        if (position == u"TRIM_HORIZON"_s)
            config.initialPosition = SequenceNumber::trimHorizon();
        else if (position == u"LATEST"_s)
            config.initialPosition = SequenceNumber::latest();
        else if (position == u"AT_TIMESTAMP"_s)
            config.initialPosition = SequenceNumber::atTimestamp();
        else
            read.fail(u"initialPositionInStream"_s, position, tr("TRIM_HORIZON, LATEST or AT_TIMESTAMP"));
    }
    // v2 spelling first, then v1; either implies AT_TIMESTAMP.
    std::optional<std::int64_t> timestamp = read.epochSeconds(u"initialPositionInStreamExtended"_s);
    if (!timestamp)
        timestamp = read.epochSeconds(u"timestampAtInitialPositionInStream"_s);
    if (timestamp) {
        config.initialPosition = SequenceNumber::atTimestamp();
        config.atTimestampMs = *timestamp;
    } else if (config.initialPosition.kind() == SequenceNumber::Kind::AtTimestamp && !read.failed()) {
        read.failWith(tr("%1: initialPositionInStream = AT_TIMESTAMP needs initialPositionInStreamExtended "
                         "(epoch seconds)")
                          .arg(properties->location(u"initialPositionInStream"_s)));
    }

    config.maxRecords = int(read.integer(u"maxRecords"_s, 10000, 1, 10000));
    config.idleTimeBetweenReads =
        std::chrono::milliseconds(read.integer(u"idleTimeBetweenReadsInMillis"_s, 1500, 0));
    config.callProcessRecordsEvenForEmptyRecordList =
        read.boolean(u"callProcessRecordsEvenForEmptyRecordList"_s, false);
    config.failoverTime = std::chrono::milliseconds(read.integer(u"failoverTimeMillis"_s, 10000, 100));
    config.maxLeasesForWorker = int(read.integer(u"maxLeasesForWorker"_s, config.maxLeasesForWorker, 1));
    config.maxLeasesToStealAtOneTime = int(read.integer(u"maxLeasesToStealAtOneTime"_s, 1, 1));
    config.shardSyncInterval = std::chrono::milliseconds(read.integer(u"shardSyncIntervalMillis"_s, 60000, 1));
    config.parentShardPollInterval =
        std::chrono::milliseconds(read.integer(u"parentShardPollIntervalMillis"_s, 10000, 1));
    config.cleanupLeasesUponShardCompletion = read.boolean(u"cleanupLeasesUponShardCompletion"_s, true);
    if (properties->contains(u"timeoutInSeconds"_s))
        config.timeout = std::chrono::seconds(read.integer(u"timeoutInSeconds"_s, 0, 1));
    config.shutdownGrace = std::chrono::milliseconds(
        read.integer(u"shutdownGraceMillis"_s, 0, 0, std::numeric_limits<std::int64_t>::max()));
    config.storePath = StreamStore::resolvePath(read.text(u"qmldStore"_s));

    if (read.failed())
        return ConfigExit{1, tr("qmld-daemon: %1").arg(read.error())};

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

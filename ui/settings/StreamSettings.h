#pragma once

#include <qmld/JavaProperties.h>

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmld::ui {

using namespace Qt::StringLiterals;

// One stream the console knows about: every key a user sets for a
// MultiLangDaemon, kept with QSettings and exchanged as a KCL .properties file.
struct StreamSettings
{
    Q_DECLARE_TR_FUNCTIONS(StreamSettings)
public:
    QString name;            // the console's own label; unique
    QString applicationName; // KCL applicationName (lease table name)
    QString streamName;      // name or ARN
    QString region;
    QString initialPosition = u"TRIM_HORIZON"_s; // TRIM_HORIZON|LATEST|AT_TIMESTAMP
    qint64 atTimestampMs = 0;                     // for AT_TIMESTAMP
    int maxRecords = 10000;
    int idleTimeBetweenReadsMillis = 1000;
    int failoverTimeMillis = 10000;
    QString daemon = u"embedded"_s; // a DaemonPreset name or a custom template with {properties}
    QString javaClasspath;
    QString credentialsProvider = u"DefaultAWSCredentialsProviderChain"_s;
    QString workerId;
    QString storePath; // embedded daemon store (qmldStore); empty = default
    // A processor plugin (a .so) run next to the console's inspector, and its argument.
    QString processorPlugin;
    QString processorArgument;

    // Every other key of an imported file (KCL keys the console has no field
    // for, such as kinesisEndpoint or metricsLevel): kept, and handed to the daemon.
    qmld::JavaProperties otherProperties;

    enum class CheckpointMode { Off, EveryRecords, EverySeconds };
    CheckpointMode checkpointMode = CheckpointMode::EverySeconds;
    int checkpointEvery = 60;
    // The console's alert: a shard this far behind the tip or more is marked
    // and raises a desktop notification once per crossing; 0 is off.
    int lagAlertSeconds = 0;

    enum class Field {
        Name,
        ApplicationName,
        StreamName,
        Region,
        InitialPosition,
        AtTimestamp,
        MaxRecords,
        IdleTime,
        FailoverTime,
        Daemon,
        JavaClasspath,
        CredentialsProvider,
        WorkerId,
        StorePath,
        ProcessorPlugin,
        CheckpointEvery,
        LagAlert
    };

    // One translated message per bad field, e.g.
    // "maxRecords must be between 1 and 10000, not 0". Empty when valid.
    // `takenNames` are the names of the other configured streams.
    QMap<Field, QString> validate(const QStringList &takenNames = {}) const;

    // Whether the daemon is qmld's own (streams and leases in the embedded store).
    bool runsEmbedded() const;

    // KCL keys: applicationName, streamName, regionName, initialPositionInStream
    // (+ initialPositionInStreamExtended/timestampAtInitialPositionInStream for
    // AT_TIMESTAMP), maxRecords, idleTimeBetweenReadsInMillis, failoverTimeMillis,
    // AWSCredentialsProvider, workerId, qmldStore when set, the
    // executableName placeholder "qmld-connect", then otherProperties.
    qmld::JavaProperties toProperties() const;

    // Import. On failure returns nullopt; *error names the file, line and key.
    static std::optional<StreamSettings> fromProperties(const qmld::JavaProperties &properties, QString *error);
};

// The QSettings array "streams".
QList<StreamSettings> loadStreamSettings(QSettings &settings);
void saveStreamSettings(QSettings &settings, const QList<StreamSettings> &streams);

} // namespace qmld::ui

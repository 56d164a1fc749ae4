#include "StreamSettings.h"

#include <qmld/DaemonPreset.h>
#include <qmld/KclApplication.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace qmld::ui {

namespace {

using Field = StreamSettings::Field;
using Mode = StreamSettings::CheckpointMode;

// qmld's own keys: the KCL and qmld-daemon ignore them; they let an exported
// file come back with the console's settings.
constexpr QStringView kConsoleNameKey = u"qmldConsoleName";
constexpr QStringView kDaemonKey = u"qmldDaemon";
constexpr QStringView kClasspathKey = u"qmldJavaClasspath";
constexpr QStringView kCheckpointKey = u"qmldCheckpointPolicy";
constexpr QStringView kPluginKey = u"qmldProcessorPlugin";
constexpr QStringView kPluginArgumentKey = u"qmldProcessorArgument";

QString modeName(Mode mode)
{
    switch (mode) {
    case Mode::Off: return u"off"_s;
    case Mode::EveryRecords: return u"records"_s;
    case Mode::EverySeconds: return u"seconds"_s;
    }
    return u"seconds"_s;
}

std::optional<Mode> modeFromName(QStringView name)
{
    if (name == u"off")
        return Mode::Off;
    if (name == u"records")
        return Mode::EveryRecords;
    if (name == u"seconds")
        return Mode::EverySeconds;
    return std::nullopt;
}

bool isKclPreset(const QString &daemon)
{
    const auto preset = DaemonPreset::fromString(daemon);
    return preset && preset->kind() != DaemonPreset::Kind::Embedded && preset->kind() != DaemonPreset::Kind::Custom;
}

// The field where the console edits a KCL key.
std::optional<Field> fieldOfKey(QStringView key)
{
    static const QHash<QString, Field> fields{
        {u"applicationName"_s, Field::ApplicationName},
        {u"streamName"_s, Field::StreamName},
        {u"streamArn"_s, Field::StreamName},
        {u"regionName"_s, Field::Region},
        {u"initialPositionInStream"_s, Field::InitialPosition},
        {u"initialPositionInStreamExtended"_s, Field::AtTimestamp},
        {u"timestampAtInitialPositionInStream"_s, Field::AtTimestamp},
        {u"maxRecords"_s, Field::MaxRecords},
        {u"idleTimeBetweenReadsInMillis"_s, Field::IdleTime},
        {u"failoverTimeMillis"_s, Field::FailoverTime},
        {u"AWSCredentialsProvider"_s, Field::CredentialsProvider},
        {u"workerId"_s, Field::WorkerId},
        {u"qmldStore"_s, Field::StorePath},
    };
    const auto found = fields.constFind(key.toString());
    return found == fields.cend() ? std::nullopt : std::optional<Field>(*found);
}

// Keys toProperties() writes only for some values of the fields: never kept as other properties.
bool isEditedKey(QStringView key)
{
    return key == u"streamName" || key == u"streamArn" || key == u"regionName" || key == u"workerId"
        || key == u"qmldStore" || key == u"initialPositionInStreamExtended"
        || key == u"timestampAtInitialPositionInStream" || key == kDaemonKey || key == kClasspathKey
        || key == kPluginKey || key == kPluginArgumentKey || key == kConsoleNameKey || key == u"AwsCredentialsProvider";
}

bool isArn(const QString &text)
{
    return text.startsWith(u"arn:"_s);
}

} // namespace

QMap<Field, QString> StreamSettings::validate(const QStringList &takenNames) const
{
    QMap<Field, QString> errors;
    const auto hasSpace = [](const QString &text) { return text.contains(QRegularExpression(u"\\s"_s)); };

    if (name.trimmed().isEmpty())
        errors[Field::Name] = tr("the stream needs a name");
    else if (takenNames.contains(name.trimmed(), Qt::CaseInsensitive))
        errors[Field::Name] = tr("another stream is already called \"%1\"").arg(name.trimmed());

    static const QRegularExpression applicationPattern(u"^[A-Za-z0-9_.-]{1,255}$"_s);
    if (applicationName.isEmpty())
        errors[Field::ApplicationName] = tr("applicationName is required");
    else if (!applicationPattern.match(applicationName).hasMatch())
        errors[Field::ApplicationName] =
            tr("applicationName may hold only letters, digits, '_', '-' and '.' (it names the lease table)");

    static const QRegularExpression streamPattern(u"^[A-Za-z0-9_.-]{1,128}$"_s);
    static const QRegularExpression arnPattern(u"^arn:aws[a-z-]*:(kinesis|dynamodb):[a-z0-9-]+:\\d{12}:\\S+$"_s);
    if (streamName.isEmpty())
        errors[Field::StreamName] = tr("streamName is required (a stream name or ARN)");
    else if (isArn(streamName) ? !arnPattern.match(streamName).hasMatch() : !streamPattern.match(streamName).hasMatch())
        errors[Field::StreamName] = isArn(streamName)
            ? tr("\"%1\" is not a Kinesis or DynamoDB stream ARN").arg(streamName)
            : tr("a stream name holds 1 to 128 letters, digits, '_', '-' or '.'");

    // The embedded daemon's streams live in a local store (the demo says
    // "local"): the region does not apply there.
    static const QRegularExpression regionPattern(u"^[a-z]{2}(-[a-z]+)+-\\d+$"_s);
    if (runsEmbedded()) {
        // nothing to check
    } else if (region.isEmpty()) {
        if (isKclPreset(daemon) && !isArn(streamName))
            errors[Field::Region] = tr("regionName is required for the KCL daemons");
    } else if (!regionPattern.match(region).hasMatch()) {
        errors[Field::Region] = tr("\"%1\" is not an AWS region such as us-east-1").arg(region);
    }

    // The KCL keys' own rules, as qmld run and qmld-daemon apply them.
    const auto application = KclApplication::fromProperties(toProperties());
    if (const auto *problems = std::get_if<KclApplication::Problems>(&application)) {
        for (const KclApplication::Problem &problem : *problems) {
            if (const auto field = fieldOfKey(problem.key); field && !errors.contains(*field))
                errors[*field] = problem.what;
        }
    }
    if (initialPosition == u"AT_TIMESTAMP"_s && atTimestampMs <= 0)
        errors[Field::AtTimestamp] = tr("AT_TIMESTAMP needs a time after 1970-01-01");

    if (checkpointMode != CheckpointMode::Off && checkpointEvery < 1)
        errors[Field::CheckpointEvery] = tr("the checkpoint interval must be at least 1, not %1").arg(checkpointEvery);
    if (lagAlertSeconds < 0 || lagAlertSeconds > 7 * 24 * 3600)
        errors[Field::LagAlert] = tr("the lag alert must be between 0 (off) and %1 s, not %2").arg(7 * 24 * 3600).arg(lagAlertSeconds);

    QString daemonError;
    if (daemon.trimmed().isEmpty())
        errors[Field::Daemon] = tr("choose a daemon preset or enter a command with {properties}");
    else if (!DaemonPreset::fromString(daemon, &daemonError))
        errors[Field::Daemon] = daemonError;

    if (javaClasspath.contains(u'\n'))
        errors[Field::JavaClasspath] = tr("the Java classpath must be one line");

    if (credentialsProvider.isEmpty())
        errors[Field::CredentialsProvider] = tr("AWSCredentialsProvider is required");
    else if (hasSpace(credentialsProvider))
        errors[Field::CredentialsProvider] = tr("AWSCredentialsProvider is a class name; it holds no spaces");

    if (workerId != workerId.trimmed() || workerId.contains(u'\n'))
        errors[Field::WorkerId] = tr("workerId must not start or end with spaces");

    if (!storePath.isEmpty()) {
        const QFileInfo info(storePath);
        if (info.isDir())
            errors[Field::StorePath] = tr("qmldStore is a file, and %1 is a folder").arg(storePath);
        else if (!info.absoluteDir().exists())
            errors[Field::StorePath] = tr("the folder %1 does not exist").arg(info.absolutePath());
    }
    if (!processorPlugin.isEmpty() && !QFileInfo(processorPlugin).isFile())
        errors[Field::ProcessorPlugin] = tr("the processor plugin %1 does not exist").arg(processorPlugin);
    return errors;
}

bool StreamSettings::runsEmbedded() const
{
    const auto preset = DaemonPreset::fromString(daemon);
    return preset && preset->kind() == DaemonPreset::Kind::Embedded;
}

JavaProperties StreamSettings::toProperties() const
{
    JavaProperties p;
    p.set(u"executableName"_s, u"qmld-connect"_s);
    p.set(u"applicationName"_s, applicationName);
    p.set(isArn(streamName) ? u"streamArn"_s : u"streamName"_s, streamName);
    if (!region.isEmpty())
        p.set(u"regionName"_s, region);
    p.set(u"initialPositionInStream"_s, initialPosition);
    if (initialPosition == u"AT_TIMESTAMP"_s) {
        // Epoch seconds: the v2+ key and the v1 spelling.
        const QString seconds = QString::number(double(atTimestampMs) / 1000.0, 'f', atTimestampMs % 1000 ? 3 : 0);
        p.set(u"initialPositionInStreamExtended"_s, seconds);
        p.set(u"timestampAtInitialPositionInStream"_s, seconds);
    }
    p.set(u"maxRecords"_s, QString::number(maxRecords));
    p.set(u"idleTimeBetweenReadsInMillis"_s, QString::number(idleTimeBetweenReadsMillis));
    p.set(u"failoverTimeMillis"_s, QString::number(failoverTimeMillis));
    p.set(u"AWSCredentialsProvider"_s, credentialsProvider);
    if (!workerId.isEmpty())
        p.set(u"workerId"_s, workerId);
    if (!storePath.isEmpty())
        p.set(u"qmldStore"_s, storePath);

    if (!name.isEmpty())
        p.set(kConsoleNameKey.toString(), name);
    if (!runsEmbedded())
        p.set(kDaemonKey.toString(), daemon);
    if (!javaClasspath.isEmpty())
        p.set(kClasspathKey.toString(), javaClasspath);
    p.set(kCheckpointKey.toString(), modeName(checkpointMode) + u':' + QString::number(checkpointEvery));
    if (!processorPlugin.isEmpty()) {
        p.set(kPluginKey.toString(), processorPlugin);
        p.set(kPluginArgumentKey.toString(), processorArgument);
    }
    for (const JavaProperties::Entry &entry : otherProperties.entries()) {
        if (!p.contains(entry.key))
            p.set(entry.key, entry.value);
    }
    return p;
}

std::optional<StreamSettings> StreamSettings::fromProperties(const JavaProperties &properties, QString *error)
{
    const auto fail = [&](const QString &message) -> std::optional<StreamSettings> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const auto badValue = [&](QStringView key, const QString &expected) {
        return tr("%1: %2 = \"%3\" is not %4")
            .arg(properties.location(key), key, properties.value(key), expected);
    };

    const bool hasStream = properties.contains(u"streamName") || properties.contains(u"streamArn");
    if (!properties.contains(u"applicationName") && !hasStream) {
        const QString source = properties.sourceName().isEmpty() ? tr("<properties>") : properties.sourceName();
        return fail(tr("%1: not a KCL properties file (neither applicationName nor streamName is set)").arg(source));
    }

    StreamSettings s;
    s.name = properties.value(kConsoleNameKey);
    s.applicationName = properties.value(u"applicationName").trimmed();
    s.streamName = properties.value(u"streamArn").trimmed();
    if (s.streamName.isEmpty())
        s.streamName = properties.value(u"streamName").trimmed();
    s.region = properties.value(u"regionName").trimmed();
    s.credentialsProvider = properties.value(u"AWSCredentialsProvider", s.credentialsProvider).trimmed();
    s.workerId = properties.value(u"workerId");
    s.storePath = properties.value(u"qmldStore").trimmed();
    s.daemon = properties.value(kDaemonKey, s.daemon).trimmed();
    s.javaClasspath = properties.value(kClasspathKey).trimmed();
    s.processorPlugin = properties.value(kPluginKey).trimmed();
    s.processorArgument = properties.value(kPluginArgumentKey);

    // Values the KCL would refuse are refused here too, naming file:line.
    const auto application = KclApplication::fromProperties(properties);
    if (const auto *problems = std::get_if<KclApplication::Problems>(&application))
        return fail(problems->constFirst().message());
    const KclApplication &app = std::get<KclApplication>(application);
    s.initialPosition = app.initialPosition.toString();
    s.atTimestampMs = app.atTimestampMs.value_or(0);
    s.maxRecords = app.maxRecords;
    s.idleTimeBetweenReadsMillis = int(std::min<qint64>(app.idleTimeBetweenReads.count(), std::numeric_limits<int>::max()));
    s.failoverTimeMillis = int(std::min<qint64>(app.failoverTime.count(), std::numeric_limits<int>::max()));

    if (properties.contains(kCheckpointKey)) {
        const QString policy = properties.value(kCheckpointKey).trimmed();
        const auto mode = modeFromName(policy.section(u':', 0, 0));
        bool ok = false;
        const int every = policy.section(u':', 1).toInt(&ok);
        if (!mode || !ok)
            return fail(badValue(kCheckpointKey, tr("off, records:N or seconds:N")));
        s.checkpointMode = *mode;
        s.checkpointEvery = every;
    }
    const JavaProperties edited = s.toProperties();
    for (const JavaProperties::Entry &entry : properties.entries()) {
        if (!edited.contains(entry.key) && !isEditedKey(entry.key))
            s.otherProperties.set(entry.key, entry.value);
    }
    return s;
}

QList<StreamSettings> loadStreamSettings(QSettings &settings)
{
    QList<StreamSettings> streams;
    const int count = settings.beginReadArray(u"streams"_s);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        StreamSettings s;
        const auto text = [&](const QString &key, const QString &fallback) {
            return settings.value(key, fallback).toString();
        };
        const auto number = [&](const QString &key, auto fallback) {
            return settings.value(key, fallback).template value<decltype(fallback)>();
        };
        s.name = text(u"name"_s, s.name);
        s.applicationName = text(u"applicationName"_s, s.applicationName);
        s.streamName = text(u"streamName"_s, s.streamName);
        s.region = text(u"region"_s, s.region);
        s.initialPosition = text(u"initialPosition"_s, s.initialPosition);
        s.atTimestampMs = number(u"atTimestampMs"_s, s.atTimestampMs);
        s.maxRecords = number(u"maxRecords"_s, s.maxRecords);
        s.idleTimeBetweenReadsMillis = number(u"idleTimeBetweenReadsMillis"_s, s.idleTimeBetweenReadsMillis);
        s.failoverTimeMillis = number(u"failoverTimeMillis"_s, s.failoverTimeMillis);
        s.daemon = text(u"daemon"_s, s.daemon);
        s.javaClasspath = text(u"javaClasspath"_s, s.javaClasspath);
        s.credentialsProvider = text(u"credentialsProvider"_s, s.credentialsProvider);
        s.workerId = text(u"workerId"_s, s.workerId);
        s.storePath = text(u"storePath"_s, s.storePath);
        s.processorPlugin = text(u"processorPlugin"_s, s.processorPlugin);
        s.processorArgument = text(u"processorArgument"_s, s.processorArgument);
        s.checkpointMode = modeFromName(text(u"checkpointMode"_s, modeName(s.checkpointMode))).value_or(s.checkpointMode);
        s.checkpointEvery = number(u"checkpointEvery"_s, s.checkpointEvery);
        if (const auto other = JavaProperties::parse(settings.value(u"otherProperties"_s).toByteArray()))
            s.otherProperties = *other;
        s.lagAlertSeconds = number(u"lagAlertSeconds"_s, s.lagAlertSeconds);
        streams.append(s);
    }
    settings.endArray();
    return streams;
}

void saveStreamSettings(QSettings &settings, const QList<StreamSettings> &streams)
{
    settings.remove(u"streams"_s); // drop entries beyond the new count
    settings.beginWriteArray(u"streams"_s, int(streams.size()));
    for (int i = 0; i < streams.size(); ++i) {
        settings.setArrayIndex(i);
        const StreamSettings &s = streams[i];
        settings.setValue(u"name"_s, s.name);
        settings.setValue(u"applicationName"_s, s.applicationName);
        settings.setValue(u"streamName"_s, s.streamName);
        settings.setValue(u"region"_s, s.region);
        settings.setValue(u"initialPosition"_s, s.initialPosition);
        settings.setValue(u"atTimestampMs"_s, s.atTimestampMs);
        settings.setValue(u"maxRecords"_s, s.maxRecords);
        settings.setValue(u"idleTimeBetweenReadsMillis"_s, s.idleTimeBetweenReadsMillis);
        settings.setValue(u"failoverTimeMillis"_s, s.failoverTimeMillis);
        settings.setValue(u"daemon"_s, s.daemon);
        settings.setValue(u"javaClasspath"_s, s.javaClasspath);
        settings.setValue(u"credentialsProvider"_s, s.credentialsProvider);
        settings.setValue(u"workerId"_s, s.workerId);
        settings.setValue(u"storePath"_s, s.storePath);
        settings.setValue(u"processorPlugin"_s, s.processorPlugin);
        settings.setValue(u"processorArgument"_s, s.processorArgument);
        settings.setValue(u"checkpointMode"_s, modeName(s.checkpointMode));
        settings.setValue(u"checkpointEvery"_s, s.checkpointEvery);
        if (s.otherProperties.isEmpty())
            settings.remove(u"otherProperties"_s);
        else
            settings.setValue(u"otherProperties"_s, s.otherProperties.toByteArray());
        settings.setValue(u"lagAlertSeconds"_s, s.lagAlertSeconds);
    }
    settings.endArray();
}

} // namespace qmld::ui

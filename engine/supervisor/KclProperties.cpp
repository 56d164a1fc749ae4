#include <qmld/KclProperties.h>

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace qmld {

namespace {

struct IntegerKey
{
    QStringView key;
    qint64 minimum;
    qint64 maximum;
};

constexpr qint64 IntMax = std::numeric_limits<qint32>::max();
constexpr qint64 LongMax = std::numeric_limits<qint64>::max();

// Ranges as the KCL checks them (v1 rejects non-positive intervals and counts).
constexpr IntegerKey IntegerKeys[] = {
    {u"failoverTimeMillis", 1, LongMax},
    {u"maxRecords", 1, 10000},
    {u"idleTimeBetweenReadsInMillis", 1, LongMax},
    {u"shardSyncIntervalMillis", 1, LongMax},
    {u"maxLeasesForWorker", 1, IntMax},
    {u"maxLeasesToStealAtOneTime", 1, IntMax},
    {u"timeoutInSeconds", 1, IntMax},
    {u"shutdownGraceMillis", 0, LongMax},
    {u"parentShardPollIntervalMillis", 1, LongMax},
    // Epoch seconds of an AT_TIMESTAMP start (v2+ and v1 spelling).
    {u"initialPositionInStreamExtended", 0, LongMax},
    {u"timestampAtInitialPositionInStream", 0, LongMax},
};

constexpr QStringView BooleanKeys[] = {
    u"callProcessRecordsEvenForEmptyRecordList",
    u"cleanupLeasesUponShardCompletion",
    u"ignoreUnexpectedChildShards",
    u"skipShardSyncAtWorkerInitializationIfLeasesExist",
    u"skipShardSyncAtStartupIfLeasesExist",
    u"validateSequenceNumberBeforeCheckpointing",
    u"isGracefulLeaseHandoffEnabled",
    u"disableWorkerMetrics",
    u"allowThroughputOvershoot",
};

constexpr QStringView InitialPositions[] = {
    u"TRIM_HORIZON",
    u"LATEST",
    u"AT_TIMESTAMP",
};

QString sourceOf(const JavaProperties &properties)
{
    return properties.sourceName().isEmpty() ? QCoreApplication::translate("qmld::KclProperties", "<properties>")
                                             : properties.sourceName();
}

} // namespace

QStringList validateKclProperties(const JavaProperties &properties)
{
    QStringList problems;
    const auto present = [&](QStringView key) { return !properties.value(key).trimmed().isEmpty(); };

    if (!present(u"applicationName"))
        problems.append(QCoreApplication::translate("qmld::KclProperties", "%1: missing required key applicationName")
                            .arg(sourceOf(properties)));
    if (!present(u"streamName") && !present(u"streamArn"))
        problems.append(QCoreApplication::translate("qmld::KclProperties",
                                                    "%1: missing required key streamName (or streamArn)")
                            .arg(sourceOf(properties)));

    // Java trims nothing, but the daemon's number and enum converters do.
    for (const IntegerKey &rule : IntegerKeys) {
        if (!properties.contains(rule.key))
            continue;
        const QString value = properties.value(rule.key);
        bool ok = false;
        const qint64 number = value.trimmed().toLongLong(&ok);
        if (!ok || number < rule.minimum || number > rule.maximum) {
            const QString range = rule.maximum == LongMax || rule.maximum == IntMax
                ? QCoreApplication::translate("qmld::KclProperties", "a whole number of at least %1").arg(rule.minimum)
                : QCoreApplication::translate("qmld::KclProperties", "a whole number from %1 to %2")
                      .arg(rule.minimum).arg(rule.maximum);
            problems.append(QCoreApplication::translate("qmld::KclProperties", "%1: %2 = '%3' is not %4")
                                .arg(properties.location(rule.key), rule.key, value, range));
        }
    }

    if (properties.contains(u"initialPositionInStream")) {
        const QString value = properties.value(u"initialPositionInStream");
        const QString trimmed = value.trimmed();
        if (std::none_of(std::begin(InitialPositions), std::end(InitialPositions),
                         [&](QStringView allowed) { return trimmed == allowed; })) {
            problems.append(QCoreApplication::translate("qmld::KclProperties",
                                                        "%1: initialPositionInStream = '%2' is not one of TRIM_HORIZON, LATEST, AT_TIMESTAMP")
                                .arg(properties.location(u"initialPositionInStream"), value));
        }
    }

    for (const QStringView key : BooleanKeys) {
        if (!properties.contains(key))
            continue;
        const QString value = properties.value(key);
        const QString trimmed = value.trimmed();
        if (trimmed.compare(u"true", Qt::CaseInsensitive) != 0 && trimmed.compare(u"false", Qt::CaseInsensitive) != 0)
            problems.append(QCoreApplication::translate("qmld::KclProperties", "%1: %2 = '%3' is not true or false")
                                .arg(properties.location(key), key, value));
    }
    return problems;
}

} // namespace qmld

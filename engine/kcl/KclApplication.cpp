#include <qmld/KclApplication.h>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

constexpr std::int64_t IntMax = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t LongMax = std::numeric_limits<std::int64_t>::max();

// Reads typed values from the properties, keeping the first problem of each key.
class Reader
{
public:
    explicit Reader(const JavaProperties &properties) : m_properties(properties) {}

    KclApplication::Problems problems;

    // Java trims nothing, but the daemon's converters do, and so do we.
    QString text(QStringView key) const { return m_properties.value(key).trimmed(); }

    // The first of `keys` that is set and not blank.
    QString firstOf(std::initializer_list<QStringView> keys) const
    {
        for (QStringView key : keys) {
            if (const QString value = text(key); !value.isEmpty())
                return value;
        }
        return {};
    }

    QString required(QStringView key, QStringView alternative = {})
    {
        QString value = alternative.isEmpty() ? QString() : text(alternative);
        if (value.isEmpty())
            value = text(key);
        if (!value.isEmpty())
            return value;
        const QString name = alternative.isEmpty()
            ? key.toString()
            : KclApplication::tr("%1 (or %2)").arg(key.toString(), alternative.toString());
        if (m_properties.contains(key))
            add(key, m_properties.location(key), KclApplication::tr("the required key %1 is empty").arg(name));
        else
            add(key, source(), KclApplication::tr("the required key %1 is missing").arg(name));
        return {};
    }

    std::int64_t integer(QStringView key, std::int64_t fallback, std::int64_t minimum, std::int64_t maximum = IntMax)
    {
        if (!m_properties.contains(key))
            return fallback;
        bool ok = false;
        const std::int64_t number = text(key).toLongLong(&ok);
        if (ok && number >= minimum && number <= maximum)
            return number;
        fail(key, maximum == IntMax || maximum == LongMax
                      ? KclApplication::tr("a whole number of at least %1").arg(minimum)
                      : KclApplication::tr("a whole number from %1 to %2").arg(minimum).arg(maximum));
        return fallback;
    }

    bool boolean(QStringView key, bool fallback)
    {
        if (!m_properties.contains(key))
            return fallback;
        // The spellings the Java daemon's boolean converter (Commons BeanUtils) accepts.
        static const QStringList yes = {u"true"_s, u"yes"_s, u"y"_s, u"on"_s, u"1"_s};
        static const QStringList no = {u"false"_s, u"no"_s, u"n"_s, u"off"_s, u"0"_s};
        const QString value = text(key);
        if (yes.contains(value, Qt::CaseInsensitive))
            return true;
        if (no.contains(value, Qt::CaseInsensitive))
            return false;
        fail(key, KclApplication::tr("true or false"));
        return fallback;
    }

    // One of `allowed`, compared without case as Java's enum converters do; empty when unset.
    QString oneOf(QStringView key, const QStringList &allowed)
    {
        if (!m_properties.contains(key))
            return {};
        const QString value = text(key);
        for (const QString &choice : allowed) {
            if (value.compare(choice, Qt::CaseInsensitive) == 0)
                return choice;
        }
        fail(key, KclApplication::tr("one of %1").arg(allowed.join(u", "_s)));
        return {};
    }

    // Epoch seconds (a fraction allowed) as epoch milliseconds.
    std::optional<std::int64_t> epochSeconds(QStringView key)
    {
        if (!m_properties.contains(key))
            return std::nullopt;
        bool ok = false;
        const double seconds = text(key).toDouble(&ok);
        if (ok && std::isfinite(seconds) && seconds >= 0 && seconds <= 1e13)
            return std::llround(seconds * 1000.0);
        fail(key, KclApplication::tr("a time in seconds since the epoch"));
        return std::nullopt;
    }

    void fail(QStringView key, const QString &expected)
    {
        add(key, m_properties.location(key),
            KclApplication::tr("%1 = '%2' is not valid: expected %3").arg(key.toString(), m_properties.value(key), expected));
    }

    void add(QStringView key, const QString &where, const QString &what)
    {
        for (const KclApplication::Problem &problem : problems) {
            if (problem.key == key)
                return;
        }
        problems.append({key.toString(), where, what});
    }

    QString source() const
    {
        return m_properties.sourceName().isEmpty() ? KclApplication::tr("<properties>") : m_properties.sourceName();
    }

private:
    const JavaProperties &m_properties;
};

} // namespace

std::variant<KclApplication, KclApplication::Problems> KclApplication::fromProperties(const JavaProperties &properties)
{
    Reader read(properties);
    KclApplication app;
    app.properties = properties;

    app.applicationName = read.required(u"applicationName");
    app.streamName = read.required(u"streamName", u"streamArn");
    app.leaseTableName = read.firstOf({u"tableName", u"leaseTableName"});
    if (app.leaseTableName.isEmpty())
        app.leaseTableName = app.applicationName;
    app.regionName = read.text(u"regionName");
    app.kinesisEndpoint = read.text(u"kinesisEndpoint");
    app.dynamoDBEndpoint = read.text(u"dynamoDBEndpoint");
    app.credentialsProvider = read.firstOf({u"AWSCredentialsProvider", u"AwsCredentialsProvider"});
    app.workerId = read.text(u"workerId");
    app.qmldStore = read.text(u"qmldStore");
    app.retrievalMode = read.oneOf(u"retrievalMode", {u"POLLING"_s, u"FANOUT"_s, u"DEFAULT"_s});
    app.metricsLevel = read.oneOf(u"metricsLevel", {u"NONE"_s, u"SUMMARY"_s, u"DETAILED"_s});

    if (properties.contains(u"initialPositionInStream")) {
        const QString position = read.text(u"initialPositionInStream");
        if (position == u"TRIM_HORIZON"_s)
            app.initialPosition = SequenceNumber::trimHorizon();
        else if (position == u"LATEST"_s)
            app.initialPosition = SequenceNumber::latest();
        else if (position == u"AT_TIMESTAMP"_s)
            app.initialPosition = SequenceNumber::atTimestamp();
        else
            read.fail(u"initialPositionInStream", tr("TRIM_HORIZON, LATEST or AT_TIMESTAMP"));
    }
    // The v2+ key, else the v1 spelling; either implies AT_TIMESTAMP.
    app.atTimestampMs = read.epochSeconds(u"initialPositionInStreamExtended");
    if (!app.atTimestampMs)
        app.atTimestampMs = read.epochSeconds(u"timestampAtInitialPositionInStream");
    if (app.atTimestampMs) {
        app.initialPosition = SequenceNumber::atTimestamp();
    } else if (app.initialPosition.kind() == SequenceNumber::Kind::AtTimestamp) {
        read.add(u"initialPositionInStream", properties.location(u"initialPositionInStream"),
                 tr("initialPositionInStream = AT_TIMESTAMP needs initialPositionInStreamExtended (epoch seconds)"));
    }

    app.maxRecords = int(read.integer(u"maxRecords", app.maxRecords, 1, 10000));
    app.idleTimeBetweenReads =
        std::chrono::milliseconds(read.integer(u"idleTimeBetweenReadsInMillis", 1500, 1, LongMax));
    app.callProcessRecordsEvenForEmptyRecordList = read.boolean(u"callProcessRecordsEvenForEmptyRecordList", false);
    app.failoverTime =
        std::chrono::milliseconds(read.integer(u"failoverTimeMillis", 10000, kMinimumFailoverMillis, LongMax));
    app.maxLeasesForWorker = int(read.integer(u"maxLeasesForWorker", app.maxLeasesForWorker, 1));
    app.maxLeasesToStealAtOneTime = int(read.integer(u"maxLeasesToStealAtOneTime", 1, 1));
    app.shardSyncInterval = std::chrono::milliseconds(read.integer(u"shardSyncIntervalMillis", 60000, 1, LongMax));
    app.parentShardPollInterval =
        std::chrono::milliseconds(read.integer(u"parentShardPollIntervalMillis", 10000, 1, LongMax));
    app.cleanupLeasesUponShardCompletion = read.boolean(u"cleanupLeasesUponShardCompletion", true);
    if (properties.contains(u"timeoutInSeconds"))
        app.timeout = std::chrono::seconds(read.integer(u"timeoutInSeconds", 0, 1));
    app.shutdownGrace = std::chrono::milliseconds(read.integer(u"shutdownGraceMillis", 0, 0, LongMax));

    for (QStringView key : {u"ignoreUnexpectedChildShards", u"skipShardSyncAtWorkerInitializationIfLeasesExist",
                            u"skipShardSyncAtStartupIfLeasesExist", u"validateSequenceNumberBeforeCheckpointing",
                            u"isGracefulLeaseHandoffEnabled", u"disableWorkerMetrics", u"allowThroughputOvershoot"})
        read.boolean(key, false);

    if (!read.problems.isEmpty())
        return read.problems;
    return app;
}

QStringList KclApplication::messages(const Problems &problems)
{
    QStringList lines;
    for (const Problem &problem : problems)
        lines.append(problem.message());
    return lines;
}

} // namespace qmld

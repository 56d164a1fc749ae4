#pragma once

#include <qmld/JavaProperties.h>
#include <qmld/SequenceNumber.h>

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <optional>
#include <variant>

namespace qmld {

// A KCL application as its .properties file describes it: read and checked in
// this one place, with the KCL's key names, defaults and ranges, for `qmld run`,
// qmld-daemon and the console alike (docs/protocol.md, the properties table).
// Keys it does not know are kept in `properties` and go to the daemon as they are.
class KclApplication
{
    Q_DECLARE_TR_FUNCTIONS(KclApplication)
public:
    // One bad or missing key.
    struct Problem
    {
        QString key;
        QString where; // file:line, or the file when the key is missing
        QString what;  // names the key and the value, and what it should be
        QString message() const { return where + u": " + what; }
    };
    using Problems = QList<Problem>;

    static std::variant<KclApplication, Problems> fromProperties(const JavaProperties &properties);
    // The messages of `problems`, one line each.
    static QStringList messages(const Problems &problems);

    // The smallest failoverTimeMillis: a lease is renewed every failoverTimeMillis/3 - 25 ms.
    static constexpr std::int64_t kMinimumFailoverMillis = 100;

    JavaProperties properties; // every key as read, unknown ones included

    QString applicationName;
    QString leaseTableName; // tableName (or leaseTableName), else applicationName
    QString streamName;     // streamArn when set (it wins, as in KCL 2.x), else streamName
    QString regionName;
    QString kinesisEndpoint;
    QString dynamoDBEndpoint;
    QString credentialsProvider; // AWSCredentialsProvider / AwsCredentialsProvider
    QString workerId;            // empty: the daemon makes one up
    QString retrievalMode;       // POLLING, FANOUT, or empty: the daemon's default
    QString metricsLevel;        // NONE, SUMMARY, DETAILED, or empty
    QString qmldStore;           // the embedded store's path as written; empty: $QMLD_STORE or the default

    SequenceNumber initialPosition = SequenceNumber::latest(); // TRIM_HORIZON, LATEST or AT_TIMESTAMP
    std::optional<std::int64_t> atTimestampMs;                  // with AT_TIMESTAMP

    int maxRecords = 10000;
    std::chrono::milliseconds idleTimeBetweenReads{1500};
    bool callProcessRecordsEvenForEmptyRecordList = false;
    std::chrono::milliseconds failoverTime{10000};
    int maxLeasesForWorker = 2147483647;
    int maxLeasesToStealAtOneTime = 1;
    std::chrono::milliseconds shardSyncInterval{60000};
    std::chrono::milliseconds parentShardPollInterval{10000};
    bool cleanupLeasesUponShardCompletion = true;
    std::optional<std::chrono::seconds> timeout; // timeoutInSeconds; unset: wait forever
    std::chrono::milliseconds shutdownGrace{0};
};

} // namespace qmld

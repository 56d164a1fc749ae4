#pragma once

#include <qmld/LeaseReset.h>
#include <qmld/LeaseTable.h>

#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace qmld {

// Where a KCL application's lease table lives in AWS: what picks the region,
// endpoints and credentials, never the credentials themselves (the AWS SDKs'
// default chain resolves them when the table is opened).
struct AwsLeaseLocation
{
    QString profile; // empty: AWS_PROFILE, else "default"
    QString region;  // empty: AWS_REGION, AWS_DEFAULT_REGION, the profile
    // Empty: AWS_ENDPOINT_URL_DYNAMODB / _KINESIS, AWS_ENDPOINT_URL, the
    // profile, else the region's. The per-service variables override these,
    // as they override --endpoint-url.
    QUrl dynamoDbEndpoint;
    QUrl kinesisEndpoint;

    friend bool operator==(const AwsLeaseLocation &, const AwsLeaseLocation &) = default;
};

// Where a stream's KCL lease table can be read: the embedded store file and
// the table (the application's tableName, else its applicationName), or that
// table in DynamoDB.
struct LeaseSource
{
    QString storePath;
    QString tableName;
    // A scan of the whole table every pollInterval (DynamoDB: never more
    // often than kMinimumAwsPollInterval; it is someone's production table).
    std::chrono::milliseconds pollInterval{2000};
    // KCL's failoverTimeMillis: a lease whose counter has not changed for
    // longer is shown as expired.
    std::chrono::milliseconds failoverTime{10000};
    // Set: the table is in DynamoDB, and storePath is not used.
    std::optional<AwsLeaseLocation> aws;
    // The application's stream, to tell how far each checkpoint is behind
    // the tip of its shard (from the store, or on Kinesis with a GetRecords
    // probe); empty: no lag from the lease table.
    QString streamName;
    // Kinesis: each shard's lag at most this often, every probe call under
    // lagCallsPerSecond (GetRecords is 5 a second per shard, shared with the
    // application's own consumers).
    std::chrono::milliseconds lagInterval{30000};
    double lagCallsPerSecond = 2.0;

    static constexpr std::chrono::milliseconds kMinimumAwsPollInterval{2000};

    bool inDynamoDb() const { return aws.has_value(); }
    // The poll interval this source is read at.
    std::chrono::milliseconds effectivePollInterval() const;
    // "table T in store /path" or "table T in DynamoDB (region, endpoint)", for messages.
    QString describe() const;
};

// Opens the lease table `source` names, on the calling thread (which must
// run an event loop for DynamoDB, whose calls wait on it).
StoreResult<LeaseTable> openLeaseTable(const LeaseSource &source,
                                       std::chrono::milliseconds busyTimeout = StreamStore::kDefaultBusyTimeout);

// LeaseReset::run on a thread of the global pool against the table `source`
// names, every target checked against the stream: in the embedded store, or
// on Kinesis as `qmld lease reset --aws` does (a time becomes the last record
// before it; without source.streamName only TRIM_HORIZON and LATEST). `done`
// is called on `context`'s thread, or not at all when `context` is gone by then.
void startLeaseReset(QObject *context, const LeaseSource &source, LeaseResetRequest request,
                     std::function<void(const LeaseResetOutcome &)> done);

} // namespace qmld

#pragma once

// The Kinesis Data Streams calls qmld makes, typed, on AwsClient: every page
// of ListStreams and ListShards, GetShardIterator from any of the five
// positions, GetRecords with KPL aggregates unpacked by the engine's own
// code, PutRecords in batches of 500 with failed entries retried.

#include <qmld/aws/AwsClient.h>

#include <qmld/HashKey.h>
#include <qmld/StreamRecord.h>

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>

#include <optional>
#include <vector>

namespace qmld::aws {

template<typename T>
struct AwsResult
{
    T value{};
    AwsError error;
    bool ok() const { return !error.isError(); }
};

template<typename T>
using Callback = std::function<void(const AwsResult<T> &)>;

// For command-line tools and worker threads, never a UI thread: starts a call
// with a callback and runs this thread's event loop until it answered.
template<typename T, typename Start>
AwsResult<T> await(Start start)
{
    std::optional<AwsResult<T>> result;
    QEventLoop loop;
    start([&](const AwsResult<T> &value) {
        result = value;
        loop.quit();
    });
    if (!result)
        loop.exec();
    return *result;
}

// Where a shard iterator starts.
struct StartingPosition
{
    enum class Type { TrimHorizon, Latest, AtSequenceNumber, AfterSequenceNumber, AtTimestamp };
    Type type = Type::TrimHorizon;
    QString sequenceNumber;
    QDateTime timestamp;

    // TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ,
    // AT_TIMESTAMP:T with T in ISO 8601 or epoch milliseconds.
    static std::optional<StartingPosition> parse(const QString &text);
    QString typeName() const;
};

struct RecordsBatch
{
    std::vector<StreamRecord> records; // user records: aggregates unpacked
    int kinesisRecordCount = 0;        // records as Kinesis returned them
    QString nextIterator;              // empty: the shard is closed and read to its end
    qint64 millisBehindLatest = -1;
    QJsonArray childShards;            // at a closed shard's end
    QStringList warnings;              // malformed aggregates, dropped out-of-range ones
};

struct PutEntry
{
    QByteArray partitionKey;
    QByteArray data;
    QString explicitHashKey; // empty: from the partition key
};

struct PutOutcome
{
    QJsonArray results; // one {"SequenceNumber","ShardId"} or {"ErrorCode","ErrorMessage"} per entry, in order
    int failedRecordCount = 0; // still failed after the retries
    int calls = 0;
};

class KinesisClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxPutRecords = 500;

    explicit KinesisClient(AwsClient *client, QObject *parent = nullptr);
    AwsClient *client() const { return m_client; }
    // Entries asked per ListStreams / ListShards page (tests page with small ones).
    void setPageSize(int size) { m_pageSize = size; }

    // {"StreamNames": [...], "StreamSummaries": [...]} over every page.
    void listStreams(QObject *context, Callback<QJsonObject> done);
    // The StreamDescriptionSummary object.
    void describeStreamSummary(const QString &stream, QObject *context, Callback<QJsonObject> done);
    // Every shard, closed ones too, over every page.
    void listShards(const QString &stream, QObject *context, Callback<QJsonArray> done);
    void getShardIterator(const QString &stream, const QString &shardId, const StartingPosition &position,
                          QObject *context, Callback<QString> done);
    // `shardRange`: KCL's rule for aggregates with records of other shards (dropped whole).
    // `resource` names the shard in errors ("shardId-… of stream orders").
    void getRecords(const QString &iterator, int limit, const std::optional<HashKeyRange> &shardRange,
                    QObject *context, Callback<RecordsBatch> done, const QString &resource = {});
    void putRecords(const QString &stream, std::vector<PutEntry> entries, QObject *context, Callback<PutOutcome> done);

private:
    AwsClient *m_client;
    int m_pageSize = 100;
};

// A ListShards shard object's hash key range.
std::optional<HashKeyRange> shardHashRange(const QJsonObject &shard);

} // namespace qmld::aws

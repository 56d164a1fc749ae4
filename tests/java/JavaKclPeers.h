#pragma once

// What the Java daemon tests share: Kinesis and DynamoDB calls to kinesalite
// and dynalite (started by AwsEmulators), KPL aggregates from the npm
// aws-kinesis-agg, the KCL properties that point the Java daemon at the
// emulators, and reading the log processor's JSON lines.

#include "AwsEmulators.h"

#include <qmld/DaemonPreset.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTest>

namespace qmld::test {

// One JSON call; the emulators want an Authorization header but never check it.
inline QJsonObject awsCall(const QUrl &endpoint, const QByteArray &target, const QByteArray &contentType,
                           const QJsonObject &body, int *status = nullptr)
{
    QNetworkAccessManager network;
    QNetworkRequest request(endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("X-Amz-Target", target);
    request.setRawHeader("X-Amz-Date", "20260101T000000Z");
    request.setRawHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDFAKEQMLDTEST/20260101/us-east-1/x/aws4_request, "
                                          "SignedHeaders=host, Signature=00");
    request.setTransferTimeout(20000);
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

inline QJsonObject kinesis(const AwsEmulators &aws, const char *operation, const QJsonObject &body)
{
    return awsCall(aws.kinesisUrl(), QByteArray("Kinesis_20131202.") + operation, "application/x-amz-json-1.1", body);
}

inline QJsonObject dynamo(const AwsEmulators &aws, const char *operation, const QJsonObject &body)
{
    return awsCall(aws.dynamoUrl(), QByteArray("DynamoDB_20120810.") + operation, "application/x-amz-json-1.0", body);
}

struct PutRecord
{
    QString partitionKey;
    QByteArray data;
};

struct Put
{
    QString shardId;
    QString sequenceNumber;
};

// PutRecords in one call (at most 500); what Kinesis answered for each.
inline QList<Put> putRecords(const AwsEmulators &aws, const QString &stream, const QList<PutRecord> &records)
{
    QJsonArray entries;
    for (const PutRecord &record : records)
        entries.append(QJsonObject{{QStringLiteral("PartitionKey"), record.partitionKey},
                                   {QStringLiteral("Data"), QString::fromLatin1(record.data.toBase64())}});
    const QJsonObject reply = kinesis(aws, "PutRecords", {{QStringLiteral("StreamName"), stream}, {QStringLiteral("Records"), entries}});
    QList<Put> puts;
    for (const QJsonValue &entry : reply.value(QStringLiteral("Records")).toArray())
        puts.append({entry[QStringLiteral("ShardId")].toString(), entry[QStringLiteral("SequenceNumber")].toString()});
    return puts;
}

// One KPL aggregate of `records` made by the npm aws-kinesis-agg (tests/peers/node/kpl_agg.js).
inline QByteArray kplAggregate(const QList<PutRecord> &records)
{
    QJsonArray input;
    for (const PutRecord &record : records)
        input.append(QJsonObject{{QStringLiteral("partitionKey"), record.partitionKey},
                                 {QStringLiteral("data"), QString::fromLatin1(record.data.toBase64())}});
    QProcess node;
    node.start(QStringLiteral("node"), {QDir(qEnvironmentVariable("QMLD_NODE_PEERS")).filePath(QStringLiteral("kpl_agg.js")),
                                        QStringLiteral("aggregate")});
    node.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    if (!node.waitForFinished(30000) || node.exitCode() != 0) {
        node.kill();
        node.waitForFinished();
        return {};
    }
    return QByteArray::fromBase64(QJsonDocument::fromJson(node.readAllStandardOutput()).object().value(QStringLiteral("data")).toString().toLatin1());
}

// Whether the stream is ACTIVE within `timeoutMs`. kinesalite answers
// CreateStream and SplitShard at once and makes the change on a timer after
// its reply (the stream is CREATING or UPDATING until then), so a call made
// right after the reply may not see the new shards.
inline bool waitUntilActive(const AwsEmulators &aws, const QString &stream, int timeoutMs = 20000)
{
    return QTest::qWaitFor(
        [&] {
            return kinesis(aws, "DescribeStreamSummary", {{QStringLiteral("StreamName"), stream}})
                       .value(QStringLiteral("StreamDescriptionSummary"))
                       .toObject()
                       .value(QStringLiteral("StreamStatus"))
                       .toString()
                   == QLatin1StringView("ACTIVE");
        },
        timeoutMs);
}

inline QStringList shardIds(const AwsEmulators &aws, const QString &stream)
{
    QStringList ids;
    const QJsonObject reply = kinesis(aws, "ListShards", {{QStringLiteral("StreamName"), stream}});
    for (const QJsonValue &shard : reply.value(QStringLiteral("Shards")).toArray())
        ids.append(shard[QStringLiteral("ShardId")].toString());
    return ids;
}

struct LeaseRow
{
    QString owner;
    QString checkpoint;
    qint64 subSequence = 0;
    QStringList parents;
};

// The KCL lease table as dynalite holds it: leaseKey -> lease.
inline QMap<QString, LeaseRow> leaseTable(const AwsEmulators &aws, const QString &table)
{
    QMap<QString, LeaseRow> rows;
    const QJsonObject reply = dynamo(aws, "Scan", {{QStringLiteral("TableName"), table}, {QStringLiteral("ConsistentRead"), true}});
    for (const QJsonValue &item : reply.value(QStringLiteral("Items")).toArray()) {
        LeaseRow row;
        row.owner = item[QStringLiteral("leaseOwner")][QStringLiteral("S")].toString();
        row.checkpoint = item[QStringLiteral("checkpoint")][QStringLiteral("S")].toString();
        row.subSequence = item[QStringLiteral("checkpointSubSequenceNumber")][QStringLiteral("N")].toString().toLongLong();
        for (const QJsonValue &parent : item[QStringLiteral("parentShardId")][QStringLiteral("SS")].toArray())
            row.parents.append(parent.toString());
        rows.insert(item[QStringLiteral("leaseKey")][QStringLiteral("S")].toString(), row);
    }
    return rows;
}

// KCL 3.x creates the lease table's LeaseOwnerToLeaseKeyIndex with an
// UpdateTable that dynalite 4.0.0 rejects on a PAY_PER_REQUEST table ("1
// validation error detected: Value null at
// 'globalSecondaryIndexUpdates.1.member.create.provisionedThroughput'"); the
// 3.1.3 daemon has no property for the lease table's billing mode, so the
// table is created beforehand, index included, as KCL would make it.
inline bool createKcl3LeaseTable(const AwsEmulators &aws, const QString &table)
{
    const auto attribute = [](const char *name) {
        return QJsonObject{{QStringLiteral("AttributeName"), QLatin1StringView(name)}, {QStringLiteral("AttributeType"), QStringLiteral("S")}};
    };
    const auto key = [](const char *name, const char *type) {
        return QJsonObject{{QStringLiteral("AttributeName"), QLatin1StringView(name)}, {QStringLiteral("KeyType"), QLatin1StringView(type)}};
    };
    const QJsonObject reply = dynamo(
        aws, "CreateTable",
        {{QStringLiteral("TableName"), table},
         {QStringLiteral("BillingMode"), QStringLiteral("PAY_PER_REQUEST")},
         {QStringLiteral("AttributeDefinitions"), QJsonArray{attribute("leaseKey"), attribute("leaseOwner")}},
         {QStringLiteral("KeySchema"), QJsonArray{key("leaseKey", "HASH")}},
         {QStringLiteral("GlobalSecondaryIndexes"),
          QJsonArray{QJsonObject{{QStringLiteral("IndexName"), QStringLiteral("LeaseOwnerToLeaseKeyIndex")},
                                 {QStringLiteral("KeySchema"), QJsonArray{key("leaseOwner", "HASH"), key("leaseKey", "RANGE")}},
                                 {QStringLiteral("Projection"), QJsonObject{{QStringLiteral("ProjectionType"), QStringLiteral("KEYS_ONLY")}}}}}}});
    return reply.contains(QStringLiteral("TableDescription"));
}

// The KCL version a kcl-vN preset would run, found the way the preset finds
// it; empty with `why` set when Java or the jars are missing.
inline QString javaKclClasspath(int major, QString *why)
{
    if (QStandardPaths::findExecutable(QStringLiteral("java")).isEmpty() && qEnvironmentVariableIsEmpty("JAVA_HOME")) {
        *why = QStringLiteral("java is not installed: the Java daemon tests need a JRE (./dev deps installs one)");
        return {};
    }
    const QString classpath = DaemonPreset::installedKclClasspath(major, QProcessEnvironment::systemEnvironment());
    if (classpath.isEmpty())
        *why = QStringLiteral("no KCL %1.x jars under %2: run ./dev deps (or qmld kcl install --version %3)")
                   .arg(major)
                   .arg(DaemonPreset::kclInstallRoot(QProcessEnvironment::systemEnvironment()), DaemonPreset::defaultKclVersion(major));
    return classpath;
}

// KCL properties for the emulators: polling, metrics off, short intervals so
// that a test waits seconds, not minutes.
inline QByteArray kclProperties(int major, const AwsEmulators &aws, const QString &application, const QString &stream)
{
    QByteArray text;
    const auto set = [&text](const char *key, const QString &value) { text += QByteArray(key) + " = " + value.toUtf8() + '\n'; };
    set("executableName", QStringLiteral("replaced-by-qmld"));
    set("applicationName", application);
    set("streamName", stream);
    set("regionName", QStringLiteral("us-east-1"));
    set("initialPositionInStream", QStringLiteral("TRIM_HORIZON"));
    set("dynamoDBEndpoint", aws.dynamoUrl().toString());
    set("metricsLevel", QStringLiteral("NONE"));
    set("idleTimeBetweenReadsInMillis", QStringLiteral("200"));
    set("maxRecords", QStringLiteral("1000"));
    set("failoverTimeMillis", QStringLiteral("4000"));
    set("shardSyncIntervalMillis", QStringLiteral("1000"));
    set("parentShardPollIntervalMillis", QStringLiteral("500"));
    set("taskBackoffTimeMillis", QStringLiteral("200"));
    set("shutdownGraceMillis", QStringLiteral("20000"));
    // The key's spelling 2.x requires (3.x takes any case); the value is an
    // AWS SDK v1 class up to KCL 2.x, an SDK v2 class in 3.x.
    set("AWSCredentialsProvider", major < 3 ? QStringLiteral("DefaultAWSCredentialsProviderChain")
                                            : QStringLiteral("DefaultCredentialsProvider"));
    if (major == 1) {
        set("kinesisEndpoint", aws.kinesisUrl().toString());
    } else {
        set("kinesisEndpoint", aws.kinesisH2cUrl().toString());
        set("retrievalMode", QStringLiteral("POLLING"));
    }
    if (major == 3) {
        set("leaseAssignmentIntervalMillis", QStringLiteral("1000"));
        set("workerMetricsReporterFreqInMillis", QStringLiteral("1000"));
    }
    return text;
}

// Obviously fake credentials (the emulators check none), no instance
// metadata lookups, and a JVM tuned for a quick start on a small machine.
// aws.cborEnabled=false: kinesalite writes a CBOR record's arrival time as a
// float, which the AWS SDK in KCL 2.5.4 cannot parse ("Unable to parse date :
// 1.796535061444E9", GetRecords fails for good), nor the SDK v1 in KCL 1.x
// (com.amazonaws.sdk.disableCbor); in JSON both parse.
inline QProcessEnvironment javaTestEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(QStringLiteral("AWS_")))
            environment.remove(name);
    }
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDFAKEQMLDTEST0000"));
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("fake-secret-for-kinesalite-and-dynalite"));
    environment.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
    environment.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    environment.insert(QStringLiteral("JAVA_TOOL_OPTIONS"), QStringLiteral("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m -Daws.cborEnabled=false -Dcom.amazonaws.sdk.disableCbor=true"));
    return environment;
}

// One line the log processor wrote: a record, or an event.
struct LogLine
{
    QString event; // empty for a record
    QString shardId;
    QString sequenceNumber;
    qint64 subSequenceNumber = 0;
    QString partitionKey;
    QByteArray data;
    QString error;
};

inline QList<LogLine> readLog(const QString &path)
{
    QList<LogLine> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &text : file.readAll().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(text).object();
        if (object.isEmpty())
            continue;
        LogLine line;
        line.event = object.value(QStringLiteral("event")).toString();
        line.shardId = object.value(QStringLiteral("shardId")).toString();
        line.sequenceNumber = object.value(QStringLiteral("sequenceNumber")).toString();
        line.subSequenceNumber = object.value(QStringLiteral("subSequenceNumber")).toInteger();
        line.partitionKey = object.value(QStringLiteral("partitionKey")).toString();
        line.data = QByteArray::fromBase64(object.value(QStringLiteral("data")).toString().toLatin1());
        line.error = object.value(QStringLiteral("error")).toString();
        lines.append(line);
    }
    return lines;
}

inline QList<QByteArray> recordData(const QList<LogLine> &lines)
{
    QList<QByteArray> data;
    for (const LogLine &line : lines) {
        if (line.event.isEmpty())
            data.append(line.data);
    }
    return data;
}

} // namespace qmld::test

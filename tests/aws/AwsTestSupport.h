#pragma once

// Shared by the AWS tests: waiting for an asynchronous call, fixed test credentials,
// and DynamoDB items shaped as the KCL writes its leases.

#include <qmld/aws/AwsClient.h>
#include <qmld/aws/CredentialsProvider.h>

#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>

#include <optional>

namespace qmld::test {

// Runs the event loop until `start`'s callback has run (at most two minutes).
template<typename Result, typename Start>
std::optional<Result> waitFor(Start start)
{
    std::optional<Result> result;
    QEventLoop loop;
    start([&](const Result &value) {
        result = value;
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

inline aws::AwsResponse callJson(aws::AwsClient &client, const QString &action, const QJsonObject &input,
                                 const aws::CallOptions &options = {})
{
    const auto response = waitFor<aws::AwsResponse>(
        [&](aws::ResponseCallback done) { client.callJson(action, input, nullptr, std::move(done), options); });
    if (!response) {
        aws::AwsResponse none;
        none.error.kind = aws::AwsError::Kind::Timeout;
        none.error.message = QStringLiteral("the test gave up waiting");
        return none;
    }
    return *response;
}

inline aws::AwsCredentials testCredentials(const QByteArray &token = {})
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = "AKIDQMLDTESTACCESS01";
    credentials.secretAccessKey = "qmld-test-secret-key-never-in-logs";
    credentials.sessionToken = token;
    credentials.source = QStringLiteral("the test");
    return credentials;
}

// DynamoDB attribute values.
inline QJsonObject s(const QString &value) { return {{QStringLiteral("S"), value}}; }
inline QJsonObject n(qint64 value) { return {{QStringLiteral("N"), QString::number(value)}}; }

// The attributes every KCL 2.x/3.x lease item has (DynamoDBLeaseSerializer); tests add their own.
inline QJsonObject kclLeaseItem(const QString &key, const QString &owner, qint64 counter, const QString &checkpoint)
{
    return {{QStringLiteral("leaseKey"), s(key)},
            {QStringLiteral("leaseOwner"), s(owner)},
            {QStringLiteral("leaseCounter"), n(counter)},
            {QStringLiteral("checkpoint"), s(checkpoint)},
            {QStringLiteral("checkpointSubSequenceNumber"), n(0)},
            {QStringLiteral("ownerSwitchesSinceCheckpoint"), n(0)}};
}

} // namespace qmld::test

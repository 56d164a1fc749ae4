#pragma once

// One AWS service's HTTP client on QNetworkAccessManager: signs each attempt,
// retries throttling, 5xx and network errors with capped, jittered backoff
// under a deadline per call, corrects the clock from the server's Date when
// a signature was refused for skew, and reports errors with the action, the
// resource and AWS's message. Asynchronous: nothing here ever blocks.

#include <qmld/aws/AwsError.h>
#include <qmld/aws/SigV4.h>

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace qmld::aws {

class CredentialsProvider;

struct ServiceEndpoint
{
    QString displayName;     // "Kinesis", in errors
    QString signingName;     // "kinesis"
    QByteArray targetPrefix; // "Kinesis_20131202" (JSON protocols)
    QByteArray contentType;  // "application/x-amz-json-1.1"
    QUrl url;                // https://kinesis.eu-west-1.amazonaws.com
    QString region;

    static ServiceEndpoint kinesis(const QUrl &url, const QString &region);
    static ServiceEndpoint dynamoDb(const QUrl &url, const QString &region);
    static ServiceEndpoint sts(const QUrl &url, const QString &region);
};

struct RetryPolicy
{
    int maxAttempts = 10;
    std::chrono::milliseconds baseDelay{100};
    std::chrono::milliseconds maxDelay{5000};
    // Full jitter: a delay drawn from [0, min(maxDelay, baseDelay * 2^retry)].
    std::chrono::milliseconds delayBefore(int retry) const;
};

struct CallOptions
{
    std::chrono::milliseconds deadline{60000}; // for the whole call, retries included
    QString resource;                          // "stream orders", named in errors
};

struct AwsResponse
{
    QJsonObject json;  // JSON protocols
    QByteArray body;   // query protocol (XML)
    AwsError error;
    int attempts = 0;
    bool ok() const { return !error.isError(); }
};

using ResponseCallback = std::function<void(const AwsResponse &)>;

class AwsClient : public QObject
{
    Q_OBJECT

public:
    AwsClient(ServiceEndpoint endpoint, CredentialsProvider *credentials, QObject *parent = nullptr);
    ~AwsClient() override;

    const ServiceEndpoint &endpoint() const { return m_endpoint; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    RetryPolicy retryPolicy() const { return m_retry; }
    // Milliseconds added to the local clock when signing (server minus local).
    qint64 clockSkewMs() const { return m_skewMs; }

    // A JSON-protocol call ("X-Amz-Target: <prefix>.<action>"). `done` runs
    // once, on this object's thread, unless `context` is destroyed first.
    void callJson(const QString &action, const QJsonObject &input, QObject *context, ResponseCallback done,
                  const CallOptions &options = {});
    // A query-protocol call (STS): form-encoded parameters, an XML answer.
    // Unsigned calls (AssumeRoleWithWebIdentity) need no credentials.
    enum class Signing { Signed, Unsigned };
    void callQuery(const QString &action, const HeaderList &parameters, QObject *context, ResponseCallback done,
                   const CallOptions &options = {}, Signing signing = Signing::Signed);

private:
    class Call;
    friend class Call;
    void start(Call *call);

    ServiceEndpoint m_endpoint;
    QPointer<CredentialsProvider> m_credentials;
    QNetworkAccessManager *m_network;
    RetryPolicy m_retry;
    qint64 m_skewMs = 0;
};

} // namespace qmld::aws

// The retrying AWS client: real calls against kinesalite, and the transport's
// behaviour on faults (throttling, 5xx, refused connections, silence, a skewed
// server clock) from a scripted HTTP peer; errors name the action, the
// resource and AWS's message; secrets never reach the log.

#include "AwsEmulators.h"
#include "AwsTestSupport.h"
#include "HttpResponder.h"

#include "aws/Logging.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld::aws;
using namespace qmld::test;

namespace {

HttpResponse awsJsonError(int status, const QByteArray &type, const QByteArray &message)
{
    return {status, R"({"__type":")" + type + R"(","message":")" + message + R"("})",
            {{"Content-Type", "application/x-amz-json-1.1"}}};
}

RetryPolicy quickRetries()
{
    RetryPolicy policy;
    policy.baseDelay = std::chrono::milliseconds(5);
    policy.maxDelay = std::chrono::milliseconds(20);
    policy.maxAttempts = 4;
    return policy;
}

QStringList *capturedLog = nullptr;
void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (capturedLog)
        capturedLog->append(message);
}

} // namespace

class TestAwsClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void callsKinesalite();
    void signatureVerifiesOnTheWire();
    void unknownStreamNamesActionResourceAndRegion();
    void throttlingIsRetriedUntilItPasses();
    void serverErrorsAreRetried();
    void throttledPastTheAttemptsSaysSo();
    void clientErrorsAreNotRetried();
    void refusedConnectionsAreRetriedThenReported();
    void silenceEndsAtTheDeadline();
    void clockSkewIsCorrectedFromTheServerDate();
    void accessDeniedIsAnAuthorizationError();
    void queryProtocolErrorsAreRead();
    void secretsStayOutOfTheDebugLog();
    void destroyedContextGetsNoCallback();

private:
    AwsEmulators m_aws;
    StaticCredentialsProvider m_credentials{testCredentials("session-token-never-in-logs")};
};

void TestAwsClient::initTestCase()
{
    QMLD_START_AWS_EMULATORS(m_aws);
}

void TestAwsClient::callsKinesalite()
{
    AwsClient client(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);
    const AwsResponse created = callJson(client, u"CreateStream"_s, {{u"StreamName"_s, u"client-test"_s}, {u"ShardCount"_s, 2}});
    QVERIFY2(created.ok(), qPrintable(created.error.text()));
    const AwsResponse listed = callJson(client, u"ListStreams"_s, {});
    QVERIFY2(listed.ok(), qPrintable(listed.error.text()));
    QVERIFY(listed.json["StreamNames"_L1].toArray().contains(u"client-test"_s));
    QCOMPARE(listed.attempts, 1);
}

// What arrives is what was signed: the server side of SigV4, recomputed from
// the bytes received (Qt adds headers after signing; none of them may be signed
// differently, and the Host header must be the one signed).
void TestAwsClient::signatureVerifiesOnTheWire()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> { return HttpResponse{200, "{}", {}}; });
    AwsClient client(ServiceEndpoint::dynamoDb(peer.url(), u"eu-central-1"_s), &m_credentials);
    QVERIFY(callJson(client, u"DescribeTable"_s, {{u"TableName"_s, u"t\u00e9"_s}}).ok());
    const HttpRequest &received = peer.requests().at(0);
    const QByteArray authorization = received.header("authorization");
    const QByteArray signedNames = authorization.mid(authorization.indexOf("SignedHeaders=") + 14).split(',').first();
    QCOMPARE(signedNames, QByteArray("content-type;host;x-amz-date;x-amz-security-token;x-amz-target"));
    QCOMPARE(received.header("host"), QByteArray("127.0.0.1:") + QByteArray::number(peer.url().port()));
    SignableRequest arrived{received.method, received.target, {}, {}, received.body};
    for (const QByteArray &name : signedNames.split(';'))
        arrived.headers.append({name, received.header(name)});
    const QByteArray date = received.header("x-amz-date");
    const SigningScope scope{u"eu-central-1"_s, u"dynamodb"_s};
    const QByteArray expected = sigv4::signature(testCredentials().secretAccessKey, date, scope,
                                                 sigv4::stringToSign(date, scope, sigv4::canonicalRequest(arrived)));
    QCOMPARE(authorization.mid(authorization.indexOf("Signature=") + 10), expected);
}

void TestAwsClient::unknownStreamNamesActionResourceAndRegion()
{
    AwsClient client(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"eu-west-1"_s), &m_credentials);
    CallOptions options;
    options.resource = u"stream no-such-stream"_s;
    const AwsResponse response =
        callJson(client, u"DescribeStreamSummary"_s, {{u"StreamName"_s, u"no-such-stream"_s}}, options);
    QCOMPARE(response.error.kind, AwsError::Kind::NotFound);
    QCOMPARE(response.error.code, u"ResourceNotFoundException"_s);
    const QString text = response.error.text();
    QVERIFY2(text.startsWith("Kinesis DescribeStreamSummary on stream no-such-stream (eu-west-1): ResourceNotFoundException: "_L1),
             qPrintable(text));
    // kinesalite's message names the stream and the account, as Kinesis does.
    QVERIFY2(text.contains("no-such-stream under account"_L1), qPrintable(text));
}

void TestAwsClient::throttlingIsRetriedUntilItPasses()
{
    int calls = 0;
    HttpResponder peer([&](const HttpRequest &) -> std::optional<HttpResponse> {
        if (++calls <= 2)
            return awsJsonError(400, "ProvisionedThroughputExceededException", "Rate exceeded for shard");
        return HttpResponse{200, R"({"Records":[],"MillisBehindLatest":0})", {}};
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    client.setRetryPolicy(quickRetries());
    const AwsResponse response = callJson(client, u"GetRecords"_s, {{u"ShardIterator"_s, u"x"_s}});
    QVERIFY2(response.ok(), qPrintable(response.error.text()));
    QCOMPARE(response.attempts, 3);
    QCOMPARE(peer.requests().size(), 3);
    // Every attempt is signed anew.
    QCOMPARE(peer.requests().at(2).header("x-amz-target"), QByteArray("Kinesis_20131202.GetRecords"));
    QVERIFY(peer.requests().at(2).header("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDQMLDTESTACCESS01/"));
}

void TestAwsClient::serverErrorsAreRetried()
{
    int calls = 0;
    HttpResponder peer([&](const HttpRequest &) -> std::optional<HttpResponse> {
        if (++calls == 1)
            return awsJsonError(500, "InternalFailure", "try again");
        if (calls == 2)
            return HttpResponse{503, "Service Unavailable", {}};
        return HttpResponse{200, "{}", {}};
    });
    AwsClient client(ServiceEndpoint::dynamoDb(peer.url(), u"us-east-1"_s), &m_credentials);
    client.setRetryPolicy(quickRetries());
    const AwsResponse response = callJson(client, u"DescribeTable"_s, {{u"TableName"_s, u"t"_s}});
    QVERIFY2(response.ok(), qPrintable(response.error.text()));
    QCOMPARE(response.attempts, 3);
}

void TestAwsClient::throttledPastTheAttemptsSaysSo()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> {
        return awsJsonError(400, "LimitExceededException", "Rate exceeded for stream orders under account 123456789012.");
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    client.setRetryPolicy(quickRetries());
    CallOptions options;
    options.resource = u"stream orders"_s;
    const AwsResponse response = callJson(client, u"ListShards"_s, {}, options);
    QCOMPARE(response.error.kind, AwsError::Kind::Throttled);
    QCOMPARE(response.attempts, 4);
    QCOMPARE(peer.requests().size(), 4);
    QVERIFY2(response.error.text().contains("still throttled after retrying: LimitExceededException: Rate exceeded"_L1),
             qPrintable(response.error.text()));
}

void TestAwsClient::clientErrorsAreNotRetried()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> {
        return awsJsonError(400, "com.amazon.coral.validate#ValidationException", "1 validation error detected");
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    client.setRetryPolicy(quickRetries());
    const AwsResponse response = callJson(client, u"PutRecords"_s, {});
    QCOMPARE(response.error.kind, AwsError::Kind::InvalidRequest);
    QCOMPARE(response.error.code, u"ValidationException"_s);
    QCOMPARE(response.error.message, u"1 validation error detected"_s);
    QCOMPARE(peer.requests().size(), 1);
}

void TestAwsClient::refusedConnectionsAreRetriedThenReported()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QUrl url(u"http://127.0.0.1:%1"_s.arg(closed.serverPort()));
    closed.close(); // nothing listens there now
    AwsClient client(ServiceEndpoint::kinesis(url, u"us-east-1"_s), &m_credentials);
    client.setRetryPolicy(quickRetries());
    const AwsResponse response = callJson(client, u"ListStreams"_s, {});
    QCOMPARE(response.error.kind, AwsError::Kind::NetworkError);
    QCOMPARE(response.attempts, 4);
    QVERIFY2(response.error.text().contains("refused"_L1, Qt::CaseInsensitive), qPrintable(response.error.text()));
}

void TestAwsClient::silenceEndsAtTheDeadline()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> { return std::nullopt; });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    CallOptions options;
    options.deadline = std::chrono::milliseconds(500);
    const AwsResponse response = callJson(client, u"ListStreams"_s, {}, options);
    QCOMPARE(response.error.kind, AwsError::Kind::Timeout);
    QVERIFY2(response.error.text().contains("deadline"_L1), qPrintable(response.error.text()));
}

void TestAwsClient::clockSkewIsCorrectedFromTheServerDate()
{
    // The server's clock is an hour ahead; AWS refuses a signature that old.
    const QDateTime serverNow = QDateTime::currentDateTimeUtc().addSecs(3600);
    HttpResponder peer([&](const HttpRequest &request) -> std::optional<HttpResponse> {
        const QDateTime signedAt = QDateTime::fromString(QString::fromLatin1(request.header("x-amz-date")),
                                                         u"yyyyMMdd'T'HHmmss'Z'"_s);
        const QByteArray date = QLocale::c().toString(serverNow, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
        if (qAbs(QDateTime(signedAt.date(), signedAt.time(), Qt::UTC).secsTo(serverNow)) > 300) {
            HttpResponse refused = awsJsonError(400, "InvalidSignatureException", "Signature expired: is now earlier than ...");
            refused.headers.append({"Date", date});
            return refused;
        }
        return HttpResponse{200, "{}", {{"Date", date}}};
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    client.setRetryPolicy(quickRetries());
    const AwsResponse response = callJson(client, u"ListStreams"_s, {});
    QVERIFY2(response.ok(), qPrintable(response.error.text()));
    QCOMPARE(peer.requests().size(), 2);
    QVERIFY(qAbs(client.clockSkewMs() - 3600000) < 120000);
    // Later calls sign with the corrected clock at once.
    QVERIFY(callJson(client, u"ListStreams"_s, {}).ok());
    QCOMPARE(peer.requests().size(), 3);
}

void TestAwsClient::accessDeniedIsAnAuthorizationError()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> {
        return awsJsonError(400, "AccessDeniedException",
                            "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: "
                            "kinesis:ListShards on resource: arn:aws:kinesis:us-east-1:123456789012:stream/orders");
    });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    CallOptions options;
    options.resource = u"stream orders"_s;
    const AwsResponse response = callJson(client, u"ListShards"_s, {}, options);
    QCOMPARE(response.error.kind, AwsError::Kind::AccessDenied);
    QVERIFY(response.error.isAuthorization());
    QVERIFY(response.error.text().contains("not authorized to perform: kinesis:ListShards"_L1));
    QCOMPARE(peer.requests().size(), 1);
}

void TestAwsClient::queryProtocolErrorsAreRead()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> {
        return HttpResponse{403,
                            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                            "<Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message>"
                            "</Error><RequestId>1</RequestId></ErrorResponse>",
                            {{"Content-Type", "text/xml"}}};
    });
    AwsClient client(ServiceEndpoint::sts(peer.url(), u"us-east-1"_s), &m_credentials);
    const auto response = waitFor<AwsResponse>([&](ResponseCallback done) {
        client.callQuery(u"AssumeRole"_s, {{"RoleArn", "arn:aws:iam::1:role/r"}}, nullptr, std::move(done));
    });
    QVERIFY(response);
    QCOMPARE(response->error.kind, AwsError::Kind::AccessDenied);
    QCOMPARE(response->error.code, u"AccessDenied"_s);
    QCOMPARE(response->error.message, u"User is not authorized to perform: sts:AssumeRole"_s);
    QCOMPARE(peer.requests().at(0).body,
             QByteArray("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr"));
}

void TestAwsClient::secretsStayOutOfTheDebugLog()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> {
        return awsJsonError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    });
    QStringList log;
    capturedLog = &log;
    const QtMessageHandler previous = qInstallMessageHandler(captureMessages);
    QLoggingCategory::setFilterRules(u"qmld.aws.debug=true"_s);
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    const AwsResponse response = callJson(client, u"ListStreams"_s, {});
    QLoggingCategory::setFilterRules({});
    qInstallMessageHandler(previous);
    capturedLog = nullptr;

    QVERIFY(response.error.isAuthorization());
    QVERIFY(!log.isEmpty());
    const QString all = log.join(u'\n') + response.error.text();
    QVERIFY2(all.contains("X-Amz-Security-Token: <redacted>"_L1), qPrintable(all));
    QVERIFY(!all.contains("session-token-never-in-logs"_L1));
    QVERIFY(!all.contains("qmld-test-secret-key-never-in-logs"_L1));
    // What AWS received did carry them.
    QCOMPARE(peer.requests().at(0).header("x-amz-security-token"), QByteArray("session-token-never-in-logs"));
}

void TestAwsClient::destroyedContextGetsNoCallback()
{
    HttpResponder peer([](const HttpRequest &) -> std::optional<HttpResponse> { return HttpResponse{200, "{}", {}}; });
    AwsClient client(ServiceEndpoint::kinesis(peer.url(), u"us-east-1"_s), &m_credentials);
    bool called = false;
    auto *context = new QObject;
    client.callJson(u"ListStreams"_s, {}, context, [&](const AwsResponse &) { called = true; });
    delete context;
    // A second call on the same client shows the first one would have finished by now.
    QVERIFY(callJson(client, u"ListStreams"_s, {}).ok());
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestAwsClient)
#include "test_aws_client.moc"

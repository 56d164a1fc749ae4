// SigV4 signing, byte for byte: against vectors of AWS's published Signature
// Version 4 test suite (credentials, date, region and service as the suite
// documents them), and against botocore's SigV4Auth signing the same Kinesis,
// DynamoDB and STS requests. Neither kinesalite nor dynalite checks
// signatures, so these are the tests that keep signing right.

#include <qmld/aws/SigV4.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace qmld::aws;

namespace {

// The suite's documented inputs.
const QByteArray suiteKey = "AKIDEXAMPLE";
const QByteArray suiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const QByteArray suiteToken =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/"
    "qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+"
    "xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
const QDateTime suiteTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC);
const SigningScope suiteScope{u"us-east-1"_s, u"service"_s};
const QByteArray suiteCredential = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

AwsCredentials credentials(const QByteArray &key, const QByteArray &secret, const QByteArray &token = {})
{
    AwsCredentials c;
    c.accessKeyId = key;
    c.secretAccessKey = secret;
    c.sessionToken = token;
    return c;
}

QByteArray header(const SignableRequest &request, const QByteArray &name)
{
    for (const auto &[n, v] : request.headers)
        if (n.toLower() == name.toLower())
            return v;
    return {};
}

// A python3 that has botocore (the PATH's first, else Debian's).
QString pythonWithBotocore()
{
    QStringList candidates{QStandardPaths::findExecutable(u"python3"_s), u"/usr/bin/python3"_s};
    for (const QString &python : candidates) {
        if (python.isEmpty())
            continue;
        QProcess probe;
        probe.start(python, {u"-c"_s, u"import botocore.auth"_s});
        if (probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
            return python;
    }
    return {};
}

// botocore signs each case with SigV4Auth at the case's fixed time: its own
// add_auth steps, only the clock read replaced (add_auth reads the wall clock).
constexpr auto botocoreSigner = R"(
import json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
out = []
for case in json.load(sys.stdin):
    creds = Credentials(case["key"], case["secret"], case["token"] or None)
    auth = SigV4Auth(creds, case["service"], case["region"])
    request = AWSRequest(method=case["method"], url=case["url"], params=case["query"] or None,
                         headers=case["headers"], data=case["body"].encode("utf-8"))
    request.context["timestamp"] = case["amzDate"]
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    signature = auth.signature(auth.string_to_sign(request, canonical), request)
    auth._inject_signature_to_request(request, signature)
    out.append({"canonical": canonical, "authorization": request.headers["Authorization"]})
print(json.dumps(out))
)";

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void awsTestSuite_data();
    void awsTestSuite();
    void canonicalRequestOfGetVanilla();
    void sameAsBotocore();
    void redactionHidesSecrets();
};

void TestSigV4::awsTestSuite_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<HeaderList>("query");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("authorization");

    const HeaderList host{{"Host", "example.amazonaws.com"}};
    QTest::newRow("get-vanilla") << QByteArray("GET") << QByteArray("/") << HeaderList{} << host << QByteArray()
                                 << QByteArray()
                                 << QByteArray("SignedHeaders=host;x-amz-date, "
                                               "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    QTest::newRow("get-vanilla-query-order-key-case")
        << QByteArray("GET") << QByteArray("/") << HeaderList{{"Param2", "value2"}, {"Param1", "value1"}} << host
        << QByteArray() << QByteArray()
        << QByteArray("SignedHeaders=host;x-amz-date, "
                      "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    QTest::newRow("get-vanilla-empty-query-key")
        << QByteArray("GET") << QByteArray("/") << HeaderList{{"Param1", "value1"}} << host << QByteArray()
        << QByteArray()
        << QByteArray("SignedHeaders=host;x-amz-date, "
                      "Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb");
    QTest::newRow("get-utf8") << QByteArray("GET") << QByteArray("/\xE1\x88\xB4") << HeaderList{} << host
                              << QByteArray() << QByteArray()
                              << QByteArray("SignedHeaders=host;x-amz-date, "
                                            "Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
    QTest::newRow("normalize-path/get-space")
        << QByteArray("GET") << QByteArray("/example space/") << HeaderList{} << host << QByteArray() << QByteArray()
        << QByteArray("SignedHeaders=host;x-amz-date, "
                      "Signature=652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741");
    QTest::newRow("get-header-value-trim")
        << QByteArray("GET") << QByteArray("/") << HeaderList{}
        << HeaderList{{"Host", "example.amazonaws.com"}, {"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}
        << QByteArray() << QByteArray()
        << QByteArray("SignedHeaders=host;my-header1;my-header2;x-amz-date, "
                      "Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
    QTest::newRow("post-vanilla") << QByteArray("POST") << QByteArray("/") << HeaderList{} << host << QByteArray()
                                  << QByteArray()
                                  << QByteArray("SignedHeaders=host;x-amz-date, "
                                                "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    QTest::newRow("post-x-www-form-urlencoded")
        << QByteArray("POST") << QByteArray("/") << HeaderList{}
        << HeaderList{{"Content-Type", "application/x-www-form-urlencoded"}, {"Host", "example.amazonaws.com"}}
        << QByteArray("Param1=value1") << QByteArray()
        << QByteArray("SignedHeaders=content-type;host;x-amz-date, "
                      "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    QTest::newRow("post-sts-token/post-sts-header-before")
        << QByteArray("POST") << QByteArray("/") << HeaderList{} << host << QByteArray() << suiteToken
        << QByteArray("SignedHeaders=host;x-amz-date;x-amz-security-token, "
                      "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
}

void TestSigV4::awsTestSuite()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(HeaderList, query);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, authorization);

    SignableRequest request{method, path, query, headers, body};
    sigv4::sign(request, credentials(suiteKey, suiteSecret, token), suiteScope, suiteTime);
    QCOMPARE(header(request, "Authorization"), suiteCredential + authorization);
    QCOMPARE(header(request, "X-Amz-Date"), QByteArray("20150830T123600Z"));
    QCOMPARE(header(request, "X-Amz-Security-Token"), token);
}

void TestSigV4::canonicalRequestOfGetVanilla()
{
    // get-vanilla.creq and get-vanilla.sts of the suite.
    SignableRequest request{"GET", "/", {}, {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}}, {}};
    const QByteArray creq = sigv4::canonicalRequest(request);
    QCOMPARE(creq, QByteArray("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sigv4::stringToSign("20150830T123600Z", suiteScope, creq),
             QByteArray("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"));
}

void TestSigV4::sameAsBotocore()
{
    const QString python = pythonWithBotocore();
    if (python.isEmpty())
        QSKIP("no python3 with botocore: install python3-botocore (./dev deps)");

    struct Case
    {
        QByteArray method;
        QByteArray scheme;
        QByteArray host; // as the Host header carries it: with a port unless the default
        QByteArray path;
        HeaderList query;
        HeaderList headers;
        QByteArray body;
        AwsCredentials credentials;
        SigningScope scope;
        QDateTime time;
    };
    const QDateTime time(QDate(2026, 2, 28), QTime(23, 59, 7), Qt::UTC);
    const AwsCredentials longTerm = credentials("AKIDQMLDTESTKEY00001", "qmld/test+secret/0123456789abcdefghijABCDEFGHIJ");
    const AwsCredentials temporary = credentials("ASIDQMLDTESTKEY00002", "another/secret+key/0123456789abcdefghijABCDE",
                                                 "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+test/token==");
    const QList<Case> cases{
        {"POST", "https", "kinesis.eu-west-1.amazonaws.com", "/", {},
         {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "Kinesis_20131202.PutRecords"}},
         R"({"StreamName":"orders","Records":[{"Data":"aGVsbG8=","PartitionKey":"k\u00e9y  1"}]})", longTerm,
         {u"eu-west-1"_s, u"kinesis"_s}, time},
        {"POST", "http", "127.0.0.1:4567", "/", {},
         {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "Kinesis_20131202.GetRecords"}},
         R"({"ShardIterator":"AAAA/+==","Limit":100})", temporary, {u"us-east-1"_s, u"kinesis"_s}, time.addDays(1)},
        {"POST", "https", "dynamodb.ap-southeast-2.amazonaws.com", "/", {},
         {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", "DynamoDB_20120810.UpdateItem"}},
         R"({"TableName":"app","Key":{"leaseKey":{"S":"shardId-000000000000"}},"ConditionExpression":"leaseCounter = :c"})",
         temporary, {u"ap-southeast-2"_s, u"dynamodb"_s}, time},
        {"POST", "https", "sts.us-east-1.amazonaws.com", "/", {},
         {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
         "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Freader"
         "&RoleSessionName=qmld-1",
         longTerm, {u"us-east-1"_s, u"sts"_s}, time},
        {"GET", "https", "example.amazonaws.com", "/some path/\xC3\xA9", {{"b", "x y/z~"}, {"a", "1+1=2&"}},
         {{"X-Custom", "  spaced   out  value "}}, {}, temporary, {u"us-west-2"_s, u"execute-api"_s}, time},
    };

    QJsonArray input;
    QList<QByteArray> ours;
    for (const Case &c : cases) {
        SignableRequest request{c.method, c.path, c.query, c.headers, c.body};
        request.headers.prepend({"Host", c.host});
        sigv4::sign(request, c.credentials, c.scope, c.time);
        ours.append(header(request, "Authorization"));

        QJsonObject headers;
        for (const auto &[name, value] : c.headers)
            headers.insert(QString::fromUtf8(name), QString::fromUtf8(value));
        QJsonObject query;
        for (const auto &[name, value] : c.query)
            query.insert(QString::fromUtf8(name), QString::fromUtf8(value));
        input.append(QJsonObject{
            {u"method"_s, QString::fromLatin1(c.method)},
            {u"url"_s, QString::fromUtf8(c.scheme + "://" + c.host + c.path)},
            {u"query"_s, query},
            {u"headers"_s, headers},
            {u"body"_s, QString::fromUtf8(c.body)},
            {u"key"_s, QString::fromLatin1(c.credentials.accessKeyId)},
            {u"secret"_s, QString::fromLatin1(c.credentials.secretAccessKey)},
            {u"token"_s, QString::fromLatin1(c.credentials.sessionToken)},
            {u"service"_s, c.scope.service},
            {u"region"_s, c.scope.region},
            {u"amzDate"_s, QString::fromLatin1(sigv4::amzDate(c.time))},
        });
    }

    QProcess python3;
    python3.start(python, {u"-c"_s, QString::fromUtf8(botocoreSigner)});
    python3.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    python3.closeWriteChannel();
    QVERIFY(python3.waitForFinished(60000));
    QVERIFY2(python3.exitCode() == 0, python3.readAllStandardError().constData());
    const QJsonArray theirs = QJsonDocument::fromJson(python3.readAllStandardOutput()).array();
    QCOMPARE(theirs.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        SignableRequest request{cases[i].method, cases[i].path, cases[i].query, cases[i].headers, cases[i].body};
        request.headers.prepend({"Host", cases[i].host});
        request.headers.append({"X-Amz-Date", sigv4::amzDate(cases[i].time)});
        if (!cases[i].credentials.sessionToken.isEmpty())
            request.headers.append({"X-Amz-Security-Token", cases[i].credentials.sessionToken});
        QCOMPARE(QString::fromUtf8(sigv4::canonicalRequest(request)), theirs[i]["canonical"_L1].toString());
        QCOMPARE(QString::fromLatin1(ours[i]), theirs[i]["authorization"_L1].toString());
    }
}

void TestSigV4::redactionHidesSecrets()
{
    const AwsCredentials temporary = credentials("ASIDREDACTIONTEST001", "the-secret-key/never+shown", "the-session-token");
    SignableRequest request{"POST", "/", {}, {{"Host", "kinesis.us-east-1.amazonaws.com"}}, "{}"};
    sigv4::sign(request, temporary, {u"us-east-1"_s, u"kinesis"_s}, suiteTime);
    QByteArray shown;
    for (const auto &[name, value] : redactedHeaders(request.headers))
        shown += name + ": " + value + '\n';
    QVERIFY(!shown.contains("the-session-token"));
    QVERIFY(!shown.contains("the-secret-key"));
    QVERIFY(!shown.contains(header(request, "Authorization").split('=').last())); // the signature
    QVERIFY(shown.contains("Credential=ASIDREDACTIONTEST001/20150830/us-east-1/kinesis/aws4_request"));
    QVERIFY(shown.contains("X-Amz-Security-Token: <redacted>"));
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "test_sigv4.moc"

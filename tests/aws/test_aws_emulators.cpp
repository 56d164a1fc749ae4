// The AwsEmulators fixture itself: both emulators come up on loopback and
// answer the Kinesis and DynamoDB JSON protocols, nothing is left running
// after the fixture, and missing peers are reported, not hidden.

#include "AwsEmulators.h"
#include "ProcessProbe.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// One unsigned JSON call; the emulators want an Authorization header but do not check it.
QJsonObject call(const QUrl &endpoint, const QByteArray &target, const QByteArray &contentType)
{
    QNetworkAccessManager network;
    QNetworkRequest request(endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("X-Amz-Target", target);
    request.setRawHeader("X-Amz-Date", "20260101T000000Z");
    request.setRawHeader("Authorization",
                         "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/x/aws4_request, "
                         "SignedHeaders=host, Signature=00");
    request.setTransferTimeout(20000);
    QNetworkReply *reply = network.post(request, "{}");
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

} // namespace

class TestAwsEmulators : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bothAnswerAndAreReapedAfterwards();
    void missingPeersAreNamed();
};

void TestAwsEmulators::bothAnswerAndAreReapedAfterwards()
{
    qint64 kinesis = 0;
    qint64 dynamo = 0;
    {
        qmld::test::AwsEmulators aws;
        QMLD_START_AWS_EMULATORS(aws);
        QCOMPARE(aws.kinesisUrl().host(), u"127.0.0.1"_s);
        QVERIFY(aws.kinesisUrl().port() != aws.dynamoUrl().port());
        kinesis = aws.kinesisPid();
        dynamo = aws.dynamoPid();
        QVERIFY(qmld::test::isAlive(kinesis));
        QVERIFY(qmld::test::isAlive(dynamo));

        const QJsonObject streams = call(aws.kinesisUrl(), "Kinesis_20131202.ListStreams", "application/x-amz-json-1.1");
        QVERIFY2(streams.contains("StreamNames"_L1), QJsonDocument(streams).toJson().constData());
        const QJsonObject tables = call(aws.dynamoUrl(), "DynamoDB_20120810.ListTables", "application/x-amz-json-1.0");
        QVERIFY2(tables.contains("TableNames"_L1), QJsonDocument(tables).toJson().constData());
    }
    QVERIFY(!qmld::test::isAlive(kinesis));
    QVERIFY(!qmld::test::isAlive(dynamo));
}

void TestAwsEmulators::missingPeersAreNamed()
{
    QTemporaryDir empty;
    const QByteArray saved = qgetenv("QMLD_NODE_PEERS");
    qputenv("QMLD_NODE_PEERS", QFile::encodeName(empty.path()));
    qmld::test::AwsEmulators aws;
    const auto result = aws.start();
    qputenv("QMLD_NODE_PEERS", saved);
    if (QStandardPaths::findExecutable(u"node"_s).isEmpty()) {
        QCOMPARE(result, qmld::test::AwsEmulators::Start::PeersMissing);
        QVERIFY(aws.why().contains("node is not installed"_L1));
        return;
    }
    QCOMPARE(result, qmld::test::AwsEmulators::Start::PeersMissing);
    QCOMPARE(aws.why(), u"kinesalite is not installed in %1/node_modules: run ./dev deps"_s.arg(empty.path()));
    QVERIFY(aws.kinesisUrl().isEmpty());
}

QTEST_GUILESS_MAIN(TestAwsEmulators)
#include "test_aws_emulators.moc"

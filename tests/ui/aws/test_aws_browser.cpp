// The console's AWS streams window against kinesalite: the streams of an
// account with their shard counts; every shard of a stream, closed parents
// after a split and a merge; a tail of a shard from TRIM_HORIZON, LATEST,
// AFTER_SEQUENCE_NUMBER and AT_TIMESTAMP, records put while it runs, a KPL aggregate (made by
// the npm aws-kinesis-agg) unpacked; one-line errors for a bad endpoint and
// an unknown stream while the window keeps answering; GetRecords on a shard
// no faster than one a second, shared by every tail of it, and backing off
// when throttled; nothing but profile, region and endpoint remembered.

#include "AwsEmulators.h"
#include "ConsoleTestMain.h"
#include "HttpResponder.h"
#include "../../aws/AwsTestSupport.h"

#include "aws/AwsBrowser.h"
#include "aws/AwsSource.h"
#include "aws/AwsShardModel.h"
#include "aws/AwsShardTail.h"
#include "aws/AwsStreamModel.h"
#include "aws/AwsTailPane.h"
#include "console/ConsoleStreams.h"
#include "models/RecordTableModel.h"
#include "widgets/MainWindow.h"
#include "widgets/RecordTailView.h"

#include <qmld/aws/KinesisClient.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::aws;
using namespace qmld::test;
using namespace qmld::ui;

namespace {

const QString kShard0 = u"shardId-000000000000"_s;

QString cell(const QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

// One KPL aggregate of (partition key, data) pairs, made by the npm aws-kinesis-agg
// (tests/peers/node/kpl_agg.js); empty when node fails.
QJsonObject kplAggregate(const QList<std::pair<QString, QByteArray>> &records)
{
    QJsonArray input;
    for (const auto &[key, data] : records)
        input.append(QJsonObject{{u"partitionKey"_s, key}, {u"data"_s, QString::fromLatin1(data.toBase64())}});
    QProcess node;
    node.start(u"node"_s, {QDir(qEnvironmentVariable("QMLD_NODE_PEERS")).filePath(u"kpl_agg.js"_s), u"aggregate"_s});
    node.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    if (!node.waitForFinished(30000) || node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
        qWarning("kpl_agg.js: %s", node.readAllStandardError().constData());
        node.kill();
        node.waitForFinished(5000);
        return {};
    }
    return QJsonDocument::fromJson(node.readAllStandardOutput()).object();
}

const QByteArray kSequence1 = "49590338271490256608559692538361571095921575989136588898";
const QByteArray kSequence2 = "49590338271490256608559692538361571095921575989136588899";

QByteArray actionOf(const HttpRequest &request)
{
    const QByteArray target = request.header("x-amz-target");
    return target.mid(target.indexOf('.') + 1);
}

// For a scripted Kinesis peer (faults kinesalite cannot make): the answers
// about a stream "busy" of one shard; nullopt for GetRecords, which each test scripts.
std::optional<HttpResponse> oneShardStream(const HttpRequest &request)
{
    const QByteArray action = actionOf(request);
    if (action == "ListStreams")
        return HttpResponse{200, R"({"StreamNames":["busy"],"HasMoreStreams":false})", {}};
    if (action == "DescribeStreamSummary")
        return HttpResponse{200, R"({"StreamDescriptionSummary":{"StreamName":"busy","StreamStatus":"ACTIVE",)"
                                 R"("RetentionPeriodHours":24,"OpenShardCount":1}})", {}};
    if (action == "ListShards")
        return HttpResponse{200, R"({"Shards":[{"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0",)"
                                 R"("EndingHashKey":"340282366920938463463374607431768211455"},)"
                                 R"("SequenceNumberRange":{"StartingSequenceNumber":")" + kSequence1 + R"("}}]})", {}};
    if (action == "GetShardIterator")
        return HttpResponse{200, R"({"ShardIterator":"it-1"})", {}};
    return std::nullopt;
}

HttpResponse oneRecord(const QByteArray &sequence, const QByteArray &base64)
{
    return HttpResponse{200, R"({"Records":[{"SequenceNumber":")" + sequence + R"(","Data":")" + base64
                                 + R"(","PartitionKey":"k","ApproximateArrivalTimestamp":1700000000.5}],)"
                                   R"("NextShardIterator":"it-2","MillisBehindLatest":0})", {}};
}

const HttpResponse kAtTheTip{200, R"({"Records":[],"NextShardIterator":"it-3","MillisBehindLatest":0})", {}};

} // namespace

class TestAwsBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsStreamsWithShardCountsAndRemembersNoCredentials();
    void showsEveryShardWithClosedParents();
    void tailsFromTrimHorizonAndFollowsNewRecords();
    void tailsFromEveryPosition();
    void unpacksKplAggregates();
    void badEndpointIsOneLineAndTheWindowStaysResponsive();
    void getRecordsAtMostOnceASecondPerShard();
    void throttledTailBacksOffWithoutRetryingAtOnce();
    void tailReadsOnAfterAServiceError();
    void mainWindowOpensTheBrowser();
    void consoleCommandLineOpensAStreamAndTailsIt();

private:
    void createStream(const QString &name, int shards);
    void waitActive(const QString &name);
    QStringList put(const QString &stream, const QList<QByteArray> &data);
    AwsOptions emulator() const;
    // Lists the scripted peer's one-shard stream "busy" (oneShardStream) and opens it.
    void openBusyStream(AwsBrowser &browser, const QUrl &peer) const;
    static RecordTableModel *tailModel(AwsBrowser &browser) { return browser.tailPane()->recordTail()->model(); }

    QTemporaryDir m_awsFiles;
    AwsEmulators m_aws;
    StaticCredentialsProvider m_credentials{testCredentials()};
    std::unique_ptr<AwsClient> m_client;
    std::unique_ptr<KinesisClient> m_kinesis;
};

void TestAwsBrowser::initTestCase()
{
    // Settings of this run's own: the console's tests share one test settings folder.
    QCoreApplication::setApplicationName(u"qmld-console-test-aws-%1"_s.arg(QCoreApplication::applicationPid()));
    // The AWS settings of the test's own: two profiles in config files of its own, no keys in the environment.
    for (const char *name : {"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                             "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_KINESIS", "AWS_WEB_IDENTITY_TOKEN_FILE",
                             "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"})
        qunsetenv(name);
    qputenv("AWS_EC2_METADATA_DISABLED", "true");
    QVERIFY(m_awsFiles.isValid());
    const AwsCredentials keys = testCredentials();
    QFile config(m_awsFiles.filePath(u"config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[default]\nregion = us-east-1\n\n[profile staging]\nregion = eu-west-1\n");
    config.close();
    QFile credentials(m_awsFiles.filePath(u"credentials"_s));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    for (const char *profile : {"default", "staging"})
        credentials.write("[" + QByteArray(profile) + "]\naws_access_key_id = " + keys.accessKeyId
                          + "\naws_secret_access_key = " + keys.secretAccessKey + "\n");
    credentials.close();
    qputenv("AWS_CONFIG_FILE", QFile::encodeName(config.fileName()));
    qputenv("AWS_SHARED_CREDENTIALS_FILE", QFile::encodeName(credentials.fileName()));

    QMLD_START_AWS_EMULATORS(m_aws);
    m_client = std::make_unique<AwsClient>(ServiceEndpoint::kinesis(m_aws.kinesisUrl(), u"us-east-1"_s), &m_credentials);
    m_kinesis = std::make_unique<KinesisClient>(m_client.get());
}

void TestAwsBrowser::cleanupTestCase()
{
    QFile::remove(QSettings().fileName());
}

AwsOptions TestAwsBrowser::emulator() const
{
    AwsOptions options; // the default profile: us-east-1 and its keys from the files
    options.endpointUrl = m_aws.kinesisUrl();
    return options;
}

void TestAwsBrowser::openBusyStream(AwsBrowser &browser, const QUrl &peer) const
{
    AwsOptions options = emulator();
    options.endpointUrl = peer;
    browser.setOptions(options);
    browser.refresh();
    browser.openStream(u"busy"_s);
}

void TestAwsBrowser::waitActive(const QString &name)
{
    QTRY_COMPARE_WITH_TIMEOUT(callJson(*m_client, u"DescribeStreamSummary"_s, {{u"StreamName"_s, name}})
                                  .json["StreamDescriptionSummary"_L1]["StreamStatus"_L1].toString(),
                              u"ACTIVE"_s, 20000);
}

void TestAwsBrowser::createStream(const QString &name, int shards)
{
    const AwsResponse created = callJson(*m_client, u"CreateStream"_s, {{u"StreamName"_s, name}, {u"ShardCount"_s, shards}});
    QVERIFY2(created.ok(), qPrintable(created.error.text()));
    waitActive(name);
}

QStringList TestAwsBrowser::put(const QString &stream, const QList<QByteArray> &data)
{
    std::vector<PutEntry> entries;
    for (const QByteArray &bytes : data)
        entries.push_back({"key-" + bytes, bytes, {}});
    const auto outcome = waitFor<AwsResult<PutOutcome>>([&](auto done) { m_kinesis->putRecords(stream, entries, nullptr, done); });
    QStringList sequences;
    if (!outcome || !outcome->ok() || outcome->value.failedRecordCount > 0)
        return sequences;
    for (const QJsonValue &result : outcome->value.results)
        sequences.append(result["SequenceNumber"_L1].toString());
    return sequences;
}

void TestAwsBrowser::listsStreamsWithShardCountsAndRemembersNoCredentials()
{
    createStream(u"alpha"_s, 1);
    createStream(u"beta"_s, 3);
    AwsBrowser browser;
    QAbstractItemModelTester tester(browser.streamModel());
    // The profiles of the AWS config files, beside the default chain.
    auto *profiles = browser.findChild<QComboBox *>(u"awsProfile"_s);
    QVERIFY(profiles);
    QVERIFY(profiles->findData(u"default"_s) > 0);
    QVERIFY(profiles->findData(u"staging"_s) > 0);
    profiles->setCurrentIndex(profiles->findData(u"staging"_s));
    QVERIFY2(browser.findChild<QLineEdit *>(u"awsRegion"_s)->placeholderText().contains("eu-west-1"_L1),
             qPrintable(browser.findChild<QLineEdit *>(u"awsRegion"_s)->placeholderText()));

    browser.setOptions(emulator());
    browser.show();
    browser.refresh();
    AwsStreamModel *streams = browser.streamModel();
    QTRY_VERIFY_WITH_TIMEOUT(streams->rowOf(u"beta"_s) >= 0, 30000);
    QVERIFY(streams->rowOf(u"alpha"_s) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(cell(streams, streams->rowOf(u"beta"_s), AwsStreamModel::OpenShards), u"3"_s, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(streams, streams->rowOf(u"alpha"_s), AwsStreamModel::OpenShards), u"1"_s, 30000);
    QCOMPARE(cell(streams, streams->rowOf(u"beta"_s), AwsStreamModel::Status), u"ACTIVE"_s);
    QCOMPARE(cell(streams, streams->rowOf(u"beta"_s), AwsStreamModel::Retention), u"24 h"_s);
    QVERIFY2(!browser.showsError(), qPrintable(browser.message()));
    QVERIFY2(browser.message().contains("us-east-1"_L1), qPrintable(browser.message()));

    // What is remembered: the choice, never a key.
    QSettings settings;
    settings.sync();
    QCOMPARE(settings.value(u"aws/endpoint"_s).toString(), m_aws.kinesisUrl().toString());
    QFile saved(settings.fileName());
    QVERIFY2(saved.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray text = saved.readAll();
    QVERIFY(text.contains("aws"));
    QVERIFY(!text.contains(testCredentials().accessKeyId));
    QVERIFY(!text.contains(testCredentials().secretAccessKey));

    // A new window starts where the last one was.
    AwsBrowser again;
    QCOMPARE(again.options().endpointUrl, m_aws.kinesisUrl());
}

void TestAwsBrowser::showsEveryShardWithClosedParents()
{
    createStream(u"resharded"_s, 2);
    // Shard 0 splits into 2 and 3; then 3 merges with its neighbour 1 into 4.
    AwsResponse changed = callJson(*m_client, u"SplitShard"_s,
                                   {{u"StreamName"_s, u"resharded"_s}, {u"ShardToSplit"_s, kShard0}, {u"NewStartingHashKey"_s, u"1000"_s}});
    QVERIFY2(changed.ok(), qPrintable(changed.error.text()));
    waitActive(u"resharded"_s);
    changed = callJson(*m_client, u"MergeShards"_s,
                       {{u"StreamName"_s, u"resharded"_s}, {u"ShardToMerge"_s, u"shardId-000000000003"_s},
                        {u"AdjacentShardToMerge"_s, u"shardId-000000000001"_s}});
    QVERIFY2(changed.ok(), qPrintable(changed.error.text()));
    waitActive(u"resharded"_s);

    AwsBrowser browser;
    QAbstractItemModelTester tester(browser.shardModel());
    browser.setOptions(emulator());
    browser.refresh();
    browser.openStream(u"resharded"_s);
    AwsShardModel *shards = browser.shardModel();
    QTRY_COMPARE_WITH_TIMEOUT(shards->rowCount(), 5, 30000);
    const auto row = [&](int n) { return shards->rowOf(u"shardId-00000000000%1"_s.arg(n)); };
    for (int closed : {0, 1, 3}) {
        QCOMPARE(cell(shards, row(closed), AwsShardModel::State), u"closed"_s);
        QVERIFY(!cell(shards, row(closed), AwsShardModel::EndingSequence).isEmpty());
    }
    for (int open : {2, 4}) {
        QCOMPARE(cell(shards, row(open), AwsShardModel::State), u"open"_s);
        QVERIFY(cell(shards, row(open), AwsShardModel::EndingSequence).isEmpty());
    }
    QCOMPARE(cell(shards, row(2), AwsShardModel::Parent), kShard0);
    QCOMPARE(cell(shards, row(3), AwsShardModel::Parent), kShard0);
    QCOMPARE(cell(shards, row(2), AwsShardModel::EndingHashKey), u"999"_s);
    QCOMPARE(cell(shards, row(3), AwsShardModel::StartingHashKey), u"1000"_s);
    QCOMPARE(cell(shards, row(4), AwsShardModel::Parent), u"shardId-000000000003"_s);
    QCOMPARE(cell(shards, row(4), AwsShardModel::AdjacentParent), u"shardId-000000000001"_s);
    auto *info = browser.findChild<QLabel *>(u"awsStreamInfo"_s);
    QTRY_VERIFY2(info->text().contains("2 open shards"_L1) && info->text().contains("5 shards listed, 3 closed"_L1),
                 qPrintable(info->text()));
}

void TestAwsBrowser::tailsFromTrimHorizonAndFollowsNewRecords()
{
    createStream(u"tailed"_s, 1);
    QCOMPARE(put(u"tailed"_s, {"before-1", "before-2", "before-3"}).size(), 3);
    createStream(u"clock"_s, 1);

    auto browser = std::make_unique<AwsBrowser>();
    browser->setOptions(emulator());
    browser->show();
    browser->refresh();
    browser->openStream(u"tailed"_s);
    QVERIFY(browser->tailShard(kShard0));
    RecordTableModel *records = tailModel(*browser);
    QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 3, 30000);
    QCOMPARE(records->record(0)->data, QByteArray("before-1"));
    QCOMPARE(records->record(2)->data, QByteArray("before-3"));
    QCOMPARE(records->record(0)->partitionKeyString(), u"key-before-1"_s);

    // Put while the tail runs: it follows.
    QCOMPARE(put(u"tailed"_s, {"during-1", "during-2"}).size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 5, 30000);
    QCOMPARE(records->record(4)->data, QByteArray("during-2"));
    QVERIFY2(browser->tailPane()->statusText().contains("5 records"_L1), qPrintable(browser->tailPane()->statusText()));

    // Closing the window stops the tail: no more GetRecords, while another tail (a clock) goes on.
    AwsShardTail *tail = browser->tailPane()->tail();
    browser->close();
    QVERIFY(!tail->isRunning());
    const int calls = tail->getRecordsCalls();
    AwsShardTail clock(m_kinesis.get(), u"clock"_s, kShard0, {}, std::nullopt);
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(clock.getRecordsCalls() >= 3, 30000);
    QCOMPARE(tail->getRecordsCalls(), calls);
}

void TestAwsBrowser::tailsFromEveryPosition()
{
    createStream(u"positions"_s, 1);
    const QStringList sequences = put(u"positions"_s, {"old-1", "old-2", "old-3"});
    QCOMPARE(sequences.size(), 3);

    AwsBrowser browser;
    browser.setOptions(emulator());
    browser.refresh();
    browser.openStream(u"positions"_s);
    QTRY_COMPARE_WITH_TIMEOUT(browser.shardModel()->rowCount(), 1, 30000);
    auto *from = browser.findChild<QComboBox *>(u"awsTailFrom"_s);
    auto *value = browser.findChild<QLineEdit *>(u"awsTailValue"_s);
    QVERIFY(from && value);

    // AFTER_SEQUENCE_NUMBER, typed in: the records after the first.
    from->setCurrentIndex(from->findText(u"AFTER_SEQUENCE_NUMBER"_s));
    value->setText(u"12x"_s);
    QVERIFY(!browser.tailShard(kShard0)); // not a sequence number: said, nothing read
    QVERIFY2(browser.tailPane()->statusText().contains("12x"_L1), qPrintable(browser.tailPane()->statusText()));
    value->setText(sequences[0]);
    QVERIFY(browser.tailShard(kShard0));
    RecordTableModel *records = tailModel(browser);
    QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 2, 30000);
    QCOMPARE(records->record(0)->data, QByteArray("old-2"));
    QCOMPARE(records->record(0)->sequenceNumber.toString(), sequences[1]);

    // AT_TIMESTAMP, an ISO 8601 time before the records arrived: all of them.
    from->setCurrentIndex(from->findText(u"AT_TIMESTAMP"_s));
    value->setText(u"yesterday"_s);
    QVERIFY(!browser.tailShard(kShard0));
    QVERIFY2(browser.tailPane()->statusText().contains("ISO 8601"_L1), qPrintable(browser.tailPane()->statusText()));
    value->setText(QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate));
    QVERIFY(browser.tailShard(kShard0));
    QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 3, 30000);
    QCOMPARE(records->record(0)->data, QByteArray("old-1"));

    // LATEST: only what is put after the tail began.
    from->setCurrentIndex(from->findText(u"LATEST"_s));
    QVERIFY(browser.tailShard(kShard0));
    QCOMPARE(records->rowCount(), 0);
    AwsShardTail *tail = browser.tailPane()->tail();
    QTRY_VERIFY_WITH_TIMEOUT(tail->getRecordsCalls() >= 1, 30000); // its iterator is taken
    QCOMPARE(put(u"positions"_s, {"new-1"}).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 1, 30000);
    QCOMPARE(records->record(0)->data, QByteArray("new-1"));
    QVERIFY2(browser.tailPane()->statusText().contains("from LATEST"_L1), qPrintable(browser.tailPane()->statusText()));
}

void TestAwsBrowser::unpacksKplAggregates()
{
    createStream(u"aggregated"_s, 1);
    const QJsonObject aggregate = kplAggregate({{u"user-a"_s, "first"}, {u"user-b"_s, "second"}, {u"user-c"_s, "third"}});
    QVERIFY2(!aggregate.isEmpty(), "the npm aws-kinesis-agg did not make an aggregate");
    std::vector<PutEntry> entries{{aggregate["partitionKey"_L1].toString().toUtf8(),
                                   QByteArray::fromBase64(aggregate["data"_L1].toString().toLatin1()),
                                   aggregate["explicitHashKey"_L1].toString()},
                                  {"plain", "not aggregated", {}}};
    const auto outcome = waitFor<AwsResult<PutOutcome>>([&](auto done) { m_kinesis->putRecords(u"aggregated"_s, entries, nullptr, done); });
    QVERIFY(outcome && outcome->ok() && outcome->value.failedRecordCount == 0);

    AwsBrowser browser;
    browser.setOptions(emulator());
    browser.refresh();
    browser.openStream(u"aggregated"_s);
    QVERIFY(browser.tailShard(kShard0));
    RecordTableModel *records = tailModel(browser);
    QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 4, 30000);
    const QStringList keys{u"user-a"_s, u"user-b"_s, u"user-c"_s};
    const QList<QByteArray> data{"first", "second", "third"};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(records->record(i)->partitionKeyString(), keys[i]);
        QCOMPARE(records->record(i)->data, data[i]);
        QCOMPARE(cell(records, i, RecordTableModel::SubSequence), QString::number(i));
        QCOMPARE(records->record(i)->sequenceNumber.toByteArray(), records->record(0)->sequenceNumber.toByteArray());
    }
    QCOMPARE(records->record(3)->data, QByteArray("not aggregated"));
}

void TestAwsBrowser::badEndpointIsOneLineAndTheWindowStaysResponsive()
{
    // Nothing listens there.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    AwsBrowser browser;
    browser.show();
    AwsOptions bad = emulator();
    bad.endpointUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    browser.setOptions(bad);
    browser.refresh();
    QVERIFY(!browser.showsError()); // asynchronous: no answer yet
    QTRY_VERIFY_WITH_TIMEOUT(browser.showsError(), 60000);
    QVERIFY2(!browser.message().contains(u'\n'), qPrintable(browser.message()));
    QVERIFY2(browser.message().contains("ListStreams"_L1) && browser.message().contains("us-east-1"_L1), qPrintable(browser.message()));
    QCOMPARE(browser.streamModel()->rowCount(), 0);

    // An endpoint that never answers: the window goes on handling events, and another endpoint can be chosen meanwhile.
    HttpResponder silent([](const HttpRequest &) -> std::optional<HttpResponse> { return std::nullopt; });
    bad.endpointUrl = silent.url();
    browser.setOptions(bad);
    browser.refresh();
    bool handled = false;
    QTimer::singleShot(0, &browser, [&handled] { handled = true; });
    QTRY_VERIFY(handled);
    QTRY_VERIFY(!silent.requests().isEmpty());
    QVERIFY2(!browser.showsError() && browser.message().contains("Listing"_L1), qPrintable(browser.message()));
    createStream(u"reachable"_s, 1);
    browser.setOptions(emulator());
    browser.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(browser.streamModel()->rowOf(u"reachable"_s) >= 0, 30000);
    QVERIFY2(!browser.showsError(), qPrintable(browser.message()));

    // An unknown stream: AWS's message, the stream and the region, on one line.
    browser.openStream(u"absent"_s);
    QTRY_VERIFY_WITH_TIMEOUT(browser.showsError(), 30000);
    QVERIFY2(browser.message().contains("stream absent (us-east-1)"_L1) && browser.message().contains("ResourceNotFound"_L1),
             qPrintable(browser.message()));
    QVERIFY(!browser.message().contains(u'\n'));
    QVERIFY(!browser.message().contains(QString::fromLatin1(testCredentials().accessKeyId)));
}

void TestAwsBrowser::getRecordsAtMostOnceASecondPerShard()
{
    createStream(u"paced"_s, 1);
    QCOMPARE(put(u"paced"_s, {"one"}).size(), 1);
    AwsBrowser browser;
    browser.setOptions(emulator());
    browser.refresh();
    browser.openStream(u"paced"_s);
    QTRY_COMPARE_WITH_TIMEOUT(browser.shardModel()->rowCount(), 1, 30000);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(browser.tailShard(kShard0));
    // A second tail of the same shard (another window, another client) shares the shard's budget.
    AwsShardTail second(m_kinesis.get(), u"paced"_s, kShard0, {}, std::nullopt);
    second.start();
    AwsShardTail *first = browser.tailPane()->tail();
    const auto calls = [&] { return first->getRecordsCalls() + second.getRecordsCalls(); };
    QTRY_VERIFY_WITH_TIMEOUT(calls() >= 6, 60000);
    // Paced one call a second on the shard: by time t at most 1 + t/1 s calls began (never a bound from below).
    QVERIFY2(calls() <= 1 + elapsed.elapsed() / 1000,
             qPrintable(u"%1 GetRecords calls in %2 ms"_s.arg(calls()).arg(elapsed.elapsed())));
    QVERIFY(first->getRecordsCalls() >= 1 && second.getRecordsCalls() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(tailModel(browser)->rowCount(), 1, 30000);
}

void TestAwsBrowser::throttledTailBacksOffWithoutRetryingAtOnce()
{
    // A fault in front of the transport (kinesalite never throttles): the first
    // two GetRecords are refused with ProvisionedThroughputExceededException.
    int getRecords = 0;
    HttpResponder peer([&](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (const auto answer = oneShardStream(request))
            return answer;
        if (++getRecords <= 2)
            return HttpResponse{400, R"({"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded for shard"})", {}};
        return getRecords == 3 ? oneRecord(kSequence1, "aGk=") : kAtTheTip;
    });
    AwsBrowser browser;
    openBusyStream(browser, peer.url());
    QTRY_COMPARE_WITH_TIMEOUT(browser.shardModel()->rowCount(), 1, 30000);
    QVERIFY(browser.tailShard(kShard0));
    QTRY_COMPARE_WITH_TIMEOUT(tailModel(browser)->rowCount(), 1, 60000);
    AwsShardTail *tail = browser.tailPane()->tail();
    // Each refusal cost the shard one call, not a burst of quick retries; the tail slowed down and went on.
    QCOMPARE(tail->throttledCalls(), 2);
    QVERIFY(tail->isRunning());
    QTRY_VERIFY2(browser.tailPane()->statusText().contains("throttled calls: 2"_L1), qPrintable(browser.tailPane()->statusText()));
    browser.stopTail(); // then every call it made reaches the peer
    QTRY_COMPARE(getRecords, tail->getRecordsCalls());
    // Small batches: the shard's 2 MB/s of reads are the stream's consumers' too.
    for (const HttpRequest &request : peer.requests())
        if (actionOf(request) == "GetRecords")
            QCOMPARE(QJsonDocument::fromJson(request.body).object()["Limit"_L1].toInt(), AwsShardTail::kBatchLimit);
}

void TestAwsBrowser::tailReadsOnAfterAServiceError()
{
    // One record, then a 500 (the tail's client does not retry), then the next record.
    int getRecords = 0;
    HttpResponder peer([&](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (const auto answer = oneShardStream(request))
            return answer;
        switch (++getRecords) {
        case 1: return oneRecord(kSequence1, "Zmlyc3Q="); // "first"
        case 2: return HttpResponse{500, R"({"__type":"InternalFailure","message":"We encountered an internal error."})", {}};
        case 3: return oneRecord(kSequence2, "c2Vjb25k"); // "second"
        default: return kAtTheTip;
        }
    });
    AwsBrowser browser;
    openBusyStream(browser, peer.url());
    QTRY_COMPARE_WITH_TIMEOUT(browser.shardModel()->rowCount(), 1, 30000);
    QVERIFY(browser.tailShard(kShard0));
    RecordTableModel *records = tailModel(browser);
    QTRY_VERIFY2_WITH_TIMEOUT(browser.tailPane()->statusText().contains("InternalFailure"_L1),
                              qPrintable(browser.tailPane()->statusText()), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 2, 30000);
    QCOMPARE(records->record(0)->data, QByteArray("first"));
    QCOMPARE(records->record(1)->data, QByteArray("second"));
    QVERIFY(browser.tailPane()->tail()->isRunning());
    // It went on right after the last record it had.
    QList<QJsonObject> iterators;
    for (const HttpRequest &request : peer.requests())
        if (actionOf(request) == "GetShardIterator")
            iterators << QJsonDocument::fromJson(request.body).object();
    QCOMPARE(iterators.size(), 2);
    QCOMPARE(iterators[0]["ShardIteratorType"_L1].toString(), u"TRIM_HORIZON"_s);
    QCOMPARE(iterators[1]["ShardIteratorType"_L1].toString(), u"AFTER_SEQUENCE_NUMBER"_s);
    QCOMPARE(iterators[1]["StartingSequenceNumber"_L1].toString(), QString::fromLatin1(kSequence1));
    browser.stopTail(); // then every call it made reaches the peer
    QTRY_COMPARE(getRecords, browser.tailPane()->tail()->getRecordsCalls());
}

void TestAwsBrowser::mainWindowOpensTheBrowser()
{
    createStream(u"listed-on-open"_s, 1);
    AwsSource::save(emulator()); // as a window listing this source before left it
    ConsoleStreams streams;
    MainWindow window(&streams, QString());
    QAction *open = nullptr;
    for (QAction *menu : window.menuBar()->actions())
        for (QAction *action : menu->menu()->actions())
            if (action->text() == u"&AWS streams…"_s)
                open = action;
    QVERIFY(open);
    open->trigger();
    auto *browser = window.findChild<AwsBrowser *>();
    QVERIFY(browser);
    QTRY_VERIFY(browser->isVisible());
    // The source chosen before is listed again without asking.
    QTRY_VERIFY_WITH_TIMEOUT(browser->streamModel()->match(browser->streamModel()->index(0, 0), Qt::DisplayRole,
                                                           u"listed-on-open"_s).size() == 1, 15000);
    open->trigger();
    QCOMPARE(window.findChildren<AwsBrowser *>().size(), 1); // the same window again
}

void TestAwsBrowser::consoleCommandLineOpensAStreamAndTailsIt()
{
    createStream(u"from-the-command-line"_s, 1);
    QCOMPARE(put(u"from-the-command-line"_s, {"one"}).size(), 1);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(u"config"_s) && QDir(dir.path()).mkdir(u"runtime"_s));
    QFile::setPermissions(dir.filePath(u"runtime"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto run = [&](const QStringList &arguments, QString *errors) {
        QProcess console;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
        environment.insert(u"XDG_RUNTIME_DIR"_s, dir.filePath(u"runtime"_s));
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"QMLD_STORE"_s, dir.filePath(u"store.db"_s));
        environment.insert(u"AWS_ENDPOINT_URL_KINESIS"_s, m_aws.kinesisUrl().toString());
        console.setProcessEnvironment(environment);
        console.start(qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld-console"_s, arguments);
        if (!console.waitForStarted() || !console.waitForFinished(60000)) {
            console.kill();
            console.waitForFinished();
            return -1;
        }
        *errors = QString::fromUtf8(console.readAllStandardError());
        return console.exitStatus() == QProcess::NormalExit ? console.exitCode() : -1;
    };
    // The default profile's region and keys (the test's config files), the emulator by the environment.
    QString errors;
    const QString shot = dir.filePath(u"aws.png"_s);
    QCOMPARE(run({u"--lang"_s, u"en"_s, u"--aws"_s, u"--aws-stream"_s, u"from-the-command-line"_s, u"--aws-tail"_s, u"0"_s,
                  u"--aws-from"_s, u"TRIM_HORIZON"_s, u"--screenshot"_s, shot, u"--after"_s, u"3000"_s},
                 &errors),
             0);
    QVERIFY2(!QImage(shot).isNull(), qPrintable(errors));

    QCOMPARE(run({u"--aws-tail"_s, u"0"_s}, &errors), 2);
    QVERIFY2(errors.contains("--aws-tail needs --aws-stream"_L1), qPrintable(errors));
    QCOMPARE(run({u"--aws-stream"_s, u"s"_s, u"--aws-from"_s, u"YESTERDAY"_s}, &errors), 2);
    QVERIFY2(errors.contains("--aws-from 'YESTERDAY' is not"_L1), qPrintable(errors));
}

QMLD_CONSOLE_TEST_MAIN(TestAwsBrowser)
#include "test_aws_browser.moc"

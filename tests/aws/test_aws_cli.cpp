// `qmld stream list|describe|read|put --aws` and `qmld capture --aws` as a
// user runs them, against kinesalite; streams made and records put with the
// official AWS CLI. The capture is replayed with `qmld replay`. Exit 4 when
// AWS refuses the credentials (a scripted peer: kinesalite accepts anything)
// or none are found.

#include "AwsEmulators.h"
#include "HttpResponder.h"
#include "ProgramRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld::test;

namespace {

QList<QJsonObject> jsonLines(const QByteArray &text)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : text.split('\n'))
        if (!line.trimmed().isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    return lines;
}

} // namespace

class TestAwsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listAndDescribeStreamsTheAwsCliMade();
    void unknownStreamExits3AndNamesIt();
    void readsWhatTheAwsCliPut();
    void putLinesAggregatedAndReadBack();
    void readWithoutShardReadsEveryShardParentsFirst();
    void captureIsReplayable();
    void refusedCredentialsExit4();
    void refusedSignatureExit4OnEveryCommand();
    void noCredentialsExit4();

private:
    QProcessEnvironment environment() const;
    ProgramRun qmld(const QStringList &arguments, const QByteArray &input = {});
    ProgramRun aws(const QStringList &arguments);
    QStringList endpoint() const { return {u"--aws"_s, u"--endpoint-url"_s, m_aws.kinesisUrl().toString()}; }

    AwsEmulators m_aws;
    QTemporaryDir m_dir;
    QString m_awsCli;
    bool m_awsCliV2 = false;
};

QProcessEnvironment TestAwsCli::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys())
        if (name.startsWith("AWS_"_L1))
            environment.remove(name);
    environment.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDQMLDCLITEST00001"_s);
    environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"cli-test-secret"_s);
    environment.insert(u"AWS_REGION"_s, u"us-east-1"_s);
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    environment.insert(u"HOME"_s, m_dir.path()); // no ~/.aws of the machine's
    environment.insert(u"TMPDIR"_s, m_dir.path());
    environment.insert(u"QMLD_STORE"_s, m_dir.filePath(u"store.sqlite"_s));
    return environment;
}

ProgramRun TestAwsCli::qmld(const QStringList &arguments, const QByteArray &input)
{
    return runProgram(u"qmld"_s, arguments, input, environment());
}

ProgramRun TestAwsCli::aws(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(m_awsCli, QStringList{u"--endpoint-url"_s, m_aws.kinesisUrl().toString(), u"--output"_s, u"json"_s} + arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

void TestAwsCli::initTestCase()
{
    // Debian's awscli (v2) first; any other on PATH will do.
    m_awsCli = QFile::exists(u"/usr/bin/aws"_s) ? u"/usr/bin/aws"_s : QStandardPaths::findExecutable(u"aws"_s);
    if (m_awsCli.isEmpty())
        QSKIP("the AWS CLI is not installed: install awscli (./dev deps)");
    QProcess version;
    version.start(m_awsCli, {u"--version"_s});
    QVERIFY(version.waitForFinished(60000));
    m_awsCliV2 = QByteArray(version.readAllStandardOutput() + version.readAllStandardError()).startsWith("aws-cli/2");
    QMLD_START_AWS_EMULATORS(m_aws);
    for (const auto &[name, shards] : {std::pair{u"cli-orders"_s, u"2"_s}, std::pair{u"cli-events"_s, u"1"_s}}) {
        const ProgramRun created = aws({u"kinesis"_s, u"create-stream"_s, u"--stream-name"_s, name, u"--shard-count"_s, shards});
        QVERIFY2(created.exitCode == 0, created.err.constData());
    }
    const ProgramRun waited = aws({u"kinesis"_s, u"wait"_s, u"stream-exists"_s, u"--stream-name"_s, u"cli-events"_s});
    QVERIFY2(waited.exitCode == 0, waited.err.constData());
}

void TestAwsCli::listAndDescribeStreamsTheAwsCliMade()
{
    const ProgramRun list = qmld(QStringList{u"stream"_s, u"list"_s, u"--json"_s} + endpoint());
    QVERIFY2(list.exitCode == 0, list.err.constData());
    const QJsonObject listed = QJsonDocument::fromJson(list.out).object();
    QCOMPARE(listed.keys(), (QStringList{u"StreamNames"_s, u"StreamSummaries"_s}));
    QVERIFY(listed["StreamNames"_L1].toArray().contains(u"cli-orders"_s));
    QVERIFY(listed["StreamNames"_L1].toArray().contains(u"cli-events"_s));

    const ProgramRun describe = qmld(QStringList{u"stream"_s, u"describe"_s, u"cli-orders"_s, u"--json"_s} + endpoint());
    QVERIFY2(describe.exitCode == 0, describe.err.constData());
    const QJsonObject description = QJsonDocument::fromJson(describe.out)["StreamDescription"_L1].toObject();
    QCOMPARE(description["StreamName"_L1].toString(), u"cli-orders"_s);
    QCOMPARE(description["StreamStatus"_L1].toString(), u"ACTIVE"_s);
    const QJsonArray shards = description["Shards"_L1].toArray();
    QCOMPARE(shards.size(), 2);
    QCOMPARE(shards[1]["ShardId"_L1].toString(), u"shardId-000000000001"_s);
    QCOMPARE(shards[1]["HashKeyRange"_L1]["EndingHashKey"_L1].toString(), u"340282366920938463463374607431768211455"_s);
    QVERIFY(!shards[0]["SequenceNumberRange"_L1]["StartingSequenceNumber"_L1].toString().isEmpty());

    const ProgramRun human = qmld(QStringList{u"stream"_s, u"describe"_s, u"cli-orders"_s} + endpoint());
    QVERIFY2(human.exitCode == 0, human.err.constData());
    QVERIFY(human.out.contains("shardId-000000000001"));
}

void TestAwsCli::unknownStreamExits3AndNamesIt()
{
    const ProgramRun describe = qmld(QStringList{u"stream"_s, u"describe"_s, u"no-such"_s} + endpoint());
    QCOMPARE(describe.exitCode, 3);
    QVERIFY2(describe.err.startsWith("qmld: Kinesis DescribeStreamSummary on stream no-such (us-east-1): ResourceNotFoundException:"),
             describe.err.constData());
    const ProgramRun read = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-events"_s, u"--shard"_s, u"9"_s} + endpoint());
    QCOMPARE(read.exitCode, 3);
    QVERIFY2(read.err.startsWith("qmld: Kinesis GetShardIterator on shardId-000000000009 of stream cli-events (us-east-1): "
                                 "ResourceNotFoundException:"),
             read.err.constData());
}

void TestAwsCli::readsWhatTheAwsCliPut()
{
    QStringList sequences;
    for (const QString &text : {u"first"_s, u"second"_s, u"third"_s}) {
        QStringList arguments{u"kinesis"_s, u"put-record"_s, u"--stream-name"_s, u"cli-events"_s,
                              u"--partition-key"_s, u"key-"_s + text, u"--data"_s, text};
        if (m_awsCliV2)
            arguments << u"--cli-binary-format"_s << u"raw-in-base64-out"_s;
        const ProgramRun put = aws(arguments);
        QVERIFY2(put.exitCode == 0, put.err.constData());
        sequences << QJsonDocument::fromJson(put.out)["SequenceNumber"_L1].toString();
    }
    const ProgramRun read = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-events"_s, u"--shard"_s, u"0"_s, u"--json"_s} + endpoint());
    QVERIFY2(read.exitCode == 0, read.err.constData());
    const QList<QJsonObject> records = jsonLines(read.out);
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[1]["action"_L1].toString(), u"record"_s);
    QCOMPARE(QByteArray::fromBase64(records[1]["data"_L1].toString().toLatin1()), QByteArray("second"));
    QCOMPARE(records[1]["partitionKey"_L1].toString(), u"key-second"_s);
    QCOMPARE(records[1]["sequenceNumber"_L1].toString(), sequences[1]);
    QCOMPARE(records[1]["subSequenceNumber"_L1].toInt(), 0);
    QVERIFY(records[1]["approximateArrivalTimestamp"_L1].toDouble() > 1.6e12);

    const ProgramRun after = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-events"_s, u"--shard"_s, u"shardId-000000000000"_s,
                                              u"--from"_s, u"AFTER_SEQUENCE_NUMBER:"_s + sequences[0], u"--limit"_s, u"1"_s,
                                              u"--json"_s} + endpoint());
    QVERIFY2(after.exitCode == 0, after.err.constData());
    QCOMPARE(jsonLines(after.out).size(), 1);
    QCOMPARE(jsonLines(after.out)[0]["sequenceNumber"_L1].toString(), sequences[1]);

    const ProgramRun bad = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-events"_s, u"--shard"_s, u"0"_s, u"--from"_s, u"SOON"_s} + endpoint());
    QCOMPARE(bad.exitCode, 2);
}

void TestAwsCli::putLinesAggregatedAndReadBack()
{
    QFile lines(m_dir.filePath(u"lines.txt"_s));
    QVERIFY(lines.open(QIODevice::WriteOnly));
    QByteArray text;
    for (int i = 1; i <= 40; ++i)
        text += "line " + QByteArray::number(i) + '\n';
    lines.write(text);
    lines.close();
    const ProgramRun put = qmld(QStringList{u"stream"_s, u"put"_s, u"cli-orders"_s, u"--lines"_s, lines.fileName(),
                                            u"--aggregate"_s, u"--json"_s} + endpoint());
    QVERIFY2(put.exitCode == 0, put.err.constData());
    const QJsonObject result = QJsonDocument::fromJson(put.out).object();
    QCOMPARE(result["RecordCount"_L1].toInt(), 40);
    QCOMPARE(result["StoredRecordCount"_L1].toInt(), 2); // one aggregate per shard
    QCOMPARE(result["FailedRecordCount"_L1].toInt(), 0);

    QSet<QByteArray> read;
    int fromAggregates = 0;
    for (const QString &shard : {u"0"_s, u"1"_s}) {
        const ProgramRun run = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-orders"_s, u"--shard"_s, shard, u"--json"_s} + endpoint());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (const QJsonObject &record : jsonLines(run.out)) {
            read.insert(QByteArray::fromBase64(record["data"_L1].toString().toLatin1()));
            fromAggregates += record["subSequenceNumber"_L1].toInt() > 0;
        }
    }
    QCOMPARE(read.size(), 40);
    QVERIFY(read.contains("line 17"));
    QVERIFY(fromAggregates >= 38); // all but the first of each aggregate
}

void TestAwsCli::readWithoutShardReadsEveryShardParentsFirst()
{
    // A resharded stream: shard 0 split into shards 1 and 2, records in all three.
    const ProgramRun created = aws({u"kinesis"_s, u"create-stream"_s, u"--stream-name"_s, u"cli-split"_s,
                                    u"--shard-count"_s, u"1"_s});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QVERIFY(aws({u"kinesis"_s, u"wait"_s, u"stream-exists"_s, u"--stream-name"_s, u"cli-split"_s}).exitCode == 0);
    const auto put = [this](const QString &data, const QString &key) {
        return qmld(QStringList{u"stream"_s, u"put"_s, u"cli-split"_s, u"--data"_s, data, u"--partition-key"_s, key} + endpoint());
    };
    for (int i = 0; i < 3; ++i)
        QVERIFY(put(u"before split %1"_s.arg(i), u"key-%1"_s.arg(i)).exitCode == 0);
    const ProgramRun split = aws({u"kinesis"_s, u"split-shard"_s, u"--stream-name"_s, u"cli-split"_s,
                                  u"--shard-to-split"_s, u"shardId-000000000000"_s,
                                  u"--new-starting-hash-key"_s, u"170141183460469231731687303715884105728"_s});
    QVERIFY2(split.exitCode == 0, split.err.constData());
    QVERIFY(aws({u"kinesis"_s, u"wait"_s, u"stream-exists"_s, u"--stream-name"_s, u"cli-split"_s}).exitCode == 0);
    for (int i = 0; i < 6; ++i)
        QVERIFY(put(u"after split %1"_s.arg(i), u"key-%1"_s.arg(i)).exitCode == 0);

    const ProgramRun all = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-split"_s, u"--json"_s,
                                            u"--calls-per-second"_s, u"5"_s} + endpoint());
    QVERIFY2(all.exitCode == 0, all.err.constData());
    const QList<QJsonObject> records = jsonLines(all.out);
    QCOMPARE(records.size(), 9);
    QStringList shards;
    for (const QJsonObject &record : records) {
        const QString shard = record["shardId"_L1].toString();
        const QByteArray data = QByteArray::fromBase64(record["data"_L1].toString().toLatin1());
        QCOMPARE(data.startsWith("before"), shard == u"shardId-000000000000"_s);
        if (shards.isEmpty() || shards.constLast() != shard)
            shards << shard;
    }
    // The parent read to its end first, then each child in turn.
    QCOMPARE(shards.constFirst(), u"shardId-000000000000"_s);
    QCOMPARE(shards.size(), 3);
    QVERIFY(shards.at(1) < shards.at(2));

    const ProgramRun text = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-split"_s, u"--limit"_s, u"4"_s,
                                             u"--calls-per-second"_s, u"5"_s} + endpoint());
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.startsWith("SHARD "), text.out.constData());
    QCOMPARE(text.out.count("before split"), 3);
    QCOMPARE(text.out.count("after split"), 1); // --limit counts records of every shard
    QVERIFY2(text.out.contains("3 records from shardId-000000000000 of stream cli-split; the shard is closed"),
             text.out.constData());

    const ProgramRun bySequence = qmld(QStringList{u"stream"_s, u"read"_s, u"cli-split"_s, u"--from"_s,
                                                   u"AT_SEQUENCE_NUMBER:"_s + records.constFirst()["sequenceNumber"_L1].toString()}
                                       + endpoint());
    QCOMPARE(bySequence.exitCode, 2);
    QVERIFY2(bySequence.err.contains("give --shard"), bySequence.err.constData());
}

void TestAwsCli::captureIsReplayable()
{
    const ProgramRun put = qmld(QStringList{u"stream"_s, u"put"_s, u"cli-orders"_s, u"--data"_s, u"captured"_s,
                                            u"--partition-key"_s, u"pk"_s} + endpoint());
    QVERIFY2(put.exitCode == 0, put.err.constData());
    const QString file = m_dir.filePath(u"orders-capture.jsonl"_s);
    const ProgramRun capture = qmld(QStringList{u"capture"_s, u"--stream"_s, u"cli-orders"_s, u"--out"_s, file, u"--json"_s} + endpoint());
    QVERIFY2(capture.exitCode == 0, capture.err.constData());
    const QJsonObject summary = QJsonDocument::fromJson(capture.out).object();
    QCOMPARE(summary["Shards"_L1].toInt(), 2);
    const int captured = summary["Records"_L1].toInt();
    QVERIFY(captured >= 41);

    QFile content(file);
    QVERIFY(content.open(QIODevice::ReadOnly));
    const QJsonObject header = QJsonDocument::fromJson(content.readLine()).object();
    QCOMPARE(header["stream"_L1].toString(), u"cli-orders"_s);
    QCOMPARE(header["source"_L1].toString(), u"kinesis:us-east-1"_s);

    const QString output = m_dir.filePath(u"replayed.jsonl"_s);
    const ProgramRun replay = qmld({u"replay"_s, file, u"--processor"_s, u"log"_s, u"--output"_s, output});
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    QFile replayed(output);
    QVERIFY(replayed.open(QIODevice::ReadOnly));
    int records = 0;
    bool sawCaptured = false;
    for (const QJsonObject &line : jsonLines(replayed.readAll())) {
        if (line.contains("event"_L1))
            continue;
        ++records;
        sawCaptured |= QByteArray::fromBase64(line["data"_L1].toString().toLatin1()) == "captured";
    }
    QCOMPARE(records, captured);
    QVERIFY(sawCaptured);
}

void TestAwsCli::refusedCredentialsExit4()
{
    HttpResponder refusing([](const HttpRequest &) -> std::optional<HttpResponse> {
        return HttpResponse{400, R"({"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."})", {}};
    });
    // The peer answers from this thread: wait with the event loop running, not in runProgram().
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s),
                  {u"stream"_s, u"list"_s, u"--aws"_s, u"--endpoint-url"_s, refusing.url().toString()});
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 60000);
    const ProgramRun list{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    QCOMPARE(list.exitCode, 4);
    QVERIFY2(list.err.contains("UnrecognizedClientException: The security token included in the request is invalid."), list.err.constData());
    QVERIFY(!list.err.contains("cli-test-secret"));
}

void TestAwsCli::refusedSignatureExit4OnEveryCommand()
{
    // kinesalite checks the form of the Authorization header as Kinesis does: a key id
    // that leaves its Credential empty is refused (IncompleteSignatureException).
    QProcessEnvironment refused = environment();
    refused.insert(u"AWS_ACCESS_KEY_ID"_s, u",AKIDREFUSED"_s);
    const QList<QStringList> commands{
        {u"stream"_s, u"list"_s},
        {u"stream"_s, u"describe"_s, u"cli-orders"_s},
        {u"stream"_s, u"read"_s, u"cli-orders"_s, u"--shard"_s, u"0"_s},
        {u"stream"_s, u"read"_s, u"cli-orders"_s},
        {u"stream"_s, u"put"_s, u"cli-orders"_s, u"--data"_s, u"x"_s, u"--partition-key"_s, u"k"_s},
        {u"capture"_s, u"--stream"_s, u"cli-orders"_s, u"--out"_s, m_dir.filePath(u"refused.jsonl"_s)},
    };
    for (const QStringList &command : commands) {
        const ProgramRun run = runProgram(u"qmld"_s, command + endpoint(), {}, refused);
        QVERIFY2(run.exitCode == 4, qPrintable(command.join(u' ') + u": "_s + QString::fromUtf8(run.err)));
        QVERIFY2(run.err.contains("IncompleteSignatureException"), run.err.constData());
        QVERIFY(!run.err.contains("cli-test-secret"));
    }
}

void TestAwsCli::noCredentialsExit4()
{
    QProcessEnvironment bare = environment();
    bare.remove(u"AWS_ACCESS_KEY_ID"_s);
    bare.remove(u"AWS_SECRET_ACCESS_KEY"_s);
    const ProgramRun list = runProgram(u"qmld"_s, QStringList{u"stream"_s, u"list"_s} + endpoint(), {}, bare);
    QCOMPARE(list.exitCode, 4);
    QVERIFY2(list.err.startsWith("qmld: no AWS credentials"), list.err.constData());
    const ProgramRun profile = runProgram(u"qmld"_s, QStringList{u"stream"_s, u"list"_s, u"--profile"_s, u"ghost"_s} + endpoint(), {}, bare);
    QCOMPARE(profile.exitCode, 3);
    QVERIFY2(profile.err.contains("profile ghost is not in"), profile.err.constData());
}

QTEST_GUILESS_MAIN(TestAwsCli)
#include "test_aws_cli.moc"

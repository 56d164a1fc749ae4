// The scripted MultiLangDaemon against the official npm aws-kcl child library:
// every scenario in tests/peers/scenarios that Node supports runs with
// tests/peers/node/kcl_minimal.js as executableName, and the transcripts are
// checked against the protocol (one status per message, checkpoint replies,
// final checkpoints). The daemon's own rule enforcement is checked with
// children that break one rule each (tests/peers/node/raw_child.js).

#include "ScenarioRun.h"
#include "TranscriptChecks.h"

#include <TestPeers.h>

#include <QDir>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qmld::peers;

namespace {

constexpr auto runTimeout = std::chrono::minutes(2);

// Every checkpoint request got exactly one reply, echoing what was asked.
void verifyCheckpointReplies(const ShardTranscript &transcript, const QJsonArray &checkpointLog)
{
    const QList<QJsonObject> requests = withAction(transcript.childMessages, "checkpoint"_L1);
    const QList<QJsonObject> replies = withAction(transcript.daemonMessages, "checkpoint"_L1);
    QCOMPARE(replies.size(), requests.size());
    QCOMPARE(checkpointLog.size(), requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        QCOMPARE(replies.at(i).value("sequenceNumber"_L1), requests.at(i).value("sequenceNumber"_L1).isUndefined()
                                                                 ? QJsonValue()
                                                                 : requests.at(i).value("sequenceNumber"_L1));
        QCOMPARE(replies.at(i).value("error"_L1), checkpointLog.at(i).toObject().value("error"_L1));
        QCOMPARE(replies.at(i).keys(), (QStringList{u"action"_s, u"error"_s, u"sequenceNumber"_s, u"subSequenceNumber"_s}));
    }
}

// kcl_minimal.js checkpoints at the last record of every non-empty batch, and
// with no argument on shardEnded and shutdownRequested.
void verifyMinimalProcessorCheckpoints(const ShardTranscript &transcript, const QJsonArray &checkpointLog)
{
    QStringList expected;
    for (const QJsonObject &message : transcript.daemonMessages) {
        const QString action = message.value("action"_L1).toString();
        const QJsonArray records = message.value("records"_L1).toArray();
        if (action == "processRecords"_L1 && !records.isEmpty())
            expected.append(action + u' ' + records.last()["sequenceNumber"_L1].toString());
        else if (action == "shardEnded"_L1 || action == "shutdownRequested"_L1)
            expected.append(action + u" null"_s);
    }
    QStringList actual;
    for (const QJsonValue &entry : checkpointLog) {
        const QJsonValue sequence = entry["sequenceNumber"_L1];
        actual.append(entry["during"_L1].toString() + u' ' + (sequence.isNull() ? u"null"_s : sequence.toString()));
    }
    QCOMPARE(actual, expected);
}


} // namespace

class TestScriptedDaemonNode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void nodeChildFollowsScenario_data();
    void nodeChildFollowsScenario();
    void daemonStopsOnViolation_data();
    void daemonStopsOnViolation();
    void daemonRejectsCheckpointBeyondDeliveredRecords();
    void daemonSpeaksLegacyV1Protocol();

private:
    QString childCommand(const QString &script, const QString &arguments = {}) const;

    QString m_node;
};

void TestScriptedDaemonNode::initTestCase()
{
    QMLD_REQUIRE_PEER(qmld::test::missingNodePeer(u"aws-kcl"_s));
    m_node = qmld::test::nodeExecutable();
    QVERIFY2(QFile::exists(ScenarioRun::scriptedDaemonPath()),
             qPrintable(u"missing %1 (build the qmld-scripted-daemon target)"_s.arg(ScenarioRun::scriptedDaemonPath())));
}

QString TestScriptedDaemonNode::childCommand(const QString &script, const QString &arguments) const
{
    // executableName is split on spaces with no quoting, as the Java daemon does.
    const QString command = m_node + u' ' + QDir(nodePeersDir()).filePath(script);
    return arguments.isEmpty() ? command : command + u' ' + arguments;
}

void TestScriptedDaemonNode::nodeChildFollowsScenario_data()
{
    QTest::addColumn<QString>("scenarioPath");
    const QDir dir(scenariosDir());
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable(u"no scenarios in %1"_s.arg(dir.path())));
    for (const QString &file : files) {
        // A qmldOnly scenario is one aws-kcl cannot run (v1-protocol.json: it
        // crashes on the legacy shutdown); daemonSpeaksLegacyV1Protocol runs it
        // against raw_child.js instead, and test_qmld_run_scenarios against qmld.
        QString error;
        if (!ScenarioRun::readScenario(dir.filePath(file), &error).contains("qmldOnly"_L1))
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }
}

void TestScriptedDaemonNode::nodeChildFollowsScenario()
{
    QFETCH(QString, scenarioPath);
    QString error;
    const QJsonObject scenario = ScenarioRun::readScenario(scenarioPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!childCommand(u"kcl_minimal.js"_s).contains(u"  "_s), "a path with spaces cannot be an executableName");

    ScenarioRun run(scenarioPath);
    QVERIFY(run.isValid());
    QVERIFY(run.startDaemon(childCommand(u"kcl_minimal.js"_s)));

    const QJsonArray shards = scenario.value("shards"_L1).toArray();
    const bool sendSigterm = scenario.value("sendSigtermWhenIdle"_L1).toBool();
    if (sendSigterm) {
        QTRY_VERIFY_WITH_TIMEOUT(run.stderrSoFar().count("idle, waiting for SIGTERM") == shards.size(), 60000);
        run.terminate();
    }
    const ScenarioResult result = run.waitForResult(runTimeout);
    QVERIFY2(result.exitedInTime && result.processGroupEmpty, result.describe().constData());

    const QJsonObject expect = scenario.value("expect"_L1).toObject();
    const int expectedExitCode = expect.value("exitCode"_L1).toInt(0);
    QVERIFY2(result.exitCode == expectedExitCode, result.describe().constData());
    QCOMPARE(result.summary.value("exitCode"_L1).toInt(-1), expectedExitCode);
    const QJsonObject shardSummaries = result.summary.value("shards"_L1).toObject();
    const QJsonObject expectedShards = expect.value("shards"_L1).toObject();

    if (expectedExitCode != 0) {
        const QString violation = expect.value("violation"_L1).toString();
        QVERIFY(!violation.isEmpty());
        QVERIFY2(result.daemonStderr.contains(violation.toUtf8()), result.describe().constData());
        for (auto it = expectedShards.constBegin(); it != expectedShards.constEnd(); ++it) {
            verifyExpectations(it.value().toObject(), shardSummaries.value(it.key()).toObject());
            if (QTest::currentTestFailed())
                return;
        }
        return;
    }

    QCOMPARE(result.summary.value("violations"_L1).toArray(), QJsonArray());
    QCOMPARE(result.summary.value("interrupted"_L1).toBool(), sendSigterm);
    const QJsonArray events = result.summary.value("events"_L1).toArray();
    for (const QJsonValue &shardValue : shards) {
        const QString shardId = shardValue["shardId"_L1].toString();
        const QJsonObject shardSummary = shardSummaries.value(shardId).toObject();
        QVERIFY2(result.shards.contains(shardId), qPrintable(u"no transcript for "_s + shardId));
        const ShardTranscript &transcript = result.shards[shardId];
        const QJsonArray checkpointLog = shardSummary.value("checkpoints"_L1).toArray();

        QVERIFY2(shardSummary.value("completed"_L1).toBool(), qPrintable(shardId));
        QCOMPARE(shardSummary.value("childExitCode"_L1), QJsonValue(0));
        verifyOneStatusPerMessage(transcript);
        if (QTest::currentTestFailed())
            return;
        verifyCheckpointReplies(transcript, checkpointLog);
        if (QTest::currentTestFailed())
            return;
        verifyMinimalProcessorCheckpoints(transcript, checkpointLog);
        if (QTest::currentTestFailed())
            return;
        verifyExpectations(expectedShards.value(shardId).toObject(), shardSummary);
        if (QTest::currentTestFailed())
            return;

        for (const QJsonValue &parent : shardValue["parents"_L1].toArray()) {
            const qsizetype parentEnded = eventIndex(events, u"checkpointedShardEnd"_s, parent.toString());
            QVERIFY2(parentEnded >= 0 && eventIndex(events, u"started"_s, shardId) > parentEnded,
                     qPrintable(u"%1 started before its parent %2 checkpointed SHARD_END"_s.arg(shardId, parent.toString())));
        }
        if (sendSigterm) {
            const QStringList actions = actionsOf(transcript.daemonMessages, statusActions());
            QCOMPARE(actions.mid(actions.size() - 2), (QStringList{u"shutdownRequested"_s, u"leaseLost"_s}));
        }
    }
}

void TestScriptedDaemonNode::daemonStopsOnViolation_data()
{
    QTest::addColumn<QString>("child");
    QTest::addColumn<QString>("extraProperty");
    QTest::addColumn<QStringList>("daemonOptions");
    QTest::addColumn<QString>("expectedViolation");

    QTest::newRow("status for the wrong action")
        << u"wrong-status"_s << QString() << QStringList()
        << u"status responseFor \"processRecords\" does not match the action initialize"_s;
    QTest::newRow("extra property, then timeoutInSeconds")
        << u"extra-key"_s << u"timeoutInSeconds = 1"_s << QStringList()
        << u"timed out after 1 s (timeoutInSeconds) waiting for a message from the child during initialize"_s;
    QTest::newRow("bare null") << u"bare-null"_s << QString() << QStringList() << u"the child wrote a bare null during initialize"_s;
    QTest::newRow("child exits mid-action")
        << u"exit-mid-action"_s << QString() << QStringList()
        << u"child process ended (exit code 3) while the daemon waited for the status of processRecords"_s;
    QTest::newRow("child ignores end of input")
        << u"ignore-eof"_s << QString() << QStringList{u"--child-exit-timeout"_s, u"1"_s}
        << u"child process did not exit within 1 s after its stdin was closed"_s;
    QTest::newRow("child cannot be started")
        << QString() << QString() << QStringList() << u"cannot start child process /nonexistent/kcl-child"_s;
}

void TestScriptedDaemonNode::daemonStopsOnViolation()
{
    QFETCH(QString, child);
    QFETCH(QString, extraProperty);
    QFETCH(QStringList, daemonOptions);
    QFETCH(QString, expectedViolation);

    const QString scenarioPath = QDir(scenariosDir()).filePath(u"lifecycle-simple.json"_s);
    ScenarioRun run(scenarioPath);
    QVERIFY(run.isValid());
    QMap<QString, QString> extra;
    if (!extraProperty.isEmpty())
        extra.insert(extraProperty.section(u" = "_s, 0, 0), extraProperty.section(u" = "_s, 1));
    const QString properties = run.writeProperties(
        child.isEmpty() ? u"/nonexistent/kcl-child"_s : childCommand(u"raw_child.js"_s, child), extra);
    QVERIFY(!properties.isEmpty());
    QVERIFY(run.startLauncher(ScenarioRun::scriptedDaemonPath(),
                              QStringList{u"--properties-file"_s, properties, u"--scenario"_s, scenarioPath,
                                          u"--transcript-dir"_s, run.transcriptDir()}
                                  + daemonOptions));
    const ScenarioResult result = run.waitForResult(runTimeout);

    QVERIFY2(result.exitedInTime && result.processGroupEmpty, result.describe().constData());
    QVERIFY2(result.exitCode == 1, result.describe().constData());
    QVERIFY2(result.daemonStderr.contains(
                 QByteArray("violation: shard shardId-000000000000: " + expectedViolation.toUtf8())),
             result.describe().constData());
    const QJsonArray violations = result.summary.value("violations"_L1).toArray();
    QCOMPARE(violations.size(), 1);
    QVERIFY(violations.first().toString().contains(expectedViolation));
    if (child == "extra-key"_L1)
        QVERIFY(result.daemonStderr.contains("skipping unexpected line on STDOUT: "
                                             R"({"action":"status","responseFor":"initialize","extra":1})"
                                             " (unrecognized property extra)"));
}

void TestScriptedDaemonNode::daemonRejectsCheckpointBeyondDeliveredRecords()
{
    ScenarioRun run(QDir(scenariosDir()).filePath(u"lifecycle-simple.json"_s));
    QVERIFY(run.isValid());
    QVERIFY(run.startDaemon(childCommand(u"raw_child.js"_s, u"checkpoint-out-of-range"_s)));
    const ScenarioResult result = run.waitForResult(runTimeout);
    QVERIFY2(result.isSuccess(), result.describe().constData());

    const QJsonObject shard = result.summary["shards"_L1]["shardId-000000000000"_L1].toObject();
    QJsonArray errors;
    for (const QJsonValue &entry : shard.value("checkpoints"_L1).toArray())
        errors.append(entry["error"_L1]);
    const QJsonValue illegal(u"IllegalArgumentException"_s);
    QCOMPARE(errors, (QJsonArray{illegal, illegal, illegal, QJsonValue()}));
    QCOMPARE(shard["finalCheckpoint"_L1]["sequenceNumber"_L1].toString(), u"SHARD_END"_s);
}

// aws-kcl cannot take the v1 `shutdown` message, so the v1 scenario runs
// against the protocol-level child: TERMINATE permits SHARD_END, ZOMBIE
// answers every checkpoint with ShutdownException.
void TestScriptedDaemonNode::daemonSpeaksLegacyV1Protocol()
{
    const QString scenarioPath = QDir(scenariosDir()).filePath(u"v1-protocol.json"_s);
    QString error;
    const QJsonObject scenario = ScenarioRun::readScenario(scenarioPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    ScenarioRun run(scenarioPath);
    QVERIFY(run.isValid());
    QVERIFY(run.startDaemon(childCommand(u"raw_child.js"_s, u"conforming"_s)));
    const ScenarioResult result = run.waitForResult(runTimeout);
    QVERIFY2(result.isSuccess(), result.describe().constData());

    const QJsonObject shards = result.summary["shards"_L1].toObject();
    const QJsonObject expected = scenario["expect"_L1]["shards"_L1].toObject();
    for (const QString &shardId : {u"shardId-000000000000"_s, u"shardId-000000000001"_s}) {
        const ShardTranscript &transcript = result.shards[shardId];
        QVERIFY(!transcript.daemonMessages.isEmpty());
        QCOMPARE(transcript.daemonMessages.first().keys(), (QStringList{u"action"_s, u"shardId"_s}));
        verifyOneStatusPerMessage(transcript);
        if (QTest::currentTestFailed())
            return;
        verifyExpectations(expected[shardId].toObject(), shards[shardId].toObject());
        if (QTest::currentTestFailed())
            return;
    }
    QJsonArray zombieErrors;
    for (const QJsonValue &entry : shards["shardId-000000000001"_L1]["checkpoints"_L1].toArray())
        zombieErrors.append(entry["error"_L1]);
    QCOMPARE(zombieErrors, (QJsonArray{QJsonValue(), u"ShutdownException"_s}));
}

QTEST_GUILESS_MAIN(TestScriptedDaemonNode)
#include "test_scripted_daemon_node.moc"

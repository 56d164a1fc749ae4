// `qmld run` as a whole (ShardServer, ShardSession, qmld-connect children,
// StreamRunner, the log processor) under the scripted MultiLangDaemon, over
// every protocol scenario in tests/peers/scenarios. Where the official npm
// aws-kcl child can run the same scenario, both transcripts are compared:
// the same statuses in the same order, and the same final checkpoint.

#include "ScenarioRun.h"
#include "TranscriptChecks.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ProcessProbe.h"

#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>

using namespace Qt::StringLiterals;
using namespace qmld::test;
using namespace qmld::peers;

namespace {

constexpr auto runTimeout = std::chrono::minutes(2);

QString binPath(const QString &name)
{
    return QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(name);
}

QStringList qmldRunArguments(const ScenarioRun &run, const QString &properties, const QString &output)
{
    return {u"run"_s,
            u"--properties"_s, properties,
            u"--mld"_s, run.daemonCommandLine(u"{properties}"_s),
            u"--processor"_s, u"log"_s,
            u"--output"_s, output,
            u"--checkpoint-every"_s, u"1"_s,
            u"--status-interval"_s, u"0"_s};
}

// The log processor's lines: record lines by shard (sequence/sub), and events.
struct LogOutput
{
    QHash<QString, QStringList> records;
    QList<QJsonObject> events;
};

LogOutput readLog(const QString &path)
{
    LogOutput log;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return log;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains("event"_L1))
            log.events << object;
        else
            log.records[object["shardId"_L1].toString()]
                << object["sequenceNumber"_L1].toString() + u'/' + QString::number(object["subSequenceNumber"_L1].toInteger());
    }
    return log;
}

// The records the daemon delivered to a shard, as sequence numbers.
QSet<QString> deliveredSequenceNumbers(const ShardTranscript &transcript)
{
    QSet<QString> delivered;
    for (const QJsonObject &message : withAction(transcript.daemonMessages, "processRecords"_L1))
        for (const QJsonValue &record : message["records"_L1].toArray())
            delivered.insert(record["sequenceNumber"_L1].toString());
    return delivered;
}




QStringList statusesOf(const ShardTranscript &transcript)
{
    QStringList statuses;
    for (const QJsonObject &status : withAction(transcript.childMessages, "status"_L1))
        statuses << status["responseFor"_L1].toString();
    return statuses;
}

} // namespace

class TestQmldRunScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Processes orphaned by a killed qmld are reparented here, so the test reaps them.
        QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
        QVERIFY2(QFile::exists(binPath(u"qmld"_s)), "build the qmld target");
        QVERIFY2(QFile::exists(ScenarioRun::scriptedDaemonPath()), "build the qmld-scripted-daemon target");
        m_node = QStandardPaths::findExecutable(u"node"_s);
        if (m_node.isEmpty() || !QFile::exists(QDir(nodePeersDir()).filePath(u"node_modules/aws-kcl/package.json"_s)))
            qWarning("node or aws-kcl missing: scenarios run without the Node comparison");
    }

    void scenario_data()
    {
        QTest::addColumn<QString>("scenarioPath");
        const QDir dir(scenariosDir());
        for (const QString &file : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    void scenario()
    {
        QFETCH(QString, scenarioPath);
        QString error;
        const QJsonObject scenario = ScenarioRun::readScenario(scenarioPath, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject expect = scenario["expect"_L1].toObject();
        if (expect["exitCode"_L1].toInt(0) != 0)
            QSKIP("a scenario about the daemon stopping on a child's violation");

        const ScenarioResult qmld = runQmld(scenarioPath, scenario);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject summaries = qmld.summary["shards"_L1].toObject();
        const QJsonObject expectedShards = expect["shards"_L1].toObject();
        QCOMPARE(qmld.summary["violations"_L1].toArray(), QJsonArray());

        for (const QJsonValue &shardValue : scenario["shards"_L1].toArray()) {
            const QString shardId = shardValue["shardId"_L1].toString();
            const QJsonObject summary = summaries[shardId].toObject();
            QVERIFY2(qmld.shards.contains(shardId), qPrintable(u"no transcript for "_s + shardId));
            const ShardTranscript &transcript = qmld.shards[shardId];
            QVERIFY2(summary["completed"_L1].toBool(), qPrintable(shardId));
            verifyOneStatusPerMessage(transcript);
            if (QTest::currentTestFailed())
                return;
            // qmld retries throttled checkpoints, so compare the outcome, not the
            // error list; and it checkpoints inside an aggregate, where Node can
            // only send a sequence number (sub 0): see below.
            QJsonObject expected = expectedShards[shardId].toObject();
            expected.remove("checkpointErrors"_L1);
            expected.remove("finalSubSequenceNumber"_L1);
            verifyExpectations(expected, summary);
            if (QTest::currentTestFailed())
                return;
            // Never an out-of-range checkpoint: the daemon would answer IllegalArgumentException.
            for (const QJsonValue &checkpoint : summary["checkpoints"_L1].toArray())
                QVERIFY2(checkpoint["error"_L1] != u"IllegalArgumentException"_s || isInjected(shardValue, u"IllegalArgumentException"_s),
                         qPrintable(shardId + u": a checkpoint out of range"_s));
            // Every delivered record reached the processor, and nothing else did.
            QSet<QString> logged;
            for (const QString &record : m_log.records.value(shardId))
                logged.insert(record.section(u'/', 0, 0));
            QCOMPARE(logged, deliveredSequenceNumbers(transcript));
            // A checkpoint on the last record handled names its sub-record too,
            // so a restart resumes inside an aggregate, not at its start.
            const QJsonObject final = summary["finalCheckpoint"_L1].toObject();
            const QString lastLogged = m_log.records.value(shardId).value(m_log.records.value(shardId).size() - 1);
            if (!lastLogged.isEmpty() && final["sequenceNumber"_L1].toString() == lastLogged.section(u'/', 0, 0))
                QCOMPARE(QString::number(final["subSequenceNumber"_L1].toInteger()), lastLogged.section(u'/', 1, 1));
        }

        if (!scenario.contains("qmldOnly"_L1) && !m_node.isEmpty())
            compareWithNode(scenarioPath, scenario, qmld);
    }

    // qmld killed outright still leaves no daemon and no connector behind:
    // the daemon has a parent-death signal and qmld-connect watches its parent.
    void killingQmldLeavesNoProcessBehind()
    {
        const QString scenarioPath = QDir(scenariosDir()).filePath(u"sigterm-graceful-shutdown.json"_s);
        QString error;
        const QJsonObject scenario = ScenarioRun::readScenario(scenarioPath, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ScenarioRun run(scenarioPath);
        const QString properties = run.writeProperties(
            u"replaced-by-qmld"_s, {{u"applicationName"_s, u"scenario"_s}, {u"streamName"_s, u"scenario"_s}});
        QVERIFY(run.startLauncher(binPath(u"qmld"_s),
                                  qmldRunArguments(run, properties, QDir(run.transcriptDir()).filePath(u"log.jsonl"_s))));
        const qsizetype shards = scenario["shards"_L1].toArray().size();
        QTRY_VERIFY_WITH_TIMEOUT(run.stderrSoFar().count("idle, waiting for SIGTERM") == shards, 60000);

        const QList<qint64> descendants = descendantsOf(run.processId());
        QCOMPARE(descendants.size(), 1 + shards); // the daemon and one qmld-connect per shard
        QCOMPARE(::kill(pid_t(run.processId()), SIGKILL), 0);
        for (const qint64 pid : descendants)
            QTRY_VERIFY2_WITH_TIMEOUT(!isAlive(pid), qPrintable(u"process %1 outlived qmld"_s.arg(pid)), 20000);
        run.waitForResult(std::chrono::seconds(10));
        // Orphans came to this test (a subreaper): reap them.
        for (const qint64 pid : descendants)
            ::waitpid(pid_t(pid), nullptr, WNOHANG);
    }

    void missingPropertiesFileIsAConfigurationError()
    {
        QProcess qmld;
        qmld.start(binPath(u"qmld"_s), {u"run"_s, u"--properties"_s, u"/nonexistent/app.properties"_s, u"--mld"_s,
                                        u"embedded"_s, u"--processor"_s, u"null"_s});
        QVERIFY(qmld.waitForFinished(30000));
        QCOMPARE(qmld.exitCode(), 3);
        const QByteArray err = qmld.readAllStandardError();
        QVERIFY2(err.contains("/nonexistent/app.properties"), err.constData());
        QCOMPARE(err.count('\n'), 1);
    }

    void missingDaemonIsAConfigurationError()
    {
        QTemporaryDir dir;
        const QString properties = dir.filePath(u"app.properties"_s);
        QFile file(properties);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("applicationName = app\nstreamName = s\nexecutableName = ignored\n");
        file.close();
        QProcess qmld;
        qmld.start(binPath(u"qmld"_s), {u"run"_s, u"--properties"_s, properties, u"--mld"_s,
                                        u"/nonexistent/daemon --properties-file {properties}"_s, u"--processor"_s, u"null"_s});
        QVERIFY(qmld.waitForFinished(30000));
        QCOMPARE(qmld.exitCode(), 3);
        const QByteArray err = qmld.readAllStandardError();
        QVERIFY2(err.contains("/nonexistent/daemon"), err.constData());
    }

    void badCommandLineIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("no properties") << QStringList{u"run"_s, u"--mld"_s, u"embedded"_s, u"--processor"_s, u"log"_s}
                                       << "--properties"_ba;
        QTest::newRow("unknown processor") << QStringList{u"run"_s, u"--properties"_s, u"p"_s, u"--mld"_s, u"embedded"_s,
                                                          u"--processor"_s, u"fancy"_s}
                                           << "fancy"_ba;
        QTest::newRow("template without placeholder") << QStringList{u"run"_s, u"--properties"_s, u"p"_s, u"--mld"_s,
                                                                     u"java -jar kcl.jar"_s, u"--processor"_s, u"null"_s}
                                                      << "{properties}"_ba;
        QTest::newRow("negative interval") << QStringList{u"run"_s, u"--properties"_s, u"p"_s, u"--mld"_s, u"embedded"_s,
                                                          u"--processor"_s, u"null"_s, u"--checkpoint-interval"_s, u"-5"_s}
                                           << "--checkpoint-interval"_ba;
    }

    void badCommandLineIsAUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, named);
        QProcess qmld;
        qmld.start(binPath(u"qmld"_s), arguments);
        QVERIFY(qmld.waitForFinished(30000));
        QCOMPARE(qmld.exitCode(), 2);
        const QByteArray err = qmld.readAllStandardError();
        QVERIFY2(err.contains(named), err.constData());
    }

private:
    static bool isInjected(const QJsonValue &shard, const QString &error)
    {
        for (const QJsonValue &injection : shard["checkpointErrors"_L1].toArray())
            if (injection["error"_L1] == error)
                return true;
        return false;
    }

    ScenarioResult runQmld(const QString &scenarioPath, const QJsonObject &scenario)
    {
        ScenarioRun run(scenarioPath);
        const QString properties = run.writeProperties(
            u"replaced-by-qmld"_s, {{u"applicationName"_s, u"scenario"_s}, {u"streamName"_s, u"scenario"_s}});
        const QString output = QDir(run.transcriptDir()).filePath(u"qmld-log.jsonl"_s);
        if (!run.startLauncher(binPath(u"qmld"_s), qmldRunArguments(run, properties, output))) {
            QTest::qFail("cannot start qmld run", __FILE__, __LINE__);
            return {};
        }
        if (scenario["sendSigtermWhenIdle"_L1].toBool()) {
            const qsizetype shards = scenario["shards"_L1].toArray().size();
            if (!QTest::qWaitFor([&] { return run.stderrSoFar().count("idle, waiting for SIGTERM") == shards; }, 60000)) {
                QTest::qFail("the scripted daemon never became idle", __FILE__, __LINE__);
                run.waitForResult(std::chrono::milliseconds(1));
                return {};
            }
            run.terminate(); // SIGTERM to qmld run: it stops its daemon gracefully
        }
        ScenarioResult result = run.waitForResult(runTimeout);
        m_log = readLog(output);
        if (!result.isSuccess())
            QTest::qFail(result.describe().constData(), __FILE__, __LINE__);
        return result;
    }

    void compareWithNode(const QString &scenarioPath, const QJsonObject &scenario, const ScenarioResult &qmld)
    {
        ScenarioRun run(scenarioPath);
        QVERIFY(run.startDaemon(m_node + u' ' + QDir(nodePeersDir()).filePath(u"kcl_minimal.js"_s)));
        if (scenario["sendSigtermWhenIdle"_L1].toBool()) {
            const qsizetype shards = scenario["shards"_L1].toArray().size();
            QTRY_VERIFY_WITH_TIMEOUT(run.stderrSoFar().count("idle, waiting for SIGTERM") == shards, 60000);
            run.terminate();
        }
        const ScenarioResult node = run.waitForResult(runTimeout);
        QVERIFY2(node.isSuccess(), node.describe().constData());
        for (auto it = node.shards.cbegin(); it != node.shards.cend(); ++it) {
            QVERIFY2(qmld.shards.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(statusesOf(qmld.shards[it.key()]), statusesOf(it.value()));
            QCOMPARE(qmld.summary["shards"_L1][it.key()]["finalCheckpoint"_L1]["sequenceNumber"_L1],
                     node.summary["shards"_L1][it.key()]["finalCheckpoint"_L1]["sequenceNumber"_L1]);
        }
    }

    QString m_node;
    LogOutput m_log;
};

QTEST_GUILESS_MAIN(TestQmldRunScenarios)
#include "test_qmld_run_scenarios.moc"

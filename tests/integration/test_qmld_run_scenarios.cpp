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

#include <ProcessGuard.h>
#include <TestPeers.h>

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




// The records the daemon delivered to a shard, as "sequence/sub", in order.
QStringList deliveredRecords(const ShardTranscript &transcript)
{
    QStringList delivered;
    for (const QJsonObject &message : withAction(transcript.daemonMessages, "processRecords"_L1))
        for (const QJsonValue &record : message["records"_L1].toArray())
            delivered << record["sequenceNumber"_L1].toString() + u'/'
                             + QString::number(record["subSequenceNumber"_L1].toInteger());
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
        m_node = qmld::test::nodeExecutable();
    }

    void scenario_data()
    {
        QTest::addColumn<QString>("scenarioPath");
        const QDir dir(scenariosDir());
        for (const QString &file : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
            // A scenario that ends with the daemon exiting 1 on a violation
            // (resharding-parent-lease-lost.json) is about the daemon, not the
            // child: test_scripted_daemon_node runs it. Under qmld run the
            // daemon's exit would only start StreamRunner's restarts, which
            // test_stream_runner covers.
            QString error;
            if (ScenarioRun::readScenario(dir.filePath(file), &error)["expect"_L1]["exitCode"_L1].toInt(0) == 0)
                QTest::newRow(qPrintable(file)) << dir.filePath(file);
        }
    }

    void scenario()
    {
        QFETCH(QString, scenarioPath);
        QString error;
        const QJsonObject scenario = ScenarioRun::readScenario(scenarioPath, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject expect = scenario["expect"_L1].toObject();

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
            // `expect` is what kcl_minimal.js does: one checkpoint per batch,
            // even below the stored checkpoint (the daemon's own
            // IllegalArgumentException in checkpoint-illegal-argument.json).
            // qmld checkpoints by its own policy (every record here) and never
            // below the stored checkpoint, so its list differs: it must get
            // exactly the errors the scenario injects, in order. And qmld
            // checkpoints inside an aggregate, where kcl_minimal can only name
            // a sequence number (sub 0): its final sub-sequence number is
            // checked against the last record logged, below.
            QJsonObject expected = expectedShards[shardId].toObject();
            expected.remove("checkpointErrors"_L1);
            const QJsonValue expectedFinalSub = expected.take("finalSubSequenceNumber"_L1);
            verifyExpectations(expected, summary);
            if (QTest::currentTestFailed())
                return;
            QJsonArray injected, received;
            for (const QJsonValue &injection : shardValue["checkpointErrors"_L1].toArray())
                for (int i = 0; i < injection["count"_L1].toInt(1); ++i)
                    injected.append(injection["error"_L1]);
            for (const QJsonValue &checkpoint : summary["checkpoints"_L1].toArray())
                if (!checkpoint["error"_L1].isNull())
                    received.append(checkpoint["error"_L1]);
            QCOMPARE(received, injected);
            // Never an out-of-range checkpoint: the daemon would answer IllegalArgumentException.
            for (const QJsonValue &checkpoint : summary["checkpoints"_L1].toArray())
                QVERIFY2(checkpoint["error"_L1] != u"IllegalArgumentException"_s || isInjected(shardValue, u"IllegalArgumentException"_s),
                         qPrintable(shardId + u": a checkpoint out of range"_s));
            // Every delivered record reached the processor, and nothing else did.
            QSet<QString> logged;
            for (const QString &record : m_log.records.value(shardId))
                logged.insert(record.section(u'/', 0, 0));
            QCOMPARE(logged, deliveredSequenceNumbers(transcript));
            // Every checkpoint stored names a record as the daemon delivered it:
            // a sub-record the daemon de-aggregated (so a restart resumes inside
            // its aggregate), or a whole aggregate qmld unpacked itself, never
            // one of that aggregate's sub-records (the daemon knows only the
            // aggregate; kpl-whole-aggregates.json).
            const QStringList delivered = deliveredRecords(transcript);
            for (const QJsonValue &checkpoint : summary["checkpoints"_L1].toArray()) {
                const QJsonObject stored = checkpoint["stored"_L1].toObject();
                const QString position = stored["sequenceNumber"_L1].toString() + u'/'
                                         + QString::number(stored["subSequenceNumber"_L1].toInteger());
                const QString sequence = stored["sequenceNumber"_L1].toString();
                const bool sentinel = sequence.isEmpty() || !sequence.at(0).isDigit(); // SHARD_END, TRIM_HORIZON, ...
                QVERIFY2(stored.isEmpty() || sentinel || delivered.contains(position),
                         qPrintable(shardId + u": a checkpoint at "_s + position + u", not a delivered record"_s));
            }
            // The final checkpoint at the last record handled is that record, sub-sequence number included.
            const QJsonObject final = summary["finalCheckpoint"_L1].toObject();
            const QString lastDelivered = delivered.value(delivered.size() - 1);
            if (!expectedFinalSub.isUndefined())
                QVERIFY2(final["sequenceNumber"_L1].toString() == lastDelivered.section(u'/', 0, 0),
                         qPrintable(shardId + u": the final checkpoint is not at the last record delivered"_s));
            if (!lastDelivered.isEmpty() && final["sequenceNumber"_L1].toString() == lastDelivered.section(u'/', 0, 0))
                QCOMPARE(QString::number(final["subSequenceNumber"_L1].toInteger()), lastDelivered.section(u'/', 1, 1));
        }

        // qmldOnly: a scenario the aws-kcl child cannot run (see its "qmldOnly").
        if (!scenario.contains("qmldOnly"_L1)) {
            QMLD_REQUIRE_PEER(qmld::test::missingNodePeer(u"aws-kcl"_s));
            compareWithNode(scenarioPath, scenario, qmld);
        }
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
        QVERIFY(qmld::test::signalPid(run.processId(), SIGKILL));
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

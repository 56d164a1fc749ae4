// Issue 12 item 7: the console on a kcl-v3 stream, run by the real Java
// MultiLangDaemon against kinesalite and dynalite, beside a second worker (a
// `qmld run` of the same application). One start of both daemons serves
// every check: the shard table shows both workers' leases from dynalite with
// a lag for every shard (the other worker's from a Kinesis probe), the record
// tail fills, "Checkpoint now" lands in the dynalite table, a reset is
// refused while a live worker holds the lease and applied once both stopped.

#include "ConsoleTestMain.h"
#include "JavaKclPeers.h"
#include "QmldRun.h"
#include "ResetDriver.h"
#include "console/ConsoleStreams.h"
#include "models/ShardTableModel.h"
#include "widgets/CheckpointPanel.h"
#include "widgets/MainWindow.h"
#include "widgets/ResetCheckpointDialog.h"

#include <qmld/JavaProperties.h>
#include <qmld/LeaseSource.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::test;
using namespace qmld::ui;

namespace {

// A JVM start, KCL 3's wait for its lease table and lease assignment on a busy 2-core machine.
constexpr int JavaTimeout = 180000;
const QString kConsoleWorker = u"console-worker"_s;

QAction *resetAction(MainWindow &window)
{
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == MainWindow::tr("Reset &checkpoint…"))
            return action;
    }
    return nullptr;
}

// The Java test environment in this process, for the daemon the console
// starts and for the console's own AWS calls (the default credential chain).
// kinesalite's HTTP/2 port, which the Java daemon needs, does not speak the
// HTTP/1.1 of qmld's AWS client: the console's probe reaches the same
// kinesalite through AWS_ENDPOINT_URL_KINESIS, which overrides the
// properties' kinesisEndpoint as it overrides --endpoint-url (the Java SDK
// keeps the endpoint the KCL sets).
void useJavaEnvironment(const AwsEmulators &aws)
{
    const QProcessEnvironment wanted = javaTestEnvironment();
    for (const QString &name : QProcessEnvironment::systemEnvironment().keys()) {
        if (!wanted.contains(name))
            qunsetenv(name.toLocal8Bit().constData());
    }
    for (const QString &name : wanted.keys())
        qputenv(name.toLocal8Bit().constData(), wanted.value(name).toLocal8Bit());
    qputenv("AWS_ENDPOINT_URL_KINESIS", aws.kinesisUrl().toString().toLatin1());
}

} // namespace

class TestConsoleJava : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void consoleOnAKcl3StreamWithASecondWorker();

private:
    QTemporaryDir m_dir;
    AwsEmulators m_aws;
};

void TestConsoleJava::consoleOnAKcl3StreamWithASecondWorker()
{
    QString why;
    if (javaKclClasspath(3, &why).isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY(m_dir.isValid());
    QElapsedTimer clock;
    clock.start();
    QMLD_START_AWS_EMULATORS(m_aws);
    useJavaEnvironment(m_aws);

    const QString application = u"console-v3"_s;
    const QString stream = u"console-stream-v3"_s;
    kinesis(m_aws, "CreateStream", {{u"StreamName"_s, stream}, {u"ShardCount"_s, 4}});
    QVERIFY2(waitUntilActive(m_aws, stream), "the stream is not ACTIVE 20 s after CreateStream");
    QList<PutRecord> records;
    for (int i = 0; i < 40; ++i)
        records.append({u"key-%1"_s.arg(i), "record-" + QByteArray::number(i)});
    QCOMPARE(putRecords(m_aws, stream, records).size(), records.size());
    QVERIFY(createKcl3LeaseTable(m_aws, application));
    // Exchanges with the daemon every idle period, so a manual checkpoint goes out without new records.
    const QString propertiesPath = m_dir.filePath(u"console-v3.properties"_s);
    {
        QFile file(propertiesPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kclProperties(3, m_aws, application, stream) + "callProcessRecordsEvenForEmptyRecordList = true\n");
    }

    // The other worker: `qmld run` of the same application.
    QProcess other;
    other.setProcessEnvironment(javaTestEnvironment());
    other.setStandardOutputFile(QProcess::nullDevice());
    other.setStandardErrorFile(m_dir.filePath(u"other.err"_s));
    other.start(QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(u"qmld"_s),
                {u"run"_s, u"--properties"_s, propertiesPath, u"--mld"_s, u"kcl-v3"_s, u"--processor"_s, u"null"_s,
                 u"--status-interval"_s, u"0"_s});
    auto reaper = reaperFor(other);

    // The console's stream: the same properties under the kcl-v3 preset, checkpointing only by hand.
    QString error;
    const auto properties = JavaProperties::load(propertiesPath, &error);
    QVERIFY2(properties, qPrintable(error));
    auto imported = StreamSettings::fromProperties(*properties, &error);
    QVERIFY2(imported, qPrintable(error));
    StreamSettings settings = *imported;
    settings.name = u"orders (Java)"_s;
    settings.daemon = u"kcl-v3"_s;
    settings.workerId = kConsoleWorker;
    settings.checkpointMode = StreamSettings::CheckpointMode::Off;

    auto streams = std::make_unique<ConsoleStreams>();
    auto window = std::make_unique<MainWindow>(streams.get(), m_dir.filePath(u"unused.qmld"_s));
    window->addStream(settings, false);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    window->selectStream(settings.name);
    StreamHost *host = streams->host(settings.name);
    QVERIFY(host);
    const std::optional<LeaseSource> leases = host->leaseSource();
    QVERIFY(leases && leases->inDynamoDb());
    QCOMPARE(leases->tableName, application); // named by the properties
    QCOMPARE(leases->aws->dynamoDbEndpoint, m_aws.dynamoUrl());
    host->start();
    auto stopConsole = qScopeGuard([&] {
        streams->stopAll(std::chrono::seconds(30));
        window.reset();
        streams.reset();
    });

    // Both workers' leases, from dynalite, each with an owner.
    ShardTableModel *model = window->shardModel();
    const auto owners = [model] {
        QStringList list;
        const MonitorSnapshotPtr snapshot = model->snapshot();
        for (const ShardRow &row : snapshot ? snapshot->shards : std::vector<ShardRow>())
            list << row.shardId + u'=' + row.leaseOwner.value_or(u"-"_s);
        return list;
    };
    const auto shared = [&] {
        const MonitorSnapshotPtr snapshot = model->snapshot();
        if (!snapshot || snapshot->shards.size() != 4 || other.state() != QProcess::Running)
            return false;
        bool here = false, elsewhere = false;
        for (const ShardRow &row : snapshot->shards) {
            if (!row.inLeaseTable || !row.leaseOwner)
                return false;
            here = here || (row.ownership == Ownership::ThisProcess && row.sessionHere);
            elsewhere = elsewhere || row.ownership == Ownership::OtherWorker;
        }
        return here && elsewhere;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(shared(), qPrintable(owners().join(u", "_s)), JavaTimeout);
    qInfo("both workers hold leases after %lld s", qlonglong(clock.elapsed() / 1000));

    // A lag for every shard: the sessions' here, a Kinesis probe's for the other worker's.
    const auto everyLag = [&] {
        const MonitorSnapshotPtr snapshot = model->snapshot();
        for (const ShardRow &row : snapshot->shards) {
            if (!row.millisBehindLatest || (row.ownership == Ownership::OtherWorker && !row.lagMeasuredAt.isValid()))
                return false;
        }
        return true;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(everyLag(), qPrintable(model->snapshot()->leaseError), 60000);
    QString otherShard;
    for (int r = 0; r < model->rowCount(); ++r) {
        QVERIFY2(!model->index(r, ShardTableModel::Lag).data().toString().isEmpty(), qPrintable(owners().join(u", "_s)));
        const ShardRow &row = model->snapshot()->shards[std::size_t(r)];
        if (row.ownership == Ownership::OtherWorker && !row.sessionHere) {
            otherShard = row.shardId;
            QVERIFY(row.history); // charted like the shards here
            QVERIFY(model->index(r, ShardTableModel::Lag).data(Qt::ToolTipRole).toString().contains(u"measured"_s));
        }
    }
    QVERIFY(!otherShard.isEmpty());

    // A shard served here with records processed: its tail fills, and "Checkpoint now" lands in dynalite.
    // (The first worker up may have processed the first records before KCL balanced the leases.)
    QList<PutRecord> more;
    for (int i = 0; i < 40; ++i)
        more.append({u"more-%1"_s.arg(i), "more-" + QByteArray::number(i)});
    QCOMPARE(putRecords(m_aws, stream, more).size(), more.size());
    QString hereShard;
    const auto pickHere = [&] {
        for (const ShardRow &row : model->snapshot()->shards) {
            if (row.sessionHere && row.recordsProcessed > 0 && row.lastProcessed) {
                hereShard = row.shardId;
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(pickHere(), qPrintable(owners().join(u", "_s)), 60000);
    qInfo("leases shared, lag shown, records processed here after %lld s", qlonglong(clock.elapsed() / 1000));
    QVERIFY(!host->tap()->tail(hereShard, 0).records.empty());
    window->selectShard(hereShard);
    auto *now = window->checkpointPanel()->findChild<QPushButton *>(u"checkpointNow"_s);
    QVERIFY(now);
    QTRY_VERIFY_WITH_TIMEOUT(now->isEnabled(), 5000);
    const SequenceNumber processed = *model->snapshot()->find(hereShard)->lastProcessed;
    QTest::mouseClick(now, Qt::LeftButton);
    const auto checkpointed = [&] {
        const ShardRow *row = model->snapshot()->find(hereShard);
        return row && row->lastCheckpoint.manual && row->lastCheckpoint.state != CheckpointStatus::State::Pending;
    };
    QTRY_VERIFY_WITH_TIMEOUT(checkpointed(), 30000);
    const CheckpointStatus answer = model->snapshot()->find(hereShard)->lastCheckpoint;
    QVERIFY2(answer.state == CheckpointStatus::State::Ok, qPrintable(answer.error));
    QVERIFY(answer.position && *answer.position >= processed);
    QTRY_COMPARE_WITH_TIMEOUT(leaseTable(m_aws, application).value(hereShard).checkpoint, answer.position->toString(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(model->snapshot()->find(hereShard)->checkpoint, answer.position, 10000);

    // The other worker holds its lease and renews it: the console does not take it without being told to ...
    window->selectShard(otherShard);
    QAction *reset = resetAction(*window);
    QVERIFY(reset);
    QTRY_VERIFY(reset->isEnabled());
    const LeaseRow held = leaseTable(m_aws, application).value(otherShard);
    {
        ResetDriver leaveIt(ResetDriver::trimHorizon(), false);
        reset->trigger();
        QVERIFY(leaveIt.offeredToTakeTheLease);
        QVERIFY(!leaveIt.confirmed);
    }
    // ... and LeaseReset, which the dialog ends in, refuses while the owner's counter moves.
    std::optional<LeaseResetOutcome> refused;
    LeaseResetRequest request;
    request.streamName = stream;
    request.leaseKey = otherShard;
    request.target = ShardPosition::trimHorizon();
    request.failoverTime = leases->failoverTime;
    startLeaseReset(this, *leases, request, [&refused](const LeaseResetOutcome &outcome) { refused = outcome; });
    QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 30000);
    QVERIFY2(refused->result == LeaseResetOutcome::Result::RefusedLive, qPrintable(refused->message));
    QVERIFY2(refused->message.contains(otherShard) && refused->message.contains(application), qPrintable(refused->message));
    QCOMPARE(leaseTable(m_aws, application).value(otherShard).owner, held.owner); // a reset leaves no owner

    qInfo("checkpoint and refusal checked after %lld s", qlonglong(clock.elapsed() / 1000));
    // Both workers stop: once the lease stands still past failoverTimeMillis, the reset applies.
    reaper.dismiss();
    stopGracefully(other);
    host->stop();
    QTRY_VERIFY_WITH_TIMEOUT(host->isStopped(), 60000);
    const auto released = [&] {
        const ShardRow *row = model->snapshot()->find(otherShard);
        return row && row->expired;
    };
    QTRY_VERIFY_WITH_TIMEOUT(released(), 30000);
    QTRY_VERIFY(reset->isEnabled());
    ResetDriver takeIt(ResetDriver::trimHorizon(), false);
    reset->trigger();
    QVERIFY(!takeIt.offeredToTakeTheLease); // nobody holds it now
    QVERIFY(takeIt.confirmed);
    QTRY_COMPARE_WITH_TIMEOUT(leaseTable(m_aws, application).value(otherShard).checkpoint, u"TRIM_HORIZON"_s, 30000);
    QVERIFY(leaseTable(m_aws, application).value(otherShard).owner.isEmpty());
    QVERIFY2(takeIt.warnings.isEmpty(), qPrintable(takeIt.warnings.join(u"; "_s)));
    // The console shows it at the next read.
    QTRY_COMPARE_WITH_TIMEOUT(model->snapshot()->find(otherShard)->checkpoint, std::optional(SequenceNumber::trimHorizon()), 10000);
}

QMLD_CONSOLE_TEST_MAIN(TestConsoleJava)
#include "test_console_java.moc"

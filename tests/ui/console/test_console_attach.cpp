// Stream → Attach KCL application: a lease table watched without a daemon
// here. On the embedded store, every worker's leases show with the lag of
// each checkpoint from the store, the controls that need a daemon of ours
// are off and say why, and a reset goes to the attached table. The dialog
// turns what a user types into the source it watches (AWS: profile, region,
// endpoint; never credentials).

#include "AwsEmulators.h"
#include "ConsoleTestMain.h"
#include "ResetDriver.h"
#include "console/ConsoleStreams.h"
#include "models/ShardTableModel.h"
#include "widgets/AttachApplicationDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/ResetCheckpointDialog.h"

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;
using namespace qmld::test;

namespace {

const QString kShard0 = u"shardId-000000000000"_s;
const QString kShard1 = u"shardId-000000000001"_s;

QAction *action(MainWindow &window, const QString &text)
{
    for (QAction *candidate : window.findChildren<QAction *>()) {
        if (candidate->text() == text)
            return candidate;
    }
    return nullptr;
}

} // namespace

class TestConsoleAttach : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Settings of this run's own: attaching remembers the application there.
        QCoreApplication::setApplicationName(u"qmld-console-test-attach-%1"_s.arg(QCoreApplication::applicationPid()));
    }

    void cleanupTestCase() { QFile::remove(QSettings().fileName()); }

    void theDialogGivesTheSourceToWatch()
    {
        AttachApplicationDialog dialog(u"/tmp/store.qmld"_s);
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // no table named yet
        dialog.findChild<QLineEdit *>(u"attachTable"_s)->setText(u"orders-app"_s);
        dialog.findChild<QLineEdit *>(u"attachStream"_s)->setText(u"orders"_s);
        QVERIFY(ok->isEnabled());
        LeaseSource source = dialog.source();
        QVERIFY(!source.inDynamoDb());
        QCOMPARE(source.storePath, u"/tmp/store.qmld"_s);
        QCOMPARE(source.tableName, u"orders-app"_s);
        QCOMPARE(source.streamName, u"orders"_s);
        QCOMPARE(dialog.displayName(), u"orders-app (attached)"_s);

        dialog.findChild<QComboBox *>(u"attachWhere"_s)->setCurrentIndex(1);
        dialog.findChild<QLineEdit *>(u"attachProfile"_s)->setText(u"prod"_s);
        dialog.findChild<QLineEdit *>(u"attachRegion"_s)->setText(u"eu-west-1"_s);
        dialog.findChild<QLineEdit *>(u"attachEndpoint"_s)->setText(u"not a url"_s);
        QVERIFY(!ok->isEnabled());
        dialog.findChild<QLineEdit *>(u"attachEndpoint"_s)->setText(u"http://127.0.0.1:4566"_s);
        QVERIFY(ok->isEnabled());
        source = dialog.source();
        QVERIFY(source.inDynamoDb());
        QCOMPARE(source.aws->profile, u"prod"_s);
        QCOMPARE(source.aws->region, u"eu-west-1"_s);
        QCOMPARE(source.aws->dynamoDbEndpoint, QUrl(u"http://127.0.0.1:4566"_s));
        QCOMPARE(source.aws->kinesisEndpoint, QUrl(u"http://127.0.0.1:4566"_s));
    }

    void anAttachedApplicationShowsEveryWorkersLeasesAndLag()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString storePath = dir.filePath(u"store.qmld"_s);
        auto store = StreamStore::open(storePath);
        QVERIFY(store);
        QVERIFY(store->createStream(u"orders"_s, 2));
        const std::int64_t minuteAgo = QDateTime::currentMSecsSinceEpoch() - 60'000;
        store->setClock([minuteAgo] { return minuteAgo; });
        SequenceNumber first;
        for (int i = 0; i < 3; ++i) {
            auto put = store->putRecord(u"orders"_s, {"k", "r" + QByteArray::number(i), HashKey(0, 0)});
            QVERIFY(put);
            if (i == 0)
                first = put->sequenceNumber;
        }
        // Two workers elsewhere: one a record into shard 0, one gone from shard 1.
        auto table = LeaseTable::open(storePath, u"orders-app"_s);
        QVERIFY(table);
        Lease lease;
        lease.leaseKey = kShard0;
        lease.leaseOwner = u"worker-a"_s;
        QVERIFY(table->create(lease)->applied());
        QVERIFY(table->checkpoint(kShard0, 0, u"worker-a"_s, first)->applied());
        lease.leaseKey = kShard1;
        lease.leaseOwner = u"gone-worker"_s;
        QVERIFY(table->create(lease)->applied());

        ConsoleStreams streams;
        MainWindow window(&streams, storePath);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(action(window, MainWindow::tr("&Attach KCL application…")));
        LeaseSource source;
        source.storePath = storePath;
        source.tableName = u"orders-app"_s;
        source.streamName = u"orders"_s;
        source.failoverTime = std::chrono::milliseconds(500);
        const QString name = u"orders-app (attached)"_s;
        window.attachApplication(name, source);
        QCOMPARE(window.currentStream(), name);

        const auto row = [&window](const QString &shard) -> const ShardRow * {
            const MonitorSnapshotPtr snapshot = window.shardModel()->snapshot();
            return snapshot ? snapshot->find(shard) : nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(row(kShard0) && row(kShard1) && row(kShard0)->millisBehindLatest
                                     && row(kShard1)->millisBehindLatest,
                                 20000);
        QCOMPARE(row(kShard0)->leaseOwner, std::optional(u"worker-a"_s));
        QCOMPARE(row(kShard0)->ownership, Ownership::OtherWorker);
        QVERIFY(*row(kShard0)->millisBehindLatest >= 60'000); // two records behind, a minute old
        QCOMPARE(row(kShard1)->leaseOwner, std::optional(u"gone-worker"_s));
        QCOMPARE(row(kShard1)->millisBehindLatest, 0); // an empty shard: at the tip

        // Nothing of ours runs for it: no start, stop or edit; the reset is there.
        QAction *start = action(window, MainWindow::tr("S&tart"));
        QVERIFY(start);
        QVERIFY(!start->isEnabled());
        QVERIFY(start->statusTip().contains(u"attached"_s));
        QVERIFY(streams.host(name)->isStopped());

        // gone-worker stopped renewing: the reset goes to the attached table.
        QTRY_VERIFY_WITH_TIMEOUT(row(kShard1)->expired, 20000);
        window.selectShard(kShard1);
        QAction *reset = action(window, MainWindow::tr("Reset &checkpoint…"));
        QTRY_VERIFY(reset->isEnabled());
        ResetDriver driver(ResetDriver::latest(), false);
        reset->trigger();
        QVERIFY(driver.confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(table->lease(kShard1)->value().checkpoint, SequenceNumber::latest(), 10000);
        QVERIFY(!table->lease(kShard1)->value().leaseOwner);
        QVERIFY2(driver.warnings.isEmpty(), qPrintable(driver.warnings.join(u"; "_s)));
        QTRY_COMPARE_WITH_TIMEOUT(row(kShard1)->checkpoint, std::optional(SequenceNumber::latest()), 10000);
        streams.stopAll(std::chrono::seconds(10));

        // The next console run shows it again, watching the same table.
        ConsoleStreams nextStreams;
        MainWindow next(&nextStreams, QString());
        next.loadSavedStreams();
        QVERIFY(nextStreams.isAttached(name));
        QCOMPARE(next.currentStream(), name);
        const auto nextRow = [&next](const QString &shard) -> const ShardRow * {
            const MonitorSnapshotPtr snapshot = next.shardModel()->snapshot();
            return snapshot ? snapshot->find(shard) : nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(nextRow(kShard0) && nextRow(kShard0)->millisBehindLatest, 20000);
        QCOMPARE(nextRow(kShard0)->leaseOwner, std::optional(u"worker-a"_s));
        QVERIFY(*nextRow(kShard0)->millisBehindLatest >= 60'000);
        nextStreams.stopAll(std::chrono::seconds(10));
    }

    // The same from a lease table in DynamoDB (dynalite), KCL-shaped items
    // written as the KCL writes them, the credentials from the environment.
    void anAttachedDynamoDbTableShowsItsLeases()
    {
        qmld::test::AwsEmulators aws;
        QMLD_START_AWS_EMULATORS(aws);
        qputenv("AWS_ACCESS_KEY_ID", "AKIDQMLDTESTACCESS01");
        qputenv("AWS_SECRET_ACCESS_KEY", "qmld-test-secret-key-never-in-logs");
        qputenv("AWS_EC2_METADATA_DISABLED", "true");
        // One JSON call; dynalite wants an Authorization header but checks no signature.
        const auto call = [&](const char *action, const QJsonObject &body) {
            QNetworkAccessManager network;
            QNetworkRequest request(aws.dynamoUrl());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-amz-json-1.0"));
            request.setRawHeader("X-Amz-Target", QByteArray("DynamoDB_20120810.") + action);
            request.setRawHeader("X-Amz-Date", "20260101T000000Z");
            request.setRawHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDQMLDTESTACCESS01/20260101/us-east-1/"
                                                  "dynamodb/aws4_request, SignedHeaders=host, Signature=00");
            std::unique_ptr<QNetworkReply> reply(network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
            QEventLoop loop;
            connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(20000, &loop, &QEventLoop::quit);
            if (!reply->isFinished())
                loop.exec();
            return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
        };
        const auto key = QJsonObject{{u"AttributeName"_s, u"leaseKey"_s}, {u"KeyType"_s, u"HASH"_s}};
        QVERIFY(call("CreateTable", {{u"TableName"_s, u"kcl-app"_s},
                             {u"AttributeDefinitions"_s, QJsonArray{QJsonObject{{u"AttributeName"_s, u"leaseKey"_s},
                                                                                {u"AttributeType"_s, u"S"_s}}}},
                             {u"KeySchema"_s, QJsonArray{key}},
                             {u"BillingMode"_s, u"PAY_PER_REQUEST"_s}}));
        for (const auto &[shard, owner] : {std::pair{kShard0, u"worker-a"_s}, std::pair{kShard1, u"worker-b"_s}})
            QVERIFY(call("PutItem", {{u"TableName"_s, u"kcl-app"_s},
                             {u"Item"_s, QJsonObject{{u"leaseKey"_s, QJsonObject{{u"S"_s, shard}}},
                                                    {u"leaseOwner"_s, QJsonObject{{u"S"_s, owner}}},
                                                    {u"leaseCounter"_s, QJsonObject{{u"N"_s, u"5"_s}}},
                                                    {u"checkpoint"_s, QJsonObject{{u"S"_s, u"TRIM_HORIZON"_s}}},
                                                    {u"checkpointSubSequenceNumber"_s, QJsonObject{{u"N"_s, u"0"_s}}},
                                                    {u"ownerSwitchesSinceCheckpoint"_s, QJsonObject{{u"N"_s, u"0"_s}}}}}}));

        AttachApplicationDialog dialog(QString{});
        dialog.findChild<QComboBox *>(u"attachWhere"_s)->setCurrentIndex(1);
        dialog.findChild<QLineEdit *>(u"attachTable"_s)->setText(u"kcl-app"_s);
        dialog.findChild<QLineEdit *>(u"attachRegion"_s)->setText(u"us-east-1"_s);
        dialog.findChild<QLineEdit *>(u"attachEndpoint"_s)->setText(aws.dynamoUrl().toString());
        ConsoleStreams streams;
        MainWindow window(&streams, QString{});
        window.attachApplication(dialog.displayName(), dialog.source());
        const auto owners = [&window] {
            QStringList list;
            const MonitorSnapshotPtr snapshot = window.shardModel()->snapshot();
            for (const ShardRow &row : snapshot ? snapshot->shards : std::vector<ShardRow>())
                list << row.leaseOwner.value_or(QString());
            return list;
        };
        QTRY_COMPARE_WITH_TIMEOUT(owners(), (QStringList{u"worker-a"_s, u"worker-b"_s}), 20000);
        QVERIFY(window.shardModel()->snapshot()->leaseError.isEmpty());
        streams.stopAll(std::chrono::seconds(10));
    }
};

QMLD_CONSOLE_TEST_MAIN(TestConsoleAttach)
#include "test_console_attach.moc"

// `qmld run --processor PLUGIN` as a user runs it: the real qmld loads the
// example plugin (or the throwing test plugin) by path, starts the real
// qmld-daemon over a store made with `qmld stream create` and `qmld stream
// put --lines`, and one qmld-connect per shard. The example's JSON counts
// equal what was put; a processor that throws on one shard fails that shard
// with an error naming it and the exception, and qmld itself never crashes.

#include <PluginPaths.h>
#include <QmldRun.h>

#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

constexpr int kShards = 4;

QString bin(const QString &name)
{
    return qEnvironmentVariable("QMLD_BIN_DIR") + u'/' + name;
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// {shard: {key: count}} summed over the shards.
QHash<QString, qint64> totals(const QJsonObject &counts)
{
    QHash<QString, qint64> out;
    for (auto shard = counts.begin(); shard != counts.end(); ++shard) {
        const QJsonObject keys = shard.value().toObject();
        for (auto key = keys.begin(); key != keys.end(); ++key)
            out[key.key()] += key.value().toInteger();
    }
    return out;
}

} // namespace

class TestPluginRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;
    QStringList m_stderrFiles;

    // Runs a short qmld command (stream create, put) to its end.
    void qmldTool(const QStringList &arguments)
    {
        QProcess tool;
        tool.start(bin(u"qmld"_s), arguments + QStringList{u"--store"_s, m_storePath});
        QVERIFY2(tool.waitForFinished(60000), qPrintable(arguments.join(u' ')));
        QVERIFY2(tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0,
                 qPrintable(arguments.join(u' ') + u": "_s + QString::fromUtf8(tool.readAllStandardError())));
    }

    void putLines(const QString &stream, const QString &name, int count, const QString &partitionKey = {})
    {
        const QString path = m_dir.filePath(name + u".txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < count; ++i)
            file.write(name.toUtf8() + ' ' + QByteArray::number(i) + '\n');
        file.close();
        QStringList arguments{u"stream"_s, u"put"_s, stream, u"--lines"_s, path};
        if (!partitionKey.isEmpty())
            arguments << u"--partition-key"_s << partitionKey;
        qmldTool(arguments);
    }

    QString writeProperties(const QString &application, const QString &stream)
    {
        const QString path = m_dir.filePath(application + u".properties"_s);
        QFile properties(path);
        if (!properties.open(QIODevice::WriteOnly))
            return {};
        properties.write("applicationName = " + application.toUtf8() + "\nstreamName = " + stream.toUtf8()
                         + "\nworkerId = tester\nexecutableName = replaced-by-qmld\ninitialPositionInStream = TRIM_HORIZON\n"
                           "idleTimeBetweenReadsInMillis = 100\nmaxRecords = 400\nshutdownGraceMillis = 10000\n"
                           "qmldStore = " + m_storePath.toUtf8() + "\n");
        return path;
    }

    void startRun(QProcess &qmld, const QString &properties, const QString &plugin, const QString &argument)
    {
        const QString stderrPath = m_dir.filePath(u"qmld%1.stderr"_s.arg(m_stderrFiles.size() + 1));
        m_stderrFiles << stderrPath;
        qmld.setStandardOutputFile(QProcess::nullDevice());
        qmld.setStandardErrorFile(stderrPath);
        qmld.start(bin(u"qmld"_s), {u"run"_s, u"--mld"_s, u"embedded"_s, u"--properties"_s, properties, u"--processor"_s,
                                    plugin, u"--processor-arg"_s, argument, u"--checkpoint-every"_s, u"1"_s,
                                    u"--status-interval"_s, u"0"_s});
        QVERIFY2(qmld.waitForStarted(), qPrintable(qmld.errorString()));
    }


    // The last sequence number of every shard of `stream` that holds records.
    QHash<QString, qmld::SequenceNumber> lastRecords(const QString &stream)
    {
        QHash<QString, qmld::SequenceNumber> out;
        auto store = qmld::StreamStore::open(m_storePath);
        auto description = store->describeStream(stream);
        if (!description)
            return out;
        for (const qmld::ShardInfo &shard : description->shards) {
            auto read = store->readRecords(stream, shard.shardId, qmld::ShardPosition::trimHorizon(), 10000);
            if (read && !read->records.empty())
                out.insert(shard.shardId, read->records.back().sequenceNumber);
        }
        return out;
    }

    QHash<QString, qmld::SequenceNumber> checkpoints(const QString &application)
    {
        QHash<QString, qmld::SequenceNumber> out;
        auto table = qmld::LeaseTable::open(m_storePath, application);
        if (!table)
            return out;
        auto list = table->list();
        if (list)
            for (const qmld::Lease &lease : *list)
                out.insert(lease.leaseKey, lease.checkpoint);
        return out;
    }

    // Whether every shard with records is checkpointed at its last record, `except` aside.
    bool checkpointedToTheEnd(const QString &application, const QString &stream, const QString &except = {})
    {
        const auto last = lastRecords(stream);
        const auto done = checkpoints(application);
        for (auto it = last.cbegin(); it != last.cend(); ++it)
            if (it.key() != except && (!done.contains(it.key()) || done.value(it.key()) != it.value()))
                return false;
        return !last.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath(u"store.sqlite"_s);
        for (const QString &name : {u"qmld"_s, u"qmld-daemon"_s, u"qmld-connect"_s})
            QVERIFY2(QFile::exists(bin(name)), qPrintable(bin(name)));
        QVERIFY2(QFile::exists(qmld::test::pluginPath(u"partition-key-counter"_s)),
                 qPrintable(qmld::test::pluginPath(u"partition-key-counter"_s)));
    }

    void cleanup()
    {
        if (!QTest::currentTestFailed())
            return;
        for (const QString &path : std::as_const(m_stderrFiles)) {
            const QStringList lines = readText(path).split(u'\n');
            qInfo("---- last lines of %s", qPrintable(path));
            for (qsizetype i = std::max<qsizetype>(0, lines.size() - 40); i < lines.size(); ++i)
                qInfo("%s", qPrintable(lines[i]));
        }
    }

    void exampleCountsEqualWhatWasPut()
    {
        qmldTool({u"stream"_s, u"create"_s, u"counted"_s, u"--shards"_s, QString::number(kShards)});
        putLines(u"counted"_s, u"alpha"_s, 300, u"alpha"_s);
        putLines(u"counted"_s, u"beta"_s, 170, u"beta"_s);
        putLines(u"counted"_s, u"gamma"_s, 7, u"gamma"_s);
        putLines(u"counted"_s, u"numbered"_s, 40); // partition keys "1" to "40"
        QHash<QString, qint64> expected{{u"alpha"_s, 300}, {u"beta"_s, 170}, {u"gamma"_s, 7}};
        for (int i = 1; i <= 40; ++i)
            expected.insert(QString::number(i), 1);

        const QString json = m_dir.filePath(u"counts.json"_s);
        QProcess qmld;
        const auto reap = qmld::test::reaperFor(qmld);
        startRun(qmld, writeProperties(u"counter"_s, u"counted"_s), qmld::test::pluginPath(u"partition-key-counter"_s),
                 json);
        // Written after each checkpoint (here: every batch).
        QTRY_VERIFY_WITH_TIMEOUT(totals(readJson(json)) == expected, 40000);
        QTRY_VERIFY_WITH_TIMEOUT(checkpointedToTheEnd(u"counter"_s, u"counted"_s), 10000);
        qmld::test::stopGracefully(qmld);

        const QJsonObject counts = readJson(json);
        QCOMPARE(totals(counts), expected);
        QCOMPARE(counts.size(), kShards); // every shard, with or without records
        const auto last = lastRecords(u"counted"_s);
        QHash<QString, QString> shardOfKey;
        for (auto shard = counts.begin(); shard != counts.end(); ++shard) {
            QVERIFY2(shard.key().startsWith(u"shardId-"_s), qPrintable(shard.key()));
            const QJsonObject keys = shard.value().toObject();
            QCOMPARE(!keys.isEmpty(), last.contains(shard.key()));
            for (auto key = keys.begin(); key != keys.end(); ++key) {
                QVERIFY2(!shardOfKey.contains(key.key()), "a partition key maps to one shard");
                shardOfKey.insert(key.key(), shard.key());
            }
        }
        const QString stderrText = readText(m_stderrFiles.last());
        QVERIFY2(stderrText.contains(u"processor plugin partition-key-counter ("_s + qmld::test::pluginPath(
                     u"partition-key-counter"_s)),
                 qPrintable(stderrText));
        QVERIFY2(!stderrText.contains(u"threw"_s), qPrintable(stderrText));
    }

    // The poisoned record arrives once the other shards are all checkpointed,
    // so that what the daemon does about a failed child (the KCL's way: it
    // stops and qmld restarts it) cannot race them.
    void aThrowingShardFailsAloneAndNamesItself()
    {
        qmldTool({u"stream"_s, u"create"_s, u"poisoned"_s, u"--shards"_s, QString::number(kShards)});
        putLines(u"poisoned"_s, u"record"_s, 200); // keys "1" to "200": every shard gets some
        QCOMPARE(lastRecords(u"poisoned"_s).size(), kShards);

        QProcess qmld;
        const auto reap = qmld::test::reaperFor(qmld);
        startRun(qmld, writeProperties(u"thrower"_s, u"poisoned"_s), qmld::test::pluginPath(u"qmld-test-throwing"_s),
                 u"poison=poison,what=a poisoned record"_s);
        QTRY_VERIFY_WITH_TIMEOUT(checkpointedToTheEnd(u"thrower"_s, u"poisoned"_s), 40000);
        const QHash<QString, qmld::SequenceNumber> before = checkpoints(u"thrower"_s);

        // One poisoned record, on the shard its key hashes to.
        const QString poison = m_dir.filePath(u"poison.txt"_s);
        QFile file(poison);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("poison\n");
        file.close();
        qmldTool({u"stream"_s, u"put"_s, u"poisoned"_s, u"--lines"_s, poison, u"--partition-key"_s, u"victim"_s});
        QString victim;
        const auto after = lastRecords(u"poisoned"_s);
        for (auto it = after.cbegin(); it != after.cend(); ++it)
            if (before.value(it.key()) != it.value())
                victim = it.key();
        QVERIFY(!victim.isEmpty());

        const QString expected = u"shard %1: the processor threw in processRecords: a poisoned record"_s.arg(victim);
        QTRY_VERIFY_WITH_TIMEOUT(readText(m_stderrFiles.last()).contains(expected), 20000);
        QCOMPARE(qmld.state(), QProcess::Running); // qmld lives on, and restarts the daemon
        qmld::test::stopGracefully(qmld);

        // Only the poisoned shard failed: it stays before its poisoned record,
        // every other shard at its end.
        const QString stderrText = readText(m_stderrFiles.last());
        for (const QString &line : stderrText.split(u'\n'))
            if (line.contains(u"threw"_s)) {
                qInfo("%s", qPrintable(line));
                QVERIFY2(line.contains(u"shard "_s + victim + u':'), qPrintable(line));
            }
        const auto final = checkpoints(u"thrower"_s);
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(final.value(it.key()), it.value());
        QVERIFY(checkpointedToTheEnd(u"thrower"_s, u"poisoned"_s, victim));
    }

    void badPluginIsAConfigurationError_data()
    {
        QTest::addColumn<QString>("plugin");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("named");
        QTest::newRow("missing") << m_dir.filePath(u"missing.so"_s) << u"x"_s << u"no such file"_s;
        QTest::newRow("not a plugin") << qmld::test::pluginPath(u"qmld-test-not-a-plugin"_s) << u"x"_s
                                      << u"is not a Qt plugin"_s;
        QTest::newRow("argument refused") << qmld::test::pluginPath(u"partition-key-counter"_s) << QString()
                                          << u"--processor-arg"_s;
    }
    void badPluginIsAConfigurationError()
    {
        QFETCH(QString, plugin);
        QFETCH(QString, argument);
        QFETCH(QString, named);
        QProcess qmld;
        qmld.start(bin(u"qmld"_s), {u"run"_s, u"--mld"_s, u"embedded"_s, u"--properties"_s,
                                    writeProperties(u"bad"_s, u"counted"_s), u"--processor"_s, plugin,
                                    u"--processor-arg"_s, argument});
        QVERIFY(qmld.waitForFinished(30000));
        QCOMPARE(qmld.exitCode(), 3);
        const QString text = QString::fromUtf8(qmld.readAllStandardError());
        QVERIFY2(text.contains(plugin) && text.contains(named), qPrintable(text));
    }

    void processorArgumentNeedsAPlugin()
    {
        QProcess qmld;
        qmld.start(bin(u"qmld"_s), {u"run"_s, u"--mld"_s, u"embedded"_s, u"--properties"_s, u"p"_s, u"--processor"_s,
                                    u"log"_s, u"--processor-arg"_s, u"x"_s});
        QVERIFY(qmld.waitForFinished(30000));
        QCOMPARE(qmld.exitCode(), 2);
        QVERIFY(QString::fromUtf8(qmld.readAllStandardError()).contains(u"--processor-arg"_s));
    }
};

QTEST_GUILESS_MAIN(TestPluginRun)
#include "test_plugin_run.moc"

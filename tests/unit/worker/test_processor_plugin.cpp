// ProcessorPluginLoader over real plugins built in this tree: the example
// partition-key-counter, and the misfits of tests/plugins. Every refusal is
// one line naming the path.

#include <PluginPaths.h>

#include <qmld/ProcessorPlugin.h>
#include <qmld/ProcessorPluginLoader.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

class NoCheckpoints final : public Checkpointer
{
public:
    void checkpoint() override { ++requests; }
    void checkpoint(const SequenceNumber &) override { ++requests; }
    int requests = 0;
};

StreamRecord recordWithKey(const QByteArray &key, int sequence)
{
    StreamRecord record;
    record.sequenceNumber = *SequenceNumber::parse(QByteArray::number(1000 + sequence), 0);
    record.partitionKey = key;
    record.data = "data " + QByteArray::number(sequence);
    return record;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{u"unreadable"_s, path}};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestProcessorPlugin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(test::pluginPath(u"partition-key-counter"_s)),
                 qPrintable(test::pluginPath(u"partition-key-counter"_s)));
    }

    void looksLikePath()
    {
        QVERIFY(ProcessorPluginLoader::looksLikePath(u"./x"_s));
        QVERIFY(ProcessorPluginLoader::looksLikePath(u"/opt/p/libcounter.so"_s));
        QVERIFY(ProcessorPluginLoader::looksLikePath(u"counter.so"_s));
        QVERIFY(!ProcessorPluginLoader::looksLikePath(u"log"_s));
        QVERIFY(!ProcessorPluginLoader::looksLikePath(u"null"_s));
    }

    void exampleCountsPerShardAndKeyOnCheckpoint()
    {
        const QString json = m_dir.filePath(u"counts.json"_s);
        QString error;
        ProcessorPluginInfo info;
        const RecordProcessorFactory factory =
            ProcessorPluginLoader::load(test::pluginPath(u"partition-key-counter"_s), json, &error, &info);
        QVERIFY2(factory, qPrintable(error));
        QCOMPARE(info.name, u"partition-key-counter"_s);
        QVERIFY(!info.description.isEmpty());
        QCOMPARE(info.path, test::pluginPath(u"partition-key-counter"_s));
        QCOMPARE(readJson(json), QJsonObject{}); // written at load: an unwritable path fails there

        std::unique_ptr<RecordProcessor> first = factory();
        std::unique_ptr<RecordProcessor> second = factory();
        QVERIFY(first && second);
        QCOMPARE(first->confirmation(), Confirmation::OnReturn);
        first->initialize({u"shardId-1"_s, std::nullopt});
        second->initialize({u"shardId-2"_s, std::nullopt});
        NoCheckpoints checkpointer;
        const std::vector<StreamRecord> batch{recordWithKey("a", 1), recordWithKey("b", 2), recordWithKey("a", 3)};
        first->processRecords({batch, std::nullopt}, checkpointer);
        second->processRecords({std::span(batch).first(1), std::nullopt}, checkpointer);
        QCOMPARE(checkpointer.requests, 0); // checkpoints are the policy's

        // Not written until a checkpoint succeeds.
        QCOMPARE(readJson(json), (QJsonObject{{u"shardId-1"_s, QJsonObject{}}, {u"shardId-2"_s, QJsonObject{}}}));
        first->checkpointed({batch.back().sequenceNumber, u"ThrottlingException"_s, 1, false});
        QCOMPARE(readJson(json)[u"shardId-1"_s].toObject(), QJsonObject{});
        first->checkpointed({batch.back().sequenceNumber, QString(), 1, false});
        QCOMPARE(readJson(json), (QJsonObject{{u"shardId-1"_s, QJsonObject{{u"a"_s, 2}, {u"b"_s, 1}}},
                                              {u"shardId-2"_s, QJsonObject{}}}));
        second->shardEnded(checkpointer);
        first->shutdownRequested(checkpointer);
        QCOMPARE(readJson(json), (QJsonObject{{u"shardId-1"_s, QJsonObject{{u"a"_s, 2}, {u"b"_s, 1}}},
                                              {u"shardId-2"_s, QJsonObject{{u"a"_s, 1}}}}));
        // Atomic rewrites leave no temporary files behind.
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList{u"counts.json"_s});
    }

    void exampleRefusesABadArgument_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("named");
        QTest::newRow("empty") << QString() << u"--processor-arg"_s;
        QTest::newRow("unwritable") << u"/nonexistent-dir/counts.json"_s << u"/nonexistent-dir/counts.json"_s;
    }
    void exampleRefusesABadArgument()
    {
        QFETCH(QString, argument);
        QFETCH(QString, named);
        const QString path = test::pluginPath(u"partition-key-counter"_s);
        QString error;
        QVERIFY(!ProcessorPluginLoader::load(path, argument, &error));
        QVERIFY2(error.contains(path) && error.contains(named) && error.contains(u"partition-key-counter"_s)
                     && !error.contains(u'\n'),
                 qPrintable(error));
    }

    void refusalsNameThePath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        const QString text = m_dir.filePath(u"text.so"_s);
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not an ELF file\n");
        QTest::newRow("missing") << m_dir.filePath(u"missing.so"_s) << u"no such file"_s;
        QTest::newRow("folder") << m_dir.path() << u"not a file"_s;
        QTest::newRow("text file") << text << u"is not a Qt plugin"_s;
        QTest::newRow("shared library, no plugin") << test::pluginPath(u"qmld-test-not-a-plugin"_s)
                                                   << u"is not a Qt plugin"_s;
        QTest::newRow("older interface") << test::pluginPath(u"qmld-test-wrong-version"_s)
                                         << u"is a processor plugin for io.qmld.ProcessorPlugin/0, but this qmld loads "
                                            "io.qmld.ProcessorPlugin/1"_s;
        QTest::newRow("other interface") << test::pluginPath(u"qmld-test-other-interface"_s)
                                         << u"is a Qt plugin for 'org.example.SomethingElse/1', not a qmld processor plugin"_s;
    }
    void refusalsNameThePath()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        QString error;
        ProcessorPluginInfo info;
        QVERIFY(!ProcessorPluginLoader::load(path, u"x"_s, &error, &info));
        QVERIFY2(error.contains(path) && error.contains(reason) && !error.contains(u'\n'), qPrintable(error));
        QVERIFY(info.path.isEmpty());
    }

    void pluginExceptionsWhileCreatingTheFactoryFailTheLoad_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("reason");
        QTest::newRow("std::exception") << u"in=createFactory,what=no factory today"_s
                                        << u"threw in createFactory: no factory today"_s;
        QTest::newRow("int") << u"in=createFactory,kind=int"_s << u"threw in createFactory: unknown exception"_s;
        QTest::newRow("refused") << u"colour=blue"_s << u"refused the argument 'colour=blue': unknown key 'colour'"_s;
    }
    void pluginExceptionsWhileCreatingTheFactoryFailTheLoad()
    {
        QFETCH(QString, argument);
        QFETCH(QString, reason);
        const QString path = test::pluginPath(u"qmld-test-throwing"_s);
        QString error;
        QVERIFY(!ProcessorPluginLoader::load(path, argument, &error));
        QVERIFY2(error.contains(path) && error.contains(reason), qPrintable(error));
    }

    void aFactoryThatThrowsAnythingThrowsAStdExceptionNamingThePlugin_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("what");
        QTest::newRow("std::exception") << u"in=factory,what=no processor today"_s
                                        << u"processor plugin throwing: no processor today"_s;
        QTest::newRow("int") << u"in=factory,kind=int"_s << u"processor plugin throwing: unknown exception"_s;
    }
    void aFactoryThatThrowsAnythingThrowsAStdExceptionNamingThePlugin()
    {
        QFETCH(QString, argument);
        QFETCH(QString, what);
        QString error;
        const RecordProcessorFactory factory =
            ProcessorPluginLoader::load(test::pluginPath(u"qmld-test-throwing"_s), argument, &error);
        QVERIFY2(factory, qPrintable(error));
        try {
            factory();
            QFAIL("the factory did not throw");
        } catch (const std::exception &e) {
            QCOMPARE(QString::fromLocal8Bit(e.what()), what);
        }
    }

    void loadingTwiceGivesIndependentFactories()
    {
        const QString path = test::pluginPath(u"partition-key-counter"_s);
        QString error;
        const auto a = ProcessorPluginLoader::load(path, m_dir.filePath(u"a.json"_s), &error);
        const auto b = ProcessorPluginLoader::load(path, m_dir.filePath(u"b.json"_s), &error);
        QVERIFY(a && b);
        auto pa = a();
        pa->initialize({u"shardId-a"_s, std::nullopt});
        auto pb = b();
        pb->initialize({u"shardId-b"_s, std::nullopt});
        QVERIFY(readJson(m_dir.filePath(u"a.json"_s)).contains(u"shardId-a"_s));
        QVERIFY(!readJson(m_dir.filePath(u"a.json"_s)).contains(u"shardId-b"_s));
        QVERIFY(readJson(m_dir.filePath(u"b.json"_s)).contains(u"shardId-b"_s));
    }
};

QTEST_GUILESS_MAIN(TestProcessorPlugin)
#include "test_processor_plugin.moc"

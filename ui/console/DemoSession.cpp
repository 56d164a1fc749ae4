#include "console/DemoSession.h"

#include <qmld/demo/DemoProducer.h>
#include <qmld/demo/SlowSink.h>

#include <qmld/BuiltinProcessors.h>
#include <qmld/StreamStore.h>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
const QString kStream = u"demo"_s;
const QString kApplication = u"qmld-demo"_s;
constexpr int kFailoverMillis = 4000;
// Each worker's sink takes 2.5 ms a record, 400 records/s a shard: bursts
// above that build lag, which drains once they pass.
constexpr std::chrono::microseconds kWorkPerRecord{2500};
} // namespace

DemoSession::DemoSession(const QString &storePath, QString *error, QObject *parent)
    : QObject(parent), m_storePath(storePath)
{
    auto store = StreamStore::open(storePath);
    if (!store) {
        *error = store.error().message;
        return;
    }
    auto stream = store->describeStream(kStream);
    if (!stream && stream.error().code == StoreError::Code::StreamNotFound)
        stream = store->createStream(kStream, kShards);
    if (!stream) {
        *error = stream.error().message;
        return;
    }

    StreamSettings background = consoleStream();
    background.name = u"demo (background worker)"_s;
    background.workerId = u"demo-worker-2"_s;
    StreamHostOptions options = ConsoleStreams::hostOptions(background, error);
    options.processor = demo::makeSlowSinkFactory(makeNullProcessorFactory(), kWorkPerRecord);
    m_backgroundWorker = std::make_unique<StreamHost>(std::move(options));

    demo::DemoProducer::Options producer;
    producer.storePath = storePath;
    producer.streamName = kStream;
    m_producer = new demo::DemoProducer(producer);
    m_producer->moveToThread(&m_producerThread);
    connect(&m_producerThread, &QThread::finished, m_producer, &QObject::deleteLater);
    connect(m_producer, &demo::DemoProducer::failed, this, &DemoSession::failed);
    m_producerThread.setObjectName(u"demo producer"_s);
}

DemoSession::~DemoSession()
{
    if (m_producerThread.isRunning())
        QMetaObject::invokeMethod(m_producer, &demo::DemoProducer::stop, Qt::BlockingQueuedConnection);
    else
        delete m_producer;
    m_producerThread.quit();
    m_producerThread.wait();
}

StreamSettings DemoSession::consoleStream() const
{
    StreamSettings settings;
    settings.name = kStream;
    settings.applicationName = kApplication;
    settings.streamName = kStream;
    settings.region = u"local"_s;
    settings.initialPosition = u"TRIM_HORIZON"_s;
    settings.maxRecords = 500;
    settings.idleTimeBetweenReadsMillis = 250;
    settings.failoverTimeMillis = kFailoverMillis;
    settings.workerId = u"console"_s;
    settings.storePath = m_storePath;
    settings.checkpointMode = StreamSettings::CheckpointMode::EverySeconds;
    settings.checkpointEvery = 10;
    return settings;
}

void DemoSession::configureConsoleStream(ConsoleStreams &streams) const
{
    auto tap = std::make_shared<RecordTap>();
    streams.configure(consoleStream(), demo::makeSlowSinkFactory(makeInspectorProcessorFactory(tap), kWorkPerRecord), tap);
}

void DemoSession::start()
{
    if (!m_producer)
        return;
    m_producerThread.start();
    QMetaObject::invokeMethod(m_producer, &demo::DemoProducer::start);
    m_backgroundWorker->start();
}

} // namespace qmld::ui

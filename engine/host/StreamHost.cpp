#include <qmld/StreamHost.h>

#include <qmld/BuiltinProcessors.h>
#include <qmld/ProcessorPluginLoader.h>
#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace qmld {

std::optional<LeaseSource> leaseSourceFor(const JavaProperties &properties)
{
    const auto read = KclApplication::fromProperties(properties);
    const auto *application = std::get_if<KclApplication>(&read);
    if (!application)
        return std::nullopt;
    LeaseSource source;
    source.storePath = StreamStore::resolvePath(application->qmldStore);
    source.tableName = application->leaseTableName;
    source.failoverTime = application->failoverTime;
    source.streamName = application->streamName;
    return source;
}

namespace {

// KCL 1.x takes an endpoint without a scheme ("kinesis.us-east-1.amazonaws.com").
QUrl endpointUrl(const QString &property)
{
    const QString text = property.trimmed();
    if (text.isEmpty())
        return {};
    return QUrl(text.contains(u"://"_s) ? text : u"https://"_s + text);
}

// A streamArn (KCL 2.x+) names the stream after "stream/"; Kinesis calls here take the name.
QString streamNameOf(const QString &nameOrArn)
{
    const qsizetype slash = nameOrArn.indexOf(u":stream/"_s);
    return nameOrArn.startsWith(u"arn:"_s) && slash >= 0 ? nameOrArn.mid(slash + 8) : nameOrArn;
}

} // namespace

std::optional<LeaseSource> leaseSourceFor(const JavaProperties &properties, const DaemonPreset &daemon)
{
    switch (daemon.kind()) {
    case DaemonPreset::Kind::Embedded:
        return leaseSourceFor(properties);
    case DaemonPreset::Kind::Custom:
        return std::nullopt;
    case DaemonPreset::Kind::KclV1:
    case DaemonPreset::Kind::KclV2:
    case DaemonPreset::Kind::DynamoDbStreams:
        break;
    }
    const auto read = KclApplication::fromProperties(properties);
    const auto *application = std::get_if<KclApplication>(&read);
    if (!application)
        return std::nullopt;
    LeaseSource source;
    source.tableName = application->leaseTableName;
    source.failoverTime = application->failoverTime;
    AwsLeaseLocation aws;
    aws.region = application->regionName;
    aws.dynamoDbEndpoint = endpointUrl(application->dynamoDBEndpoint);
    aws.kinesisEndpoint = endpointUrl(application->kinesisEndpoint);
    source.aws = aws;
    // A DynamoDB stream's shards are not Kinesis shards: no lag probe for them.
    if (daemon.kind() != DaemonPreset::Kind::DynamoDbStreams)
        source.streamName = streamNameOf(application->streamName);
    return source;
}

// Everything that runs on the host's thread. Created and destroyed there.
class StreamHost::Engine : public QObject
{
public:
    Engine(const StreamHostOptions &options, std::shared_ptr<RecordProcessorFactory> factory, StreamHost *host)
        : m_host(host)
        , m_factory(factory)
        , m_server([factory] { return (*factory)(); }, options.server)
        , m_monitor(monitorOptions(options))
    {
        QObject::connect(&m_server, &ShardServer::sessionEvent, &m_monitor, &StreamMonitor::onSessionEvent);
        QObject::connect(&m_server, &ShardServer::sessionEvent, host, &StreamHost::sessionEvent);
        QObject::connect(&m_monitor, &StreamMonitor::snapshotReady, host, &StreamHost::snapshotReady);
        StreamRunnerOptions runnerOptions = options.runner;
        if (!m_server.listen()) {
            m_listenError = StreamHost::tr("cannot listen on 127.0.0.1 for the shards of %1: %2").arg(options.name, m_server.errorString());
        } else {
            runnerOptions.port = m_server.port();
            runnerOptions.token = m_server.token();
        }
        const QString binDir = runnerOptions.binDirectory.isEmpty() ? QCoreApplication::applicationDirPath()
                                                                    : runnerOptions.binDirectory;
        runnerOptions.binDirectory = binDir;
        if (runnerOptions.connectProgram.isEmpty())
            runnerOptions.connectProgram = QDir(binDir).absoluteFilePath(u"qmld-connect"_s);
        m_runner = std::make_unique<StreamRunner>(options.properties, runnerOptions);
        QObject::connect(&m_server, &ShardServer::sessionEvent, m_runner.get(), [this](const SessionEvent &event) {
            if (event.kind == SessionEvent::Kind::Connected)
                m_runner->shardConnected();
        });
        QObject::connect(m_runner.get(), &StreamRunner::logLine, host, &StreamHost::logLine);
        QObject::connect(m_runner.get(), &StreamRunner::stateChanged, this, [this] { reportStatus(); });
        QObject::connect(m_runner.get(), &StreamRunner::daemonStarted, this, [this] { reportStatus(); });
        QObject::connect(m_runner.get(), &StreamRunner::daemonExited, this, [this] { reportStatus(); });
        QObject::connect(m_runner.get(), &StreamRunner::stopped, host, &StreamHost::stopped);
        QObject::connect(m_runner.get(), &StreamRunner::stopped, this, [this] {
            reportStatus();
            if (std::exchange(m_restartWhenStopped, false))
                start();
        });
    }

    static StreamMonitorOptions monitorOptions(const StreamHostOptions &options)
    {
        StreamMonitorOptions monitor;
        monitor.streamName = options.name;
        monitor.workerId = options.properties.value(u"workerId"_s).trimmed(); // as KclApplication reads it
        monitor.leases = options.leases ? options.leases : leaseSourceFor(options.properties, options.runner.daemon);
        return monitor;
    }

    // Here and not on the UI thread: opening a user's library may take a while.
    void loadPlugin()
    {
        const StreamHostOptions &options = m_host->m_options;
        if (std::exchange(m_pluginLoaded, true) || options.processor || options.processorPlugin.isEmpty())
            return;
        QString error;
        RecordProcessorFactory plugin = ProcessorPluginLoader::load(options.processorPlugin, options.processorArgument, &error);
        if (plugin)
            *m_factory = makeInspectorProcessorFactory(m_host->m_tap, std::move(plugin)); // no session exists yet
        else
            Q_EMIT m_host->configurationError(StreamHost::tr("%1; the stream runs with the inspector only").arg(error));
    }

    void start()
    {
        loadPlugin();
        if (!m_listenError.isEmpty()) {
            DaemonStatus status = DaemonStatus::of(*m_runner);
            status.state = StreamRunner::State::Failed;
            status.lastError = m_listenError;
            m_monitor.onDaemonStatus(status);
            return;
        }
        m_runner->start();
        reportStatus();
    }

    void stop()
    {
        m_restartWhenStopped = false;
        const StreamRunner::State state = m_runner->state();
        if (state == StreamRunner::State::Stopped || state == StreamRunner::State::Failed) {
            Q_EMIT m_host->stopped(); // nothing to end: answered all the same
            return;
        }
        m_runner->stop();
    }

    void restart()
    {
        const StreamRunner::State state = m_runner->state();
        if (state == StreamRunner::State::Stopped || state == StreamRunner::State::Failed) {
            start();
            return;
        }
        m_restartWhenStopped = true;
        m_runner->stop();
    }

    void reportStatus()
    {
        const DaemonStatus status = DaemonStatus::of(*m_runner);
        m_host->m_stopped = status.state == StreamRunner::State::Stopped || status.state == StreamRunner::State::Failed;
        m_monitor.onDaemonStatus(status);
    }

    ~Engine() override
    {
        m_runner.reset(); // kills the daemon's group before the sessions go
        m_server.close();
    }

    StreamHost *m_host;
    std::shared_ptr<RecordProcessorFactory> m_factory; // what the server makes each shard's processor with
    bool m_pluginLoaded = false;
    ShardServer m_server;
    StreamMonitor m_monitor;
    std::unique_ptr<StreamRunner> m_runner;
    QString m_listenError;
    bool m_restartWhenStopped = false;
};

StreamHost::StreamHost(StreamHostOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)),
      m_tap(m_options.tap ? m_options.tap : std::make_shared<RecordTap>(m_options.tapLimits))
{
    qRegisterMetaType<MonitorSnapshotPtr>();
    qRegisterMetaType<StreamRunner::LogLevel>();
    qRegisterMetaType<SessionEvent>();
    m_thread.setObjectName(u"stream "_s + m_options.name);
    m_thread.start();
    auto factory = std::make_shared<RecordProcessorFactory>(m_options.processor ? m_options.processor
                                                                                : makeInspectorProcessorFactory(m_tap));
    // Built on its thread, so that its sockets, timers and processes belong there.
    QObject context;
    context.moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        &context, [this, factory] { m_engine = new Engine(m_options, factory, this); },
        Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(&context, [&context] { context.moveToThread(QCoreApplication::instance()->thread()); },
                              Qt::BlockingQueuedConnection);
}

StreamHost::~StreamHost()
{
    QMetaObject::invokeMethod(m_engine, [this] { delete m_engine; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString StreamHost::name() const { return m_options.name; }
const StreamHostOptions &StreamHost::options() const { return m_options; }
std::shared_ptr<RecordTap> StreamHost::tap() const { return m_tap; }
MonitorSnapshotPtr StreamHost::latest() const { return m_engine->m_monitor.latest(); }
std::optional<LeaseSource> StreamHost::leaseSource() const { return m_engine->m_monitor.options().leases; }

void StreamHost::start()
{
    QMetaObject::invokeMethod(m_engine, [this] { m_engine->start(); });
}

void StreamHost::stop()
{
    QMetaObject::invokeMethod(m_engine, [this] { m_engine->stop(); });
}

bool StreamHost::isStopped() const
{
    return m_stopped;
}

void StreamHost::restart()
{
    QMetaObject::invokeMethod(m_engine, [this] { m_engine->restart(); });
}

void StreamHost::requestCheckpoint(const QString &shardId, std::optional<SequenceNumber> position)
{
    // On the engine's thread, the monitor hears of the request before the
    // session's answer, which reaches it through the same thread's queue.
    QMetaObject::invokeMethod(m_engine, [this, shardId, position] {
        if (m_engine->m_server.requestCheckpoint(shardId, position))
            m_engine->m_monitor.noteManualCheckpointRequested(shardId);
        else
            Q_EMIT checkpointRefused(shardId, tr("no session here serves shard %1").arg(shardId));
    });
}

void StreamHost::pollLeasesNow()
{
    QMetaObject::invokeMethod(m_engine, [this] { m_engine->m_monitor.pollLeasesNow(); });
}

} // namespace qmld

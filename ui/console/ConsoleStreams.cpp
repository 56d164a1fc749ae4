#include "console/ConsoleStreams.h"

#include <qmld/ProcessorPluginLoader.h>

#include <QEventLoop>
#include <QTimer>

namespace qmld::ui {

ConsoleStreams::ConsoleStreams(QObject *parent) : QObject(parent) {}

ConsoleStreams::~ConsoleStreams() = default;

StreamHostOptions ConsoleStreams::hostOptions(const StreamSettings &settings, QString *error)
{
    StreamHostOptions options;
    options.name = settings.name;
    options.properties = settings.toProperties();
    const auto preset = DaemonPreset::fromString(settings.daemon, error);
    if (preset)
        options.runner.daemon = *preset;
    options.runner.javaClasspath = settings.javaClasspath;
    switch (settings.checkpointMode) {
    case StreamSettings::CheckpointMode::Off:
        break;
    case StreamSettings::CheckpointMode::EveryRecords:
        options.server.policy.everyRecords = settings.checkpointEvery;
        break;
    case StreamSettings::CheckpointMode::EverySeconds:
        options.server.policy.interval = std::chrono::seconds(settings.checkpointEvery);
        break;
    }
    return options;
}

void ConsoleStreams::configure(const StreamSettings &settings, RecordProcessorFactory processor,
                               std::shared_ptr<RecordTap> tap)
{
    remove(settings.name);
    QString error;
    StreamHostOptions options = hostOptions(settings, &error);
    options.tap = tap ? std::move(tap) : std::make_shared<RecordTap>();
    if (!processor && !settings.processorPlugin.isEmpty()) {
        QString pluginError;
        RecordProcessorFactory plugin = ProcessorPluginLoader::load(settings.processorPlugin, settings.processorArgument,
                                                                    &pluginError);
        if (plugin)
            processor = makeInspectorProcessorFactory(options.tap, std::move(plugin));
        else
            Q_EMIT configurationError(settings.name, tr("%1; the stream runs with the inspector only").arg(pluginError));
    }
    options.processor = std::move(processor);
    if (!error.isEmpty())
        Q_EMIT configurationError(settings.name, error);
    auto host = std::make_unique<StreamHost>(std::move(options));
    const QString name = settings.name;
    connect(host.get(), &StreamHost::snapshotReady, this,
            [this, name](const MonitorSnapshotPtr &snapshot) { Q_EMIT snapshotReady(name, snapshot); });
    connect(host.get(), &StreamHost::logLine, this,
            [this, name](const QString &line, StreamRunner::LogLevel level) { Q_EMIT logLine(name, line, level); });
    connect(host.get(), &StreamHost::checkpointRefused, this,
            [this, name](const QString &shardId, const QString &reason) { Q_EMIT checkpointRefused(name, shardId, reason); });
    m_entries[name] = Entry{settings, std::move(host)};
}

void ConsoleStreams::remove(const QString &name)
{
    m_entries.erase(name); // the host's destructor reaps its daemon
}

void ConsoleStreams::stopAll(std::chrono::milliseconds bound, const QList<StreamHost *> &others)
{
    QList<StreamHost *> hosts = others;
    for (auto &[name, entry] : m_entries)
        hosts << entry.host.get();
    QEventLoop loop;
    int running = 0;
    for (StreamHost *host : std::as_const(hosts)) {
        if (!host || host->isStopped())
            continue;
        ++running;
        connect(host, &StreamHost::stopped, &loop, [&] {
            if (--running == 0)
                loop.quit();
        });
        host->stop();
    }
    if (running == 0)
        return;
    QTimer::singleShot(bound, &loop, &QEventLoop::quit); // then the hosts' destructors kill what is left
    loop.exec();
}

StreamHost *ConsoleStreams::host(const QString &name) const
{
    const auto it = m_entries.find(name);
    return it == m_entries.end() ? nullptr : it->second.host.get();
}

const StreamSettings *ConsoleStreams::settings(const QString &name) const
{
    const auto it = m_entries.find(name);
    return it == m_entries.end() ? nullptr : &it->second.settings;
}

QStringList ConsoleStreams::names() const
{
    QStringList names;
    for (const auto &[name, entry] : m_entries)
        names << name;
    return names;
}

} // namespace qmld::ui

#include "console/ConsoleStreams.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qmld::ui {

ConsoleStreams::ConsoleStreams(QObject *parent) : QObject(parent) {}

ConsoleStreams::~ConsoleStreams()
{
    m_entries.clear();  // their destructors kill what still runs
    m_retiring.clear();
    for (QThread *reaper : std::as_const(m_reapers)) {
        reaper->wait();
        delete reaper;
    }
}

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
    options.processor = std::move(processor);
    if (!options.processor) {
        options.processorPlugin = settings.processorPlugin;
        options.processorArgument = settings.processorArgument;
    }
    if (!error.isEmpty())
        Q_EMIT configurationError(settings.name, error);
    auto host = std::make_unique<StreamHost>(std::move(options));
    connectHost(settings.name, host.get());
    m_entries[settings.name] = Entry{settings, std::move(host)};
}

void ConsoleStreams::attach(const QString &name, const LeaseSource &source)
{
    remove(name);
    // A host that is never started: its monitor reads the lease table, no daemon runs.
    StreamHostOptions options;
    options.name = name;
    options.leases = source;
    auto host = std::make_unique<StreamHost>(std::move(options));
    connectHost(name, host.get());
    StreamSettings settings;
    settings.name = name;
    settings.applicationName = source.tableName;
    settings.streamName = source.streamName;
    settings.failoverTimeMillis = int(source.failoverTime.count());
    m_entries[name] = Entry{settings, std::move(host), true};
}

bool ConsoleStreams::isAttached(const QString &name) const
{
    const auto it = m_entries.find(name);
    return it != m_entries.end() && it->second.attached;
}

void ConsoleStreams::connectHost(const QString &name, StreamHost *host)
{
    connect(host, &StreamHost::snapshotReady, this,
            [this, name](const MonitorSnapshotPtr &snapshot) { Q_EMIT snapshotReady(name, snapshot); });
    connect(host, &StreamHost::logLine, this,
            [this, name](const QString &line, StreamRunner::LogLevel level) { Q_EMIT logLine(name, line, level); });
    connect(host, &StreamHost::checkpointRefused, this,
            [this, name](const QString &shardId, const QString &reason) { Q_EMIT checkpointRefused(name, shardId, reason); });
    connect(host, &StreamHost::configurationError, this,
            [this, name](const QString &message) { Q_EMIT configurationError(name, message); });
}

void ConsoleStreams::remove(const QString &name)
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end())
        return;
    std::unique_ptr<StreamHost> host = std::move(it->second.host);
    m_entries.erase(it);
    retire(std::move(host));
}

// The graceful way, in the background: SIGTERM to the daemon's group (the
// children get shutdownRequested and may checkpoint), SIGKILL only after the
// runner's grace period; then the host is destroyed on a thread of its own,
// as its destructor joins the shard threads.
void ConsoleStreams::retire(std::unique_ptr<StreamHost> host)
{
    StreamHost *raw = host.get();
    const QString name = raw->name();
    raw->disconnect(this); // its snapshots no longer belong to a stream of the console
    connect(raw, &StreamHost::logLine, this,
            [this, name](const QString &line, StreamRunner::LogLevel level) { Q_EMIT logLine(name, line, level); });
    const auto takeDown = [this, raw] {
        const auto it = std::find_if(m_retiring.begin(), m_retiring.end(), [raw](const auto &h) { return h.get() == raw; });
        if (it == m_retiring.end())
            return; // already taken down
        it->release();
        m_retiring.erase(it);
        destroyOffThisThread(raw);
    };
    connect(raw, &StreamHost::stopped, this, takeDown, Qt::QueuedConnection);
    // Should the group outlive even SIGKILL's wait, the destructor tries once more.
    QTimer::singleShot(raw->options().runner.stopGrace + std::chrono::seconds(10), this, takeDown);
    m_retiring.push_back(std::move(host));
    raw->stop();
}

void ConsoleStreams::destroyOffThisThread(StreamHost *host)
{
    const QString name = host->name();
    host->disconnect();
    QThread *reaper = QThread::create([host] { delete host; });
    reaper->setObjectName(u"retire "_s + name);
    host->moveToThread(reaper); // deleted where it lives
    m_reapers << reaper;
    connect(reaper, &QThread::finished, this, [this, reaper, name] {
        m_reapers.removeOne(reaper);
        reaper->deleteLater();
        Q_EMIT retired(name);
    });
    reaper->start();
}

int ConsoleStreams::retiringCount() const
{
    return int(m_retiring.size() + m_reapers.size());
}

void ConsoleStreams::stopAll(std::chrono::milliseconds bound, const QList<StreamHost *> &others)
{
    QList<StreamHost *> hosts = others;
    for (auto &[name, entry] : m_entries)
        hosts << entry.host.get();
    QEventLoop loop;
    m_stopLoop = &loop;
    int running = 0;
    const auto oneLess = [&] {
        if (--running == 0)
            loop.quit();
    };
    for (StreamHost *host : std::as_const(hosts)) {
        if (!host || host->isStopped())
            continue;
        ++running;
        connect(host, &StreamHost::stopped, &loop, oneLess);
        host->stop();
    }
    // Those retiring are stopping already; wait for them to be taken down.
    running += retiringCount();
    connect(this, &ConsoleStreams::retired, &loop, oneLess);
    if (running > 0) {
        QTimer::singleShot(bound, &loop, &QEventLoop::quit); // then the hosts' destructors kill what is left
        loop.exec();
    }
}

void ConsoleStreams::abandonStop()
{
    if (m_stopLoop)
        m_stopLoop->quit();
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

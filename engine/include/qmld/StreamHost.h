#pragma once

#include <qmld/JavaProperties.h>
#include <qmld/KclApplication.h>
#include <qmld/MonitorSnapshot.h>
#include <qmld/RecordTap.h>
#include <qmld/ShardServer.h>
#include <qmld/StreamMonitor.h>
#include <qmld/StreamRunner.h>

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

namespace qmld {

struct StreamHostOptions
{
    QString name; // how the console names the stream
    JavaProperties properties;
    StreamRunnerOptions runner;  // port and token are filled in by the host
    ShardServerOptions server;   // the checkpoint policy
    RecordTap::Limits tapLimits; // for the tap the host makes
    // Where previews are kept; null: the host makes one.
    std::shared_ptr<RecordTap> tap;
    // Null: the inspector, keeping previews in tap().
    RecordProcessorFactory processor;
    // Without `processor`: a processor plugin (.so path and its argument)
    // whose processors run behind the inspector. Loaded on the host's thread
    // when the stream first starts; one that does not load is reported with
    // configurationError() and the stream runs with the inspector only.
    QString processorPlugin;
    QString processorArgument;
    // Where the lease table is read; nullopt: derived from the properties and
    // the daemon preset (leaseSourceFor).
    std::optional<LeaseSource> leases;
};

// The lease table of an application run by the embedded daemon: the store of
// qmldStore (else $QMLD_STORE, else the default) and the KCL application's lease
// table; nullopt when the properties are not a valid KCL application (its daemon
// then fails to start, saying why).
std::optional<LeaseSource> leaseSourceFor(const JavaProperties &properties);
// The lease table of an application run by `daemon`: the embedded store for
// the embedded daemon; DynamoDB for the Java presets (kcl-v1/v2/v3,
// dynamodb-streams), the table named by the properties (tableName, else
// applicationName) in their regionName, at their dynamoDBEndpoint, its lag
// probed on Kinesis at their kinesisEndpoint; nullopt for a custom command
// or properties that are not a valid KCL application.
std::optional<LeaseSource> leaseSourceFor(const JavaProperties &properties, const DaemonPreset &daemon);

// One stream processed in this process: the ShardServer, the StreamRunner
// with its daemon and the StreamMonitor, all on a thread of the host's own so
// the thread that owns the host (the UI thread) never waits on them.
// Snapshots arrive at most ~10 times a second, log lines as the daemon prints them.
class StreamHost : public QObject
{
    Q_OBJECT
public:
    explicit StreamHost(StreamHostOptions options, QObject *parent = nullptr);
    // Kills the daemon's process group, closes every session, joins the thread.
    ~StreamHost() override;

    QString name() const;
    const StreamHostOptions &options() const;
    std::shared_ptr<RecordTap> tap() const;
    MonitorSnapshotPtr latest() const;
    // Where this stream's lease table is read (and reset); nullopt: nowhere.
    std::optional<LeaseSource> leaseSource() const;

    // Asynchronous; the outcome shows in the snapshots (daemon state, last error).
    void start();
    // SIGTERM to the daemon's group (graceful: children get shutdownRequested),
    // SIGKILL after the runner's grace period; stopped() follows, also when
    // nothing ran (so a caller may wait for it after any stop()).
    void stop();
    bool isStopped() const;
    void restart();
    // Checkpoint the shard at `position` (nullopt: the latest processed
    // record) during its next exchange. The snapshots show it pending, then
    // done or failed; checkpointRefused when no session here serves the shard.
    void requestCheckpoint(const QString &shardId, std::optional<SequenceNumber> position);
    // Reads the lease table now (after a reset).
    void pollLeasesNow();

Q_SIGNALS:
    void snapshotReady(qmld::MonitorSnapshotPtr snapshot);
    void logLine(const QString &line, qmld::StreamRunner::LogLevel level);
    void checkpointRefused(const QString &shardId, const QString &reason);
    // Every session event of the stream, queued (for counters; the UI takes snapshots).
    void sessionEvent(const qmld::SessionEvent &event);
    // The daemon and its children are gone after stop().
    void stopped();
    // A part of the stream's set-up that failed, in one line (a processor plugin that does not load).
    void configurationError(const QString &message);

private:
    class Engine;
    StreamHostOptions m_options;
    std::shared_ptr<RecordTap> m_tap;
    QThread m_thread;
    Engine *m_engine = nullptr; // lives on m_thread
    std::atomic<bool> m_stopped{true}; // the daemon is Stopped or Failed (set on m_thread)
};

} // namespace qmld

#pragma once

#include "settings/StreamSettings.h"

#include <qmld/StreamHost.h>

#include <QObject>
#include <QPointer>

#include <chrono>
#include <map>
#include <memory>
#include <vector>

class QEventLoop;
class QThread;

namespace qmld::ui {

// The streams the console runs: one StreamHost per configured stream, made
// from its settings, replaced when the settings change. Whatever way a
// stream goes (edited, removed), its daemon is stopped the graceful way
// (every child gets shutdownRequested) and the host is taken down off the
// UI thread: no call here waits for a daemon or a shard thread.
class ConsoleStreams : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleStreams(QObject *parent = nullptr);
    // Kills what stopAll() left running and waits for the hosts being taken down.
    ~ConsoleStreams() override;

    // Replaces the stream of that name (stopping the old one gracefully in
    // the background) or adds it. Does not start it. Without a processor,
    // the inspector keeps previews (in front of the settings' plugin, which
    // the host loads on its own thread).
    void configure(const StreamSettings &settings, RecordProcessorFactory processor = {},
                   std::shared_ptr<RecordTap> tap = {});
    // Watches the lease table `source` names under `name`, without a daemon:
    // every worker's leases, checkpoints and lag (an attached KCL application).
    void attach(const QString &name, const LeaseSource &source);
    // Whether `name` is an attached application (nothing to start or stop).
    bool isAttached(const QString &name) const;
    // Takes the stream out of the console at once; its daemon stops in the background.
    void remove(const QString &name);
    StreamHost *host(const QString &name) const;
    const StreamSettings *settings(const QString &name) const;
    QStringList names() const;
    // Streams removed or replaced whose daemons are still stopping.
    int retiringCount() const;

    // Stops every daemon (those removed but still stopping, and those of
    // `others`) gracefully and waits until all are gone, at most `bound`, or
    // until abandonStop().
    void stopAll(std::chrono::milliseconds bound, const QList<StreamHost *> &others = {});
    // Ends a stopAll() in progress now (a second signal); what is still
    // running is killed when the hosts are destroyed.
    void abandonStop();

    static StreamHostOptions hostOptions(const StreamSettings &settings, QString *error);

Q_SIGNALS:
    void snapshotReady(const QString &stream, qmld::MonitorSnapshotPtr snapshot);
    void logLine(const QString &stream, const QString &line, qmld::StreamRunner::LogLevel level);
    void checkpointRefused(const QString &stream, const QString &shardId, const QString &reason);
    // A stream that cannot even be set up (a daemon preset that does not parse, a plugin that does not load).
    void configurationError(const QString &stream, const QString &message);
    // A removed or replaced stream's daemon is gone and its host destroyed.
    void retired(const QString &stream);

private:
    struct Entry
    {
        StreamSettings settings;
        std::unique_ptr<StreamHost> host;
        bool attached = false;
    };
    void connectHost(const QString &name, StreamHost *host);
    void retire(std::unique_ptr<StreamHost> host);
    void destroyOffThisThread(StreamHost *host);

    std::map<QString, Entry> m_entries;
    std::vector<std::unique_ptr<StreamHost>> m_retiring; // stopping gracefully
    QList<QThread *> m_reapers;                           // each deleting one stopped host
    QPointer<QEventLoop> m_stopLoop;
};

} // namespace qmld::ui

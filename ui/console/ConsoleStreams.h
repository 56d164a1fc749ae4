#pragma once

#include "settings/StreamSettings.h"

#include <qmld/StreamHost.h>

#include <QObject>

#include <map>
#include <memory>

namespace qmld::ui {

// The streams the console runs: one StreamHost per configured stream, made
// from its settings, restarted when the settings change.
class ConsoleStreams : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleStreams(QObject *parent = nullptr);
    ~ConsoleStreams() override;

    // Replaces the stream of that name (stopping the old one) or adds it.
    // Does not start it. Without a processor, the inspector keeps previews.
    void configure(const StreamSettings &settings, RecordProcessorFactory processor = {},
                   std::shared_ptr<RecordTap> tap = {});
    void remove(const QString &name);
    StreamHost *host(const QString &name) const;
    const StreamSettings *settings(const QString &name) const;
    QStringList names() const;

    // Stops every daemon (and those of `others`) gracefully and waits until
    // all are gone, at most `bound`.
    void stopAll(std::chrono::milliseconds bound, const QList<StreamHost *> &others = {});

    static StreamHostOptions hostOptions(const StreamSettings &settings, QString *error);

Q_SIGNALS:
    void snapshotReady(const QString &stream, qmld::MonitorSnapshotPtr snapshot);
    void logLine(const QString &stream, const QString &line, qmld::StreamRunner::LogLevel level);
    void checkpointRefused(const QString &stream, const QString &shardId, const QString &reason);
    // A stream that cannot even be set up (a daemon preset that does not parse).
    void configurationError(const QString &stream, const QString &message);

private:
    struct Entry
    {
        StreamSettings settings;
        std::unique_ptr<StreamHost> host;
    };
    std::map<QString, Entry> m_entries;
};

} // namespace qmld::ui

#pragma once

#include "console/ConsoleStreams.h"
#include "settings/StreamSettings.h"

#include <qmld/StreamHost.h>

#include <QObject>
#include <QThread>

#include <memory>

namespace qmld::demo {
class DemoProducer;
}

namespace qmld::ui {

// The console's demo: a local stream "demo" with 4 shards in the embedded
// store, fed by a producer of shop events with bursts, and a second worker
// in the background ("demo-worker-2", a null processor) so that the leases
// are shared between the console and another worker, as in production.
class DemoSession : public QObject
{
    Q_OBJECT
public:
    static constexpr int kShards = 4;

    // Creates the stream if the store lacks it. Empty *error on success.
    DemoSession(const QString &storePath, QString *error, QObject *parent = nullptr);
    ~DemoSession() override;

    // The console's own worker on the demo stream.
    StreamSettings consoleStream() const;
    // Configures it with the demo's sink (an inspector that takes its time).
    void configureConsoleStream(ConsoleStreams &streams) const;
    void start();
    StreamHost *backgroundWorker() const { return m_backgroundWorker.get(); }

Q_SIGNALS:
    void failed(const QString &reason);

private:
    QString m_storePath;
    QThread m_producerThread;
    demo::DemoProducer *m_producer = nullptr;
    std::unique_ptr<StreamHost> m_backgroundWorker;
};

} // namespace qmld::ui

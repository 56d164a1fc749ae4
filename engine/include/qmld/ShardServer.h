#pragma once

#include <qmld/CheckpointPolicy.h>
#include <qmld/RecordProcessor.h>
#include <qmld/SessionEvent.h>

#include <QObject>
#include <QTcpServer>

#include <chrono>
#include <memory>
#include <optional>

namespace qmld {

struct ShardServerOptions
{
    CheckpointPolicy policy;
    // A connection that has not presented the token by then is dropped.
    std::chrono::milliseconds authenticationTimeout{5000};
    // After the status for a terminal message, how long to wait for the daemon to close.
    std::chrono::milliseconds closeTimeout{5000};
    // ThrottlingException: retries with jittered exponential backoff.
    int throttlingRetries = 6;
    std::chrono::milliseconds throttlingBackoff{200};
    std::chrono::milliseconds throttlingBackoffMax{5000};
    // Longest protocol line accepted (a processRecords batch of 10,000 records
    // of 1 MB would be ~13 GB, but GetRecords caps a batch at ~10 MB).
    qsizetype maxLineBytes = qsizetype(256) << 20;
};

// Accepts the per-shard connections of qmld-connect children on 127.0.0.1 and
// runs one ShardSession per shard, each on its own thread, so that a slow or
// blocked processor on one shard never stalls another.
class ShardServer : public QObject
{
    Q_OBJECT
public:
    explicit ShardServer(RecordProcessorFactory factory, ShardServerOptions options = {}, QObject *parent = nullptr);
    ~ShardServer() override;

    // Listens on 127.0.0.1 only; port 0 picks a free one.
    bool listen(quint16 port = 0);
    QString errorString() const;
    quint16 port() const;
    // The per-server random token a child must present (environment QMLD_CONNECT_TOKEN).
    QByteArray token() const;

    // Asks the shard's session to checkpoint at `position` (nullopt: the
    // latest confirmed record) during its next exchange that allows it; the
    // answer arrives as a Checkpoint SessionEvent. Returns false when no live
    // session serves that shard. Callable from any thread.
    bool requestCheckpoint(const QString &shardId, std::optional<SequenceNumber> position);

    int sessionCount() const;

    // Ends every session (their connections close) and waits for their threads.
    void close();

Q_SIGNALS:
    void sessionEvent(const qmld::SessionEvent &event);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace qmld

#pragma once

#include <qmld/CaptureFile.h>

#include <QObject>

#include <cstdint>
#include <memory>
#include <span>

namespace qmld {

// Writes a capture file on a thread of its own, so that whoever hands it
// records (a shard's thread, under RecordTap's lock) never waits for JSON,
// deflate or the disk. Records wait in a bounded queue; when the writer
// falls further behind than that, the capture is dropped (failed() says so)
// and the records keep flowing to everyone else.
class CaptureWriterThread : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString path;
        CaptureHeader header;
        // An embedded store that describes the header's shards (parents and
        // hash key ranges), opened on the writer's thread; empty: none.
        QString describeFromStore;
        // Records waiting for the writer, in bytes of data and partition key.
        std::int64_t maxPendingBytes = std::int64_t(64) << 20;
    };

    // Starts the thread, which opens the file (mode 0600) and writes the
    // header; opened() or failed() follows.
    explicit CaptureWriterThread(Options options, QObject *parent = nullptr);
    // finish(), then waits a little for the writer; one stuck on a stalled
    // disk is left to end on its own.
    ~CaptureWriterThread() override;

    // From any thread; only queues. False when the capture is dropped or finished.
    bool offer(const QString &shardId, std::span<const StreamRecord> records);
    // Writes what is queued and closes the file; finished() follows.
    void finish();

    QString path() const;
    std::int64_t records() const; // written so far
    std::int64_t bytes() const;   // in the file so far
    QString error() const;        // empty while all is well

Q_SIGNALS:
    void opened();
    // The file could not be opened or written, or the writer fell behind: the capture is dropped.
    void failed(const QString &error);
    // The file is closed; `error` is empty when everything offered was written.
    void finished(const QString &error);

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace qmld

#pragma once

#include "settings/StreamSettings.h"

#include <qmld/CaptureWriterThread.h>
#include <qmld/RecordTap.h>

#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

namespace qmld::ui {

// Records what the chosen shards of a live stream deliver into a capture
// file, from the moment it starts until it is stopped (or destroyed), through
// the stream's RecordTap. The tap only hands the records over: the file is
// opened and written on a thread of its own, so neither the shards nor the
// window ever wait for the disk; a writer that falls behind drops the capture.
class LiveCapture : public QObject
{
    Q_OBJECT
public:
    // What the writer needs for these shards of the stream; the embedded
    // store (read on the writer's thread) adds parents and hash key ranges.
    static CaptureWriterThread::Options optionsFor(const StreamSettings &stream, const QStringList &shardIds,
                                                   const QString &path);
    // Starts recording at once; failed() follows if the file cannot be opened.
    static std::unique_ptr<LiveCapture> start(std::shared_ptr<RecordTap> tap, CaptureWriterThread::Options options);
    ~LiveCapture() override;

    // Detaches from the tap; the writer writes what it has and closes the
    // file, then finished() (at once when already finished).
    void stop();
    bool isStopped() const { return m_stopped; }

    QString path() const { return m_writer->path(); }
    QStringList shards() const;
    std::int64_t records() const { return m_writer->records(); }
    std::int64_t bytes() const { return m_writer->bytes(); }
    QString writeError() const { return m_writer->error(); }

Q_SIGNALS:
    // The file could not be opened or written, or the disk did not keep up: the capture is dropped.
    void failed(const QString &error);
    // The file is closed; `error` is empty when every record was written.
    void finished(const QString &error);

private:
    LiveCapture() = default;

    std::shared_ptr<RecordTap> m_tap;
    QSet<QString> m_shards;
    std::unique_ptr<CaptureWriterThread> m_writer;
    bool m_stopped = false;
    bool m_finished = false;
    QString m_finishError;
};

} // namespace qmld::ui

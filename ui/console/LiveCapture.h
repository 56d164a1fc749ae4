#pragma once

#include "settings/StreamSettings.h"

#include <qmld/CaptureFile.h>
#include <qmld/RecordTap.h>

#include <QSet>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace qmld::ui {

// Records what the chosen shards of a live stream deliver into a capture
// file, from the moment it starts until it is stopped (or destroyed), through
// the stream's RecordTap.
class LiveCapture
{
public:
    // A header for these shards of the stream: parents and hash key ranges
    // from the embedded store; other daemons' shards span the key space.
    static CaptureHeader headerFor(const StreamSettings &stream, const QStringList &shardIds);
    // Opens the file (mode 0600) and starts recording. Null with one line in *error.
    static std::unique_ptr<LiveCapture> start(std::shared_ptr<RecordTap> tap, const QString &path,
                                              const CaptureHeader &header, QString *error);
    ~LiveCapture();

    // Detaches from the tap and closes the file; false with *error when the
    // file could not be written completely.
    bool stop(QString *error);

    QString path() const { return m_path; }
    QStringList shards() const;
    std::int64_t records() const { return m_records; }
    std::int64_t bytes() const { return m_bytes; }
    QString writeError() const;

private:
    LiveCapture() = default;
    void record(const QString &shardId, std::span<const StreamRecord> records);

    std::shared_ptr<RecordTap> m_tap;
    QString m_path;
    QSet<QString> m_shards;
    mutable std::mutex m_mutex; // the writer: records come from session threads, stop() from the UI
    CaptureWriter m_writer;
    QString m_writeError;
    std::atomic<std::int64_t> m_records{0};
    std::atomic<std::int64_t> m_bytes{0};
    bool m_stopped = false;
};

} // namespace qmld::ui

#pragma once

#include "settings/StreamSettings.h"

#include <qmld/CaptureFile.h>
#include <qmld/MonitorSnapshot.h>

#include <QObject>
#include <QTemporaryDir>
#include <QThread>

namespace qmld {
class CaptureFeeder;
}

namespace qmld::ui {

// A capture opened in the console as a stream of its own: a private
// embedded store fed by a CaptureFeeder on its own thread, processed by the
// embedded daemon like any stream, with play, pause, step and speed.
class ReplaySession : public QObject
{
    Q_OBJECT
public:
    // Opens the capture and makes its stream. Empty *error on success.
    ReplaySession(const QString &capturePath, QString *error, QObject *parent = nullptr);
    ~ReplaySession() override;

    // The stream to add to the console (embedded daemon, the private store).
    StreamSettings stream() const;
    const CaptureHeader &header() const { return m_header; }
    QString capturePath() const { return m_capturePath; }
    bool isPlaying() const { return m_playing; }

public Q_SLOTS:
    void play();
    void pause();
    void step();
    void setSpeed(double speed); // 0: as fast as possible
    // Snapshots of the replayed stream: the shards are closed once the daemon leases them.
    void onSnapshot(const qmld::MonitorSnapshotPtr &snapshot);

Q_SIGNALS:
    void progress(qint64 recordsFed);
    void fedEverything(qint64 recordsFed);
    void ended(); // every shard reached SHARD_END
    void failed(const QString &reason);

private:
    QString m_capturePath;
    QTemporaryDir m_folder;
    QThread m_thread;
    CaptureFeeder *m_feeder = nullptr; // lives on m_thread
    CaptureHeader m_header;
    QString m_streamName;
    bool m_playing = false;
    bool m_fedEverything = false;
    bool m_closing = false;
    bool m_ended = false;
};

} // namespace qmld::ui

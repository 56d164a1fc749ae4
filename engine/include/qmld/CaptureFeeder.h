#pragma once

#include <qmld/CaptureImport.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <set>
#include <optional>

namespace qmld {

// Replays a capture into a stream of an embedded store, for the embedded
// daemon to deliver again: the stream is created with the capture's shards
// (ids, parents, hash key ranges) and the records keep their sequence
// numbers; they go in at the pace they arrived (scaled by the speed) or as
// fast as the store takes them (the records of shards the capture shows
// closed go in at once, first). Then closeShards() closes every shard, so the daemon ends each one (parents
// before children) and the replay finishes; call it once the daemon holds
// leases on them (KCL makes no lease for a shard that is closed and has no
// open child).
class CaptureFeeder : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString capturePath;
        QString storePath;
        QString streamName;  // empty: the capture's stream (or "replay")
        double speed = 0;    // 0: as fast as possible; 1: as recorded; N: N times faster
        int stepRecords = 500; // how many records step() feeds
    };

    explicit CaptureFeeder(Options options, QObject *parent = nullptr);
    ~CaptureFeeder() override;

    // Opens the capture, reads it through once (so a bad line fails here, not
    // part way) and creates the stream. False with one line in *error naming
    // the file (and line) or the store.
    bool prepare(QString *error);
    const CaptureHeader &header() const;
    QString streamName() const;
    std::int64_t recordsFed() const;
    // Every record in the capture (known after prepare()).
    std::int64_t recordCount() const;
    bool isPlaying() const;
    bool isFinished() const;

public Q_SLOTS:
    void play();
    void pause();
    // Feeds the next stepRecords records now, then stays paused.
    void step();
    void setSpeed(double speed);
    // After finished(): closes every shard still open, at its last record.
    void closeShards();

Q_SIGNALS:
    void progress(qint64 recordsFed);
    // Every record is in the store.
    void finished(qint64 recordsFed);
    void shardsClosed();
    void failed(const QString &reason);

private:
    void tick();
    bool checkAndFeedClosedShards(QString *error);
    bool readNext();
    // Feeds records while `due` says so, at most `limit`; false after a failure.
    bool feed(std::int64_t limit, bool paced);
    bool finishFeeding();
    std::int64_t captureTimeNow() const;
    void fail(const QString &reason);

    Options m_options;
    CaptureReader m_reader;
    std::optional<StreamStore> m_store;
    std::optional<CaptureImporter> m_importer;
    std::optional<CapturedRecord> m_next; // read, not yet fed
    std::set<QString> m_closedShards; // closed in the capture: fed whole by prepare()
    QTimer m_timer;
    QElapsedTimer m_clock;       // runs while playing
    std::int64_t m_captureTimeAtStart = 0; // capture time (epoch ms) when m_clock started
    std::optional<std::int64_t> m_firstArrival;
    std::int64_t m_lastArrival = 0;
    std::int64_t m_fed = 0;
    std::int64_t m_total = 0;
    bool m_playing = false;
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace qmld

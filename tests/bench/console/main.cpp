// The console at scale (issue 6, target 3): 1,000 shards over 4 streams, at
// 200k records/s into the preview buffers, with ten minutes of history per
// shard. Snapshots like the monitors publish them arrive at 10 Hz per stream;
// the selected shard's tail fills; a 5 ms timer on the UI thread measures how
// late the event loop runs; the lag chart's redraw over 1,000 shards is
// timed; peak memory is read from /proc. Prints numbers; asserts nothing.
//
// The engine is not running here (a real run would need 1,000 daemons'
// children on 2 cores): what is measured is everything the UI thread does.

#include "console/ConsoleStreams.h"
#include "models/ShardTableModel.h"
#include "widgets/MainWindow.h"
#include "widgets/MetricChart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <random>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::ui;

namespace {

constexpr int kStreams = 4;
constexpr int kShardsPerStream = 250;
constexpr int kRecordsPerSecond = 200000;
constexpr int kSeconds = 20;

QString shardId(int i)
{
    return u"shardId-%1"_s.arg(i, 12, 10, QLatin1Char('0'));
}

long peakRssKib()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}

// One stream's snapshot at `second`, with full ten-minute histories.
MonitorSnapshotPtr snapshotOf(const QString &stream, std::int64_t second, quint64 serial, std::mt19937 &random,
                              int shards = kShardsPerStream)
{
    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->streamName = stream;
    snapshot->serial = serial;
    snapshot->second = second;
    snapshot->takenAt = QDateTime::currentDateTimeUtc();
    snapshot->daemon.state = StreamRunner::State::Running;
    snapshot->daemon.pid = 4242;
    snapshot->daemon.startedAt = snapshot->takenAt.addSecs(-600);
    std::uniform_real_distribution<float> lag(0, 5000);
    for (int i = 0; i < shards; ++i) {
        ShardRow row;
        row.shardId = shardId(i);
        row.state = ShardState::Processing;
        row.ownership = i % 3 ? Ownership::ThisProcess : Ownership::OtherWorker;
        row.sessionHere = i % 3 != 0;
        row.inLeaseTable = true;
        row.leaseOwner = row.sessionHere ? u"console"_s : u"worker-2"_s;
        row.leaseCounter = serial;
        row.checkpoint = *SequenceNumber::parse(QByteArray("4903985730770844346746710486880989387579") + QByteArray::number(serial));
        row.lastProcessed = row.checkpoint;
        row.millisBehindLatest = std::int64_t(lag(random));
        row.recordsPerSecond = double(kRecordsPerSecond) / (kStreams * kShardsPerStream);
        row.bytesPerSecond = row.recordsPerSecond * 100;
        auto history = std::make_shared<ShardHistory>();
        for (std::int64_t s = second - ShardHistory::kSeconds; s < second; ++s) {
            history->millisBehindLatest.append(s, lag(random));
            history->recordsPerSecond.append(s, float(row.recordsPerSecond));
        }
        row.history = std::move(history);
        snapshot->shards.push_back(std::move(row));
    }
    snapshot->totals.shards = shards;
    snapshot->totals.recordsPerSecond = double(kRecordsPerSecond) / kStreams;
    return snapshot;
}

// Fills the streams' taps at kRecordsPerSecond from a thread of its own, as sessions do.
class Producer : public QThread
{
public:
    explicit Producer(std::vector<std::shared_ptr<RecordTap>> taps) : m_taps(std::move(taps)) {}
    std::atomic<bool> stop{false};
    std::atomic<std::int64_t> produced{0};

protected:
    void run() override
    {
        std::vector<StreamRecord> batch(100);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            batch[i].sequenceNumber = *SequenceNumber::parse(QByteArray::number(qint64(1000 + i)), 0);
            batch[i].partitionKey = QByteArray("user-") + QByteArray::number(qint64(i));
            batch[i].data = QByteArray(100, 'x');
        }
        QElapsedTimer clock;
        clock.start();
        int shard = 0;
        while (!stop) {
            const std::int64_t due = clock.elapsed() * kRecordsPerSecond / 1000;
            if (produced >= due) {
                QThread::usleep(500);
                continue;
            }
            m_taps[std::size_t(shard % kStreams)]->append(shardId(shard / kStreams % kShardsPerStream), batch);
            produced += std::int64_t(batch.size());
            ++shard;
        }
    }

private:
    std::vector<std::shared_ptr<RecordTap>> m_taps;
};

} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::puts("usage: QT_QPA_PLATFORM=offscreen qmld-bench-console\n\n"
                      "The console at scale: 4 streams x 250 shards, 200k records/s into the previews for 20 s;\n"
                      "prints the UI event loop's lateness, the lag chart's redraw time over 1,000 shards and\n"
                      "the peak RSS. Takes no options. See tests/bench/README.md.");
            return 0;
        }
    }
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"qmld"_s);
    QApplication::setApplicationName(u"qmld-bench-console"_s);

    ConsoleStreams streams;
    MainWindow window(&streams, config.filePath(u"store.sqlite"_s));
    std::vector<std::shared_ptr<RecordTap>> taps;
    QStringList names;
    for (int s = 0; s < kStreams; ++s) {
        StreamSettings settings;
        settings.name = u"stream-%1"_s.arg(s);
        settings.applicationName = settings.name;
        settings.streamName = settings.name;
        settings.storePath = config.filePath(u"store.sqlite"_s);
        window.addStream(settings, false);
        taps.push_back(streams.host(settings.name)->tap());
        names << settings.name;
    }
    window.show();
    window.selectStream(names.first());

    std::mt19937 random(1);
    std::int64_t second = 10000;
    quint64 serial = 0;
    // Snapshots as the monitors publish them: each stream at 10 Hz, a new second every tenth.
    QTimer publish;
    publish.setInterval(100);
    QObject::connect(&publish, &QTimer::timeout, [&] {
        ++serial;
        if (serial % 10 == 0)
            ++second;
        for (const QString &name : std::as_const(names))
            Q_EMIT streams.snapshotReady(name, snapshotOf(name, second, serial, random));
    });
    // Select a shard once there are rows, so the tail fills.
    QTimer::singleShot(500, [&] { window.selectShard(shardId(1)); });

    // The event-loop probe: how late a 5 ms timer fires.
    std::vector<double> lateness;
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double elapsed = double(probeClock.nsecsElapsed()) / 1e6;
        lateness.push_back(std::max(0.0, elapsed - 5.0));
        probeClock.restart();
    });

    Producer producer(taps);
    producer.start();
    publish.start();
    probeClock.start();
    probe.start();
    QTimer::singleShot(kSeconds * 1000, &app, &QApplication::quit);
    QApplication::exec();
    producer.stop = true;
    producer.wait();

    // The lag chart over 1,000 shards (it draws the 8 that lag most).
    MetricChart chart(MetricChart::Metric::Lag);
    chart.resize(900, 300);
    chart.show();
    std::vector<double> redraws, updates;
    for (int i = 0; i < 20; ++i) {
        const MonitorSnapshotPtr big = snapshotOf(u"all"_s, second + i, serial + quint64(i), random, kStreams * kShardsPerStream);
        QElapsedTimer redraw;
        redraw.start();
        chart.setSnapshot(big); // choose the shards, fill the series
        updates.push_back(double(redraw.nsecsElapsed()) / 1e6);
        chart.grab(); // paint it
        redraws.push_back(double(redraw.nsecsElapsed()) / 1e6);
    }

    std::sort(lateness.begin(), lateness.end());
    std::sort(redraws.begin(), redraws.end());
    std::sort(updates.begin(), updates.end());
    const auto at = [](const std::vector<double> &v, double q) { return v.empty() ? 0.0 : v[std::size_t(q * double(v.size() - 1))]; };
    std::printf("console at scale: %d streams x %d shards, %d records/s into the previews for %d s (%lld produced)\n",
                kStreams, kShardsPerStream, kRecordsPerSecond, kSeconds, static_cast<long long>(producer.produced.load()));
    std::printf("  UI event loop lateness (5 ms probe, %zu samples): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                lateness.size(), at(lateness, 0.5), at(lateness, 0.99), lateness.empty() ? 0.0 : lateness.back());
    std::printf("  lag chart redraw over %d shards: median %.2f ms (of which choosing and filling %.2f ms), max %.2f ms\n",
                kStreams * kShardsPerStream, at(redraws, 0.5), at(updates, 0.5), redraws.empty() ? 0.0 : redraws.back());
    std::printf("  peak RSS %.1f MiB\n", double(peakRssKib()) / 1024.0);
    return 0;
}

#include <qmld/CaptureFeeder.h>

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {
constexpr std::chrono::milliseconds kTick{20};
// As fast as possible, but in slices, so that pause and stop are heard.
constexpr std::int64_t kRecordsPerTickAtMaxSpeed = 5000;
// Imported records keep their arrival times, however old: keep them all.
constexpr std::chrono::milliseconds kRetention = std::chrono::hours(24 * 365 * 100);
} // namespace

CaptureFeeder::CaptureFeeder(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_timer(this)
{
    m_timer.setInterval(kTick);
    connect(&m_timer, &QTimer::timeout, this, &CaptureFeeder::tick);
}

CaptureFeeder::~CaptureFeeder() = default;

bool CaptureFeeder::prepare(QString *error)
{
    if (!m_reader.open(m_options.capturePath)) {
        *error = m_reader.errorString();
        return false;
    }
    const CaptureHeader &header = m_reader.header();
    if (m_options.streamName.isEmpty())
        m_options.streamName = header.stream.isEmpty() ? u"replay"_s : header.stream;
    if (header.shards.empty()) {
        *error = tr("%1 lists no shards in its header: nothing to replay").arg(m_options.capturePath);
        return false;
    }
    const auto layout = shardLayoutOf(header, m_options.capturePath, error);
    if (!layout)
        return false;
    for (const ShardLayout &shard : *layout) {
        if (shard.endingSequenceNumber)
            m_closedShards.insert(shard.shardId);
    }
    auto store = StreamStore::open(m_options.storePath);
    if (!store) {
        *error = store.error().message;
        return false;
    }
    m_store.emplace(std::move(store).value());
    auto created = m_store->createStreamWithLayout(m_options.streamName, *layout, kRetention);
    if (!created) {
        *error = created.error().message;
        return false;
    }
    if (!checkAndFeedClosedShards(error))
        return false;
    m_importer.emplace(*m_store, m_options.streamName);
    if (!readNext()) {
        *error = m_reader.errorString();
        return false;
    }
    return true;
}

// Reads the whole capture once before anything is delivered, so that a bad
// line anywhere fails the replay at once, naming the line, as `qmld stream
// import` does. A shard the capture shows closed takes all its records now,
// before the daemon starts: it would end a closed shard at the last record it
// finds there. They all arrived before the split or merge that closed the
// shard, so before any record of its children.
bool CaptureFeeder::checkAndFeedClosedShards(QString *error)
{
    CaptureReader history;
    if (!history.open(m_options.capturePath)) {
        *error = history.errorString();
        return false;
    }
    CaptureImporter importer(*m_store, m_options.streamName);
    const QString name = QFileInfo(m_options.capturePath).fileName();
    CaptureOrderCheck order(history.header());
    while (const auto captured = history.next()) {
        ++m_total;
        if (const auto misplaced = order.check(*captured)) {
            *error = u"%1:%2: %3"_s.arg(name).arg(history.lineNumber()).arg(*misplaced);
            return false;
        }
        if (!m_closedShards.contains(captured->shardId))
            continue;
        if (auto failure = importer.add(*captured)) {
            *error = u"%1:%2: %3"_s.arg(name).arg(history.lineNumber()).arg(failure->message);
            return false;
        }
        ++m_fed;
    }
    if (history.hasError()) {
        *error = history.errorString();
        return false;
    }
    if (auto failure = importer.finish()) {
        *error = u"%1: %2"_s.arg(name, failure->message);
        return false;
    }
    return true;
}

// The next record of an open shard into m_next; false on a read error.
bool CaptureFeeder::readNext()
{
    do {
        m_next = m_reader.next();
    } while (m_next && m_closedShards.contains(m_next->shardId));
    return m_next || !m_reader.hasError();
}

const CaptureHeader &CaptureFeeder::header() const { return m_reader.header(); }
QString CaptureFeeder::streamName() const { return m_options.streamName; }
std::int64_t CaptureFeeder::recordsFed() const { return m_fed; }
std::int64_t CaptureFeeder::recordCount() const { return m_total; }
bool CaptureFeeder::isPlaying() const { return m_playing; }
bool CaptureFeeder::isFinished() const { return m_finished; }

std::int64_t CaptureFeeder::captureTimeNow() const
{
    return m_captureTimeAtStart + std::int64_t(double(m_clock.elapsed()) * m_options.speed);
}

void CaptureFeeder::play()
{
    if (m_playing || m_finished || m_failed || !m_importer)
        return;
    m_playing = true;
    m_captureTimeAtStart = m_firstArrival ? m_lastArrival
                                          : (m_next ? m_next->record.approximateArrivalTimestamp.value_or(0) : 0);
    m_clock.start();
    m_timer.start();
    tick();
}

void CaptureFeeder::pause()
{
    m_playing = false;
    m_timer.stop();
}

void CaptureFeeder::step()
{
    pause();
    if (!m_finished && !m_failed && m_importer && feed(m_options.stepRecords, false) && !m_next)
        finishFeeding();
}

void CaptureFeeder::setSpeed(double speed)
{
    if (m_playing) {
        m_captureTimeAtStart = captureTimeNow();
        m_clock.start();
    }
    m_options.speed = std::max(0.0, speed);
}

void CaptureFeeder::tick()
{
    const bool paced = m_options.speed > 0;
    if (!feed(paced ? std::numeric_limits<std::int64_t>::max() : kRecordsPerTickAtMaxSpeed, paced))
        return;
    if (!m_next)
        finishFeeding();
}

bool CaptureFeeder::feed(std::int64_t limit, bool paced)
{
    const std::int64_t before = m_fed;
    const std::int64_t now = paced ? captureTimeNow() : 0;
    while (m_next && m_fed - before < limit) {
        const std::optional<std::int64_t> arrival = m_next->record.approximateArrivalTimestamp;
        if (paced && arrival && *arrival > now)
            break;
        if (auto error = m_importer->add(*m_next)) {
            fail(error->message);
            return false;
        }
        if (arrival) {
            m_firstArrival = m_firstArrival.value_or(*arrival);
            m_lastArrival = std::max(m_lastArrival, *arrival);
        }
        ++m_fed;
        if (!readNext()) {
            fail(m_reader.errorString());
            return false;
        }
    }
    if (m_fed == before)
        return true;
    if (auto error = m_importer->flush(m_next)) {
        fail(error->message);
        return false;
    }
    Q_EMIT progress(m_fed);
    return true;
}

bool CaptureFeeder::finishFeeding()
{
    pause();
    if (auto error = m_importer->finish()) {
        fail(error->message);
        return false;
    }
    m_finished = true;
    Q_EMIT finished(m_fed);
    return true;
}

void CaptureFeeder::closeShards()
{
    if (!m_finished || m_failed)
        return;
    auto stream = m_store->describeStream(m_options.streamName);
    if (!stream)
        return fail(stream.error().message);
    for (const ShardInfo &shard : stream->shards) {
        if (!shard.isOpen())
            continue;
        if (auto closed = m_store->closeShard(m_options.streamName, shard.shardId); !closed)
            return fail(closed.error().message);
    }
    Q_EMIT shardsClosed();
}

void CaptureFeeder::fail(const QString &reason)
{
    pause();
    m_failed = true;
    Q_EMIT failed(tr("replay of %1: %2").arg(QFileInfo(m_options.capturePath).fileName(), reason));
}

} // namespace qmld

#include "aws/AwsShardTail.h"

namespace qmld::ui {

namespace {
// Worth reading on after: the network or the service, not the request.
bool transient(const aws::AwsError &error)
{
    using Kind = aws::AwsError::Kind;
    return error.kind == Kind::NetworkError || error.kind == Kind::ServiceError || error.kind == Kind::Timeout;
}
} // namespace

AwsShardTail::AwsShardTail(aws::KinesisClient *kinesis, QString stream, QString shardId, const aws::StartingPosition &from,
                           const std::optional<HashKeyRange> &hashRange, QObject *parent)
    : QObject(parent), m_kinesis(kinesis), m_stream(std::move(stream)), m_shardId(std::move(shardId)),
      m_tap(std::make_shared<RecordTap>())
{
    m_options.from = from;
    m_options.stopAtTip = false;
    m_options.interval = kInterval;
    m_options.batchLimit = kBatchLimit;
    m_options.hashRange = hashRange;
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, this, &AwsShardTail::resume);
}

AwsShardTail::~AwsShardTail()
{
    stop();
}

void AwsShardTail::start()
{
    m_running = true;
    read(m_options.from);
}

void AwsShardTail::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_resume.stop();
    if (m_reader)
        m_reader->stop();
}

void AwsShardTail::read(const aws::StartingPosition &from)
{
    aws::ShardReadOptions options = m_options;
    options.from = from;
    m_reader = new aws::ShardReader(m_kinesis, m_stream, m_shardId, options, this);
    connect(m_reader, &aws::ShardReader::recordsArrived, this,
            [this](const std::vector<StreamRecord> &records, qint64 millisBehindLatest) {
                m_behind = millisBehindLatest;
                m_pause = kFirstPause;
                if (records.empty())
                    return;
                m_records += qint64(records.size());
                m_last = records.back().sequenceNumber.toString();
                m_tap->append(m_shardId, records);
                Q_EMIT recordsArrived();
            });
    connect(m_reader, &aws::ShardReader::warning, this, &AwsShardTail::warning);
    connect(m_reader, &aws::ShardReader::finished, this,
            [this](const aws::AwsError &error, bool shardEnded, const QJsonArray &) { readerFinished(error, shardEnded); });
    m_reader->start();
}

void AwsShardTail::readerFinished(const aws::AwsError &error, bool shardEnded)
{
    if (!m_running)
        return; // stopped by the user
    if (transient(error)) {
        Q_EMIT paused(error.text().simplified(), m_pause);
        m_resume.start(m_pause);
        m_pause = std::min(m_pause * 2, kLongestPause);
        return;
    }
    m_running = false;
    if (shardEnded)
        m_behind = -1; // a closed shard has no tip to be behind
    Q_EMIT finished(error.isError() ? error.text().simplified() : QString(), shardEnded);
}

void AwsShardTail::resume()
{
    m_earlierCalls += m_reader->getRecordsCalls();
    m_earlierThrottled += m_reader->throttledCalls();
    m_reader->deleteLater();
    aws::StartingPosition from = m_options.from;
    if (!m_last.isEmpty()) {
        // After the last Kinesis record read: a KPL aggregate's user records share its
        // sequence number, and the tail had read the aggregate whole.
        from.type = aws::StartingPosition::Type::AfterSequenceNumber;
        from.sequenceNumber = m_last;
        from.timestamp = {};
    }
    read(from);
}

int AwsShardTail::getRecordsCalls() const
{
    return m_earlierCalls + (m_reader ? m_reader->getRecordsCalls() : 0);
}

int AwsShardTail::throttledCalls() const
{
    return m_earlierThrottled + (m_reader ? m_reader->throttledCalls() : 0);
}

} // namespace qmld::ui

#include "aws/AwsShardTail.h"

namespace qmld::ui {

AwsShardTail::AwsShardTail(aws::KinesisClient *kinesis, QString stream, QString shardId, const aws::StartingPosition &from,
                           const std::optional<HashKeyRange> &hashRange, QObject *parent)
    : QObject(parent), m_stream(std::move(stream)), m_shardId(std::move(shardId)), m_tap(std::make_shared<RecordTap>())
{
    aws::ShardReadOptions options;
    options.from = from;
    options.stopAtTip = false;
    options.interval = kInterval;
    options.hashRange = hashRange;
    m_reader = new aws::ShardReader(kinesis, m_stream, m_shardId, options, this);
    connect(m_reader, &aws::ShardReader::recordsArrived, this,
            [this](const std::vector<StreamRecord> &records, qint64 millisBehindLatest) {
                m_behind = millisBehindLatest;
                m_tap->append(m_shardId, records);
                Q_EMIT recordsArrived();
            });
    connect(m_reader, &aws::ShardReader::warning, this, &AwsShardTail::warning);
    connect(m_reader, &aws::ShardReader::finished, this,
            [this](const aws::AwsError &error, bool shardEnded, const QJsonArray &) {
                if (!m_running)
                    return; // stopped by the user
                m_running = false;
                if (shardEnded)
                    m_behind = -1; // a closed shard has no tip to be behind
                Q_EMIT finished(error.isError() ? error.text().simplified() : QString(), shardEnded);
            });
}

AwsShardTail::~AwsShardTail()
{
    stop();
}

void AwsShardTail::start()
{
    m_running = true;
    m_reader->start();
}

void AwsShardTail::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_reader->stop();
}

qint64 AwsShardTail::recordsRead() const
{
    return m_reader->recordsRead();
}

int AwsShardTail::getRecordsCalls() const
{
    return m_reader->getRecordsCalls();
}

int AwsShardTail::throttledCalls() const
{
    return m_reader->throttledCalls();
}

} // namespace qmld::ui

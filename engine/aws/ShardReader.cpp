#include <qmld/aws/ShardReader.h>

#include "aws/Logging.h"

#include <QHash>
#include <QMutex>

namespace qmld::aws {

std::chrono::milliseconds ShardPacer::book(const QString &shardKey, std::chrono::milliseconds interval)
{
    static QMutex mutex;
    static QHash<QString, qint64> nextAllowed; // steady-clock ms
    static QElapsedTimer clock;
    const QMutexLocker lock(&mutex);
    if (!clock.isValid())
        clock.start();
    const qint64 now = clock.elapsed();
    const qint64 at = qMax(now, nextAllowed.value(shardKey, 0));
    nextAllowed.insert(shardKey, at + qMax(interval, kMinInterval).count());
    return std::chrono::milliseconds(at - now);
}

ShardReader::ShardReader(KinesisClient *kinesis, QString stream, QString shardId, ShardReadOptions options, QObject *parent)
    : QObject(parent), m_kinesis(kinesis), m_stream(std::move(stream)), m_shardId(std::move(shardId)),
      m_options(std::move(options)), m_interval(qMax(m_options.interval, ShardPacer::kMinInterval))
{
    m_timer.setSingleShot(true);
    // A booked slot is a minimum spacing: a coarse timer may fire up to 5% early.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ShardReader::read);
}

void ShardReader::start()
{
    m_running = true;
    fetchIterator(m_options.from);
}

void ShardReader::stop()
{
    if (m_running)
        finish({});
}

void ShardReader::fetchIterator(const StartingPosition &position)
{
    m_kinesis->getShardIterator(m_stream, m_shardId, position, this, [this](const AwsResult<QString> &result) {
        if (!m_running)
            return;
        if (!result.ok()) {
            finish(result.error);
            return;
        }
        m_iterator = result.value;
        scheduleRead();
    });
}

void ShardReader::scheduleRead()
{
    const QString key = m_kinesis->client()->endpoint().url.toString() + u'/' + m_stream + u'/' + m_shardId;
    m_timer.start(ShardPacer::book(key, m_interval));
}

void ShardReader::read()
{
    if (!m_running)
        return;
    ++m_calls;
    const int limit = int(qMin<qint64>(m_options.batchLimit, m_options.limit - m_count));
    m_kinesis->getRecords(m_iterator, limit, m_options.hashRange, this, [this, limit](const AwsResult<RecordsBatch> &result) {
        if (!m_running)
            return;
        if (!result.ok()) {
            if (result.error.kind == AwsError::Kind::ExpiredIterator) {
                // Resume right after the last record delivered (or where we began).
                StartingPosition resume = m_options.from;
                if (m_last) {
                    resume.type = StartingPosition::Type::AfterSequenceNumber;
                    resume.sequenceNumber = m_last->toString();
                }
                fetchIterator(resume);
                return;
            }
            if (result.error.kind == AwsError::Kind::Throttled) {
                // The shard's budget is used by someone else too: yield more of it.
                ++m_throttled;
                m_interval = std::min(m_interval * 2, std::chrono::milliseconds(10000));
                qCInfo(lcAws).noquote() << tr("%1 of stream %2 is throttled; reading every %3 ms")
                                               .arg(m_shardId, m_stream)
                                               .arg(m_interval.count());
                scheduleRead();
                return;
            }
            finish(result.error);
            return;
        }
        const RecordsBatch &batch = result.value;
        for (const QString &message : batch.warnings)
            Q_EMIT warning(message);
        std::vector<StreamRecord> records;
        records.reserve(batch.records.size());
        bool reachedTo = false;
        for (const StreamRecord &record : batch.records) {
            if (m_options.to && SequenceNumber::compareDigits(record.sequenceNumber.toByteArray(), m_options.to->toByteArray()) > 0) {
                reachedTo = true;
                break;
            }
            if (m_count + qint64(records.size()) >= m_options.limit)
                break;
            records.push_back(record);
        }
        if (!batch.records.empty())
            m_last = SequenceNumber::parse(batch.records.back().sequenceNumber.toByteArray());
        m_count += qint64(records.size());
        if (!records.empty() || batch.millisBehindLatest >= 0)
            Q_EMIT recordsArrived(records, batch.millisBehindLatest);
        if (!m_running)
            return;
        if (batch.nextIterator.isEmpty()) {
            finish({}, true, batch.childShards);
            return;
        }
        // At the tip: caught up, and not merely cut short by the batch limit
        // (kinesalite reports 0 ms behind even then).
        const bool atTip = batch.millisBehindLatest == 0 && batch.kinesisRecordCount < limit;
        if (reachedTo || m_count >= m_options.limit || (m_options.stopAtTip && atTip)) {
            finish({});
            return;
        }
        m_iterator = batch.nextIterator;
        scheduleRead();
    }, QStringLiteral("%1 of stream %2").arg(m_shardId, m_stream));
}

void ShardReader::finish(const AwsError &error, bool shardEnded, const QJsonArray &children)
{
    m_running = false;
    m_timer.stop();
    Q_EMIT finished(error, shardEnded, children);
}

} // namespace qmld::aws

#include <qmld/aws/LagProbe.h>

#include "aws/Logging.h"
#include <qmld/aws/ShardReader.h>

namespace qmld::aws {

LagProbe::LagProbe(KinesisClient *kinesis, QString stream, QObject *parent)
    : QObject(parent), m_kinesis(kinesis), m_stream(std::move(stream))
{
    m_timer.setSingleShot(true);
}

void LagProbe::probe(const QList<std::pair<QString, QString>> &checkpoints, QObject *context,
                     std::function<void(const QList<ShardLag> &)> done)
{
    m_request = checkpoints;
    m_context = context;
    m_hasContext = context != nullptr;
    m_done = std::move(done);
    m_queue.clear();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const auto &[shardId, checkpoint] : checkpoints) {
        const auto cached = m_cache.constFind(shardId);
        if (cached != m_cache.cend() && cached->error.kind == AwsError::Kind::None
            && cached->probedAt.msecsTo(now) < m_shardInterval.count())
            continue;
        if (checkpoint == QLatin1StringView("SHARD_END")) {
            ShardLag lag;
            lag.shardId = shardId;
            lag.millisBehindLatest = 0;
            lag.shardEnded = true;
            lag.probedAt = now;
            m_cache.insert(shardId, lag);
            continue;
        }
        m_queue.push_back({shardId, checkpoint, 0});
    }
    if (!m_busy)
        next();
}

// Runs `action` (one API call) no sooner than the cap allows.
void LagProbe::call(std::function<void()> action)
{
    qint64 wait = m_pause.count();
    m_pause = std::chrono::milliseconds(0);
    if (m_sinceLastCall.isValid())
        wait = qMax(wait, m_callSpacing.count() - m_sinceLastCall.elapsed());
    m_timer.disconnect(this);
    connect(&m_timer, &QTimer::timeout, this, [this, action = std::move(action)] {
        m_sinceLastCall.start();
        ++m_calls;
        action();
    });
    m_timer.start(int(qMax<qint64>(0, wait)));
}

void LagProbe::next()
{
    if (m_queue.empty()) {
        m_busy = false;
        complete();
        return;
    }
    m_busy = true;
    Job &job = m_queue.front();
    ++job.attempts;
    StartingPosition position;
    if (job.checkpoint == QLatin1StringView("LATEST")) {
        position.type = StartingPosition::Type::Latest;
    } else if (job.checkpoint.isEmpty() || job.checkpoint == QLatin1StringView("TRIM_HORIZON")) {
        position.type = StartingPosition::Type::TrimHorizon;
    } else {
        position.type = StartingPosition::Type::AfterSequenceNumber;
        position.sequenceNumber = job.checkpoint;
    }
    const QString shardId = job.shardId;
    call([this, shardId, position] {
        m_kinesis->getShardIterator(m_stream, shardId, position, this, [this, shardId](const AwsResult<QString> &iterator) {
            if (!iterator.ok()) {
                ShardLag lag;
                lag.shardId = shardId;
                lag.error = iterator.error;
                finishJob(lag);
                return;
            }
            // The GetRecords counts against the shard's 5 a second, shared with its consumers.
            const QString key = m_kinesis->client()->endpoint().url.toString() + u'/' + m_stream + u'/' + shardId;
            m_pause = std::max(m_pause, ShardPacer::book(key, ShardPacer::kMinInterval));
            call([this, shardId, iteratorValue = iterator.value] {
                m_kinesis->getRecords(iteratorValue, 1, std::nullopt, this, [this, shardId](const AwsResult<RecordsBatch> &records) {
                    ShardLag lag;
                    lag.shardId = shardId;
                    lag.error = records.error;
                    if (records.ok()) {
                        lag.millisBehindLatest = records.value.millisBehindLatest;
                        lag.shardEnded = records.value.nextIterator.isEmpty();
                    }
                    finishJob(lag);
                }, QStringLiteral("%1 of stream %2").arg(shardId, m_stream));
            });
        });
    });
}

void LagProbe::finishJob(const ShardLag &result)
{
    ShardLag lag = result;
    lag.probedAt = QDateTime::currentDateTimeUtc();
    if (lag.error.kind == AwsError::Kind::Throttled && m_queue.front().attempts < 4) {
        // Someone else needs the budget: step back, then try this shard again.
        m_pause = m_throttlePause * (1 << m_queue.front().attempts);
        qCInfo(lcAws).noquote() << tr("lag probe of stream %1 throttled; pausing %2 ms").arg(m_stream).arg(m_pause.count());
        next();
        return;
    }
    m_cache.insert(lag.shardId, lag);
    m_queue.pop_front();
    next();
}

void LagProbe::complete()
{
    if (!m_done || (m_hasContext && !m_context))
        return;
    QList<ShardLag> lags;
    for (const auto &[shardId, checkpoint] : std::as_const(m_request)) {
        ShardLag lag = m_cache.value(shardId);
        lag.shardId = shardId;
        lags.append(lag);
    }
    const auto done = std::exchange(m_done, {});
    done(lags);
}

} // namespace qmld::aws

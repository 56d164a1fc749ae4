#include "monitor/LagMeter.h"

#include "monitor/Logging.h"

#include <qmld/aws/AwsClient.h>
#include <qmld/aws/AwsSettings.h>
#include <qmld/aws/CredentialChain.h>
#include <qmld/aws/KinesisClient.h>
#include <qmld/aws/LagProbe.h>

using namespace Qt::StringLiterals;

namespace qmld::monitor {

aws::KinesisClient *kinesisClientFor(const LeaseSource &source, QObject *parent, QString *error)
{
    if (!source.aws)
        return nullptr;
    aws::AwsOptions options;
    options.profile = source.aws->profile;
    options.region = source.aws->region;
    options.endpointUrl = source.aws->kinesisEndpoint;
    const auto settings = aws::AwsSettings::resolve(options, QProcessEnvironment::systemEnvironment());
    *error = settings.error;
    aws::CredentialsProvider *credentials = error->isEmpty() ? aws::defaultCredentials(settings, parent, error) : nullptr;
    if (!credentials)
        return nullptr;
    auto *client = new aws::AwsClient(
        aws::ServiceEndpoint::kinesis(settings.endpoint(aws::AwsService::Kinesis), settings.region), credentials, parent);
    return new aws::KinesisClient(client, parent);
}

LagMeter::LagMeter(LeaseSource source, QObject *parent) : QObject(parent), m_source(std::move(source))
{
    qRegisterMetaType<CheckpointLags>();
}

LagMeter::~LagMeter() = default;

void LagMeter::measure(const std::vector<Lease> &leases, const QSet<QString> &skip)
{
    if (m_source.streamName.isEmpty())
        return;
    if (m_source.inDynamoDb())
        probeKinesis(leases, skip);
    else
        measureInStore(leases, skip);
}

void LagMeter::measureInStore(const std::vector<Lease> &leases, const QSet<QString> &skip)
{
    if (!m_store) {
        // Its own connection, with a short busy timeout: a daemon writing is never held up.
        auto opened = StreamStore::open(m_source.storePath, StreamStore::OpenMode::MustExist, std::chrono::milliseconds(200));
        if (!opened) {
            qCDebug(lcMonitor).noquote() << opened.error().message;
            return;
        }
        m_store.emplace(std::move(*opened));
    }
    CheckpointLags lags;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Lease &lease : leases) {
        if (skip.contains(lease.leaseKey))
            continue;
        auto lag = m_store->checkpointLag(m_source.streamName, lease.leaseKey, lease.checkpoint);
        if (!lag) {
            qCDebug(lcMonitor).noquote() << lag.error().message;
            continue;
        }
        if (*lag)
            lags.push_back({lease.leaseKey, **lag, now});
    }
    Q_EMIT measured(lags);
}

void LagMeter::probeKinesis(const std::vector<Lease> &leases, const QSet<QString> &skip)
{
    if (m_probing)
        return;
    if (!m_probe && m_probeError.isEmpty()) {
        QString error;
        aws::KinesisClient *kinesis = kinesisClientFor(m_source, this, &error);
        if (!kinesis) {
            m_probeError = error;
            qCInfo(lcMonitor).noquote() << tr("no lag for the shards of stream %1: %2").arg(m_source.streamName, error);
            return;
        }
        m_probe = new aws::LagProbe(kinesis, m_source.streamName, this);
        m_probe->setShardInterval(m_source.lagInterval);
        m_probe->setCallsPerSecond(m_source.lagCallsPerSecond);
    }
    if (!m_probe)
        return;
    // Each shard once per lagInterval, whatever the last answer was (an error too: no retry storm).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<std::pair<QString, QString>> checkpoints;
    for (const Lease &lease : leases) {
        const auto probed = m_probedAt.constFind(lease.leaseKey);
        if (skip.contains(lease.leaseKey)
            || (probed != m_probedAt.cend() && probed->msecsTo(now) < m_source.lagInterval.count()))
            continue;
        checkpoints.append({lease.leaseKey, lease.checkpoint.toString()});
    }
    if (checkpoints.isEmpty())
        return;
    m_probing = true;
    m_probe->probe(checkpoints, this, [this](const QList<aws::ShardLag> &probed) {
        m_probing = false;
        CheckpointLags lags;
        for (const aws::ShardLag &lag : probed) {
            m_probedAt.insert(lag.shardId, lag.probedAt.isValid() ? lag.probedAt : QDateTime::currentDateTimeUtc());
            if (lag.millisBehindLatest >= 0)
                lags.push_back({lag.shardId, lag.millisBehindLatest, lag.probedAt});
            else if (lag.error.isError())
                qCDebug(lcMonitor).noquote() << lag.error.text();
        }
        Q_EMIT measured(lags);
    });
}

} // namespace qmld::monitor

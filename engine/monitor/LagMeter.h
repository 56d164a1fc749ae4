#pragma once

#include <qmld/Lease.h>
#include <qmld/LeaseSource.h>
#include <qmld/StreamStore.h>

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QSet>

#include <optional>
#include <vector>

namespace qmld::aws {
class KinesisClient;
class LagProbe;
} // namespace qmld::aws

namespace qmld::monitor {

// How far one lease's checkpoint is behind the tip of its shard.
struct CheckpointLag
{
    QString shardId;
    qint64 millisBehindLatest = 0;
    QDateTime measuredAt;
};
using CheckpointLags = std::vector<CheckpointLag>; // only the shards whose lag is known

// Measures the lag of the leases no session here serves, where the lease
// table's stream lives: in the embedded store by reading the record after
// each checkpoint (cheap, every call); on Kinesis with aws::LagProbe (each
// shard at most once per LeaseSource::lagInterval, under its calls-per-second
// cap, paused on throttling; one probe at a time, a call meanwhile is skipped).
// Lives on the lease poller's thread.
class LagMeter : public QObject
{
    Q_OBJECT
public:
    LagMeter(LeaseSource source, QObject *parent = nullptr);
    ~LagMeter() override;

    void measure(const std::vector<Lease> &leases, const QSet<QString> &skip);

Q_SIGNALS:
    void measured(const qmld::monitor::CheckpointLags &lags);

private:
    void measureInStore(const std::vector<Lease> &leases, const QSet<QString> &skip);
    void probeKinesis(const std::vector<Lease> &leases, const QSet<QString> &skip);

    LeaseSource m_source;
    std::optional<StreamStore> m_store;
    aws::LagProbe *m_probe = nullptr;
    QString m_probeError; // why there is no probe; said once
    QHash<QString, QDateTime> m_probedAt; // shard → when its last probe answered
    bool m_probing = false;
};

// A Kinesis client for the stream of a DynamoDB lease source (its kinesisEndpoint,
// region, profile; credentials from the default chain), owned by `parent`;
// null with a one-line reason in *error.
aws::KinesisClient *kinesisClientFor(const LeaseSource &source, QObject *parent, QString *error);

} // namespace qmld::monitor

Q_DECLARE_METATYPE(qmld::monitor::CheckpointLags)

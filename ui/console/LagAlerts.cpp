#include "console/LagAlerts.h"

namespace qmld::ui {

LagAlerts::LagAlerts(QObject *parent) : QObject(parent) {}

void LagAlerts::update(const QString &stream, const MonitorSnapshot &snapshot, std::optional<std::int64_t> thresholdMs)
{
    if (!thresholdMs || *thresholdMs <= 0) {
        m_over.remove(stream);
        return;
    }
    QSet<QString> &over = m_over[stream];
    QSet<QString> now;
    for (const ShardRow &row : snapshot.shards) {
        // Only what a live session here measured: another worker's lag is not known here.
        if (!row.sessionHere || !row.millisBehindLatest || *row.millisBehindLatest < *thresholdMs)
            continue;
        now.insert(row.shardId);
        if (!over.contains(row.shardId))
            Q_EMIT crossed(stream, row.shardId, *row.millisBehindLatest, *thresholdMs);
    }
    over = now;
}

void LagAlerts::forget(const QString &stream)
{
    m_over.remove(stream);
}

bool LagAlerts::isOver(const QString &stream, const QString &shardId) const
{
    return m_over.value(stream).contains(shardId);
}

bool LagAlerts::streamOver(const QString &stream) const
{
    return !m_over.value(stream).isEmpty();
}

} // namespace qmld::ui

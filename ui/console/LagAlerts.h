#pragma once

#include <qmld/MonitorSnapshot.h>

#include <QObject>
#include <QSet>

#include <optional>

namespace qmld::ui {

// Watches each stream's shards against its lag threshold: which are over it
// now, and one crossed() per crossing (a shard must fall below the threshold
// before it can raise another), so that a desktop notification is raised
// once, not at every snapshot.
class LagAlerts : public QObject
{
    Q_OBJECT
public:
    explicit LagAlerts(QObject *parent = nullptr);

    // The stream's newest snapshot; no threshold: nothing is watched.
    void update(const QString &stream, const MonitorSnapshot &snapshot, std::optional<std::int64_t> thresholdMs);
    void forget(const QString &stream);
    bool isOver(const QString &stream, const QString &shardId) const;
    bool streamOver(const QString &stream) const;

Q_SIGNALS:
    void crossed(const QString &stream, const QString &shardId, qint64 lagMs, qint64 thresholdMs);

private:
    QHash<QString, QSet<QString>> m_over; // by stream: the shards over the threshold
};

} // namespace qmld::ui

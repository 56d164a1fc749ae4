#pragma once

#include <qmld/StreamStore.h>

#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <optional>

namespace qmld::demo {

// Feeds a stream of the embedded store with realistic shop events (JSON:
// page views, cart changes, orders, payments), at a base rate with bursts
// of several times that every half minute or so, so that lag rises and falls.
// Now and then a KPL aggregate of a user's session, so previews show one.
// Lives on a thread of its own: every put is an SQLite transaction.
class DemoProducer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString storePath;
        QString streamName;
        double baseRecordsPerSecond = 150;
        double burstRecordsPerSecond = 2500;
        std::chrono::milliseconds tick{100};
    };

    explicit DemoProducer(Options options, QObject *parent = nullptr);

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void failed(const QString &reason);

private:
    void produce();
    double currentRate() const;
    // A random user's event unless *partitionKey already names the user.
    QByteArray event(QByteArray *partitionKey);

    Options m_options;
    std::optional<StreamStore> m_store;
    QTimer m_timer;
    QRandomGenerator m_random;
    double m_owed = 0;     // fractional records carried to the next tick
    qint64 m_ticks = 0;
    qint64 m_nextBurst = 0; // tick at which the next burst starts
    qint64 m_burstEnd = 0;
    qint64 m_eventNumber = 0;
};

} // namespace qmld::demo

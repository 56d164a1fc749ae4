#pragma once

#include <QObject>

class QSocketNotifier;

namespace qmld::peers {

// Turns SIGTERM and SIGINT into a Qt signal (self-pipe), so the daemon can shut
// down gracefully from its event loop as the Java daemon's shutdown hook does.
class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace qmld::peers

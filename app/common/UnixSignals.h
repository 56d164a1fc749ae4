#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <initializer_list>

// Turns SIGINT/SIGTERM into a Qt signal, through a self-pipe, so that shutdown
// runs in the event loop and not inside a signal handler.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void received(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

// A write to a child that has gone must fail with EPIPE, not kill the process.
// A handler (not SIG_IGN), so that children started later get the default back at exec.
void ignoreSigpipeInThisProcessOnly();

#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <initializer_list>

// SIGTERM/SIGINT as a Qt signal, through a self-pipe, so that shutdown runs in
// the event loop. Handlers (not SIG_IGN) are installed, so children started
// later get the default dispositions back at exec.
class SignalPipe : public QObject
{
    Q_OBJECT
public:
    explicit SignalPipe(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);

Q_SIGNALS:
    void received(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

// A write to a child that has gone must fail with EPIPE, not kill the daemon.
void ignoreSigpipeInThisProcessOnly();

#pragma once

// The daemon end of one shard connection to a ShardServer, for tests that
// play the daemon side of a qmld-connect child: writes daemon lines, reads
// the child's lines with Qt's own JSON, independent of qmld's codec. The
// server must live on the test's thread: waiting runs its event loop.

#include <qmld/ShardServer.h>

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace qmld::test {

class DaemonEnd
{
public:
    bool connectTo(const ShardServer &server) { return connectTo(server, server.token()); }
    bool connectTo(const ShardServer &server, const QByteArray &token)
    {
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        if (!socket.waitForConnected(5000))
            return false;
        socket.write("QMLD-CONNECT " + token + "\n");
        return true;
    }
    void send(const QByteArray &line) { socket.write(line + '\n'); }
    void sendJson(const QJsonObject &object) { send(QJsonDocument(object).toJson(QJsonDocument::Compact)); }

    // The child's next non-blank line, parsed; an empty object on timeout or close.
    QJsonObject next(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            while (socket.canReadLine()) {
                const QByteArray line = socket.readLine().trimmed();
                if (!line.isEmpty()) {
                    lines << line;
                    return QJsonDocument::fromJson(line).object();
                }
            }
            if (socket.state() != QAbstractSocket::ConnectedState)
                return {};
            waitForActivity(deadline.remainingTime());
        }
        return {};
    }

    // Whether the child closed the connection in time; lines it sent meanwhile are kept in `lines`.
    bool closedByPeer(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
            waitForActivity(deadline.remainingTime());
            keepLines();
        }
        keepLines();
        return socket.state() != QAbstractSocket::ConnectedState;
    }

    QTcpSocket socket;
    QByteArrayList lines; // every non-blank line the child sent, in order

private:
    // Runs the event loop until the socket has news or the time is up.
    void waitForActivity(qint64 timeoutMs)
    {
        QEventLoop loop;
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(std::max<qint64>(1, timeoutMs), &loop, &QEventLoop::quit);
        loop.exec();
    }
    void keepLines()
    {
        while (socket.canReadLine())
            if (const QByteArray line = socket.readLine().trimmed(); !line.isEmpty())
                lines << line;
    }
};

} // namespace qmld::test

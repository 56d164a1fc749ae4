#pragma once

// A small HTTP/1.1 server on 127.0.0.1 for tests of what qmld does with an
// answer: credential endpoints (IMDS, the ECS agent, STS, the SSO portal)
// serving AWS's documented responses, and faults (throttling, 5xx, a skewed
// Date, silence) in front of the transport. Never a stand-in for Kinesis or
// DynamoDB: those tests run against kinesalite and dynalite.

#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <optional>

namespace qmld::test {

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

class HttpResponder : public QObject
{
public:
    // nullopt: never answer (the connection stays open until the client gives up).
    using Handler = std::function<std::optional<HttpResponse>(const HttpRequest &)>;

    explicit HttpResponder(Handler handler) : m_handler(std::move(handler))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    const QList<HttpRequest> &requests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket)
    {
        socket->setParent(this);
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            HttpRequest request;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.header("content-length").toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            request.body = buffer->mid(end + 4, length);
            buffer->clear();
            m_requests.append(request);
            const std::optional<HttpResponse> response = m_handler(request);
            if (!response)
                return;
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response->status) + " Status\r\n";
            for (const auto &[name, value] : response->headers)
                out += name + ": " + value + "\r\n";
            out += "Content-Length: " + QByteArray::number(response->body.size()) + "\r\nConnection: close\r\n\r\n";
            out += response->body;
            socket->write(out);
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<HttpRequest> m_requests;
};

} // namespace qmld::test

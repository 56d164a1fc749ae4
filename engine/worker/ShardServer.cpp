#include <qmld/ShardServer.h>

#include "worker/Logging.h"
#include "worker/ShardSession.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

QByteArray randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes.toHex();
}

} // namespace

class ShardServer::Private : public QTcpServer
{
public:
    Private(ShardServer &q, RecordProcessorFactory factory, ShardServerOptions options)
        : q(q)
        , factory(std::move(factory))
        , options(std::move(options))
        , token(randomToken())
    {
    }

    struct Running
    {
        worker::ShardSession *session;
        QThread *thread;
    };

    void incomingConnection(qintptr descriptor) override;
    void sessionFinished(quint64 id);
    void checkWatchdog();

    ShardServer &q;
    const RecordProcessorFactory factory;
    const ShardServerOptions options;
    const QByteArray token;
    quint64 nextId = 1;
    QTimer watchdog;

    // Guarded by mutex: requestCheckpoint and the watchdog read them from other threads.
    mutable QMutex mutex;
    QHash<quint64, Running> sessions;
    QHash<QString, quint64> sessionByShard;
};

ShardServer::ShardServer(RecordProcessorFactory factory, ShardServerOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(*this, std::move(factory), std::move(options)))
{
    qRegisterMetaType<qmld::SessionEvent>();
    qRegisterMetaType<std::optional<qmld::SequenceNumber>>();
    d->setParent(this);
    if (d->options.policy.watchdog.count() > 0) {
        connect(&d->watchdog, &QTimer::timeout, this, [this] { d->checkWatchdog(); });
        d->watchdog.start(std::max<qint64>(100, d->options.policy.watchdog.count() / 4));
    }
}

ShardServer::~ShardServer()
{
    close();
    d->setParent(nullptr);
}

bool ShardServer::listen(quint16 port)
{
    return d->listen(QHostAddress::LocalHost, port);
}

QString ShardServer::errorString() const
{
    return d->errorString();
}

quint16 ShardServer::port() const
{
    return d->serverPort();
}

QByteArray ShardServer::token() const
{
    return d->token;
}

int ShardServer::sessionCount() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->sessions.size());
}

bool ShardServer::requestCheckpoint(const QString &shardId, std::optional<SequenceNumber> position)
{
    QMutexLocker lock(&d->mutex);
    const auto id = d->sessionByShard.constFind(shardId);
    if (id == d->sessionByShard.cend())
        return false;
    // Posted while the mutex is held: the session deregisters under it before
    // it is destroyed, so it is alive here.
    worker::ShardSession *session = d->sessions.value(*id).session;
    QMetaObject::invokeMethod(session, [session, position] { session->requestCheckpoint(position); }, Qt::QueuedConnection);
    return true;
}

void ShardServer::close()
{
    d->close();
    // Posted while the mutex is held (a session deregisters under it before it
    // is deleted); the threads outlive that, since their deleteLater needs
    // this thread's event loop.
    QList<QThread *> threads;
    {
        QMutexLocker lock(&d->mutex);
        for (const Private::Running &r : std::as_const(d->sessions)) {
            worker::ShardSession *session = r.session;
            QMetaObject::invokeMethod(session, [session] { session->abort(u"qmld is stopping"_s); }, Qt::QueuedConnection);
            threads << r.thread;
        }
    }
    for (QThread *thread : std::as_const(threads)) {
        if (!thread->wait(5000))
            qCWarning(worker::lcServer) << "a shard thread did not stop within 5 s (a processor call is stuck); leaving it";
    }
}

void ShardServer::Private::incomingConnection(qintptr descriptor)
{
    const quint64 id = nextId++;
    auto *thread = new QThread;
    thread->setObjectName(u"shard-session-%1"_s.arg(id));
    auto *session = new worker::ShardSession(id, descriptor, factory, options, token);
    session->moveToThread(thread);

    connect(session, &worker::ShardSession::event, &q, &ShardServer::sessionEvent, Qt::DirectConnection);
    connect(session, &worker::ShardSession::shardIdentified, session,
            [this](quint64 sessionId, const QString &shardId) {
                QMutexLocker lock(&mutex);
                sessionByShard.insert(shardId, sessionId);
            },
            Qt::DirectConnection);
    connect(session, &worker::ShardSession::finished, session,
            [this](quint64 sessionId) {
                QMutexLocker lock(&mutex);
                for (auto it = sessionByShard.begin(); it != sessionByShard.end();) {
                    if (it.value() == sessionId)
                        it = sessionByShard.erase(it);
                    else
                        ++it;
                }
                const auto running = sessions.take(sessionId);
                running.thread->quit();
            },
            Qt::DirectConnection);
    connect(thread, &QThread::started, session, &worker::ShardSession::start);
    connect(thread, &QThread::finished, session, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);

    {
        QMutexLocker lock(&mutex);
        sessions.insert(id, Running{session, thread});
    }
    thread->start();
}

void ShardServer::Private::checkWatchdog()
{
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    QMutexLocker lock(&mutex);
    for (const Running &r : std::as_const(sessions)) {
        const std::int64_t since = r.session->processorBusySinceMs();
        if (since != 0 && now - since > options.policy.watchdog.count() && !r.session->isSevered()) {
            qCWarning(worker::lcServer).noquote()
                << u"session %1: processor call running for %2 ms, over the watchdog's %3 ms; cutting its connection"_s.arg(r.session->id())
                       .arg(now - since)
                       .arg(options.policy.watchdog.count());
            r.session->severConnection();
        }
    }
}

} // namespace qmld

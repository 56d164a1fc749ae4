#include "worker/ShardSession.h"

#include "protocol/Codec.h"
#include "protocol/LineSplitter.h"
#include "worker/Logging.h"
#include "worker/ThrottlingBackoff.h"

#include <qmld/Kpl.h>

#include <QDateTime>
#include <QRandomGenerator>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

using namespace Qt::StringLiterals;

namespace qmld::worker {

namespace {

constexpr QByteArrayView authPrefix = "QMLD-CONNECT ";
constexpr qsizetype maxAuthLine = 256;
// At most one Records event per session this often (reportRecords).
constexpr std::chrono::milliseconds kRecordsEventInterval{20};
// Bytes asked of the kernel per read at least (more when it has more).
constexpr qsizetype kReadBytes = qsizetype(64) * 1024;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// KPL aggregates become their user records; the common case (none) costs one
// 4-byte check per record.
std::vector<StreamRecord> expandAggregates(std::vector<StreamRecord> &&records)
{
    const bool any = std::any_of(records.begin(), records.end(),
                                 [](const StreamRecord &r) { return kpl::detectFormat(r.data).has_value(); });
    if (!any)
        return std::move(records);
    std::vector<StreamRecord> out;
    out.reserve(records.size());
    for (StreamRecord &record : records)
        appendDeaggregated(std::move(record), out);
    return out;
}

SessionEvent eventOf(SessionEvent::Kind kind)
{
    SessionEvent event;
    event.kind = kind;
    return event;
}

std::int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QString describe(const std::optional<SequenceNumber> &position)
{
    return position ? position->display() : u"latest"_s;
}

} // namespace

// The Checkpointer a processor gets: requests are queued on the current
// exchange and sent when the processor call returns.
class ShardSession::SessionCheckpointer final : public Checkpointer
{
public:
    explicit SessionCheckpointer(ShardSession &session) : m_session(session) {}
    void checkpoint() override { m_session.queueCheckpoint(std::nullopt, false); }
    void checkpoint(const SequenceNumber &position) override { m_session.queueCheckpoint(position, false); }

private:
    ShardSession &m_session;
};

class ShardSession::SessionConfirmer final : public Confirmer
{
public:
    explicit SessionConfirmer(ShardSession &session) : m_session(session) {}
    void confirm(const SequenceNumber &record) override
    {
        if (!m_session.m_tracker->confirm(record))
            qCWarning(lcSession).noquote() << m_session.who() << "processor confirmed" << record.display()
                                           << "which is not an unconfirmed delivered record";
    }

private:
    ShardSession &m_session;
};

ShardSession::ShardSession(quint64 id, qintptr socketDescriptor, RecordProcessorFactory factory,
                           const ShardServerOptions &options, QByteArray token)
    : m_id(id)
    , m_descriptor(socketDescriptor)
    , m_factory(std::move(factory))
    , m_options(options)
    , m_token(std::move(token))
    , m_authTimer(this)
    , m_closeTimer(this)
    , m_retryTimer(this)
    , m_watchdogTimer(this)
    , m_recordsEventTimer(this)
{
}

ShardSession::~ShardSession()
{
    closeConnection();
}

void ShardSession::start()
{
    m_fd = int(m_descriptor);
    m_lines = std::make_unique<protocol::LineSplitter>(m_options.maxLineBytes);
    m_checkpointer = std::make_unique<SessionCheckpointer>(*this);
    m_confirmer = std::make_unique<SessionConfirmer>(*this);
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags < 0 || ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        fail(u"cannot adopt the connection: %1"_s.arg(systemError(errno)));
        return;
    }
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &ShardSession::onReadable);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &ShardSession::flushWrites);

    m_authTimer.setSingleShot(true);
    connect(&m_authTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcSession).noquote() << who() << "dropped a connection that did not authenticate within"
                                       << m_options.authenticationTimeout.count() << "ms";
        fail(u"connection did not authenticate in time"_s);
    });
    m_authTimer.start(m_options.authenticationTimeout);

    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcSession).noquote() << who() << "daemon did not close the connection within"
                                    << m_options.closeTimeout.count() << "ms after the final status; closing it";
        finish();
    });

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_exchange && m_exchange->inFlight) {
            PendingCheckpoint retry = *m_exchange->inFlight;
            m_exchange->inFlight.reset();
            sendCheckpoint(std::move(retry));
        }
    });

    m_recordsEventTimer.setSingleShot(true);
    connect(&m_recordsEventTimer, &QTimer::timeout, this, &ShardSession::flushRecordsEvent);

    if (m_options.policy.watchdog.count() > 0) {
        connect(&m_watchdogTimer, &QTimer::timeout, this, &ShardSession::checkWatchdog);
        m_watchdogTimer.start(std::max<std::int64_t>(100, m_options.policy.watchdog.count() / 4));
    }

    // Data may have arrived before the socket was adopted.
    onReadable();
}

void ShardSession::severConnection()
{
    m_severed.store(true);
    // shutdown(2) is safe from any thread: the session's own thread notices the
    // closed connection once it gets control back, and qmld-connect sees EOF at once.
    ::shutdown(int(m_descriptor), SHUT_RDWR);
}

QString ShardSession::who() const
{
    if (m_shardId.isEmpty())
        return u"session %1 (shard not yet known):"_s.arg(m_id);
    return u"shard %1:"_s.arg(m_shardId);
}

void ShardSession::emitEvent(SessionEvent event)
{
    if (event.kind != SessionEvent::Kind::Records)
        flushRecordsEvent(); // whoever watches sees the batches before what followed them
    event.sessionId = m_id;
    event.shardId = m_shardId;
    Q_EMIT this->event(event);
}

// A Records event goes out at once unless one went out less than
// kRecordsEventInterval ago; then the batches until the interval ends are
// summed into one. Each event wakes the watchers' thread, and one per batch
// (thousands a second) took a fifth of the time of a 2-core machine.
void ShardSession::reportRecords(SessionEvent batch)
{
    if (m_pendingRecords) {
        m_pendingRecords->records += batch.records;
        m_pendingRecords->bytes += batch.bytes;
        if (batch.position)
            m_pendingRecords->position = std::move(batch.position);
        m_pendingRecords->millisBehindLatest = batch.millisBehindLatest;
    } else {
        m_pendingRecords = std::move(batch);
    }
    const qint64 since = m_sinceRecordsEvent.isValid() ? m_sinceRecordsEvent.elapsed() : kRecordsEventInterval.count();
    if (since >= kRecordsEventInterval.count())
        flushRecordsEvent();
    else if (!m_recordsEventTimer.isActive())
        m_recordsEventTimer.start(std::chrono::milliseconds(kRecordsEventInterval.count() - since));
}

void ShardSession::flushRecordsEvent()
{
    m_recordsEventTimer.stop();
    if (!m_pendingRecords)
        return;
    SessionEvent records = std::move(*m_pendingRecords);
    m_pendingRecords.reset();
    m_sinceRecordsEvent.start();
    emitEvent(std::move(records));
}

// ---- input -------------------------------------------------------------------

// Reads what the kernel has (one read, as QTcpSocket did: calls queued to this
// thread meanwhile, such as manual checkpoints, run between reads), handling
// each complete line; at end of input (or a reset) the daemon is gone.
void ShardSession::onReadable()
{
    if (m_state == State::Done) {
        closeConnection();
        return;
    }
    if (m_state == State::Authenticating) {
        // Back to the event loop after the lines that came with it: the
        // notifier fires again for whatever else is waiting.
        readAuthentication();
        return;
    }
    while (m_state != State::Done && m_fd >= 0) { // repeated only after EINTR
        int available = 0;
        if (::ioctl(m_fd, FIONREAD, &available) != 0)
            available = 0;
        const qsizetype want = std::max<qsizetype>(available, kReadBytes);
        char *to = m_lines->reserve(want);
        const ssize_t got = to ? ::recv(m_fd, to, std::size_t(want), 0) : 0;
        if (got < 0 && errno == EINTR) {
            m_lines->commit(0);
            continue;
        }
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_lines->commit(0);
            return;
        }
        if (got <= 0) {
            m_lines->commit(0);
            onDisconnected();
            return;
        }
        if (!m_lines->commit(got)) {
            protocolError(u"a line is longer than %1 bytes"_s.arg(m_options.maxLineBytes), m_lines->pendingStart());
            return;
        }
        handleCompleteLines();
        // The records of a long line wholly here already, decoded while the
        // daemon writes the rest.
        if (m_state != State::Done) {
            const QByteArrayView partial = m_lines->incompleteLine();
            m_incoming.advance({partial.data(), std::size_t(partial.size())}, &m_recycledRecords);
        }
        return;
    }
}

// Until the authentication line is complete: reads into m_authBuffer, then
// hands what followed the line to the splitter and handles it.
void ShardSession::readAuthentication()
{
    char chunk[4096];
    while (m_state == State::Authenticating) {
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (got <= 0) {
            onDisconnected();
            return;
        }
        m_authBuffer.append(chunk, got);
        if (!authenticate())
            return;
    }
    const bool fits = m_lines->append(m_authBuffer);
    m_authBuffer = QByteArray();
    if (!fits) {
        protocolError(u"a line is longer than %1 bytes"_s.arg(m_options.maxLineBytes), m_lines->pendingStart());
        return;
    }
    handleCompleteLines();
}

void ShardSession::handleCompleteLines()
{
    while (m_state != State::Done) {
        const std::optional<QByteArrayView> line = m_lines->nextLine();
        if (!line)
            break;
        handleLine(*line);
    }
}

// Consumes the authentication line from m_authBuffer, leaving what follows it
// there. Returns false while it is incomplete, or when the session failed.
bool ShardSession::authenticate()
{
    const qsizetype newline = m_authBuffer.indexOf('\n');
    if (newline < 0) {
        if (m_authBuffer.size() > maxAuthLine)
            fail(u"connection sent no authentication line"_s);
        return false;
    }
    QByteArrayView line = QByteArrayView(m_authBuffer).first(newline);
    if (line.endsWith('\r'))
        line.chop(1);
    if (!line.startsWith(authPrefix) || !constantTimeEquals(line.sliced(authPrefix.size()), m_token)) {
        qCWarning(lcSession).noquote() << who() << "rejected a connection with a missing or wrong token";
        fail(u"connection presented a wrong token"_s);
        return false;
    }
    m_authTimer.stop();
    m_authBuffer.remove(0, newline + 1);
    m_state = State::AwaitingInitialize;
    emitEvent(eventOf(SessionEvent::Kind::Connected));
    return true;
}

void ShardSession::onDisconnected()
{
    if (m_state == State::Done)
        return;
    if (m_state == State::Closing) {
        finish();
        return;
    }
    if (m_state == State::Authenticating) {
        fail(u"connection closed before it authenticated"_s);
        return;
    }
    if (m_severed) {
        fail(u"connection cut by the watchdog"_s);
        return;
    }
    const QString during = m_state == State::Exchanging
                               ? u"while handling %1"_s.arg(QString::fromLatin1(protocol::actionName(m_exchange->action)))
                               : u"before the shard's final message"_s;
    fail(u"the daemon closed the connection %1 (the daemon or its child exited)"_s.arg(during));
}

void ShardSession::handleLine(QByteArrayView line)
{
    auto decoded = protocol::decodeDaemonMessage(line, protocol::LinePadding::Present, &m_recycledRecords, &m_incoming);
    if (!decoded.message) {
        protocolError(decoded.error, line);
        return;
    }
    if (auto *reply = std::get_if<protocol::CheckpointReplyMessage>(&*decoded.message)) {
        handleCheckpointReply(*reply);
        return;
    }
    handleAction(std::move(*decoded.message));
}

void ShardSession::handleAction(protocol::DaemonMessage &&message)
{
    using protocol::Action;
    const Action action = protocol::actionOf(message);
    const QString name = QString::fromLatin1(protocol::actionName(action));

    if (m_state == State::Exchanging) {
        protocolError(u"%1 arrived before the status for %2 was sent"_s.arg(name, QString::fromLatin1(protocol::actionName(m_exchange->action))),
                      {});
        return;
    }
    if (m_state == State::Closing) {
        // A KCL 1.x daemon may repeat shutdown; answer it, as erlmld learned to.
        if (action == Action::Shutdown) {
            beginExchange(action, true, false, false);
            sendStatus();
            return;
        }
        protocolError(u"%1 arrived after the shard's final message"_s.arg(name), {});
        return;
    }
    if ((m_state == State::AwaitingInitialize) != (action == Action::Initialize)) {
        protocolError(m_state == State::AwaitingInitialize ? u"%1 arrived before initialize"_s.arg(name)
                                                           : u"initialize arrived twice"_s,
                      {});
        return;
    }
    if (action == Action::ProcessRecords && m_shutdownRequested) {
        protocolError(u"processRecords arrived after shutdownRequested"_s, {});
        return;
    }

    std::visit(
        [&](auto &&msg) {
            using T = std::decay_t<decltype(msg)>;
            if constexpr (std::is_same_v<T, protocol::InitializeMessage>)
                onInitialize(msg);
            else if constexpr (std::is_same_v<T, protocol::ProcessRecordsMessage>)
                onProcessRecords(std::move(msg));
            else if constexpr (std::is_same_v<T, protocol::ShutdownRequestedMessage>)
                onShutdownRequested();
            else if constexpr (std::is_same_v<T, protocol::LeaseLostMessage>)
                onLeaseLost(Action::LeaseLost);
            else if constexpr (std::is_same_v<T, protocol::ShardEndedMessage>)
                onShardEnded(Action::ShardEnded);
            else if constexpr (std::is_same_v<T, protocol::ShutdownMessage>) {
                if (msg.reason == u"TERMINATE"_s)
                    onShardEnded(Action::Shutdown);
                else
                    onLeaseLost(Action::Shutdown); // ZOMBIE, and any reason KCL adds later
            }
        },
        std::move(message));
}

// ---- the actions ---------------------------------------------------------------

void ShardSession::onInitialize(const protocol::InitializeMessage &message)
{
    m_shardId = message.shardId;
    m_legacyCheckpoints = message.legacy;
    m_lastCheckpoint = message.sequenceNumber;
    Q_EMIT shardIdentified(m_id, m_shardId);
    beginExchange(protocol::Action::Initialize, false, false, false);

    QString error;
    try {
        m_processor = m_factory();
    } catch (const std::exception &e) {
        error = QString::fromLocal8Bit(e.what());
    } catch (...) {
        error = u"unknown exception"_s;
    }
    if (!error.isNull()) {
        fail(u"cannot create the processor: %1"_s.arg(error));
        return;
    }
    if (!m_processor) {
        fail(u"the processor factory returned no processor"_s);
        return;
    }
    // Asked once: a processor's answer must not change, and this is plugin code too.
    if (!callProcessor("confirmation", [&] { m_explicitConfirmation = m_processor->confirmation() == Confirmation::Explicit; }))
        return;
    const bool explicitConfirmation = m_explicitConfirmation;
    m_tracker = std::make_unique<ConfirmationTracker>(explicitConfirmation);
    if (explicitConfirmation && !callProcessor("setConfirmer", [&] { m_processor->setConfirmer(m_confirmer.get()); }))
        return;
    if (!callProcessor("initialize", [&] { m_processor->initialize(InitializationInput{m_shardId, message.sequenceNumber}); }))
        return;
    m_sinceCheckpoint.start();
    SessionEvent initialized = eventOf(SessionEvent::Kind::Initialized);
    initialized.position = message.sequenceNumber;
    emitEvent(std::move(initialized));
    sendStatus();
}

void ShardSession::onProcessRecords(protocol::ProcessRecordsMessage &&message)
{
    beginExchange(protocol::Action::ProcessRecords, false, true, false);
    std::vector<StreamRecord> records = expandAggregates(std::move(message.records));

    std::int64_t bytes = 0;
    for (const StreamRecord &record : records)
        bytes += record.data.size();
    m_tracker->deliver(records, nowMs());

    const ProcessRecordsInput input{records, message.millisBehindLatest};
    if (!callProcessor("processRecords", [&] { m_processor->processRecords(input, *m_checkpointer); }))
        return;
    if (!m_explicitConfirmation)
        m_tracker->confirmAll();

    SessionEvent done = eventOf(SessionEvent::Kind::Records);
    done.records = std::int64_t(records.size());
    done.bytes = bytes;
    done.millisBehindLatest = message.millisBehindLatest;
    if (!records.empty())
        done.position = records.back().sequenceNumber;
    reportRecords(std::move(done));
    // The processor has returned: the next batch overwrites these records in place.
    m_recycledRecords = std::move(records);

    queueManualAndPolicyCheckpoints(false);
    sendNextCheckpointOrStatus();
}

void ShardSession::onShutdownRequested()
{
    m_shutdownRequested = true;
    beginExchange(protocol::Action::ShutdownRequested, false, true, false);
    if (!callProcessor("shutdownRequested", [&] { m_processor->shutdownRequested(*m_checkpointer); }))
        return;
    emitEvent(eventOf(SessionEvent::Kind::ShutdownRequested));
    queueManualAndPolicyCheckpoints(true);
    sendNextCheckpointOrStatus();
}

void ShardSession::onLeaseLost(protocol::Action action)
{
    beginExchange(action, true, false, false);
    failManualCheckpoints(u"LeaseLost"_s);
    if (m_state == State::Done) // the processor threw in checkpointed
        return;
    if (!callProcessor("leaseLost", [&] { m_processor->leaseLost(); }))
        return;
    emitEvent(eventOf(SessionEvent::Kind::LeaseLost));
    sendStatus();
}

void ShardSession::onShardEnded(protocol::Action action)
{
    beginExchange(action, true, true, true);
    if (!callProcessor("shardEnded", [&] { m_processor->shardEnded(*m_checkpointer); }))
        return;
    if (m_tracker->unconfirmedCount() > 0) {
        fail(u"the processor returned from shardEnded with %1 records still unconfirmed; not checkpointing SHARD_END"_s.arg(
            m_tracker->unconfirmedCount()));
        return;
    }
    emitEvent(eventOf(SessionEvent::Kind::ShardEnded));
    queueManualAndPolicyCheckpoints(false);
    // The shard is only done once SHARD_END is stored; KCL leaves it (and its
    // children) stuck otherwise. A null checkpoint here means SHARD_END.
    const bool hasShardEnd = std::any_of(m_exchange->queue.begin(), m_exchange->queue.end(),
                                         [](const PendingCheckpoint &c) { return !c.position; });
    if (!hasShardEnd)
        m_exchange->queue.push_back(PendingCheckpoint{});
    sendNextCheckpointOrStatus();
}

// ---- checkpoints ---------------------------------------------------------------

void ShardSession::beginExchange(protocol::Action action, bool terminal, bool checkpointsAllowed, bool shardEnd)
{
    m_exchange.emplace();
    m_exchange->action = action;
    m_exchange->terminal = terminal;
    m_exchange->checkpointsAllowed = checkpointsAllowed;
    m_exchange->shardEnd = shardEnd;
    m_state = State::Exchanging;
}

void ShardSession::queueCheckpoint(std::optional<SequenceNumber> position, bool manual)
{
    if (!m_exchange || !m_exchange->checkpointsAllowed) {
        qCWarning(lcSession).noquote() << who() << "checkpoint requested outside processRecords, shardEnded or"
                                       << "shutdownRequested; ignored";
        return;
    }
    // Validated when sent, not now: a processor's records count as confirmed
    // only once its call returns.
    const bool named = position.has_value();
    m_exchange->queue.push_back(PendingCheckpoint{std::move(position), manual, 0, named});
}

void ShardSession::queueManualAndPolicyCheckpoints(bool finalFlush)
{
    const std::size_t before = m_exchange->queue.size();
    while (!m_manualRequests.empty()) {
        queueCheckpoint(std::move(m_manualRequests.front()), true);
        m_manualRequests.pop_front();
    }
    if (m_exchange->queue.size() != before || m_exchange->shardEnd)
        return;

    const CheckpointPolicy &policy = m_options.policy;
    const std::optional<SequenceNumber> &end = m_tracker->confirmedEnd();
    if (!policy.checkpointsAutomatically() || !end || (m_lastCheckpoint && !(*m_lastCheckpoint < *end)))
        return;
    const bool due = finalFlush || (policy.everyRecords > 0 && m_tracker->confirmedSinceCheckpoint() >= policy.everyRecords)
                     || (policy.interval.count() > 0 && m_sinceCheckpoint.elapsed() >= policy.interval.count());
    if (due)
        m_exchange->queue.push_back(PendingCheckpoint{*end, false, 0});
}

void ShardSession::sendNextCheckpointOrStatus()
{
    while (m_state != State::Done && !m_exchange->queue.empty()) {
        PendingCheckpoint next = std::move(m_exchange->queue.front());
        m_exchange->queue.pop_front();
        if (m_exchange->leaseGone) {
            finishCheckpoint(next, u"ShutdownException"_s);
            continue;
        }
        // Never past a record the processor has not confirmed. "The latest
        // record" is the latest confirmed one; at shard end it is SHARD_END.
        const std::optional<SequenceNumber> &confirmed = m_tracker->confirmedEnd();
        if (!next.position && !m_exchange->shardEnd) {
            if (!confirmed) {
                finishCheckpoint(next, u"NothingToCheckpoint"_s);
                continue;
            }
            next.position = confirmed;
        }
        // A named position in the daemon's terms (inside an aggregate unpacked
        // here, only the aggregate's own record can be named).
        if (next.named && next.position && !next.position->isSentinel()) {
            next.position = m_tracker->daemonPosition(*next.position);
            if (!next.position) {
                finishCheckpoint(next, u"NothingToCheckpoint"_s);
                continue;
            }
        }
        if (next.position && !next.position->isSentinel() && (!confirmed || *confirmed < *next.position)) {
            finishCheckpoint(next, u"NotConfirmed"_s);
            continue;
        }
        sendCheckpoint(std::move(next));
        return;
    }
    sendStatus();
}

void ShardSession::sendCheckpoint(PendingCheckpoint checkpoint)
{
    ++checkpoint.attempts;
    protocol::CheckpointRequestMessage request;
    request.legacy = m_legacyCheckpoints;
    if (checkpoint.position) {
        request.sequenceNumber = checkpoint.position->toByteArray();
        if (!m_legacyCheckpoints)
            request.subSequenceNumber = checkpoint.position->subSequence();
    }
    m_exchange->inFlight = std::move(checkpoint);
    write(protocol::encodeChildMessage(request));
}

void ShardSession::handleCheckpointReply(const protocol::CheckpointReplyMessage &reply)
{
    if (m_state != State::Exchanging || !m_exchange->inFlight || m_retryTimer.isActive()) {
        protocolError(u"a checkpoint reply arrived without a checkpoint request"_s, {});
        return;
    }
    const QString error = reply.error.value_or(QString());
    PendingCheckpoint &current = *m_exchange->inFlight;

    if (error == u"ThrottlingException"_s && current.attempts <= m_options.throttlingRetries) {
        const std::int64_t wait = throttlingRetryDelay(current.attempts, m_options.throttlingBackoff,
                                                       m_options.throttlingBackoffMax, *QRandomGenerator::global())
                                      .count();
        qCInfo(lcSession).noquote() << who() << "checkpoint at" << describe(current.position) << "throttled; retry"
                                    << current.attempts << "in" << wait << "ms";
        m_retryTimer.start(int(wait));
        return;
    }

    const PendingCheckpoint done = std::move(current);
    m_exchange->inFlight.reset();
    if (error == u"ShutdownException"_s)
        m_exchange->leaseGone = true;
    if (error.isEmpty()) {
        m_lastCheckpoint = done.position ? done.position : std::optional(SequenceNumber::shardEnd());
        m_tracker->checkpointed();
        m_sinceCheckpoint.restart();
    }
    finishCheckpoint(done, error);
    sendNextCheckpointOrStatus();
}

void ShardSession::finishCheckpoint(const PendingCheckpoint &checkpoint, const QString &error)
{
    CheckpointResult result{checkpoint.position, error, std::max(checkpoint.attempts, 1), checkpoint.manual};
    if (!error.isEmpty())
        qCWarning(lcSession).noquote() << who() << "checkpoint at" << describe(checkpoint.position) << "failed:" << error;
    SessionEvent answered = eventOf(SessionEvent::Kind::Checkpoint);
    answered.checkpoint = result;
    emitEvent(std::move(answered));
    if (m_processor)
        callProcessor("checkpointed", [&] { m_processor->checkpointed(result); });
}

void ShardSession::failManualCheckpoints(const QString &reason)
{
    while (!m_manualRequests.empty()) {
        PendingCheckpoint refused{std::move(m_manualRequests.front()), true, 0};
        m_manualRequests.pop_front();
        finishCheckpoint(refused, reason);
    }
}

void ShardSession::requestCheckpoint(std::optional<SequenceNumber> position)
{
    if (m_state == State::Closing || m_state == State::Done) {
        finishCheckpoint(PendingCheckpoint{std::move(position), true, 0}, u"ShardFinished"_s);
        return;
    }
    m_manualRequests.push_back(std::move(position));
}

void ShardSession::sendStatus()
{
    if (m_state == State::Done)
        return;
    protocol::StatusMessage status{protocol::actionName(m_exchange->action)};
    write(protocol::encodeChildMessage(status));
    if (m_state == State::Done) // the write failed
        return;
    if (m_exchange->terminal) {
        failManualCheckpoints(u"ShardFinished"_s);
        if (m_state == State::Done) // the processor threw in checkpointed
            return;
        m_state = State::Closing;
        m_closeTimer.start(m_options.closeTimeout);
    } else {
        m_state = State::Ready;
    }
}

// ---- processor calls and failures ----------------------------------------------

template <typename Call>
bool ShardSession::callProcessor(const char *what, Call &&call)
{
    m_busySinceMs.store(nowMs(), std::memory_order_relaxed);
    QString error;
    try {
        call();
    } catch (const std::exception &e) {
        error = QString::fromLocal8Bit(e.what());
    } catch (...) {
        error = u"unknown exception"_s;
    }
    m_busySinceMs.store(0, std::memory_order_relaxed);
    if (!error.isNull()) {
        fail(u"the processor threw in %1: %2"_s.arg(QLatin1StringView(what), error));
        return false;
    }
    if (m_severed.load()) {
        fail(u"the processor was stuck in %1 longer than the watchdog allows (%2 ms)"_s.arg(QLatin1StringView(what))
                 .arg(m_options.policy.watchdog.count()));
        return false;
    }
    return true;
}

void ShardSession::checkWatchdog()
{
    if (!m_tracker || m_state == State::Done)
        return;
    const std::optional<std::int64_t> oldest = m_tracker->oldestUnconfirmedSince();
    if (oldest && nowMs() - *oldest > m_options.policy.watchdog.count())
        fail(u"the processor has not confirmed a record delivered %1 ms ago (watchdog %2 ms)"_s.arg(nowMs() - *oldest)
                 .arg(m_options.policy.watchdog.count()));
}

void ShardSession::write(const QByteArray &line)
{
    if (m_fd < 0) {
        fail(u"cannot write to the daemon: the connection is closed"_s);
        return;
    }
    m_unsent.append(line);
    flushWrites();
}

void ShardSession::flushWrites()
{
    qsizetype sent = 0;
    while (sent < m_unsent.size() && m_fd >= 0) {
        const ssize_t n = ::send(m_fd, m_unsent.constData() + sent, std::size_t(m_unsent.size() - sent), MSG_NOSIGNAL);
        if (n >= 0) {
            sent += n;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        const int error = errno;
        m_unsent.clear();
        fail(u"cannot write to the daemon: %1"_s.arg(systemError(error)));
        return;
    }
    m_unsent.remove(0, sent);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_unsent.isEmpty() && m_fd >= 0);
}

void ShardSession::closeConnection()
{
    if (m_fd < 0)
        return;
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    ::close(m_fd);
    m_fd = -1;
}

void ShardSession::protocolError(const QString &what, QByteArrayView line)
{
    QString message = u"protocol error: %1"_s.arg(what);
    if (!line.isEmpty())
        message += u" in line %1"_s.arg(protocol::quoteLineStart(line));
    fail(message);
}

void ShardSession::fail(const QString &reason)
{
    if (m_state == State::Done)
        return;
    qCWarning(lcSession).noquote() << who() << reason;
    // Done first: a processor that throws again while hearing of the refused
    // manual checkpoints cannot fail the session a second time.
    m_state = State::Done;
    failManualCheckpoints(u"SessionFailed"_s);
    SessionEvent failed = eventOf(SessionEvent::Kind::Failed);
    failed.message = reason;
    emitEvent(std::move(failed));
    // Abort rather than close: qmld-connect exits non-zero at once, so the
    // daemon learns that this shard failed and nothing more is checkpointed.
    m_unsent.clear();
    closeConnection();
    m_processor.reset();
    Q_EMIT finished(m_id);
}

void ShardSession::finish()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_closeTimer.stop();
    // What the kernel has not taken yet (a status line at most) gets a last,
    // short chance; then the connection is closed.
    if (!m_unsent.isEmpty() && m_fd >= 0) {
        pollfd writable{m_fd, POLLOUT, 0};
        if (::poll(&writable, 1, 1000) > 0)
            flushWrites();
    }
    closeConnection();
    m_processor.reset();
    emitEvent(eventOf(SessionEvent::Kind::Finished));
    Q_EMIT finished(m_id);
}

void ShardSession::abort(const QString &reason)
{
    if (m_state == State::Closing)
        finish();
    else
        fail(reason);
}

} // namespace qmld::worker

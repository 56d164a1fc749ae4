#include "daemon/consumer/ShardConsumer.h"

#include "daemon/consumer/Logging.h"
#include "protocol/Codec.h"

using namespace Qt::StringLiterals;
using qmld::protocol::Action;

namespace qmld::daemon {

ShardConsumer::ShardConsumer(LeaseCheckpointer &checkpointer, Settings settings, ShardInfo shard,
                             SequenceNumber checkpoint, QObject *parent)
    : QObject(parent),
      m_checkpointer(checkpointer),
      m_settings(std::move(settings)),
      m_shard(std::move(shard)),
      m_lastCheckpoint(checkpoint),
      m_largestPermitted(checkpoint)
{
    m_statusTimer.setSingleShot(true);
    connect(&m_statusTimer, &QTimer::timeout, this, [this] {
        fail(tr("Timedout to get status message for %1 on shard %2 after %3 s (timeoutInSeconds)")
                 .arg(QString::fromLatin1(protocol::actionName(m_pending.value_or(Action::Status))), m_shard.shardId)
                 .arg(m_settings.timeout.value_or(std::chrono::seconds(0)).count()));
    });
}

ShardConsumer::~ShardConsumer() = default;

ShardPosition ShardConsumer::startPosition() const
{
    switch (m_lastCheckpoint.kind()) {
    case SequenceNumber::Kind::TrimHorizon: return ShardPosition::trimHorizon();
    case SequenceNumber::Kind::Latest: return ShardPosition::latest();
    case SequenceNumber::Kind::AtTimestamp: return ShardPosition::atTimestamp(m_settings.atTimestampMs);
    // At, not after: the rest of a partly checkpointed aggregate is re-read, then filtered.
    case SequenceNumber::Kind::Digits: return ShardPosition::atSequenceNumber(m_lastCheckpoint.withSubSequence({}));
    case SequenceNumber::Kind::ShardEnd: break;
    }
    return ShardPosition::trimHorizon();
}

void ShardConsumer::start()
{
    // The first batch is read while the child starts.
    m_fetcher = std::make_unique<RecordFetcher>(m_settings.reading, m_shard, startPosition(), m_lastCheckpoint);
    connect(m_fetcher.get(), &RecordFetcher::batchReady, this, &ShardConsumer::next);
    m_child = new ChildProcess(m_settings.command, m_shard.shardId, this);
    connect(m_child, &ChildProcess::failedToStart, this, [this](const QString &reason) {
        fail(tr("cannot start the child for shard %1 (%2): %3")
                 .arg(m_shard.shardId, m_settings.command.join(u' '), reason));
    });
    connect(m_child, &ChildProcess::started, this, [this] {
        protocol::InitializeMessage initialize;
        initialize.shardId = m_shard.shardId;
        initialize.sequenceNumber = m_lastCheckpoint;
        m_initializeSent = true;
        send(Action::Initialize, protocol::encodeDaemonMessage(initialize));
    });
    connect(m_child, &ChildProcess::linesAvailable, this, &ShardConsumer::handleLines);
    connect(m_child, &ChildProcess::exited, this, [this](int exitCode, QProcess::ExitStatus status) {
        m_fetcher.reset();
        m_statusTimer.stop();
        if (m_aborting) {
            Q_EMIT aborted();
            return;
        }
        if (m_terminalDone) {
            Q_EMIT finished(*m_outcome);
            return;
        }
        fail(tr("the child for shard %1 exited with %2 %3 %4")
                 .arg(m_shard.shardId,
                      status == QProcess::CrashExit ? tr("a crash,") : tr("value %1,").arg(exitCode),
                      m_pending ? tr("while waiting for the status of %1")
                                      .arg(QString::fromLatin1(protocol::actionName(*m_pending)))
                                : tr("between actions"),
                      tr("(Reached end of STDIN of child process)")));
    });
    qCInfo(lcDaemon, "starting the child for shard %s at %s", qUtf8Printable(m_shard.shardId),
           qUtf8Printable(m_lastCheckpoint.display()));
    m_child->start();
}

bool ShardConsumer::isChildRunning() const
{
    return m_child && m_child->isRunning();
}

qint64 ShardConsumer::childProcessId() const
{
    return m_child ? m_child->processId() : 0;
}

void ShardConsumer::send(Action action, const QByteArray &line)
{
    m_pending = action;
    if (!m_child->write(line)) {
        fail(tr("cannot write %1 to the child for shard %2").arg(QString::fromLatin1(protocol::actionName(action)),
                                                                 m_shard.shardId));
        return;
    }
    if (m_settings.timeout)
        m_statusTimer.start(*m_settings.timeout);
    // Lines the child wrote between actions are read now, as the Java daemon reads them.
    handleLines();
}

void ShardConsumer::handleLines()
{
    if (!m_child)
        return;
    if (m_terminalDone) {
        while (const auto line = m_child->takeLine()) {
            if (!line->isEmpty())
                qCInfo(lcDaemon, "Drained line for shard %s: %s", qUtf8Printable(m_shard.shardId), line->constData());
        }
        return;
    }
    while (m_pending && !m_failed) {
        const std::optional<QByteArray> line = m_child->takeLine();
        if (!line)
            return;
        if (line->isEmpty())
            continue;
        const protocol::ChildDecodeResult decoded = protocol::decodeChildMessage(*line);
        if (decoded.fatalForJavaDaemon) {
            fail(tr("the child for shard %1 wrote %2, on which the Java daemon exits (%3)")
                     .arg(m_shard.shardId, protocol::quoteLineStart(*line), decoded.error));
            return;
        }
        if (!decoded.message) {
            qCInfo(lcDaemon, "Skipping unexpected line on STDOUT for shard %s: %s (%s)",
                   qUtf8Printable(m_shard.shardId), qUtf8Printable(protocol::quoteLineStart(*line, 200)),
                   qUtf8Printable(decoded.error));
            continue;
        }
        if (m_settings.timeout)
            m_statusTimer.start(*m_settings.timeout);
        if (const auto *request = std::get_if<protocol::CheckpointRequestMessage>(&*decoded.message)) {
            handleCheckpoint(*request);
            continue;
        }
        const auto &status = std::get<protocol::StatusMessage>(*decoded.message);
        const Action action = *m_pending;
        if (status.responseFor != protocol::actionName(action)) {
            fail(tr("the child for shard %1 answered %2 with a status for \"%3\"")
                     .arg(m_shard.shardId, QString::fromLatin1(protocol::actionName(action)),
                          QString::fromUtf8(status.responseFor)));
            return;
        }
        m_pending.reset();
        m_statusTimer.stop();
        actionCompleted(action);
    }
}

void ShardConsumer::handleCheckpoint(const protocol::CheckpointRequestMessage &request)
{
    protocol::CheckpointReplyMessage reply;
    reply.sequenceNumber = request.sequenceNumber;
    reply.subSequenceNumber = request.subSequenceNumber;
    const QString error = validateAndCheckpoint(request);
    if (!error.isEmpty())
        reply.error = error;
    if (!m_child->write(protocol::encodeDaemonMessage(reply)))
        fail(tr("cannot write a checkpoint reply to the child for shard %1").arg(m_shard.shardId));
}

// KCL's ShardRecordProcessorCheckpointer (docs/protocol.md §4).
QString ShardConsumer::validateAndCheckpoint(const protocol::CheckpointRequestMessage &request)
{
    if (m_pending == Action::Initialize || m_pending == Action::LeaseLost)
        return u"InvalidStateException"_s; // no checkpointer is passed to these
    SequenceNumber target = m_largestPermitted;
    if (request.sequenceNumber) {
        const std::int64_t sub = request.subSequenceNumber.value_or(0);
        if (sub < 0)
            return u"IllegalArgumentException"_s;
        const std::optional<SequenceNumber> parsed = SequenceNumber::parse(*request.sequenceNumber, sub);
        if (!parsed || *parsed < m_lastCheckpoint || *parsed > m_largestPermitted) {
            qCInfo(lcDaemon, "checkpoint %s for shard %s did not fall into acceptable range between %s and %s",
                   request.sequenceNumber->constData(), qUtf8Printable(m_shard.shardId),
                   qUtf8Printable(m_lastCheckpoint.display()), qUtf8Printable(m_largestPermitted.display()));
            return u"IllegalArgumentException"_s;
        }
        target = *parsed;
    }
    const SequenceNumber toRecord =
        m_sequenceNumberAtShardEnd && *m_sequenceNumberAtShardEnd == target ? SequenceNumber::shardEnd() : target;
    if (toRecord == m_lastCheckpoint)
        return {};
    const QString error = m_checkpointer.checkpoint(m_shard.shardId, toRecord);
    if (error.isEmpty())
        m_lastCheckpoint = toRecord;
    return error;
}

void ShardConsumer::actionCompleted(Action action)
{
    switch (action) {
    case Action::ProcessRecords:
        if (m_batchReachedShardEnd) {
            m_sequenceNumberAtShardEnd = m_largestPermitted;
            m_shardEndReached = true;
        }
        break;
    case Action::ShutdownRequested:
        m_shutdownNotified = true;
        break;
    case Action::LeaseLost:
    case Action::ShardEnded:
        m_terminalDone = true;
        if (action == Action::ShardEnded && m_lastCheckpoint.kind() != SequenceNumber::Kind::ShardEnd) {
            qCCritical(lcDaemon, "Application didn't checkpoint at end of shard %s: its lease stays at %s",
                       qUtf8Printable(m_shard.shardId), qUtf8Printable(m_lastCheckpoint.display()));
            m_outcome = Outcome::ShardEndNotCheckpointed;
        }
        closeChild();
        return;
    default:
        break;
    }
    next();
}

void ShardConsumer::next()
{
    // Before the child has started there is nothing to write to: a shutdown
    // or a lost lease asked for now is acted on once initialize is answered.
    if (!m_initializeSent || m_pending || m_terminalDone || m_failed || m_aborting)
        return;
    if (m_shutdownWanted && !m_shutdownNotified) {
        send(Action::ShutdownRequested, protocol::encodeDaemonMessage(protocol::ShutdownRequestedMessage{}));
        return;
    }
    if (m_leaseLostWanted || m_shutdownNotified) {
        m_outcome = Outcome::LeaseLost;
        send(Action::LeaseLost, protocol::encodeDaemonMessage(protocol::LeaseLostMessage{}));
        return;
    }
    if (m_shardEndReached) {
        m_outcome = Outcome::ShardCompleted;
        m_largestPermitted = SequenceNumber::shardEnd();
        send(Action::ShardEnded, protocol::encodeDaemonMessage(protocol::ShardEndedMessage{}));
        return;
    }
    sendBatch();
}

void ShardConsumer::sendBatch()
{
    std::optional<FetchedBatch> batch = m_fetcher ? m_fetcher->take() : std::nullopt;
    if (!batch)
        return; // batchReady() calls next() again
    if (batch->processRecords.isEmpty()) {
        qCInfo(lcDaemon, "Reached end of shard %s", qUtf8Printable(m_shard.shardId));
        m_shardEndReached = true;
        next();
        return;
    }
    m_batchReachedShardEnd = batch->reachesShardEnd;
    m_largestPermitted = std::max(m_largestPermitted, batch->largest);
    send(Action::ProcessRecords, batch->processRecords);
}

void ShardConsumer::loseLease()
{
    m_leaseLostWanted = true;
    next();
}

void ShardConsumer::requestShutdown()
{
    m_shutdownWanted = true;
    next();
}

void ShardConsumer::closeChild()
{
    m_statusTimer.stop();
    m_fetcher.reset();
    handleLines(); // drain what is already there
    m_child->closeStdin(m_settings.exitBound);
}

void ShardConsumer::abort(std::chrono::milliseconds bound)
{
    m_aborting = true;
    m_fetcher.reset();
    m_statusTimer.stop();
    if (!isChildRunning()) {
        QTimer::singleShot(0, this, &ShardConsumer::aborted);
        return;
    }
    m_child->closeStdin(bound);
}

void ShardConsumer::fail(const QString &reason)
{
    if (m_failed || m_aborting)
        return;
    m_failed = true;
    m_fetcher.reset();
    m_statusTimer.stop();
    qCCritical(lcDaemon, "%s", qUtf8Printable(reason));
    Q_EMIT failed(reason);
}

} // namespace qmld::daemon

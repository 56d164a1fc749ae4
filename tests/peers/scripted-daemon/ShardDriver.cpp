#include "ShardDriver.h"

#include "ChildMessageDecoder.h"
#include "JsonText.h"

#include <QDir>
#include <QJsonObject>

#include <cstdio>

Q_LOGGING_CATEGORY(lcScriptedDaemon, "qmld.peers.scripted-daemon")

using namespace Qt::StringLiterals;

namespace qmld::peers {
namespace {

QJsonObject toJson(const ExtendedSequenceNumber &esn)
{
    return {{u"sequenceNumber"_s, esn.sequenceNumber}, {u"subSequenceNumber"_s, esn.subSequenceNumber}};
}

QString transcriptStem(const QString &shardId)
{
    QString stem = shardId;
    return stem.replace(u'/', u'_');
}

} // namespace

ShardDriver::ShardDriver(ShardScript script, Settings settings, QObject *parent)
    : QObject(parent)
    , m_script(std::move(script))
    , m_settings(std::move(settings))
    , m_checkpoints(m_script.checkpointErrors)
{
    m_messageTimer.setSingleShot(true);
    if (m_settings.timeoutInSeconds)
        m_messageTimer.setInterval(std::chrono::seconds(*m_settings.timeoutInSeconds));
    connect(&m_messageTimer, &QTimer::timeout, this, &ShardDriver::onMessageTimeout);
    m_exitTimer.setSingleShot(true);
    m_exitTimer.setInterval(std::chrono::seconds(m_settings.childExitTimeoutSeconds));
    connect(&m_exitTimer, &QTimer::timeout, this, &ShardDriver::onExitTimeout);
}

ShardDriver::~ShardDriver()
{
    abort(QDeadlineTimer(0));
}

void ShardDriver::start()
{
    const QDir dir(m_settings.transcriptDir);
    m_childTranscript.setFileName(dir.filePath(transcriptStem(shardId()) + u".jsonl"_s));
    m_daemonTranscript.setFileName(dir.filePath(transcriptStem(shardId()) + u".daemon.jsonl"_s));
    for (QFile *file : {&m_childTranscript, &m_daemonTranscript}) {
        if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            m_state = State::Running;
            reportViolation(u"cannot write transcript %1: %2"_s.arg(file->fileName(), file->errorString()));
            return;
        }
    }

    m_state = State::Running;
    if (m_settings.command.isEmpty() || m_settings.command.constFirst().isEmpty()) {
        reportViolation(u"executableName is empty or starts with a space: nothing to start"_s);
        return;
    }
    m_child = new QProcess(this);
    m_child->setProgram(m_settings.command.constFirst());
    m_child->setArguments(m_settings.command.mid(1));
    connect(m_child, &QProcess::started, this, &ShardDriver::onStarted);
    connect(m_child, &QProcess::errorOccurred, this, &ShardDriver::onErrorOccurred);
    connect(m_child, &QProcess::finished, this, &ShardDriver::onFinished);
    connect(m_child, &QProcess::readyReadStandardOutput, this, &ShardDriver::readStdout);
    connect(m_child, &QProcess::readyReadStandardError, this, &ShardDriver::readStderr);
    qCInfo(lcScriptedDaemon, "shard %s: starting %s", qUtf8Printable(shardId()),
           qUtf8Printable(m_settings.command.join(u' ')));
    m_child->start();
}

void ShardDriver::onStarted()
{
    sendNextStep();
}

void ShardDriver::onErrorOccurred(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart)
        reportViolation(u"cannot start child process %1: %2"_s.arg(m_settings.command.constFirst(), m_child->errorString()));
}

void ShardDriver::sendNextStep()
{
    if (m_state != State::Running && m_state != State::Idle)
        return;
    m_state = State::Running;
    while (!m_current && m_state == State::Running) {
        if (!m_daemonOwnSteps.isEmpty()) {
            const ScriptStep step = m_daemonOwnSteps.takeFirst();
            send(step, std::nullopt);
            continue;
        }
        if (m_gracefulShutdown || m_nextStep >= m_script.steps.size()) {
            beginDrain();
            return;
        }
        const int index = m_nextStep++;
        const ScriptStep &step = m_script.steps.at(index);
        if (step.kind == ScriptStep::Kind::Idle) {
            m_state = State::Idle;
            qCInfo(lcScriptedDaemon, "shard %s: idle, waiting for SIGTERM", qUtf8Printable(shardId()));
            Q_EMIT idle(shardId());
            return;
        }
        send(step, index);
        if (!m_current && step.terminal) {
            beginDrain();
            return;
        }
    }
    processPendingLines();
}

void ShardDriver::send(const ScriptStep &step, std::optional<int> scriptIndex)
{
    const QByteArray bytes = step.line + step.eol;
    m_child->write(bytes);
    m_daemonTranscript.write(bytes);
    m_daemonTranscript.flush();
    ++m_messagesSent;

    if (step.initialCheckpoint)
        m_checkpoints.initialize(*step.initialCheckpoint);
    if (step.largestDelivered)
        m_checkpoints.delivered(*step.largestDelivered);
    m_recordsDelivered += step.recordCount;
    if (step.context == CheckpointContext::ShardEnd)
        m_checkpoints.enterShardEnd();
    if (step.action == "shutdownRequested"_L1)
        m_shutdownRequestedSent = true;

    if (step.expectsStatus()) {
        m_current = step;
        m_currentScriptIndex = scriptIndex;
        if (m_settings.timeoutInSeconds)
            m_messageTimer.start();
    }
}

void ShardDriver::readStdout()
{
    m_stdoutBuffer += m_child->readAllStandardOutput();
    qsizetype lineStart = 0;
    for (qsizetype end = m_stdoutBuffer.indexOf('\n'); end >= 0; end = m_stdoutBuffer.indexOf('\n', lineStart)) {
        acceptLine(m_stdoutBuffer.mid(lineStart, end - lineStart));
        lineStart = end + 1;
    }
    m_stdoutBuffer.remove(0, lineStart);
    processPendingLines();
}

// BufferedReader.readLine() semantics: \n, \r\n and \r all end a line; the
// daemon silently drops empty lines.
void ShardDriver::acceptLine(QByteArray line)
{
    const QList<QByteArray> pieces = line.split('\r');
    for (const QByteArray &piece : pieces) {
        if (piece.isEmpty())
            continue;
        m_childTranscript.write(piece + '\n');
        m_childTranscript.flush();
        if (m_state == State::Draining)
            qCInfo(lcScriptedDaemon, "shard %s: drained line: %s", qUtf8Printable(shardId()), piece.constData());
        else if (m_state == State::Running || m_state == State::Idle)
            m_pendingLines.append(piece);
    }
}

void ShardDriver::processPendingLines()
{
    if (m_processingLines)
        return;
    m_processingLines = true;
    while (m_current && m_state == State::Running && !m_pendingLines.isEmpty())
        handleLine(m_pendingLines.takeFirst());
    m_processingLines = false;
}

void ShardDriver::handleLine(const QByteArray &line)
{
    const ChildMessage message = ChildMessage::decode(line, m_settings.protocol == ProtocolGeneration::V1);
    if (message.trailingContentLost) {
        qCInfo(lcScriptedDaemon, "shard %s: content after the first JSON value is lost, as with Jackson: %s",
               qUtf8Printable(shardId()), line.constData());
    }
    switch (message.kind) {
    case ChildMessage::Kind::Unexpected:
        qCInfo(lcScriptedDaemon, "shard %s: skipping unexpected line on STDOUT: %s (%s)", qUtf8Printable(shardId()),
               line.constData(), qUtf8Printable(message.reason));
        return;
    case ChildMessage::Kind::BareNull:
        reportViolation(u"the child wrote a bare null during %1 (the Java daemon fails with a "
                        "NullPointerException and exits with 1)"_s.arg(currentAction()));
        return;
    case ChildMessage::Kind::Ignored:
        qCInfo(lcScriptedDaemon, "shard %s: ignoring a %s message from the child", qUtf8Printable(shardId()),
               qUtf8Printable(message.action));
        if (m_settings.timeoutInSeconds)
            m_messageTimer.start();
        return;
    case ChildMessage::Kind::Checkpoint:
        handleCheckpoint(message.checkpoint, message.legacyCheckpoint);
        return;
    case ChildMessage::Kind::Status:
        handleStatus(message.responseFor);
        return;
    }
}

void ShardDriver::handleCheckpoint(const CheckpointRequest &request, bool legacyForm)
{
    if (m_settings.timeoutInSeconds)
        m_messageTimer.start();
    const int step = m_currentScriptIndex.value_or(int(m_script.steps.size()));
    const CheckpointOutcome outcome = m_checkpoints.request(request, m_current->context, step);

    json::ObjectWriter reply;
    reply.string("action"_L1, u"checkpoint");
    const QLatin1StringView sequenceKey = legacyForm ? "checkpoint"_L1 : "sequenceNumber"_L1;
    if (request.sequenceNumber)
        reply.string(sequenceKey, *request.sequenceNumber);
    else
        reply.null(sequenceKey);
    if (!legacyForm) { // KCL < 1.7.2 had no sub-sequence numbers
        if (request.subSequenceNumber)
            reply.number("subSequenceNumber"_L1, *request.subSequenceNumber);
        else
            reply.null("subSequenceNumber"_L1);
    }
    if (outcome.error.isEmpty())
        reply.null("error"_L1);
    else
        reply.string("error"_L1, outcome.error);
    const QByteArray line = reply.finish() + '\n';
    m_child->write(line);
    m_daemonTranscript.write(line);
    m_daemonTranscript.flush();

    QJsonObject entry{
        {u"during"_s, m_current->action},
        {u"step"_s, m_currentScriptIndex ? QJsonValue(*m_currentScriptIndex) : QJsonValue()},
        {u"sequenceNumber"_s, request.sequenceNumber ? QJsonValue(*request.sequenceNumber) : QJsonValue()},
        {u"subSequenceNumber"_s,
         request.subSequenceNumber ? QJsonValue(*request.subSequenceNumber) : QJsonValue()},
        {u"error"_s, outcome.error.isEmpty() ? QJsonValue() : QJsonValue(outcome.error)},
        {u"stored"_s, outcome.stored ? QJsonValue(toJson(*outcome.stored)) : QJsonValue()},
    };
    m_checkpointLog.append(entry);

    if (outcome.stored && outcome.stored->isShardEnd() && !m_shardEndReported) {
        m_shardEndReported = true;
        Q_EMIT shardEndCheckpointed(shardId());
    }
}

void ShardDriver::handleStatus(const std::optional<QString> &responseFor)
{
    m_messageTimer.stop();
    ++m_statusesReceived;
    const ScriptStep step = *m_current;
    m_current.reset();
    m_currentScriptIndex.reset();
    if (responseFor != step.responseFor) {
        reportViolation(u"status responseFor %1 does not match the action %2 (the Java daemon exits with 1)"_s.arg(
            responseFor ? u'"' + *responseFor + u'"' : u"null"_s, step.responseFor));
        return;
    }
    if (step.terminal)
        beginDrain();
    else
        sendNextStep();
}

void ShardDriver::beginDrain()
{
    m_state = State::Draining;
    m_messageTimer.stop();
    for (const QByteArray &line : std::as_const(m_pendingLines))
        qCInfo(lcScriptedDaemon, "shard %s: drained line: %s", qUtf8Printable(shardId()), line.constData());
    m_pendingLines.clear();
    m_child->closeWriteChannel();
    m_exitTimer.start();
}

void ShardDriver::readStderr()
{
    m_stderrBuffer += m_child->readAllStandardError();
    qsizetype lineStart = 0;
    for (qsizetype end = m_stderrBuffer.indexOf('\n'); end >= 0; end = m_stderrBuffer.indexOf('\n', lineStart)) {
        const QByteArray line = '[' + shardId().toUtf8() + "] " + m_stderrBuffer.mid(lineStart, end - lineStart + 1);
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        lineStart = end + 1;
    }
    std::fflush(stderr);
    m_stderrBuffer.remove(0, lineStart);
}

void ShardDriver::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    m_exitTimer.stop();
    m_messageTimer.stop();
    readStdout();
    if (!m_stdoutBuffer.isEmpty()) {
        acceptLine(std::exchange(m_stdoutBuffer, {}));
        processPendingLines();
    }
    readStderr();
    if (!m_stderrBuffer.isEmpty()) {
        m_stderrBuffer += '\n';
        readStderr();
    }
    m_childExit = exitStatus == QProcess::NormalExit ? QJsonValue(exitCode) : QJsonValue(u"crashed"_s);
    const QString exitDescription = exitStatus == QProcess::NormalExit ? u"exit code %1"_s.arg(exitCode)
                                                                        : u"crashed"_s;
    qCInfo(lcScriptedDaemon, "shard %s: child process exited (%s)", qUtf8Printable(shardId()),
           qUtf8Printable(exitDescription));

    switch (m_state) {
    case State::Draining:
        m_state = State::Finished;
        Q_EMIT finished(shardId());
        return;
    case State::Running:
    case State::Idle:
        reportViolation(u"child process ended (%1) %2 (the Java daemon exits with 1)"_s.arg(
            exitDescription, m_current ? u"while the daemon waited for the status of "_s + m_current->responseFor
                                       : u"before its script ended"_s));
        return;
    case State::NotStarted:
    case State::Finished:
    case State::Stopped:
        return;
    }
}

void ShardDriver::onMessageTimeout()
{
    reportViolation(u"timed out after %1 s (timeoutInSeconds) waiting for a message from the child during %2 "
                    "(the Java daemon halts with exit code 1)"_s.arg(*m_settings.timeoutInSeconds)
                        .arg(currentAction()));
}

void ShardDriver::onExitTimeout()
{
    reportViolation(u"child process did not exit within %1 s after its stdin was closed "
                    "(the Java daemon would wait forever)"_s.arg(m_settings.childExitTimeoutSeconds));
}

void ShardDriver::reportViolation(const QString &message)
{
    if (m_state == State::Stopped)
        return;
    m_state = State::Stopped;
    m_messageTimer.stop();
    m_exitTimer.stop();
    m_violations.append(message);
    Q_EMIT violation(shardId(), message);
}

void ShardDriver::requestGracefulShutdown()
{
    if (m_gracefulShutdown || (m_state != State::Running && m_state != State::Idle))
        return;
    m_gracefulShutdown = true;
    if (m_messagesSent == 0 || (m_current && m_current->terminal))
        return;
    if (!m_shutdownRequestedSent)
        m_daemonOwnSteps.append(shutdownRequestedStep());
    if (m_settings.protocol == ProtocolGeneration::V2)
        m_daemonOwnSteps.append(leaseLostStep());
    if (m_state == State::Idle)
        sendNextStep();
}

void ShardDriver::abort(QDeadlineTimer deadline)
{
    if (m_state != State::Finished)
        m_state = State::Stopped;
    m_messageTimer.stop();
    m_exitTimer.stop();
    if (!m_child || m_child->state() == QProcess::NotRunning)
        return;
    m_child->closeWriteChannel();
    if (!m_child->waitForFinished(int(std::max<qint64>(0, deadline.remainingTime())))) {
        m_child->kill();
        m_child->waitForFinished(5000);
    }
}

QString ShardDriver::currentAction() const
{
    return m_current ? m_current->action : u"no action"_s;
}

QJsonObject ShardDriver::summary() const
{
    return {
        {u"parents"_s, QJsonArray::fromStringList(m_script.parents)},
        {u"started"_s, m_state != State::NotStarted},
        {u"completed"_s, m_state == State::Finished},
        {u"interrupted"_s, m_gracefulShutdown},
        {u"finalCheckpoint"_s, toJson(m_checkpoints.stored())},
        {u"recordsDelivered"_s, qint64(m_recordsDelivered)},
        {u"linesWritten"_s, m_messagesSent},
        {u"statusesReceived"_s, m_statusesReceived},
        {u"checkpoints"_s, m_checkpointLog},
        {u"childExitCode"_s, m_childExit},
        {u"violations"_s, QJsonArray::fromStringList(m_violations)},
    };
}

} // namespace qmld::peers

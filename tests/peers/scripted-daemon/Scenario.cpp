#include "Scenario.h"

#include "JsonText.h"
#include "RecordBatchGenerator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace qmld::peers {
namespace {

const QStringList stepKinds = {
    u"initialize"_s, u"processRecords"_s, u"shutdownRequested"_s, u"leaseLost"_s, u"shardEnded"_s,
    u"shutdown"_s, u"message"_s, u"raw"_s, u"idle"_s,
};
const QStringList stepOptions = {u"eol"_s, u"responseFor"_s};
const QStringList statusActions = {
    u"initialize"_s, u"processRecords"_s, u"shutdownRequested"_s, u"leaseLost"_s, u"shardEnded"_s, u"shutdown"_s,
};

// Fills what the daemon needs to know about a message it writes: which status
// to wait for, what a checkpoint may do meanwhile, what it delivers.
void describeMessage(const QJsonObject &message, ScriptStep &step)
{
    step.action = message.value("action"_L1).toString();
    if (statusActions.contains(step.action))
        step.responseFor = step.action;
    step.terminal = step.action == "leaseLost"_L1 || step.action == "shardEnded"_L1 || step.action == "shutdown"_L1;
    if (step.action == "initialize"_L1 || step.action == "leaseLost"_L1)
        step.context = CheckpointContext::NoCheckpointer;
    else if (step.action == "shardEnded"_L1)
        step.context = CheckpointContext::ShardEnd;
    else if (step.action == "shutdown"_L1) {
        const QString reason = message.value("reason"_L1).toString();
        step.context = reason == "TERMINATE"_L1 ? CheckpointContext::ShardEnd
            : reason == "ZOMBIE"_L1              ? CheckpointContext::Zombie
                                                 : CheckpointContext::Normal;
    }
    if (step.action == "initialize"_L1) {
        const QJsonValue sequence = message.value("sequenceNumber"_L1);
        if (sequence.isString())
            step.initialCheckpoint =
                ExtendedSequenceNumber::parse(sequence.toString(), message.value("subSequenceNumber"_L1).toInteger());
    }
    if (step.action == "processRecords"_L1) {
        const QJsonArray records = message.value("records"_L1).toArray();
        step.recordCount = records.size();
        for (const QJsonValue &record : records) {
            const auto esn = ExtendedSequenceNumber::parse(record["sequenceNumber"_L1].toString(),
                                                           record["subSequenceNumber"_L1].toInteger());
            if (esn && esn->isDigits() && (!step.largestDelivered || *esn > *step.largestDelivered))
                step.largestDelivered = esn;
        }
    }
}

class ScenarioReader
{
public:
    explicit ScenarioReader(QString path) : m_path(std::move(path)) {}

    Scenario read(QString *error);

private:
    bool fail(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = u"scenario %1: %2"_s.arg(m_path, what);
        return false;
    }
    bool readShard(const QJsonObject &object, ShardScript &shard);
    bool readStep(const QJsonObject &object, const QString &shardId, const QString &where, ScriptStep &step,
                  RecordBatchGenerator &records);
    bool readInjection(const QJsonValue &value, const QString &where, CheckpointInjection &injection);

    QString m_path;
    QString m_error;
    Scenario m_scenario;
};

Scenario ScenarioReader::read(QString *error)
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read scenario %1: %2"_s.arg(m_path, file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        fail(parseError.error != QJsonParseError::NoError
                 ? u"invalid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString())
                 : u"the top level must be an object"_s);
        *error = m_error;
        return {};
    }
    const QJsonObject root = document.object();
    m_scenario.path = m_path;
    m_scenario.description = root.value("description"_L1).toString();
    const QString protocol = root.value("protocol"_L1).toString(u"v2"_s);
    if (protocol != "v1"_L1 && protocol != "v2"_L1)
        fail(u"\"protocol\" must be \"v1\" or \"v2\", not \"%1\""_s.arg(protocol));
    m_scenario.protocol = protocol == "v1"_L1 ? ProtocolGeneration::V1 : ProtocolGeneration::V2;
    m_scenario.childExitTimeoutSeconds = root.value("childExitTimeoutSeconds"_L1).toInt(10);

    const QJsonArray shards = root.value("shards"_L1).toArray();
    if (shards.isEmpty())
        fail(u"\"shards\" must be a non-empty array"_s);
    QSet<QString> ids;
    for (qsizetype i = 0; i < shards.size() && m_error.isEmpty(); ++i) {
        ShardScript shard;
        if (!readShard(shards.at(i).toObject(), shard))
            break;
        if (ids.contains(shard.shardId))
            fail(u"shard \"%1\" is listed twice"_s.arg(shard.shardId));
        ids.insert(shard.shardId);
        m_scenario.shards.append(std::move(shard));
    }
    for (const ShardScript &shard : std::as_const(m_scenario.shards)) {
        for (const QString &parent : shard.parents) {
            if (!ids.contains(parent) || parent == shard.shardId)
                fail(u"shard \"%1\": parent \"%2\" is not another shard of this scenario"_s.arg(shard.shardId, parent));
        }
    }
    *error = m_error;
    return m_error.isEmpty() ? m_scenario : Scenario();
}

bool ScenarioReader::readShard(const QJsonObject &object, ShardScript &shard)
{
    shard.shardId = object.value("shardId"_L1).toString();
    if (shard.shardId.isEmpty())
        return fail(u"every shard needs a \"shardId\" string"_s);
    for (const QJsonValue &parent : object.value("parents"_L1).toArray())
        shard.parents.append(parent.toString());

    RecordBatchGenerator records;
    const QJsonArray steps = object.value("steps"_L1).toArray();
    if (steps.isEmpty())
        return fail(u"shard \"%1\" has no \"steps\""_s.arg(shard.shardId));
    bool terminalSeen = false;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString where = u"shard \"%1\" step %2"_s.arg(shard.shardId).arg(i);
        if (terminalSeen)
            return fail(where + u": nothing may follow a terminal message (leaseLost, shardEnded, shutdown)"_s);
        ScriptStep step;
        if (!readStep(steps.at(i).toObject(), shard.shardId, where, step, records))
            return false;
        terminalSeen = step.terminal;
        shard.steps.append(std::move(step));
    }
    for (const QJsonValue &value : object.value("checkpointErrors"_L1).toArray()) {
        CheckpointInjection injection;
        if (!readInjection(value, u"shard \"%1\" checkpointErrors"_s.arg(shard.shardId), injection))
            return false;
        shard.checkpointErrors.append(injection);
    }
    return true;
}

bool ScenarioReader::readStep(const QJsonObject &object, const QString &shardId, const QString &where,
                              ScriptStep &step, RecordBatchGenerator &records)
{
    QString kind;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (stepKinds.contains(it.key())) {
            if (!kind.isEmpty())
                return fail(where + u": has both \"%1\" and \"%2\""_s.arg(kind, it.key()));
            kind = it.key();
        } else if (!stepOptions.contains(it.key())) {
            return fail(where + u": unknown key \"%1\" (steps: %2; options: %3)"_s.arg(
                                    it.key(), stepKinds.join(", "_L1), stepOptions.join(", "_L1)));
        }
    }
    if (kind.isEmpty())
        return fail(where + u": empty step"_s);
    const QJsonValue value = object.value(kind);
    if (object.contains("eol"_L1))
        step.eol = object.value("eol"_L1).toString().toUtf8();

    if (kind == "idle"_L1) {
        step.kind = ScriptStep::Kind::Idle;
        return true;
    }
    if (kind == "raw"_L1) {
        if (!value.isString())
            return fail(where + u": \"raw\" must be a string"_s);
        step.line = value.toString().toUtf8();
        const QJsonDocument parsed = QJsonDocument::fromJson(step.line);
        if (parsed.isObject())
            describeMessage(parsed.object(), step);
    } else if (kind == "processRecords"_L1) {
        QString error;
        const RecordBatchGenerator::Batch batch = records.generate(value.toObject(), &error);
        if (!error.isEmpty())
            return fail(where + u": "_s + error);
        step.line = batch.line;
        step.action = kind;
        step.responseFor = kind;
        step.recordCount = batch.recordCount;
        step.largestDelivered = batch.largest;
    } else {
        if (!value.isObject())
            return fail(where + u": \"%1\" must be an object"_s.arg(kind));
        QJsonObject message = value.toObject();
        if (kind == "message"_L1) {
            if (!message.contains("action"_L1))
                return fail(where + u": a \"message\" needs an \"action\" (use \"raw\" for anything else)"_s);
        } else {
            message.insert("action"_L1, kind);
        }
        if (kind == "initialize"_L1) {
            if (!message.contains("shardId"_L1))
                message.insert("shardId"_L1, shardId);
            if (m_scenario.protocol == ProtocolGeneration::V2 && !message.contains("sequenceNumber"_L1)) {
                message.insert("sequenceNumber"_L1, u"TRIM_HORIZON"_s);
                message.insert("subSequenceNumber"_L1, 0);
            }
        }
        if (kind == "shutdown"_L1 && !message.value("reason"_L1).isString())
            return fail(where + u": \"shutdown\" needs a \"reason\" (TERMINATE or ZOMBIE)"_s);
        step.line = json::renderDaemonMessage(message);
        describeMessage(message, step);
    }
    if (object.contains("responseFor"_L1)) {
        const QJsonValue responseFor = object.value("responseFor"_L1);
        if (!responseFor.isNull() && !responseFor.isString())
            return fail(where + u": \"responseFor\" must be a string or null"_s);
        step.responseFor = responseFor.toString();
    }
    return true;
}

bool ScenarioReader::readInjection(const QJsonValue &value, const QString &where, CheckpointInjection &injection)
{
    const QJsonObject object = value.toObject();
    injection.error = object.value("error"_L1).toString();
    injection.remaining = object.value("count"_L1).toInt(1);
    injection.fromStep = object.value("fromStep"_L1).toInt(0);
    if (injection.error.isEmpty() || injection.remaining < 1 || injection.fromStep < 0)
        return fail(where + u": each entry needs \"error\" (a string), optional \"count\" ≥ 1 and \"fromStep\" ≥ 0"_s);
    return true;
}

ScriptStep daemonOwnStep(const QString &action)
{
    ScriptStep step;
    const QJsonObject message{{u"action"_s, action}};
    step.line = json::renderDaemonMessage(message);
    describeMessage(message, step);
    return step;
}

} // namespace

Scenario Scenario::load(const QString &path, QString *error)
{
    return ScenarioReader(path).read(error);
}

ScriptStep shutdownRequestedStep()
{
    return daemonOwnStep(u"shutdownRequested"_s);
}

ScriptStep leaseLostStep()
{
    return daemonOwnStep(u"leaseLost"_s);
}

} // namespace qmld::peers

#include "TranscriptChecks.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace qmld::peers {

QStringList statusActions()
{
    return {u"initialize"_s, u"processRecords"_s, u"shutdownRequested"_s, u"leaseLost"_s, u"shardEnded"_s, u"shutdown"_s};
}

QString scenariosDir()
{
    return QDir(qEnvironmentVariable("QMLD_SOURCE_DIR")).filePath(u"tests/peers/scenarios"_s);
}

QString nodePeersDir()
{
    return qEnvironmentVariable("QMLD_NODE_PEERS");
}

QStringList actionsOf(const QList<QJsonObject> &messages, const QStringList &wanted)
{
    QStringList actions;
    for (const QJsonObject &message : messages) {
        const QString action = message.value("action"_L1).toString();
        if (wanted.contains(action))
            actions.append(action);
    }
    return actions;
}

QList<QJsonObject> withAction(const QList<QJsonObject> &messages, QLatin1StringView action)
{
    QList<QJsonObject> matching;
    for (const QJsonObject &message : messages) {
        if (message.value("action"_L1).toString() == action)
            matching.append(message);
    }
    return matching;
}

qsizetype eventIndex(const QJsonArray &events, const QString &event, const QString &shardId)
{
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject entry = events.at(i).toObject();
        if (entry.value("event"_L1).toString() == event && entry.value("shardId"_L1).toString() == shardId)
            return i;
    }
    return -1;
}

// Exactly one status per daemon message, with the message's action.
void verifyOneStatusPerMessage(const ShardTranscript &transcript)
{
    QStringList responseFors;
    for (const QJsonObject &status : withAction(transcript.childMessages, "status"_L1))
        responseFors.append(status.value("responseFor"_L1).toString());
    QCOMPARE(responseFors, actionsOf(transcript.daemonMessages, statusActions()));
}

void verifyExpectations(const QJsonObject &expected, const QJsonObject &shardSummary)
{
    const QJsonObject finalCheckpoint = shardSummary.value("finalCheckpoint"_L1).toObject();
    if (expected.contains("finalCheckpoint"_L1))
        QCOMPARE(finalCheckpoint.value("sequenceNumber"_L1).toString(), expected.value("finalCheckpoint"_L1).toString());
    if (expected.contains("finalSubSequenceNumber"_L1))
        QCOMPARE(finalCheckpoint.value("subSequenceNumber"_L1), expected.value("finalSubSequenceNumber"_L1));
    if (expected.contains("checkpointErrors"_L1)) {
        QJsonArray errors;
        for (const QJsonValue &entry : shardSummary.value("checkpoints"_L1).toArray())
            errors.append(entry["error"_L1]);
        QCOMPARE(errors, expected.value("checkpointErrors"_L1).toArray());
    }
    if (expected.contains("recordsDelivered"_L1))
        QCOMPARE(shardSummary.value("recordsDelivered"_L1), expected.value("recordsDelivered"_L1));
}

} // namespace qmld::peers

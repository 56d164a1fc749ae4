#pragma once

// Checks shared by the tests that run protocol scenarios through the scripted
// daemon, whatever the child (the npm aws-kcl peer or qmld's own).

#include "ScenarioRun.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace qmld::peers {

// The daemon actions each answered by exactly one status.
QStringList statusActions();

QString scenariosDir();
QString nodePeersDir();
QStringList actionsOf(const QList<QJsonObject> &messages, const QStringList &wanted);
QList<QJsonObject> withAction(const QList<QJsonObject> &messages, QLatin1StringView action);
qsizetype eventIndex(const QJsonArray &events, const QString &event, const QString &shardId);

// These use QCOMPARE: check QTest::currentTestFailed() after calling them.
void verifyOneStatusPerMessage(const ShardTranscript &transcript);
void verifyExpectations(const QJsonObject &expected, const QJsonObject &shardSummary);

} // namespace qmld::peers

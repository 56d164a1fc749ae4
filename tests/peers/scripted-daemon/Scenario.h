#pragma once

#include "ExtendedSequenceNumber.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmld::peers {

enum class ProtocolGeneration { V1, V2 };

// What a checkpoint request gets during an action, as the Java daemon decides.
enum class CheckpointContext {
    NoCheckpointer, // initialize, leaseLost: InvalidStateException
    Normal,         // processRecords, shutdownRequested
    ShardEnd,       // shardEnded, v1 shutdown TERMINATE: SHARD_END permitted
    Zombie,         // v1 shutdown ZOMBIE: the lease is gone, ShutdownException
};

// One line the daemon writes to a child (or a pause in the script).
struct ScriptStep
{
    enum class Kind { Line, Idle };

    Kind kind = Kind::Line;
    QByteArray line;
    QByteArray eol = QByteArrayLiteral("\n");
    QString action;      // the message's action, if the line is a JSON object
    QString responseFor; // status the daemon waits for; empty: none expected
    CheckpointContext context = CheckpointContext::Normal;
    bool terminal = false; // leaseLost, shardEnded, v1 shutdown
    qsizetype recordCount = 0;
    std::optional<ExtendedSequenceNumber> largestDelivered;
    std::optional<ExtendedSequenceNumber> initialCheckpoint; // from initialize

    bool expectsStatus() const { return !responseFor.isEmpty(); }
};

// Replace the next `remaining` checkpoint replies from step `fromStep` on
// with `error` (the request is then not stored).
struct CheckpointInjection
{
    QString error;
    int remaining = 1;
    int fromStep = 0;
};

struct ShardScript
{
    QString shardId;
    QStringList parents; // start only after each of these checkpointed SHARD_END
    QList<ScriptStep> steps;
    QList<CheckpointInjection> checkpointErrors;
};

struct Scenario
{
    QString path;
    QString description;
    ProtocolGeneration protocol = ProtocolGeneration::V2;
    int childExitTimeoutSeconds = 10;
    QList<ShardScript> shards;

    // Empty error on success; otherwise one line naming the file and the problem.
    static Scenario load(const QString &path, QString *error);
};

// Messages the daemon writes on its own, during graceful shutdown.
ScriptStep shutdownRequestedStep();
ScriptStep leaseLostStep();

} // namespace qmld::peers

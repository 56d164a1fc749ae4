#pragma once

#include "CheckpointBook.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace qmld::peers {

// One child→daemon line decoded the way the Java daemon's Jackson reader does:
// unknown actions, missing actions, non-JSON and unknown properties make the
// line "unexpected" (skipped); a bare `null` crashes the Java daemon.
struct ChildMessage
{
    enum class Kind {
        Unexpected, // skipped: `reason` says why
        BareNull,   // NullPointerException in the Java daemon
        Status,
        Checkpoint,
        Ignored, // another registered action: parsed, then ignored
    };

    Kind kind = Kind::Unexpected;
    QString reason;
    QString action;
    std::optional<QString> responseFor;
    CheckpointRequest checkpoint;
    bool trailingContentLost = false; // Jackson stops after the first value
    bool legacyCheckpoint = false;    // {"action":"checkpoint","checkpoint":...}

    // legacyCheckpoints: a KCL 1.x daemon, which before 1.7.2 took "checkpoint"
    // instead of sequenceNumber/subSequenceNumber; either form is accepted.
    static ChildMessage decode(const QByteArray &line, bool legacyCheckpoints = false);
};

} // namespace qmld::peers

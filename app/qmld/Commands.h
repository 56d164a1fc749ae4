#pragma once

#include <QStringList>

// One function per `qmld` command group; each gets the arguments after the
// program name (the command word first) and returns the process exit code.
int runCommand(const QStringList &arguments);     // qmld run
int streamCommand(const QStringList &arguments);  // qmld stream ...
int leaseCommand(const QStringList &arguments);   // qmld lease ...
int captureCommand(const QStringList &arguments);       // qmld capture
int streamImportCommand(const QStringList &arguments);  // qmld stream import
int replayCommand(const QStringList &arguments);        // qmld replay
int kclCommand(const QStringList &arguments);           // qmld kcl install

// Exit codes shared by every command.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,      // the work itself failed (daemon failed for good, I/O error)
    ExitUsage = 2,        // bad command line
    ExitConfiguration = 3 // bad properties file, missing daemon, unknown stream, port in use
};

#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// qmld-console's command line.
struct ConsoleOptions
{
    bool demo = false;
    QString storePath; // empty: the default store
    QStringList replays; // captures to open as streams
    QStringList starts;  // saved streams to start at once
    QString language;  // empty: the system's
    bool aws = false;     // open the AWS streams window
    QString awsStream;    // and this stream in it
    QString awsTail;      // and tail this shard of it
    QString awsFrom;      // from this position (empty: TRIM_HORIZON)
    QString screenshotPath;
    int screenshotAfterMs = 3000;

    // nullopt: print *message and exit with *exitCode (help, version, bad input).
    static std::optional<ConsoleOptions> parse(const QStringList &arguments, QString *message, int *exitCode);
};

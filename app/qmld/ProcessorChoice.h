#pragma once

#include <qmld/RecordProcessor.h>

#include <QString>

#include <optional>

// --processor log|null|PLUGIN [--processor-arg TEXT] [--output FILE], shared by
// `qmld run` and `qmld replay`.
struct ProcessorChoice
{
    QString processor;
    QString argument; // the plugin's
    QString output;   // the log processor's; empty: stdout

    // A usage error (unknown name, --processor-arg without a plugin), or nullopt.
    std::optional<QString> check(bool argumentGiven) const;
    // The factory, or null with one line in *error (output not writable, plugin
    // not loaded). *note says which plugin was loaded.
    qmld::RecordProcessorFactory makeFactory(QString *error, QString *note) const;
};

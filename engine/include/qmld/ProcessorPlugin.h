#pragma once

// The interface of a processor plugin: a shared library (a Qt plugin) that
// brings a user's own RecordProcessor to `qmld run`, `qmld replay` and the
// console, loaded by path with qmld::ProcessorPluginLoader.
//
// A plugin is one QObject subclass that implements qmld::ProcessorPlugin:
//
//     class MyPlugin : public QObject, public qmld::ProcessorPlugin
//     {
//         Q_OBJECT
//         Q_PLUGIN_METADATA(IID QMLD_PROCESSOR_PLUGIN_IID)
//         Q_INTERFACES(qmld::ProcessorPlugin)
//     public:
//         QString name() const override { return u"my-plugin"_s; }
//         QString description() const override { return u"What it does"_s; }
//         qmld::RecordProcessorFactory createFactory(const QString &argument, QString *error) override;
//     };
//
// ABI contract. The plugin and qmld share one process and one copy of QtCore,
// so the plugin must be built against the same Qt major.minor (Qt checks
// this when loading) and with the same C++ standard library. The interface
// between them is this header and <qmld/RecordProcessor.h> (and the headers
// it includes), used through virtual calls and inline members only: a plugin
// needs no qmld library to link against. A plugin that calls out-of-line
// engine functions (SequenceNumber::parse, ...) must link the engine module
// that defines them into itself, getting its own private copy of that module.
// The IID names the version of this contract; any incompatible change to
// these headers bumps it, and a plugin built for another version is refused
// with an error naming both.
//
// Exceptions. Anything a plugin throws, from createFactory, from the factory
// or from any RecordProcessor callback, is caught: createFactory's exception
// makes loading fail, a processor's fails only its own shard (the error
// names the shard, the callback and what() of the exception). Exceptions
// thrown on threads the plugin starts itself, and destructors that throw
// (which C++ turns into std::terminate), are the plugin's own business.

#include <qmld/RecordProcessor.h>

#include <QString>
#include <QtPlugin>

#define QMLD_PROCESSOR_PLUGIN_IID "io.qmld.ProcessorPlugin/1"

namespace qmld {

class ProcessorPlugin
{
public:
    virtual ~ProcessorPlugin() = default;

    // A short name ("partition-key-counter") and one line on what it does,
    // for --help texts, status lines and the console.
    virtual QString name() const = 0;
    virtual QString description() const = 0;

    // Called once per load, on the loading thread, with the user's argument
    // (`--processor-arg TEXT`; empty when none was given). Returns the
    // factory that creates one processor per shard, or an empty factory and
    // a one-line *error when the argument is unusable.
    //
    // The factory is called on each shard's own thread, for several shards at
    // once: whatever it shares between processors must be thread-safe. It and
    // everything it captures live until the last processor is destroyed; the
    // library is never unloaded while qmld runs.
    virtual RecordProcessorFactory createFactory(const QString &argument, QString *error) = 0;
};

} // namespace qmld

Q_DECLARE_INTERFACE(qmld::ProcessorPlugin, QMLD_PROCESSOR_PLUGIN_IID)

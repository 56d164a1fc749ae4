#pragma once

#include <qmld/RecordProcessor.h>

#include <QString>

namespace qmld {

// What a loaded plugin says about itself.
struct ProcessorPluginInfo
{
    QString path;        // absolute path of the library
    QString name;        // ProcessorPlugin::name()
    QString description; // ProcessorPlugin::description()
};

// Loads processor plugins (qmld/ProcessorPlugin.h) by path with QPluginLoader.
class ProcessorPluginLoader
{
public:
    // Loads the plugin at `path` and asks it for a factory for `argument`.
    // Returns an empty factory and sets *error to one line naming the path
    // when the file is missing, is not a Qt plugin (or not one for this Qt),
    // implements another interface or another version of this one, or when
    // the plugin refuses the argument or throws. On success fills *info
    // when given. The factory returned forwards to the plugin's; a plugin
    // factory that throws or returns no processor fails only that shard.
    // Thread-safe.
    static RecordProcessorFactory load(const QString &path, const QString &argument, QString *error,
                                       ProcessorPluginInfo *info = nullptr);

    // Whether a --processor value names a plugin file rather than a built-in
    // processor: it contains '/' or ends in ".so".
    static bool looksLikePath(const QString &processor);
};

} // namespace qmld

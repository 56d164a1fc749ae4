#include "ProcessorChoice.h"

#include <qmld/BuiltinProcessors.h>
#include <qmld/ProcessorPluginLoader.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

std::optional<QString> ProcessorChoice::check(bool argumentGiven) const
{
    const bool plugin = qmld::ProcessorPluginLoader::looksLikePath(processor);
    if (processor != u"log"_s && processor != u"null"_s && !plugin)
        return QCoreApplication::translate("qmld run", "unknown processor '%1' (log, null, or a plugin's path: "
                                                       "containing '/' or ending in .so)")
            .arg(processor);
    if (argumentGiven && !plugin)
        return QCoreApplication::translate("qmld run", "--processor-arg is for a processor plugin, not '%1'").arg(processor);
    return std::nullopt;
}

qmld::RecordProcessorFactory ProcessorChoice::makeFactory(QString *error, QString *note) const
{
    if (processor == u"log"_s) {
        auto sink = qmld::JsonLinesSink::open(output, error);
        return sink ? qmld::makeLogProcessorFactory(std::move(sink)) : qmld::RecordProcessorFactory();
    }
    if (processor == u"null"_s)
        return qmld::makeNullProcessorFactory();
    qmld::ProcessorPluginInfo plugin;
    qmld::RecordProcessorFactory factory = qmld::ProcessorPluginLoader::load(processor, argument, error, &plugin);
    if (factory)
        *note = QCoreApplication::translate("qmld run", "qmld: processor plugin %1 (%2)").arg(plugin.name, plugin.path);
    return factory;
}

// Loads a user's processor from a Qt plugin, and keeps whatever the plugin
// throws on its side of the line.

#include <qmld/ProcessorPlugin.h>
#include <qmld/ProcessorPluginLoader.h>

#include <QFileInfo>
#include <QJsonObject>
#include <QPluginLoader>

#include <exception>
#include <stdexcept>
#include <string>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

constexpr QLatin1StringView kIid{QMLD_PROCESSOR_PLUGIN_IID};
constexpr QLatin1StringView kIidFamily{"io.qmld.ProcessorPlugin/"};

QString whatOf(std::exception_ptr exception)
{
    try {
        std::rethrow_exception(std::move(exception));
    } catch (const std::exception &e) {
        return QString::fromLocal8Bit(e.what());
    } catch (...) {
        return u"unknown exception"_s;
    }
}

// Runs plugin code; on an exception, *thrown says what it was.
template <typename Call>
bool guarded(Call &&call, QString *thrown)
{
    try {
        call();
        return true;
    } catch (...) {
        *thrown = whatOf(std::current_exception());
        return false;
    }
}

RecordProcessorFactory fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return {};
}

} // namespace

bool ProcessorPluginLoader::looksLikePath(const QString &processor)
{
    return processor.contains(u'/') || processor.endsWith(u".so"_s);
}

RecordProcessorFactory ProcessorPluginLoader::load(const QString &path, const QString &argument, QString *error,
                                                   ProcessorPluginInfo *info)
{
    const QFileInfo file(path);
    if (!file.exists())
        return fail(error, u"cannot load the processor plugin %1: no such file"_s.arg(path));
    if (!file.isFile())
        return fail(error, u"cannot load the processor plugin %1: not a file"_s.arg(path));
    const QString absolute = file.absoluteFilePath();

    QPluginLoader loader(absolute);
    // Only read what the plugin declares: nothing of it runs yet.
    const QJsonObject metaData = loader.metaData();
    if (metaData.isEmpty())
        return fail(error, u"%1 is not a Qt plugin for this Qt %2 (%3)"_s.arg(path, QLatin1StringView(qVersion()),
                                                                              loader.errorString()));
    const QString iid = metaData.value(u"IID"_s).toString();
    if (iid.startsWith(kIidFamily) && iid != kIid)
        return fail(error, u"%1 is a processor plugin for %2, but this qmld loads %3: rebuild it against this qmld's headers"_s
                               .arg(path, iid, kIid));
    if (iid != kIid)
        return fail(error, u"%1 is a Qt plugin for '%2', not a qmld processor plugin (%3)"_s.arg(path, iid, kIid));

    QObject *instance = nullptr;
    QString thrown;
    if (!guarded([&] { instance = loader.instance(); }, &thrown))
        return fail(error, u"the processor plugin %1 threw while loading: %2"_s.arg(path, thrown));
    if (!instance)
        return fail(error, u"cannot load the processor plugin %1: %2"_s.arg(path, loader.errorString()));
    auto *plugin = qobject_cast<ProcessorPlugin *>(instance);
    if (!plugin)
        return fail(error, u"%1 declares %2 but its plugin object does not implement qmld::ProcessorPlugin"_s.arg(path, kIid));

    QString name;
    QString description;
    if (!guarded([&] { name = plugin->name(); description = plugin->description(); }, &thrown))
        return fail(error, u"the processor plugin %1 threw in name() or description(): %2"_s.arg(path, thrown));
    if (name.isEmpty())
        name = file.completeBaseName();

    RecordProcessorFactory factory;
    QString refusal;
    if (!guarded([&] { factory = plugin->createFactory(argument, &refusal); }, &thrown))
        return fail(error, u"the processor plugin %1 (%2) threw in createFactory: %3"_s.arg(path, name, thrown));
    if (!factory) {
        if (refusal.isEmpty())
            refusal = u"it created no processor factory"_s;
        return fail(error, u"the processor plugin %1 (%2) refused the argument '%3': %4"_s.arg(path, name, argument,
                                                                                              refusal));
    }

    if (info)
        *info = ProcessorPluginInfo{absolute, name, description};
    // The library stays loaded for good (QPluginLoader's destructor never
    // unloads), so the processors' code outlives every processor.
    const std::string label = u"processor plugin %1"_s.arg(name).toStdString();
    return [factory = std::move(factory), label]() -> std::unique_ptr<RecordProcessor> {
        try {
            return factory();
        } catch (...) {
            // Rethrown as a std::exception whose what() names the plugin; the
            // session turns it into the shard's error.
            throw std::runtime_error(label + ": " + whatOf(std::current_exception()).toStdString());
        }
    };
}

} // namespace qmld

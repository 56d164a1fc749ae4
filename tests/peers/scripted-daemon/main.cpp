// qmld-scripted-daemon: a stand-in for the Java KCL MultiLangDaemon that plays
// a scenario file against real child processes and records what they say.
// Usage mirrors the v2 daemon: --properties-file FILE (or one positional
// argument, as v1), plus --scenario and --transcript-dir.
// Exit codes: 0 every shard finished its script, 1 a protocol violation,
// 2 a usage, properties or scenario error.

#include "JavaProperties.h"
#include "Scenario.h"
#include "ScriptedDaemon.h"
#include "TerminationSignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace qmld::peers;

namespace {

int usageError(const QString &message)
{
    std::fprintf(stderr, "qmld-scripted-daemon: %s\n", qUtf8Printable(message));
    return 2;
}

// MultiLangRecordProcessorFactory: executableName.split(" +"), no shell.
// Java's split keeps a leading empty token and drops trailing ones.
QStringList splitExecutableName(const QString &executableName)
{
    QStringList parts = executableName.split(QRegularExpression(u" +"_s));
    while (!parts.isEmpty() && parts.constLast().isEmpty())
        parts.removeLast();
    return parts;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"qmld-scripted-daemon"_s);
    qSetMessagePattern(u"qmld-scripted-daemon: %{if-critical}violation: %{endif}%{message}"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Stand-in for the KCL MultiLangDaemon that follows a scenario script, for tests."_s);
    parser.addHelpOption();
    const QCommandLineOption propertiesOption({u"p"_s, u"properties-file"_s},
                                              u"MultiLangDaemon properties file (executableName, timeoutInSeconds)."_s,
                                              u"file"_s);
    const QCommandLineOption scenarioOption({u"s"_s, u"scenario"_s}, u"Scenario JSON file."_s, u"file"_s);
    const QCommandLineOption transcriptOption({u"t"_s, u"transcript-dir"_s},
                                              u"Folder for the transcripts and summary.json."_s, u"dir"_s);
    const QCommandLineOption logConfigurationOption({u"l"_s, u"log-configuration"_s},
                                                    u"Accepted for compatibility with the v2 daemon; ignored."_s,
                                                    u"file"_s);
    const QCommandLineOption childExitTimeoutOption(
        u"child-exit-timeout"_s,
        u"Seconds a child may take to exit once its stdin is closed (default: the scenario's childExitTimeoutSeconds, else 10)."_s,
        u"seconds"_s);
    parser.addOptions({propertiesOption, scenarioOption, transcriptOption, logConfigurationOption, childExitTimeoutOption});
    parser.addPositionalArgument(u"properties"_s, u"Properties file, as the v1 daemon takes it."_s, u"[properties]"_s);
    parser.process(app);

    QString propertiesPath = parser.value(propertiesOption);
    const QStringList positional = parser.positionalArguments();
    if (propertiesPath.isEmpty() && positional.size() == 1)
        propertiesPath = positional.constFirst();
    else if (!positional.isEmpty())
        return usageError(u"unexpected arguments: %1"_s.arg(positional.join(u' ')));
    if (propertiesPath.isEmpty())
        return usageError(u"no properties file (--properties-file FILE or one positional argument)"_s);
    if (!parser.isSet(scenarioOption))
        return usageError(u"no scenario (--scenario FILE)"_s);
    if (!parser.isSet(transcriptOption))
        return usageError(u"no transcript folder (--transcript-dir DIR)"_s);

    QString error;
    const JavaProperties properties = JavaProperties::load(propertiesPath, &error);
    if (!error.isEmpty())
        return usageError(error);
    const QString executableName = properties.value(u"executableName"_s);
    if (executableName.isEmpty())
        return usageError(u"properties file %1 has no executableName"_s.arg(propertiesPath));

    ShardDriver::Settings settings;
    settings.command = splitExecutableName(executableName);
    if (properties.contains(u"timeoutInSeconds"_s)) {
        bool ok = false;
        const int seconds = properties.value(u"timeoutInSeconds"_s).trimmed().toInt(&ok);
        if (!ok || seconds <= 0)
            return usageError(u"properties file %1: timeoutInSeconds must be a positive integer"_s.arg(propertiesPath));
        settings.timeoutInSeconds = seconds;
    }

    const Scenario scenario = Scenario::load(parser.value(scenarioOption), &error);
    if (!error.isEmpty())
        return usageError(error);
    settings.protocol = scenario.protocol;
    settings.childExitTimeoutSeconds = scenario.childExitTimeoutSeconds;
    if (parser.isSet(childExitTimeoutOption)) {
        bool ok = false;
        settings.childExitTimeoutSeconds = parser.value(childExitTimeoutOption).toInt(&ok);
        if (!ok || settings.childExitTimeoutSeconds <= 0)
            return usageError(u"--child-exit-timeout must be a positive number of seconds"_s);
    }
    settings.transcriptDir = parser.value(transcriptOption);
    if (!QDir().mkpath(settings.transcriptDir))
        return usageError(u"cannot create transcript folder %1"_s.arg(settings.transcriptDir));

    ScriptedDaemon daemon(scenario, settings);
    TerminationSignals signals_;
    QObject::connect(&signals_, &TerminationSignals::terminationRequested, &daemon,
                     &ScriptedDaemon::shutDownGracefully);
    QObject::connect(&daemon, &ScriptedDaemon::done, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    QMetaObject::invokeMethod(&daemon, &ScriptedDaemon::start, Qt::QueuedConnection);
    return app.exec();
}

// qmld run: one stream, one MultiLangDaemon, a built-in processor or a plugin.

#include "Commands.h"
#include "ProcessorChoice.h"
#include "StreamCommandSupport.h"
#include "RunStatus.h"
#include "UnixSignals.h"

#include <qmld/EmbeddedDaemon.h>
#include <qmld/KclApplication.h>
#include <qmld/ShardServer.h>
#include <qmld/StreamRunner.h>
#include <qmld/StreamStore.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

const char *const helpText = QT_TRANSLATE_NOOP("qmld run",
    "Processes a stream through a KCL MultiLangDaemon with a built-in processor or a\n"
    "processor plugin.\n"
    "\n"
    "qmld reads the KCL properties file, replaces its executableName with its own\n"
    "per-shard child (qmld-connect), starts the daemon in its own process group, and\n"
    "processes every shard the daemon hands it until SIGINT or SIGTERM, when it stops\n"
    "the daemon gracefully (SIGTERM, then SIGKILL after the grace period).\n"
    "\n"
    "Daemons (--mld): embedded (qmld-daemon), kcl-v1, kcl-v2 (also v3),\n"
    "dynamodb-streams, or any command line containing {properties}, e.g.\n"
    "  --mld 'java -cp /opt/kcl/* software.amazon.kinesis.multilang.MultiLangDaemon --properties-file {properties}'\n"
    "\n"
    "Processors (--processor): log writes one JSON line per record\n"
    "  {\"shardId\",\"sequenceNumber\",\"subSequenceNumber\",\"partitionKey\",\"data\"(base64),\"approximateArrivalTimestamp\"}\n"
    "and one per event {\"event\":\"initialize\"|\"checkpointed\"|\"checkpointFailed\"|\"leaseLost\"|\n"
    "\"shardEnded\"|\"shutdownRequested\",\"shardId\",...}; null discards records.\n"
    "A path (containing '/' or ending in .so) loads a processor plugin, a Qt plugin\n"
    "implementing qmld::ProcessorPlugin (qmld/ProcessorPlugin.h), and hands it the\n"
    "--processor-arg text, e.g. the example plugin:\n"
    "  --processor ./plugins/partition-key-counter.so --processor-arg counts.json\n"
    "A processor that throws fails only its own shard, with an error naming the shard.\n"
    "\n"
    "Checkpoints cover only records the processor has handled. Without --checkpoint-every\n"
    "and --checkpoint-interval, qmld checkpoints every 60000 ms; 0 for both turns it off.\n"
    "\n"
    "Exit codes: 0 stopped by a signal, or the daemon finished cleanly;\n"
    "1 the daemon kept failing (restart budget used up) or output failed;\n"
    "2 bad command line; 3 bad properties file, daemon not found, output not writable,\n"
    "a processor plugin that does not load, the port is in use, or (embedded) a store\n"
    "that is missing or damaged or lacks the stream.");

struct RunOptions
{
    QString propertiesPath;
    qmld::DaemonPreset preset;
    ProcessorChoice processor;
    qmld::CheckpointPolicy policy;
    std::chrono::milliseconds statusInterval{10000};
    QString javaClasspath;
    quint16 port = 0;
};

// One stderr stream for the whole program, so lines never interleave half-written.
QTextStream &err()
{
    return qmld::cli::standardError();
}

int usageError(const QString &message)
{
    err() << "qmld run: " << message << '\n' << QCoreApplication::translate("qmld run", "Try 'qmld run --help'.") << '\n';
    err().flush();
    return ExitUsage;
}

std::optional<qint64> nonNegative(const QCommandLineParser &parser, const QString &name, QString *error)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 0) {
        *error = QCoreApplication::translate("qmld run", "--%1 takes a whole number of at least 0, not '%2'")
                     .arg(name, parser.value(name));
        return std::nullopt;
    }
    return value;
}

// Returns the exit code of a usage error, or nullopt when the options are good.
std::optional<int> parseOptions(const QStringList &arguments, RunOptions &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("qmld run", helpText));
    parser.addHelpOption();
    parser.addPositionalArgument(u"run"_s, QString(), u"run"_s);
    parser.addOptions({
        {u"properties"_s, QCoreApplication::translate("qmld run", "The KCL properties file."), u"FILE"_s},
        {u"mld"_s, QCoreApplication::translate("qmld run", "The daemon: a preset or a command line with {properties}."),
         u"PRESET|TEMPLATE"_s},
        {u"processor"_s, QCoreApplication::translate("qmld run", "log, null, or the path of a processor plugin."),
         u"NAME|PATH"_s},
        {u"processor-arg"_s, QCoreApplication::translate("qmld run", "The plugin's argument (its meaning is the plugin's)."),
         u"TEXT"_s},
        {u"output"_s, QCoreApplication::translate("qmld run", "Where the log processor writes (default: stdout)."), u"FILE"_s},
        {u"checkpoint-every"_s, QCoreApplication::translate("qmld run", "Checkpoint every N handled records (0: off)."),
         u"N"_s, u"0"_s},
        {u"checkpoint-interval"_s, QCoreApplication::translate("qmld run", "Checkpoint every MS milliseconds (0: off)."),
         u"MS"_s},
        {u"status-interval"_s, QCoreApplication::translate("qmld run", "Print a status line every MS milliseconds (0: never)."),
         u"MS"_s, u"10000"_s},
        {u"watchdog"_s, QCoreApplication::translate("qmld run", "Fail a shard whose processor is stuck this long (0: off)."),
         u"MS"_s, u"0"_s},
        {u"java-classpath"_s, QCoreApplication::translate("qmld run", "Classpath of the KCL jars (default: $QMLD_JAVA_CLASSPATH)."),
         u"CP"_s},
        {u"port"_s, QCoreApplication::translate("qmld run", "Loopback port for the shard connections (default: any free port)."),
         u"PORT"_s, u"0"_s},
    });
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        QTextStream(stdout) << parser.helpText().replace(u"qmld [options] run"_s, u"qmld run [options]"_s);
        return ExitOk;
    }
    if (parser.positionalArguments().size() > 1)
        return usageError(QCoreApplication::translate("qmld run", "unexpected argument '%1'").arg(parser.positionalArguments().at(1)));
    for (const QString &required : {u"properties"_s, u"mld"_s, u"processor"_s})
        if (!parser.isSet(required))
            return usageError(QCoreApplication::translate("qmld run", "--%1 is required").arg(required));

    options.propertiesPath = parser.value(u"properties"_s);
    QString error;
    const auto preset = qmld::DaemonPreset::fromString(parser.value(u"mld"_s), &error);
    if (!preset)
        return usageError(error);
    options.preset = *preset;
    options.processor = {parser.value(u"processor"_s), parser.value(u"processor-arg"_s), parser.value(u"output"_s)};
    if (const auto problem = options.processor.check(parser.isSet(u"processor-arg"_s)))
        return usageError(*problem);

    const auto every = nonNegative(parser, u"checkpoint-every"_s, &error);
    const auto interval = parser.isSet(u"checkpoint-interval"_s) ? nonNegative(parser, u"checkpoint-interval"_s, &error)
                          : parser.isSet(u"checkpoint-every"_s) ? std::optional<qint64>(0)
                                                                 : std::optional<qint64>(60000);
    const auto status = nonNegative(parser, u"status-interval"_s, &error);
    const auto watchdog = nonNegative(parser, u"watchdog"_s, &error);
    const auto port = nonNegative(parser, u"port"_s, &error);
    if (!every || !interval || !status || !watchdog || !port)
        return usageError(error);
    if (*port > 65535)
        return usageError(QCoreApplication::translate("qmld run", "--port must be at most 65535"));
    options.policy.everyRecords = *every;
    options.policy.interval = std::chrono::milliseconds(*interval);
    options.policy.watchdog = std::chrono::milliseconds(*watchdog);
    options.statusInterval = std::chrono::milliseconds(*status);
    options.javaClasspath = parser.value(u"java-classpath"_s);
    options.port = quint16(*port);
    return std::nullopt;
}

int configurationError(const QString &message)
{
    err() << "qmld run: " << message << '\n';
    err().flush();
    return ExitConfiguration;
}

} // namespace

int runCommand(const QStringList &arguments)
{
    RunOptions options;
    if (const auto exit = parseOptions(arguments, options))
        return *exit;
    qSetMessagePattern(u"qmld: %{if-category}%{category}: %{endif}%{message}"_s);

    QString error;
    const auto properties = qmld::JavaProperties::load(options.propertiesPath, &error);
    if (!properties)
        return configurationError(error);
    const auto application = qmld::KclApplication::fromProperties(*properties);
    if (const auto *problems = std::get_if<qmld::KclApplication::Problems>(&application))
        return configurationError(qmld::KclApplication::messages(*problems).join(u"\nqmld run: "_s));

    // The embedded daemon fails at every restart when its store or stream is
    // wrong, and its exit code (1, as Java's) cannot tell that from a passing
    // failure; so they are checked here, once, before it starts.
    if (options.preset.kind() == qmld::DaemonPreset::Kind::Embedded) {
        const auto &app = std::get<qmld::KclApplication>(application);
        if (const auto problem = qmld::embeddedStreamProblem(qmld::StreamStore::resolvePath(app.qmldStore), app.streamName))
            return configurationError(*problem);
    }

    QString note;
    qmld::RecordProcessorFactory factory = options.processor.makeFactory(&error, &note);
    if (!factory)
        return configurationError(error);
    if (!note.isEmpty())
        err() << note << '\n' << Qt::flush;

    qmld::ShardServerOptions serverOptions;
    serverOptions.policy = options.policy;
    qmld::ShardServer server(std::move(factory), serverOptions);
    if (!server.listen(options.port))
        return configurationError(QCoreApplication::translate("qmld run", "cannot listen on 127.0.0.1:%1: %2")
                                      .arg(options.port)
                                      .arg(server.errorString()));

    const QString binDir = QCoreApplication::applicationDirPath();
    qmld::StreamRunnerOptions runnerOptions;
    runnerOptions.daemon = options.preset;
    runnerOptions.javaClasspath = options.javaClasspath;
    runnerOptions.binDirectory = binDir;
    runnerOptions.connectProgram = QDir(binDir).absoluteFilePath(u"qmld-connect"_s);
    runnerOptions.port = server.port();
    runnerOptions.token = server.token();
    runnerOptions.restartOnCleanExit = false;
    qmld::StreamRunner runner(*properties, runnerOptions);

    RunStatus status(runner);
    QObject::connect(&server, &qmld::ShardServer::sessionEvent, &status, &RunStatus::onSessionEvent);
    QObject::connect(&runner, &qmld::StreamRunner::logLine, &status,
                     [](const QString &line) { err() << "daemon: " << line << '\n' << Qt::flush; });

    int exitCode = ExitOk;
    bool stopping = false;
    const auto stopAll = [&](int code) {
        if (stopping)
            return;
        stopping = true;
        exitCode = code;
        if (runner.state() == qmld::StreamRunner::State::Stopped || runner.state() == qmld::StreamRunner::State::Failed)
            QCoreApplication::exit(exitCode);
        else
            runner.stop();
    };
    QObject::connect(&runner, &qmld::StreamRunner::stopped, &status, [&] { QCoreApplication::exit(exitCode); });
    QObject::connect(&runner, &qmld::StreamRunner::daemonExited, &status,
                     [](const QString &reason) { err() << "qmld: " << reason << '\n' << Qt::flush; });
    QObject::connect(&runner, &qmld::StreamRunner::stateChanged, &status, [&](qmld::StreamRunner::State state) {
        if (state == qmld::StreamRunner::State::Failed) {
            err() << QCoreApplication::translate("qmld run", "qmld: the daemon failed for good: %1").arg(runner.lastError()) << '\n'
                  << Qt::flush;
            stopAll(ExitFailure);
        }
    });

    UnixSignals unixSignals({SIGINT, SIGTERM});
    QObject::connect(&unixSignals, &UnixSignals::received, &status, [&](int) {
        err() << QCoreApplication::translate("qmld run", "qmld: stopping the daemon") << '\n' << Qt::flush;
        stopAll(ExitOk);
    });

    QTimer statusTimer;
    if (options.statusInterval.count() > 0) {
        QObject::connect(&statusTimer, &QTimer::timeout, &status, [&] { err() << status.line() << '\n' << Qt::flush; });
        statusTimer.start(options.statusInterval);
    }

    if (!runner.start())
        return configurationError(runner.lastError());

    const int code = QCoreApplication::exec();
    server.close();
    err() << status.line() << '\n' << Qt::flush;
    return code;
}

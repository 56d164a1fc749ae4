// qmld run: one stream, one MultiLangDaemon, a built-in processor or a plugin.

#include "Commands.h"
#include "ProcessorChoice.h"
#include "StreamCommandSupport.h"
#include "RunStatus.h"
#include "UnixSignals.h"

#include <qmld/EmbeddedDaemon.h>
#include <qmld/KclApplication.h>
#include <qmld/LeaseApplications.h>
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

// Where a shard without a checkpoint starts: no sequence numbers here.
std::optional<qmld::ShardPosition> startingPosition(const QString &text)
{
    const auto position = qmld::cli::parsePosition(text);
    if (!position || position->type == qmld::ShardPosition::Type::AtSequenceNumber
        || position->type == qmld::ShardPosition::Type::AfterSequenceNumber)
        return std::nullopt;
    return position;
}

const char *const helpText = QT_TRANSLATE_NOOP("qmld run",
    "Processes a stream through a KCL MultiLangDaemon with a built-in processor or a\n"
    "processor plugin.\n"
    "\n"
    "  qmld run --stream NAME [--store PATH] [--application NAME] [--from POSITION] --processor ...\n"
    "runs a stream of the embedded store through the embedded daemon, no properties\n"
    "file needed (the application name defaults to the stream's; its leases keep its\n"
    "checkpoints across runs). --from says where a shard without a checkpoint starts:\n"
    "LATEST (the KCL default: only records put from now on), TRIM_HORIZON (the oldest\n"
    "record kept) or AT_TIMESTAMP:T, T in ISO 8601 or epoch milliseconds. Otherwise:\n"
    "  qmld run --properties FILE --mld DAEMON --processor ...\n"
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
    "1 the daemon kept failing (restart budget used up), exited twice in a row\n"
    "during its startup with the same error (e.g. a property only it rejects),\n"
    "or output failed;\n"
    "2 bad command line; 3 bad properties file, daemon not found, output not writable,\n"
    "a processor plugin that does not load, the port is in use, or (embedded) a store\n"
    "that is missing or damaged or lacks the stream.");

struct RunOptions
{
    QString propertiesPath;     // or, for the embedded daemon without a file:
    QString stream;
    QString storePath;
    QString application;
    QString from;
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
    parser.addOptions({
        {u"properties"_s, QCoreApplication::translate("qmld run", "The KCL properties file."), u"FILE"_s},
        {u"stream"_s, QCoreApplication::translate("qmld run", "Instead of --properties: the stream of the embedded store "
                                                              "to process (the embedded daemon)."),
         u"NAME"_s},
        {u"store"_s, QCoreApplication::translate("qmld run", "With --stream: the store file (default: $QMLD_STORE, "
                                                             "else %1).").arg(qmld::StreamStore::defaultPath()),
         u"PATH"_s},
        {u"application"_s, QCoreApplication::translate("qmld run", "With --stream: the application name, which names "
                                                                   "its lease table (default: the stream's name)."),
         u"NAME"_s},
        {u"from"_s, QCoreApplication::translate("qmld run", "With --stream: where shards without a checkpoint start: "
                                                            "LATEST (default), TRIM_HORIZON or AT_TIMESTAMP:T."),
         u"POSITION"_s},
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
    // The first argument is taken for the program's name: "run" is.
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), u"Usage: qmld run [options]"_s);
        QTextStream(stdout) << help;
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QCoreApplication::translate("qmld run", "unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    const bool byStream = parser.isSet(u"stream"_s);
    if (byStream == parser.isSet(u"properties"_s))
        return usageError(QCoreApplication::translate("qmld run", "give --stream NAME (the embedded store) or --properties FILE"));
    if (!byStream) {
        for (const QString &streamOnly : {u"store"_s, u"application"_s, u"from"_s})
            if (parser.isSet(streamOnly))
                return usageError(QCoreApplication::translate("qmld run", "--%1 goes with --stream; with --properties, "
                                                                          "the properties file says it")
                                      .arg(streamOnly));
    }
    for (const QString &required : {byStream ? u"processor"_s : u"mld"_s, u"processor"_s})
        if (!parser.isSet(required))
            return usageError(QCoreApplication::translate("qmld run", "--%1 is required").arg(required));

    options.propertiesPath = parser.value(u"properties"_s);
    options.stream = parser.value(u"stream"_s);
    options.storePath = qmld::StreamStore::resolvePath(parser.value(u"store"_s));
    options.application = parser.isSet(u"application"_s) ? parser.value(u"application"_s) : options.stream;
    options.from = parser.value(u"from"_s);
    QString error;
    const auto preset = qmld::DaemonPreset::fromString(byStream && !parser.isSet(u"mld"_s) ? u"embedded"_s
                                                                                        : parser.value(u"mld"_s),
                                                       &error);
    if (!preset)
        return usageError(error);
    if (byStream && preset->kind() != qmld::DaemonPreset::Kind::Embedded)
        return usageError(QCoreApplication::translate("qmld run", "--stream runs the embedded daemon; for another "
                                                                  "daemon give --properties FILE"));
    if (byStream && !options.from.isEmpty() && !startingPosition(options.from))
        return usageError(QCoreApplication::translate("qmld run", "--from '%1' is not LATEST, TRIM_HORIZON or "
                                                                  "AT_TIMESTAMP:T (T in ISO 8601 or epoch milliseconds)")
                              .arg(options.from));
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

// The properties of `qmld run --stream`: what a user would otherwise write.
qmld::JavaProperties streamProperties(const RunOptions &options)
{
    qmld::JavaProperties properties;
    properties.set(u"applicationName"_s, options.application);
    properties.set(u"streamName"_s, options.stream);
    properties.set(u"qmldStore"_s, options.storePath);
    const auto from = startingPosition(options.from.isEmpty() ? u"LATEST"_s : options.from);
    if (from->type == qmld::ShardPosition::Type::AtTimestamp) {
        properties.set(u"initialPositionInStream"_s, u"AT_TIMESTAMP"_s);
        // Epoch seconds, as the KCL key has it, to the millisecond.
        properties.set(u"initialPositionInStreamExtended"_s,
                       u"%1.%2"_s.arg(from->timestampMs / 1000).arg(from->timestampMs % 1000, 3, 10, QLatin1Char('0')));
    } else {
        properties.set(u"initialPositionInStream"_s, from->toString());
    }
    return properties;
}

// A new application starts at LATEST unless told otherwise: say so when that
// skips records the stream already holds.
void noteSkippedRecords(const qmld::JavaProperties &properties)
{
    const QString position = properties.value(u"initialPositionInStream"_s, u"LATEST"_s);
    if (position != u"LATEST"_s)
        return;
    const QString storePath = qmld::StreamStore::resolvePath(properties.value(u"qmldStore"_s));
    const QString application = properties.value(u"tableName"_s, properties.value(u"applicationName"_s));
    const auto applications = qmld::leaseApplications(storePath);
    if (!applications)
        return;
    for (const qmld::LeaseApplication &known : *applications)
        if (known.name == application && known.leases > 0)
            return; // its checkpoints say where to go on
    auto store = qmld::StreamStore::open(storePath, qmld::StreamStore::OpenMode::MustExist);
    if (!store)
        return;
    const QString stream = properties.value(u"streamName"_s);
    auto description = store->describeStream(stream);
    if (!description)
        return;
    qint64 records = 0;
    for (const qmld::ShardInfo &shard : description->shards)
        records += std::max<qint64>(0, shard.recordCount);
    if (records == 0)
        return;
    err() << QCoreApplication::translate("qmld run",
                                         "qmld run: stream \"%1\" already holds %2 records; application \"%3\" is new "
                                         "and starts at LATEST (the KCL default), so it skips them. To process them, "
                                         "start it with --from TRIM_HORIZON (or initialPositionInStream = TRIM_HORIZON "
                                         "in the properties file).")
                 .arg(stream)
                 .arg(records)
                 .arg(application)
          << '\n' << Qt::flush;
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
    const auto properties = options.stream.isEmpty() ? qmld::JavaProperties::load(options.propertiesPath, &error)
                                                     : std::optional(streamProperties(options));
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
        noteSkippedRecords(*properties);
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
    QObject::connect(&server, &qmld::ShardServer::sessionEvent, &runner, [&runner](const qmld::SessionEvent &event) {
        if (event.kind == qmld::SessionEvent::Kind::Connected)
            runner.shardConnected();
    });
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
    bool starting = true; // a start that fails is reported once, below
    QObject::connect(&runner, &qmld::StreamRunner::stateChanged, &status, [&](qmld::StreamRunner::State state) {
        if (state == qmld::StreamRunner::State::Failed && !starting) {
            if (runner.failedToStart())
                err() << "qmld: " << runner.lastError() << '\n' << Qt::flush;
            else
                err() << QCoreApplication::translate("qmld run", "qmld: the daemon failed for good: %1").arg(runner.lastError()) << '\n'
                      << Qt::flush;
            stopAll(ExitFailure);
        }
    });

    UnixSignals unixSignals({SIGINT, SIGTERM});
    QObject::connect(&unixSignals, &UnixSignals::received, &status, [&](int) {
        if (!stopping)
            err() << QCoreApplication::translate("qmld run", "qmld: stopping the daemon") << '\n' << Qt::flush;
        stopAll(ExitOk);
    });

    QTimer statusTimer;
    if (options.statusInterval.count() > 0) {
        QObject::connect(&statusTimer, &QTimer::timeout, &status, [&] { err() << status.line() << '\n' << Qt::flush; });
        statusTimer.start(options.statusInterval);
    }

    if (!runner.start())
        return ExitConfiguration; // the runner said why, in one line
    starting = false;

    const int code = QCoreApplication::exec();
    server.close();
    err() << status.line() << '\n' << Qt::flush;
    return code;
}

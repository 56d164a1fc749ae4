// qmld replay: a capture, through the embedded daemon, into a processor.

#include "Commands.h"
#include "ProcessorChoice.h"
#include "StreamCommandSupport.h"
#include "UnixSignals.h"

#include <qmld/CaptureFeeder.h>
#include <qmld/ReplayProgress.h>
#include <qmld/StreamHost.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld replay", text);
}

// One stderr stream for the whole program, so lines never interleave half-written.
QTextStream &err()
{
    return qmld::cli::standardError();
}

const char *const helpText = QT_TRANSLATE_NOOP("qmld replay",
    "Runs a capture file (qmld capture, a console export, a log with a header) through\n"
    "the embedded daemon into a processor, on this machine: the same shard ids, parents\n"
    "and sequence numbers, parents before children, KPL user records with their\n"
    "sub-sequence numbers. The records go into a private store as they arrived\n"
    "(--speed 1x), N times faster (Nx) or at once (max, the default); every shard ends\n"
    "with shardEnded and a SHARD_END checkpoint, and then a summary is printed.\n"
    "\n"
    "Processors: log (JSON lines to --output or stdout), null, or a plugin's path\n"
    "(with --processor-arg). The whole capture is read once before the replay\n"
    "starts, so a bad line stops it at once, naming the line.\n"
    "\n"
    "Exit codes: 0 every shard ended without an error; 1 a shard failed or the\n"
    "daemon failed; 2 bad command line; 3 bad capture file or a processor that\n"
    "does not load; 130 interrupted by SIGINT (Ctrl+C), 143 by SIGTERM (the summary\n"
    "then says how far it got). A second signal ends it without waiting for the\n"
    "daemon to stop.");

std::optional<double> parseSpeed(const QString &text)
{
    if (text == u"max"_s)
        return 0.0;
    QString number = text;
    if (number.endsWith(u'x'))
        number.chop(1);
    bool ok = false;
    const double speed = number.toDouble(&ok);
    return ok && speed > 0 ? std::optional(speed) : std::nullopt;
}

qmld::JavaProperties replayProperties(const QString &stream, const QString &storePath)
{
    qmld::JavaProperties properties;
    const std::pair<QString, QString> entries[] = {
        {u"applicationName"_s, u"qmld-replay"_s},
        {u"streamName"_s, stream},
        {u"executableName"_s, u"qmld-connect"_s},
        {u"workerId"_s, u"replay"_s},
        {u"qmldStore"_s, storePath},
        {u"initialPositionInStream"_s, u"TRIM_HORIZON"_s},
        {u"idleTimeBetweenReadsInMillis"_s, u"100"_s},
        {u"shardSyncIntervalMillis"_s, u"500"_s},
        {u"parentShardPollIntervalMillis"_s, u"200"_s},
        {u"cleanupLeasesUponShardCompletion"_s, u"false"_s},
    };
    for (const auto &[key, value] : entries)
        properties.set(key, value);
    return properties;
}

} // namespace

int replayCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(helpText));
    parser.addHelpOption();
    parser.addPositionalArgument(u"FILE"_s, tr("The capture file (JSON lines, optionally gzip)."));
    parser.addOptions({
        {u"processor"_s, tr("log, null, or the path of a processor plugin."), u"NAME"_s},
        {u"processor-arg"_s, tr("The plugin's argument."), u"TEXT"_s},
        {u"output"_s, tr("Where the log processor writes (default: stdout)."), u"FILE"_s},
        {u"speed"_s, tr("max (default), 1x as recorded, or Nx (e.g. 10x, 0.5x)."), u"SPEED"_s, u"max"_s},
        {u"checkpoint-every"_s, tr("Checkpoint every N handled records (default 0: only at SHARD_END)."), u"N"_s, u"0"_s},
    });
    const auto usageError = [](const QString &message) {
        err() << "qmld replay: " << message << '\n' << tr("Try 'qmld replay --help'.") << '\n' << Qt::flush;
        return int(ExitUsage);
    };
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        QTextStream(stdout) << parser.helpText().replace(u"qmld [options] FILE"_s, u"qmld replay [options] FILE"_s);
        return ExitOk;
    }
    // parse() takes the first argument, "replay", for the program's name.
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(positional.isEmpty() ? tr("which capture file? (qmld replay FILE --processor NAME)")
                                               : tr("unexpected argument '%1'").arg(positional.at(1)));
    if (!parser.isSet(u"processor"_s))
        return usageError(tr("--processor is required"));
    const ProcessorChoice choice{parser.value(u"processor"_s), parser.value(u"processor-arg"_s), parser.value(u"output"_s)};
    if (const auto problem = choice.check(parser.isSet(u"processor-arg"_s)))
        return usageError(*problem);
    const auto speed = parseSpeed(parser.value(u"speed"_s));
    if (!speed)
        return usageError(tr("--speed takes max, 1x or Nx, not '%1'").arg(parser.value(u"speed"_s)));
    bool ok = false;
    const qint64 every = parser.value(u"checkpoint-every"_s).toLongLong(&ok);
    if (!ok || every < 0)
        return usageError(tr("--checkpoint-every takes a whole number of at least 0, not '%1'")
                              .arg(parser.value(u"checkpoint-every"_s)));
    qSetMessagePattern(u"qmld: %{if-category}%{category}: %{endif}%{message}"_s);
    // The private store and daemon are the replay's business; their warnings still show.
    QLoggingCategory::setFilterRules(u"qmld.store.info=false\nqmld.runner.info=false"_s);

    const auto configurationError = [](const QString &message) {
        err() << "qmld replay: " << message << '\n' << Qt::flush;
        return int(ExitConfiguration);
    };
    QTemporaryDir work(QDir::temp().filePath(u"qmld-replay-XXXXXX"_s));
    if (!work.isValid())
        return configurationError(tr("cannot create a private folder for the replay: %1").arg(work.errorString()));
    QFile::setPermissions(work.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString storePath = work.filePath(u"replay.sqlite"_s);

    qmld::CaptureFeeder::Options feederOptions;
    feederOptions.capturePath = positional.at(0);
    feederOptions.storePath = storePath;
    feederOptions.speed = *speed;
    qmld::CaptureFeeder feeder(feederOptions);
    QString error;
    if (!feeder.prepare(&error))
        return qmld::cli::reportError(error, ExitConfiguration); // the very line `qmld stream import` prints
    QString note;
    qmld::RecordProcessorFactory factory = choice.makeFactory(&error, &note);
    if (!factory)
        return configurationError(error);
    if (!note.isEmpty())
        err() << note << '\n' << Qt::flush;

    qmld::StreamHostOptions hostOptions;
    hostOptions.name = feeder.streamName();
    hostOptions.properties = replayProperties(feeder.streamName(), storePath);
    hostOptions.processor = std::move(factory);
    hostOptions.server.policy.everyRecords = every;
    hostOptions.leases = qmld::leaseSourceFor(hostOptions.properties);
    hostOptions.leases->pollInterval = std::chrono::milliseconds(200); // the end is seen in the lease table
    hostOptions.runner.runtimeParent = work.path();
    hostOptions.runner.initialBackoff = std::chrono::milliseconds(500);
    hostOptions.runner.restartBudget = 2;
    qmld::StreamHost host(hostOptions);

    std::int64_t checkpoints = 0;
    std::int64_t processed = 0;
    QStringList errors;
    QObject::connect(&host, &qmld::StreamHost::sessionEvent, &host, [&](const qmld::SessionEvent &event) {
        if (event.kind == qmld::SessionEvent::Kind::Records)
            processed += event.records;
        if (event.kind == qmld::SessionEvent::Kind::Checkpoint && event.checkpoint.ok())
            ++checkpoints;
        if (event.kind == qmld::SessionEvent::Kind::Failed)
            errors << tr("shard %1: %2").arg(event.shardId, event.message);
    });
    QObject::connect(&host, &qmld::StreamHost::logLine, &host, [](const QString &line, qmld::StreamRunner::LogLevel level) {
        if (level >= qmld::StreamRunner::LogLevel::Warning)
            err() << "daemon: " << line << '\n' << Qt::flush;
    });

    bool shardsClosed = false;
    QObject::connect(&feeder, &qmld::CaptureFeeder::shardsClosed, &host, [&] { shardsClosed = true; });
    int exitCode = ExitOk;
    bool stopping = false;
    int interruptedBy = 0; // the signal that stopped the replay
    // Queued, so that it also ends an event loop that has not started yet.
    const auto exitSoon = [](int code) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [code] { QCoreApplication::exit(code); },
                                  Qt::QueuedConnection);
    };
    const auto stop = [&](int code) {
        if (std::exchange(stopping, true))
            return;
        exitCode = code;
        if (host.isStopped())
            exitSoon(exitCode);
        else
            host.stop();
    };
    QObject::connect(&host, &qmld::StreamHost::stopped, &host, [&] { exitSoon(exitCode); });
    QObject::connect(&feeder, &qmld::CaptureFeeder::failed, &host, [&](const QString &reason) {
        errors << reason;
        stop(ExitConfiguration); // a bad capture, found part way
    });
    QObject::connect(&host, &qmld::StreamHost::snapshotReady, &host, [&](const qmld::MonitorSnapshotPtr &snapshot) {
        if (stopping)
            return;
        if (snapshot->daemon.state == qmld::StreamRunner::State::Failed) {
            errors << tr("the daemon failed: %1").arg(snapshot->daemon.lastError);
            stopping = true;
            exitSoon(ExitFailure);
            return;
        }
        if (!errors.isEmpty()) {
            stop(ExitFailure);
        } else if (feeder.isFinished() && !shardsClosed) {
            if (qmld::openShardsLeased(*snapshot, feeder.header()))
                feeder.closeShards();
        } else if (shardsClosed && qmld::allShardsEnded(*snapshot, feeder.header())) {
            stop(ExitOk);
        }
    });
    UnixSignals unixSignals({SIGINT, SIGTERM});
    QObject::connect(&unixSignals, &UnixSignals::received, &host, [&](int signalNumber) {
        feeder.pause();
        if (interruptedBy != 0 || stopping) {
            // Asked again, or already on the way out: do not wait for the daemon.
            if (interruptedBy == 0)
                interruptedBy = signalNumber;
            exitSoon(128 + interruptedBy);
            return;
        }
        interruptedBy = signalNumber;
        stop(128 + signalNumber);
    });

    QTimer progress;
    QObject::connect(&progress, &QTimer::timeout, &host, [&] {
        err() << tr("replay: %1 records fed, %2 processed").arg(feeder.recordsFed()).arg(processed)
              << '\n' << Qt::flush;
    });
    progress.start(std::chrono::seconds(2));

    QElapsedTimer clock;
    clock.start();
    host.start();
    feeder.play();
    const int code = QCoreApplication::exec();

    const double seconds = double(clock.elapsed()) / 1000.0;
    for (const QString &line : std::as_const(errors))
        err() << "qmld replay: " << line << '\n';
    const QLocale locale;
    if (interruptedBy != 0) {
        err() << tr("qmld replay: interrupted by %1 after %2 of %3 records fed, %4 processed, %5 checkpoints "
                    "(%6 s): the replay is incomplete")
                     .arg(interruptedBy == SIGINT ? u"SIGINT"_s : u"SIGTERM"_s,
                          locale.toString(feeder.recordsFed()), locale.toString(feeder.recordCount()),
                          locale.toString(processed))
                     .arg(checkpoints)
                     .arg(locale.toString(seconds, 'f', 2))
              << '\n' << Qt::flush;
        return 128 + interruptedBy;
    }
    err() << tr("replayed %1 of %2 records over %3 shards in %4 s (%5 records/s): %6 checkpoints, %7 errors")
                 .arg(locale.toString(processed), locale.toString(feeder.recordCount()))
                 .arg(feeder.header().shards.size())
                 .arg(locale.toString(seconds, 'f', 2), locale.toString(seconds > 0 ? double(processed) / seconds : 0.0, 'f', 0))
                 .arg(checkpoints)
                 .arg(errors.size())
          << '\n' << Qt::flush;
    return code;
}

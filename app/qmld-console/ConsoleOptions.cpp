#include "ConsoleOptions.h"

#include <qmld/aws/KinesisClient.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

using namespace Qt::StringLiterals;

std::optional<ConsoleOptions> ConsoleOptions::parse(const QStringList &arguments, QString *message, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "qmld-console",
        "The qmld operations console: live lease ownership, per-shard lag, record previews\n"
        "and manual checkpoints for KCL MultiLangDaemon applications.\n"
        "\n"
        "--demo runs a local stream 'demo' (4 shards, a producer of shop events with bursts)\n"
        "through the embedded daemon, with a second worker in the background: no AWS, no Java.\n"
        "\n"
        "SIGTERM, SIGINT and SIGHUP quit as File > Quit does: every stream is stopped the\n"
        "graceful way (its children get shutdownRequested and may checkpoint), then the\n"
        "console exits with status 0. A second signal ends it at once."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"demo"_s, QCoreApplication::translate("qmld-console", "Run the embedded demo stream.")},
        {u"store"_s, QCoreApplication::translate("qmld-console", "The embedded store (default: $QMLD_STORE, else the per-user store)."),
         u"PATH"_s},
        {u"replay"_s, QCoreApplication::translate("qmld-console", "Open a capture file as a stream of its own (repeatable)."),
         u"FILE"_s},
        {u"start"_s, QCoreApplication::translate("qmld-console", "Start this saved stream at once (repeatable)."),
         u"STREAM"_s},
        {u"lang"_s, QCoreApplication::translate("qmld-console", "The language of the console: en, de, ja (default: the system's)."),
         u"LANG"_s},
        {u"aws"_s, QCoreApplication::translate("qmld-console", "Open the AWS streams window and list the streams of the "
                                                                "profile, region and endpoint last used there "
                                                                "(else AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_KINESIS).")},
        {u"aws-stream"_s, QCoreApplication::translate("qmld-console", "Open this Kinesis stream in the AWS streams window (implies --aws)."),
         u"NAME"_s},
        {u"aws-tail"_s, QCoreApplication::translate("qmld-console", "Tail this shard of the --aws-stream (shardId-000000000000, or just 0)."),
         u"SHARD"_s},
        {u"aws-from"_s, QCoreApplication::translate("qmld-console", "Where --aws-tail starts: TRIM_HORIZON (default), LATEST, "
                                                                     "AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T."),
         u"POSITION"_s, u"TRIM_HORIZON"_s},
        {u"screenshot"_s, QCoreApplication::translate("qmld-console", "Save a PNG of the main window (of the AWS streams window with --aws), then exit."), u"FILE"_s},
        {u"after"_s, QCoreApplication::translate("qmld-console", "Milliseconds to run before --screenshot (default 3000)."),
         u"MS"_s, u"3000"_s},
    });
    if (!parser.parse(arguments)) {
        *message = u"qmld-console: "_s + parser.errorText() + u'\n'
                   + QCoreApplication::translate("qmld-console", "Try 'qmld-console --help'.");
        *exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(u"help"_s)) {
        *message = parser.helpText();
        *exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(u"version"_s)) {
        *message = u"qmld-console "_s + QCoreApplication::applicationVersion();
        *exitCode = 0;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *message = QCoreApplication::translate("qmld-console", "qmld-console: unexpected argument '%1'")
                       .arg(parser.positionalArguments().constFirst());
        *exitCode = 2;
        return std::nullopt;
    }
    ConsoleOptions options;
    options.demo = parser.isSet(u"demo"_s);
    options.storePath = parser.value(u"store"_s);
    options.replays = parser.values(u"replay"_s);
    options.starts = parser.values(u"start"_s);
    for (const QString &capture : std::as_const(options.replays)) {
        if (!QFileInfo(capture).isFile()) {
            *message = QCoreApplication::translate("qmld-console", "qmld-console: --replay: no capture file %1").arg(capture);
            *exitCode = 2;
            return std::nullopt;
        }
    }
    options.awsStream = parser.value(u"aws-stream"_s);
    options.aws = parser.isSet(u"aws"_s) || !options.awsStream.isEmpty();
    options.awsTail = parser.value(u"aws-tail"_s);
    options.awsFrom = parser.value(u"aws-from"_s);
    if (!options.awsTail.isEmpty() && options.awsStream.isEmpty()) {
        *message = QCoreApplication::translate("qmld-console", "qmld-console: --aws-tail needs --aws-stream NAME");
        *exitCode = 2;
        return std::nullopt;
    }
    if (!qmld::aws::StartingPosition::parse(options.awsFrom)) {
        *message = QCoreApplication::translate("qmld-console", "qmld-console: --aws-from '%1' is not TRIM_HORIZON, LATEST, "
                                                               "AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T")
                       .arg(options.awsFrom);
        *exitCode = 2;
        return std::nullopt;
    }
    options.language = parser.value(u"lang"_s);
    options.screenshotPath = parser.value(u"screenshot"_s);
    bool ok = false;
    options.screenshotAfterMs = parser.value(u"after"_s).toInt(&ok);
    if (!ok || options.screenshotAfterMs < 0) {
        *message = QCoreApplication::translate("qmld-console", "qmld-console: --after takes milliseconds, not '%1'")
                       .arg(parser.value(u"after"_s));
        *exitCode = 2;
        return std::nullopt;
    }
    return options;
}

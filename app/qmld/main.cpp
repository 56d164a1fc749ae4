#include "AwsCommands.h"
#include "Commands.h"
#include "HeapTuning.h"
#include "StreamCommandSupport.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

void printUsage(QTextStream &out)
{
    out << QCoreApplication::translate("qmld",
               "usage: qmld COMMAND [options]\n"
               "\n"
               "Commands:\n"
               "  run       process a stream through a MultiLangDaemon with a built-in processor\n"
               "  stream    create, fill, read, split and merge streams in the embedded store\n"
               "  lease     list an application's leases, reset a shard's checkpoint\n"
               "  capture   record a stream's shards into a capture file (stream import loads one)\n"
               "  replay    run a capture through the embedded daemon into a processor\n"
               "  kcl       install the Java KCL MultiLangDaemon for the kcl-v1/v2/v3 daemons\n"
               "\n"
               "Run 'qmld COMMAND --help' for a command's options.\n");
}

} // namespace

int main(int argc, char *argv[])
{
    qmld::app::keepFreedHeapBetweenBatches();

    qmld::cli::keepRawArguments(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"qmld"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QMLD_VERSION));

    const QStringList arguments = app.arguments().mid(1);
    const QString command = arguments.value(0);
    if (wantsAws(arguments))
        return awsCommand(arguments);
    if (command == u"run"_s)
        return runCommand(arguments);
    if (command == u"capture"_s)
        return captureCommand(arguments);
    if (command == u"replay"_s)
        return replayCommand(arguments);
    if (command == u"stream"_s && arguments.value(1) == u"import"_s)
        return streamImportCommand(arguments);
    if (command == u"stream"_s)
        return streamCommand(arguments);
    if (command == u"lease"_s)
        return leaseCommand(arguments);
    if (command == u"kcl"_s)
        return kclCommand(arguments);

    QTextStream err(stderr);
    if (command == u"--version"_s) {
        QTextStream(stdout) << "qmld " << QCoreApplication::applicationVersion() << '\n';
        return ExitOk;
    }
    if (command.isEmpty() || command == u"--help"_s || command == u"-h"_s || command == u"help"_s) {
        QTextStream out(stdout);
        printUsage(out);
        return command.isEmpty() ? ExitUsage : ExitOk;
    }
    err << QCoreApplication::translate("qmld", "qmld: unknown command '%1'").arg(command) << '\n';
    printUsage(err);
    return ExitUsage;
}

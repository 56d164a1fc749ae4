// qmld lease: list an application's KCL leases (every worker's) and reset a
// shard's checkpoint, guarded against a live owner. A thin layer over
// qmld::LeaseTable.

#include "Commands.h"
#include "LeaseOutput.h"
#include "StreamCommandSupport.h"
#include "TextTable.h"

#include <qmld/KclApplication.h>
#include <qmld/LeaseApplications.h>
#include <qmld/LeaseObserver.h>
#include <qmld/LeaseReset.h>
#include <qmld/LeaseTable.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::cli;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld lease", text);
}

const QString group = u"lease"_s;

SubcommandSpec listSpec()
{
    return {u"list"_s,
            tr("List an application's leases, whoever holds them: owner, lease counter, checkpoint, parents. "
               "With --observe MS, read twice MS apart and say which leases are expired (owner gone); with "
               "--lag, how far each checkpoint is behind the tip of its shard. "
               "Without APP, list the applications (lease tables) in the store."),
            u"[APP]"_s};
}

SubcommandSpec resetSpec()
{
    return {u"reset"_s,
            tr("Move a shard's checkpoint to TRIM_HORIZON, LATEST, AT_TIMESTAMP:T (T in ISO 8601 or epoch ms: the first "
               "record at or after T comes next) or the sequence number of one of its records. A lease with an owner "
               "is watched for failoverTimeMillis first: refused while that worker is alive (its lease counter moves) "
               "unless --force, and then it loses the lease."),
            u"APP SHARD --to VALUE"_s};
}

// The lease table of APP: the KCL tableName, or applicationName when unset.
std::variant<LeaseTable, int> openTable(const QString &storePath, const QString &app)
{
    auto table = LeaseTable::open(storePath, app, StreamStore::OpenMode::MustExist);
    if (!table)
        return reportError(table.error());
    return std::move(*table);
}

int listApplications(SubcommandParser &command)
{
    const auto applications = leaseApplications(command.storePath());
    if (!applications)
        return reportError(applications.error());
    if (command.json()) {
        QJsonArray array;
        for (const LeaseApplication &application : *applications)
            array.append(QJsonObject{{u"application"_s, application.name},
                                     {u"leases"_s, application.leases},
                                     {u"owned"_s, application.owned}});
        standardOutput() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (applications->empty()) {
        standardOutput() << tr("no applications (lease tables) in store %1").arg(command.storePath()) << '\n';
        return ExitOk;
    }
    TextTable text({tr("APPLICATION"), tr("LEASES"), tr("OWNED")});
    text.setRightAligned(1);
    text.setRightAligned(2);
    for (const LeaseApplication &application : *applications)
        text.addRow({application.name, QString::number(application.leases), QString::number(application.owned)});
    text.print(standardOutput());
    return ExitOk;
}

// The stream the application processes: --stream, else the store's only stream.
std::variant<QString, int> streamOf(SubcommandParser &command, const QCommandLineOption &option, StreamStore &store)
{
    if (command.parser().isSet(option))
        return command.parser().value(option);
    auto streams = store.listStreams();
    if (!streams)
        return reportError(streams.error());
    if (streams->size() != 1)
        return command.usageError(tr("store %1 holds %2 streams: name the application's stream with --stream")
                                      .arg(store.path())
                                      .arg(streams->size()));
    return streams->front().name;
}

// How far each lease's checkpoint is behind the tip of its shard, as Kinesis's
// MillisBehindLatest: the age of the first record after it, 0 at the tip; -1 unknown.
QHash<QString, qint64> lagInStore(StreamStore &store, const QString &stream, const std::vector<Lease> &leases)
{
    QHash<QString, qint64> lags;
    for (const Lease &lease : leases) {
        auto lag = store.checkpointLag(stream, lease.leaseKey, lease.checkpoint);
        lags.insert(lease.leaseKey, lag && *lag ? qint64(**lag) : -1);
        if (!lag)
            standardError() << "qmld: " << tr("no lag for %1: %2").arg(lease.leaseKey, lag.error().message) << Qt::endl;
    }
    return lags;
}

int listCommand(const QStringList &arguments)
{
    SubcommandParser command(listSpec(), true, group);
    command.parser().addPositionalArgument(u"APP"_s, tr("The application (its lease table name); without it, "
                                                        "the applications in the store."), u"[APP]"_s);
    const QCommandLineOption observe(u"observe"_s,
                                     tr("Watch the leases this long (at least failoverTimeMillis) to tell expired "
                                        "ones: a lease whose counter did not move was not renewed."),
                                     u"MS"_s);
    const QCommandLineOption lag(u"lag"_s, tr("Also show how far each checkpoint is behind the tip of its shard."));
    const QCommandLineOption stream(u"stream"_s, tr("The application's stream, for --lag (default: the store's only "
                                                    "stream)."),
                                    u"NAME"_s);
    command.parser().addOptions({observe, lag, stream});
    if (const auto exit = command.parse(arguments, 0, 1))
        return *exit;
    if (command.positional().isEmpty())
        return listApplications(command);
    const QString app = command.positional().at(0);
    std::optional<std::chrono::milliseconds> observeFor;
    if (command.parser().isSet(observe)) {
        bool ok = false;
        const qint64 ms = command.parser().value(observe).toLongLong(&ok);
        if (!ok || ms <= 0)
            return command.usageError(tr("--observe takes milliseconds above 0, not '%1'").arg(command.parser().value(observe)));
        observeFor = std::chrono::milliseconds(ms);
    }

    auto opened = openTable(command.storePath(), app);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    LeaseTable &table = std::get<LeaseTable>(opened);
    auto leases = table.list();
    if (!leases)
        return reportError(leases.error());

    // An owned lease counts as just renewed when first seen; after the wait,
    // one whose counter has not moved was not renewed by anyone.
    std::optional<LeaseObserver> observer;
    if (observeFor) {
        observer.emplace(*observeFor - std::chrono::milliseconds(1));
        observer->observe(*leases);
        QThread::msleep(quint64(observeFor->count()));
        leases = table.list();
        if (!leases)
            return reportError(leases.error());
        observer->observe(*leases);
    }

    if (leases->empty() && !command.json()) {
        const auto known = leaseApplications(command.storePath());
        QStringList names;
        if (known) {
            for (const LeaseApplication &application : *known)
                names << application.name;
        }
        return reportError(names.isEmpty()
                               ? tr("no application \"%1\" in %2: it has no leases at all (an application "
                                    "gets them when its first worker starts)").arg(app, table.location())
                               : tr("no application \"%1\" in %2; it has: %3")
                                     .arg(app, table.location(), names.join(u", "_s)),
                           ExitConfiguration);
    }
    std::optional<QHash<QString, qint64>> lags;
    if (command.parser().isSet(lag)) {
        auto store = StreamStore::open(command.storePath(), StreamStore::OpenMode::MustExist);
        if (!store)
            return reportError(store.error());
        const auto streamName = streamOf(command, stream, *store);
        if (const int *exit = std::get_if<int>(&streamName))
            return *exit;
        lags = lagInStore(*store, std::get<QString>(streamName), *leases);
    }
    printLeases(*leases, {observer ? &*observer : nullptr, lags ? &*lags : nullptr}, command.json());
    return ExitOk;
}

int resetCommand(const QStringList &arguments)
{
    SubcommandParser command(resetSpec(), false, group);
    command.parser().addPositionalArgument(u"APP"_s, tr("The application (its lease table name)."));
    command.parser().addPositionalArgument(u"SHARD"_s, tr("The shard: shardId-000000000000, or just 0."));
    const ResetOptions reset;
    const QCommandLineOption stream(u"stream"_s, tr("The application's stream (default: the store's only stream)."),
                                    u"NAME"_s);
    command.parser().addOptions({reset.to, stream, reset.failover, reset.force});
    if (const auto exit = command.parse(arguments, 2))
        return *exit;
    auto parsed = resetRequest(command.parser(), reset, command.positional().at(1));
    if (const QString *problem = std::get_if<QString>(&parsed))
        return command.usageError(*problem);
    LeaseResetRequest &request = std::get<LeaseResetRequest>(parsed);
    const QString app = command.positional().at(0);

    auto store = StreamStore::open(command.storePath(), StreamStore::OpenMode::MustExist);
    if (!store)
        return reportError(store.error());
    const auto streamName = streamOf(command, stream, *store);
    if (const int *exit = std::get_if<int>(&streamName))
        return *exit;
    request.streamName = std::get<QString>(streamName);
    auto opened = openTable(command.storePath(), app);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;

    return reportResetOutcome(LeaseReset::run(std::get<LeaseTable>(opened), *store, request,
                                              [](const QString &line) { standardError() << line << Qt::endl; }));
}

void printLeaseUsage(QTextStream &out)
{
    out << tr("usage: qmld lease SUBCOMMAND [options]\n\n"
              "An application's KCL leases in the embedded store (--store PATH, else $QMLD_STORE).\n\n"
              "Subcommands:\n");
    for (const SubcommandSpec &spec : {listSpec(), resetSpec()})
        out << "  " << spec.name << ' ' << spec.arguments << "\n      " << spec.description << '\n';
    out << tr("\nExit codes: 0 done, 1 refused or failed, 2 bad command line, 3 unknown application, shard or store.\n");
}

} // namespace

int leaseCommand(const QStringList &arguments)
{
    const QString name = arguments.value(1);
    if (name == u"list"_s)
        return listCommand(arguments);
    if (name == u"reset"_s)
        return resetCommand(arguments);
    if (name == u"--help"_s || name == u"-h"_s || name == u"help"_s) {
        printLeaseUsage(standardOutput());
        return ExitOk;
    }
    if (!name.isEmpty())
        standardError() << "qmld: " << tr("unknown lease subcommand '%1'").arg(name) << '\n';
    printLeaseUsage(standardError());
    return ExitUsage;
}

// qmld lease: list an application's KCL leases (every worker's) and reset a
// shard's checkpoint, guarded against a live owner. A thin layer over
// qmld::LeaseTable.

#include "Commands.h"
#include "StreamCommandSupport.h"
#include "TextTable.h"

#include <qmld/LeaseObserver.h>
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
               "With --observe MS, read twice MS apart and say which leases are expired (owner gone)."),
            u"APP"_s};
}

SubcommandSpec resetSpec()
{
    return {u"reset"_s,
            tr("Reset a shard's checkpoint to TRIM_HORIZON, LATEST, AT_TIMESTAMP or a sequence number. Refused "
               "while a worker owns the lease unless --force; the owner then loses the lease."),
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

QString ownerText(const Lease &lease)
{
    return lease.leaseOwner.value_or(u"-"_s);
}

int listCommand(const QStringList &arguments)
{
    SubcommandParser command(listSpec(), true, group);
    command.parser().addPositionalArgument(u"APP"_s, tr("The application (its lease table name)."));
    const QCommandLineOption observe(u"observe"_s,
                                     tr("Watch the leases this long (at least failoverTimeMillis) to tell expired "
                                        "ones: a lease whose counter did not move was not renewed."),
                                     u"MS"_s);
    command.parser().addOption(observe);
    if (const auto exit = command.parse(arguments, 1))
        return *exit;
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

    if (command.json()) {
        QJsonArray array;
        for (const Lease &lease : *leases) {
            QJsonObject object{
                {u"leaseKey"_s, lease.leaseKey},
                {u"leaseOwner"_s, lease.leaseOwner ? QJsonValue(*lease.leaseOwner) : QJsonValue()},
                {u"leaseCounter"_s, qint64(lease.leaseCounter)},
                {u"checkpoint"_s, lease.checkpoint.toString()},
                {u"checkpointSubSequenceNumber"_s, qint64(lease.checkpoint.subSequence())},
                {u"ownerSwitchesSinceCheckpoint"_s, qint64(lease.ownerSwitchesSinceCheckpoint)},
                {u"parentShardId"_s, QJsonArray::fromStringList(lease.parentShardId)},
                {u"childShardIds"_s, QJsonArray::fromStringList(lease.childShardIds)},
            };
            if (observer)
                object.insert(u"expired"_s, observer->isExpired(lease));
            array.append(object);
        }
        standardOutput() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }

    if (leases->empty()) {
        standardOutput() << tr("no leases for application \"%1\" in store %2").arg(app, table.storePath()) << '\n';
        return ExitOk;
    }
    QStringList headers{tr("SHARD"), tr("OWNER"), tr("COUNTER"), tr("CHECKPOINT"), tr("SUB"), tr("OWNER SWITCHES"),
                        tr("PARENTS")};
    if (observer)
        headers << tr("EXPIRED");
    TextTable text(headers);
    text.setRightAligned(2);
    text.setRightAligned(4);
    text.setRightAligned(5);
    for (const Lease &lease : *leases) {
        QStringList row{lease.leaseKey,
                        ownerText(lease),
                        QString::number(lease.leaseCounter),
                        lease.checkpoint.toString(),
                        QString::number(lease.checkpoint.subSequence()),
                        QString::number(lease.ownerSwitchesSinceCheckpoint),
                        lease.parentShardId.isEmpty() ? u"-"_s : lease.parentShardId.join(u' ')};
        if (observer)
            row << (observer->isExpired(lease) ? tr("yes") : tr("no"));
        text.addRow(row);
    }
    text.print(standardOutput());
    return ExitOk;
}

int resetCommand(const QStringList &arguments)
{
    SubcommandParser command(resetSpec(), false, group);
    command.parser().addPositionalArgument(u"APP"_s, tr("The application (its lease table name)."));
    command.parser().addPositionalArgument(u"SHARD"_s, tr("The shard: shardId-000000000000, or just 0."));
    const QCommandLineOption to(u"to"_s, tr("TRIM_HORIZON, LATEST, AT_TIMESTAMP or a sequence number."), u"VALUE"_s);
    const QCommandLineOption force(u"force"_s, tr("Reset even while a worker owns the lease; it loses the lease."));
    command.parser().addOptions({to, force});
    if (const auto exit = command.parse(arguments, 2))
        return *exit;
    if (!command.parser().isSet(to))
        return command.usageError(tr("--to is required"));
    const auto target = SequenceNumber::parse(command.parser().value(to), 0);
    if (!target || target->kind() == SequenceNumber::Kind::ShardEnd)
        return command.usageError(tr("--to must be TRIM_HORIZON, LATEST, AT_TIMESTAMP or a sequence number, not '%1'")
                                      .arg(command.parser().value(to)));
    const QString app = command.positional().at(0);
    const QString shard = shardIdArgument(command.positional().at(1));

    auto opened = openTable(command.storePath(), app);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    LeaseTable &table = std::get<LeaseTable>(opened);
    auto current = table.lease(shard);
    if (!current)
        return reportError(current.error());
    if (!*current)
        return reportError(tr("application \"%1\" has no lease for shard %2 in store %3").arg(app, shard, table.storePath()),
                           ExitConfiguration);
    const Lease &before = **current;
    const auto guard = command.parser().isSet(force) ? LeaseTable::ResetGuard::Force : LeaseTable::ResetGuard::RefuseWhileOwned;
    auto written = table.resetCheckpoint(shard, before.leaseCounter, *target, guard);
    if (!written)
        return reportError(written.error());
    switch (written->outcome) {
    case LeaseWrite::Outcome::Applied:
        standardOutput() << tr("reset the checkpoint of shard %1 of application \"%2\" from %3 to %4")
                                .arg(shard, app, before.checkpoint.display(), target->display())
                         << '\n';
        return ExitOk;
    case LeaseWrite::Outcome::RefusedOwned:
        return reportError(tr("shard %1 of application \"%2\" is owned by worker %3 (lease counter %4): stop that "
                              "worker, or use --force and it loses the lease")
                               .arg(shard, app, ownerText(before))
                               .arg(before.leaseCounter),
                           ExitFailure);
    case LeaseWrite::Outcome::ConditionFailed:
        return reportError(tr("the lease of shard %1 changed while resetting it (a worker renewed or checkpointed); "
                              "nothing was written, try again")
                               .arg(shard),
                           ExitFailure);
    }
    return ExitFailure;
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

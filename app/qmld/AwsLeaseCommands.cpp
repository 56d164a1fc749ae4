// qmld lease list|reset --aws: a KCL application's lease table in DynamoDB,
// through the same LeaseTable and LeaseReset as the embedded store's.

#include "AwsCommandSupport.h"
#include "AwsCommands.h"
#include "Commands.h"
#include "LeaseOutput.h"
#include "StreamCommandSupport.h"

#include <qmld/DynamoDbLeaseTable.h>
#include <qmld/KclApplication.h>
#include <qmld/LeaseReset.h>
#include <qmld/aws/LagProbe.h>

#include <QCoreApplication>
#include <QEventLoop>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::cli;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld lease", text);
}

QCommandLineOption tableOption()
{
    return {u"table"_s, tr("The lease table (default: APP, as the KCL names it)."), u"NAME"_s};
}

std::optional<LeaseTable> openTable(const AwsSession &session, const QString &tableName, int *exit)
{
    auto backend = makeDynamoDbLeaseTable(session.settings(), tableName);
    if (!backend) {
        *exit = reportError(backend.error());
        return std::nullopt;
    }
    return LeaseTable(std::move(*backend));
}

// Each lease's MillisBehindLatest on Kinesis after its checkpoint (-1: unknown, said on stderr).
QHash<QString, qint64> probeLag(AwsSession &session, const QString &stream, const std::vector<Lease> &leases)
{
    QList<std::pair<QString, QString>> checkpoints;
    for (const Lease &lease : leases)
        checkpoints.append({lease.leaseKey, lease.checkpoint.toString()});
    aws::LagProbe probe(&session.kinesis(), stream);
    QList<aws::ShardLag> lags;
    bool done = false;
    QEventLoop loop;
    probe.probe(checkpoints, &loop, [&](const QList<aws::ShardLag> &result) {
        lags = result;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    QHash<QString, qint64> byShard;
    for (const aws::ShardLag &lag : lags) {
        byShard.insert(lag.shardId, lag.shardEnded ? 0 : lag.millisBehindLatest);
        if (lag.millisBehindLatest < 0 && !lag.shardEnded)
            standardError() << "qmld: " << tr("no lag for %1: %2").arg(lag.shardId, lag.error.text()) << Qt::endl;
    }
    return byShard;
}

int listCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"lease list"_s, u"lease list APP --aws [--table NAME] [--lag --stream NAME] [--json]"_s,
                           tr("An application's leases in its DynamoDB lease table (as KCL 1.x, 2.x and 3.x write "
                              "them), whoever holds them. With --lag, how far each checkpoint is behind the tip of "
                              "its Kinesis shard: one GetRecords per shard, paced under the per-shard limit."));
    const QCommandLineOption table = tableOption();
    const QCommandLineOption lag(u"lag"_s, tr("Probe each shard's MillisBehindLatest after its checkpoint."));
    const QCommandLineOption stream(u"stream"_s, tr("The application's Kinesis stream (for --lag)."), u"NAME"_s);
    command.parser().addOptions({table, lag, stream});
    if (auto exit = command.parse(arguments, 2, 1))
        return *exit;
    if (command.parser().isSet(lag) && !command.parser().isSet(stream))
        return command.usageError(tr("--lag needs the application's stream: --stream NAME"));
    const QString app = command.parser().positionalArguments().at(0);
    const QString tableName = command.parser().isSet(table) ? command.parser().value(table) : app;

    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    auto leases = openTable(*session, tableName, &exit);
    if (!leases)
        return exit;
    auto list = leases->list();
    if (!list)
        return reportError(list.error());
    if (list->empty() && !command.json())
        return reportError(tr("lease table \"%1\" (%2) holds no leases").arg(tableName, leases->location()),
                           ExitConfiguration);
    std::optional<QHash<QString, qint64>> lags;
    if (command.parser().isSet(lag))
        lags = probeLag(*session, command.parser().value(stream), *list);
    printLeases(*list, {nullptr, lags ? &*lags : nullptr}, command.json());
    return ExitOk;
}

int resetCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"lease reset"_s, u"lease reset APP SHARD --to TRIM_HORIZON|LATEST --aws [--table NAME] "
                                             "[--force] [--failover-time MS]"_s,
                           tr("Move a shard's checkpoint in the application's DynamoDB lease table. A lease with an "
                              "owner is watched for failoverTimeMillis first: refused while that worker is alive "
                              "(its lease counter moves) unless --force, and then it loses the lease."));
    const QCommandLineOption table = tableOption();
    const QCommandLineOption to(u"to"_s, tr("TRIM_HORIZON or LATEST."), u"VALUE"_s);
    const QCommandLineOption failover(u"failover-time"_s, tr("The application's failoverTimeMillis (default 10000)."),
                                      u"MS"_s, u"10000"_s);
    const QCommandLineOption force(u"force"_s, tr("Reset even while a live worker owns the lease; it loses the lease."));
    command.parser().addOptions({table, to, failover, force});
    if (auto exit = command.parse(arguments, 2, 2))
        return *exit;
    if (!command.parser().isSet(to))
        return command.usageError(tr("--to is required"));
    const auto target = LeaseReset::parseTarget(command.parser().value(to));
    if (const QString *problem = std::get_if<QString>(&target))
        return command.usageError(u"--to: "_s + *problem);
    bool ok = false;
    const qint64 failoverMs = command.parser().value(failover).toLongLong(&ok);
    if (!ok || failoverMs < KclApplication::kMinimumFailoverMillis)
        return command.usageError(tr("--failover-time takes milliseconds, at least %1, not '%2'")
                                      .arg(KclApplication::kMinimumFailoverMillis)
                                      .arg(command.parser().value(failover)));
    const QStringList positional = command.parser().positionalArguments();
    LeaseResetRequest request;
    request.leaseKey = shardIdArgument(positional.at(1));
    request.target = std::get<ShardPosition>(target);
    request.force = command.parser().isSet(force);
    request.failoverTime = std::chrono::milliseconds(failoverMs);

    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    auto leases = openTable(*session, command.parser().isSet(table) ? command.parser().value(table) : positional.at(0),
                            &exit);
    if (!leases)
        return exit;
    // Kinesis positions are not checked against the stream yet: only the sentinels are offered.
    return reportResetOutcome(LeaseReset::run(*leases, LeaseReset::sentinelTargets(), request,
                                              [](const QString &line) { standardError() << line << Qt::endl; }));
}

} // namespace

int awsLeaseCommand(const QStringList &arguments)
{
    return arguments.value(1) == u"reset"_s ? resetCommand(arguments) : listCommand(arguments);
}

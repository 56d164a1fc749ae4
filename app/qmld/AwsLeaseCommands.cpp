// qmld lease list|reset --aws: a KCL application's lease table in DynamoDB,
// through the same LeaseTable and LeaseReset as the embedded store's.

#include "AwsCommandSupport.h"
#include "AwsCommands.h"
#include "Commands.h"
#include "LeaseOutput.h"
#include "StreamCommandSupport.h"

#include <qmld/DynamoDbLeaseTable.h>
#include <qmld/KinesisResetTarget.h>
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

// The Kinesis shard of a lease: its key, or the last part of a multi-stream key (account:stream:epoch:shardId-…).
QString kinesisShardOf(const QString &leaseKey)
{
    return leaseKey.section(u':', -1);
}

// What a worker resumes with after a reset to AT_TIMESTAMP:T, shown before asking.
void showResumePoint(const QString &stream, const QString &shard, qint64 at, const KinesisResetTarget &resolved)
{
    QTextStream &out = standardOutput();
    const QString checkpoint = resolved.checkpoint.display();
    if (!resolved.next) {
        out << tr("shard %1 of stream \"%2\": no record has arrived at or after %3 yet; a worker resumes with the next "
                  "record to arrive (the checkpoint becomes %4, %5)")
                   .arg(shard, stream, formatTimestamp(at), checkpoint,
                        resolved.checkpoint.isSentinel() ? tr("the shard holds no record") : tr("the shard's last record"))
            << '\n';
        return;
    }
    const StreamRecord &record = *resolved.next;
    out << tr("shard %1 of stream \"%2\": the first record at or after %3, the one a worker resumes with:")
               .arg(shard, stream, formatTimestamp(at))
        << '\n'
        << "  " << tr("sequence number %1").arg(record.sequenceNumber.display()) << '\n'
        << "  " << tr("arrived %1").arg(record.approximateArrivalTimestamp ? formatTimestamp(*record.approximateArrivalTimestamp)
                                                                          : u"-"_s)
        << '\n'
        << "  " << tr("partition key %1, %2 bytes: %3").arg(record.partitionKeyString()).arg(record.data.size()).arg(dataPreview(record.data))
        << '\n'
        << tr("the checkpoint becomes %1 (%2)")
               .arg(checkpoint, resolved.checkpoint.isSentinel() ? tr("no record before it is left in the shard")
                                                                 : tr("the last record before it"))
        << '\n';
}

// Asks on standard input; only y or yes is a yes.
bool confirmed(const QString &question)
{
    standardOutput() << question << " [y/N] ";
    standardOutput().flush();
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == "y"_L1 || answer == "yes"_L1 || answer == tr("y") || answer == tr("yes");
}

int resetCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"lease reset"_s, u"lease reset APP SHARD --to VALUE --aws [--stream NAME] [--table NAME] "
                                             "[--force] [--failover-time MS] [--yes]"_s,
                           tr("Move a shard's checkpoint in the application's DynamoDB lease table to TRIM_HORIZON, "
                              "LATEST, AT_TIMESTAMP:T (T in ISO 8601 or epoch ms: the first record at or after T comes "
                              "next, found on the Kinesis stream and shown before asking) or a sequence number of the "
                              "shard (checked against its range on Kinesis; the record after it comes next). A lease "
                              "with an owner is watched for failoverTimeMillis first: refused while that worker is "
                              "alive (its lease counter moves) unless --force, and then it loses the lease."));
    const QCommandLineOption table = tableOption();
    const ResetOptions reset;
    const QCommandLineOption stream(u"stream"_s, tr("The application's Kinesis stream (for AT_TIMESTAMP and sequence "
                                                    "numbers)."),
                                    u"NAME"_s);
    const QCommandLineOption yes(u"yes"_s, tr("Do not ask before resetting to AT_TIMESTAMP (for scripts)."));
    command.parser().addOptions({table, reset.to, stream, reset.failover, reset.force, yes});
    if (auto exit = command.parse(arguments, 2, 2))
        return *exit;
    const QStringList positional = command.parser().positionalArguments();
    auto parsed = resetRequest(command.parser(), reset, positional.at(1));
    if (const QString *problem = std::get_if<QString>(&parsed))
        return command.usageError(*problem);
    LeaseResetRequest &request = std::get<LeaseResetRequest>(parsed);
    request.streamName = command.parser().value(stream);
    const bool onStream = request.target.type != ShardPosition::Type::TrimHorizon
        && request.target.type != ShardPosition::Type::Latest;
    if (onStream && request.streamName.isEmpty())
        return command.usageError(tr("--to %1 is looked up on the application's Kinesis stream: give --stream NAME")
                                      .arg(command.parser().value(reset.to)));

    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    auto leases = openTable(*session, command.parser().isSet(table) ? command.parser().value(table) : positional.at(0),
                            &exit);
    if (!leases)
        return exit;

    // The one reset rule (LeaseReset) with the targets resolved on Kinesis:
    // after the lease is found, before its owner is watched and anything written.
    aws::AwsError kinesisError;
    bool declined = false;
    const auto onKinesis = [&](const LeaseResetRequest &asked) -> std::variant<SequenceNumber, QString> {
        const QString shard = kinesisShardOf(asked.leaseKey);
        const KinesisResetTarget resolved =
            resolveKinesisResetTarget(session->kinesis(), asked.streamName, shard, asked.target);
        if (resolved.error.isError()) {
            kinesisError = resolved.error;
            return resolved.error.text();
        }
        if (!resolved.problem.isEmpty())
            return resolved.problem;
        if (asked.target.type == ShardPosition::Type::AtTimestamp) {
            showResumePoint(asked.streamName, shard, asked.target.timestampMs, resolved);
            if (!command.parser().isSet(yes)
                && !confirmed(tr("Reset the checkpoint of %1 in lease table \"%2\"?").arg(asked.leaseKey, leases->tableName()))) {
                declined = true;
                return tr("not confirmed");
            }
        }
        return resolved.checkpoint;
    };
    const LeaseResetOutcome done = LeaseReset::run(*leases, onKinesis, request, [](const QString &line) {
        standardError() << line << Qt::endl;
    });
    if (kinesisError.isError())
        return reportAwsError(kinesisError);
    if (declined)
        return reportError(tr("nothing written: the reset was not confirmed (--yes resets without asking)"), ExitFailure);
    return reportResetOutcome(done);
}

} // namespace

int awsLeaseCommand(const QStringList &arguments)
{
    return arguments.value(1) == u"reset"_s ? resetCommand(arguments) : listCommand(arguments);
}

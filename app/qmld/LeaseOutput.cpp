#include "LeaseOutput.h"

#include "Commands.h"
#include "StreamCommandSupport.h"
#include "TextTable.h"

#include <qmld/KclApplication.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace qmld::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld lease", text);
}

} // namespace

void printLeases(const std::vector<Lease> &leases, const LeaseColumns &columns, bool json)
{
    const auto lagOf = [&](const Lease &lease) { return columns.lag ? columns.lag->value(lease.leaseKey, -1) : -1; };
    if (json) {
        QJsonArray array;
        for (const Lease &lease : leases) {
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
            if (columns.observer)
                object.insert(u"expired"_s, columns.observer->isExpired(lease));
            if (columns.lag)
                object.insert(u"millisBehindLatest"_s, lagOf(lease) >= 0 ? QJsonValue(lagOf(lease)) : QJsonValue());
            array.append(object);
        }
        standardOutput() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return;
    }
    QStringList headers{tr("SHARD"), tr("OWNER"), tr("COUNTER"), tr("CHECKPOINT"), tr("SUB"), tr("OWNER SWITCHES"),
                        tr("PARENTS")};
    if (columns.observer)
        headers << tr("EXPIRED");
    if (columns.lag)
        headers << tr("BEHIND LATEST");
    TextTable text(headers);
    text.setRightAligned(2);
    text.setRightAligned(4);
    text.setRightAligned(5);
    for (const Lease &lease : leases) {
        QStringList row{lease.leaseKey,
                        lease.leaseOwner.value_or(u"-"_s),
                        QString::number(lease.leaseCounter),
                        lease.checkpoint.toString(),
                        QString::number(lease.checkpoint.subSequence()),
                        QString::number(lease.ownerSwitchesSinceCheckpoint),
                        lease.parentShardId.isEmpty() ? u"-"_s : lease.parentShardId.join(u' ')};
        if (columns.observer)
            row << (columns.observer->isExpired(lease) ? tr("yes") : tr("no"));
        if (columns.lag)
            row << (lagOf(lease) >= 0 ? tr("%1 ms").arg(lagOf(lease)) : tr("?"));
        text.addRow(row);
    }
    text.print(standardOutput());
}

int reportResetOutcome(const LeaseResetOutcome &done)
{
    switch (done.result) {
    case LeaseResetOutcome::Result::Applied:
        standardOutput() << done.message << '\n';
        return ExitOk;
    case LeaseResetOutcome::Result::BadTarget:
    case LeaseResetOutcome::Result::NoLease:
        return reportError(done.message, ExitConfiguration);
    case LeaseResetOutcome::Result::Failed:
        return reportError(done.message, exitCodeFor(done.failure));
    case LeaseResetOutcome::Result::RefusedLive:
    case LeaseResetOutcome::Result::Changed:
        break;
    }
    return reportError(done.message, ExitFailure);
}

ResetOptions::ResetOptions()
    : to(u"to"_s, tr("TRIM_HORIZON, LATEST, AT_TIMESTAMP:T or a sequence number."), u"VALUE"_s)
    , failover(u"failover-time"_s,
               tr("The application's failoverTimeMillis: how long an owner's lease counter must stand still for the "
                  "owner to count as gone (default 10000)."),
               u"MS"_s, u"10000"_s)
    , force(u"force"_s, tr("Reset even while a live worker owns the lease; it loses the lease."))
{
}

std::variant<LeaseResetRequest, QString> resetRequest(const QCommandLineParser &parser, const ResetOptions &options,
                                                      const QString &shardArgument)
{
    if (!parser.isSet(options.to))
        return tr("--to is required");
    const auto target = LeaseReset::parseTarget(parser.value(options.to));
    if (const QString *problem = std::get_if<QString>(&target))
        return u"--to: "_s + *problem;
    bool ok = false;
    const qint64 failoverMs = parser.value(options.failover).toLongLong(&ok);
    if (!ok || failoverMs < KclApplication::kMinimumFailoverMillis)
        return tr("--failover-time takes milliseconds, at least %1, not '%2'")
            .arg(KclApplication::kMinimumFailoverMillis)
            .arg(parser.value(options.failover));
    LeaseResetRequest request;
    request.leaseKey = shardIdArgument(shardArgument);
    request.target = std::get<ShardPosition>(target);
    request.force = parser.isSet(options.force);
    request.failoverTime = std::chrono::milliseconds(failoverMs);
    return request;
}

} // namespace qmld::cli

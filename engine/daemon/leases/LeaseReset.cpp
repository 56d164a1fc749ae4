#include <qmld/LeaseReset.h>

#include <qmld/LeaseObserver.h>

#include <QDateTime>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

using Result = LeaseResetOutcome::Result;

LeaseResetOutcome outcome(Result result, QString message, std::optional<Lease> before = {})
{
    LeaseResetOutcome out;
    out.result = result;
    out.message = std::move(message);
    out.before = std::move(before);
    return out;
}

LeaseResetOutcome failed(const StoreError &error, std::optional<Lease> before = {})
{
    LeaseResetOutcome out = outcome(Result::Failed, error.message, std::move(before));
    out.failure = error.code;
    return out;
}

// The checkpoint from which a worker resumes at `target`; a message when
// the target is no place in the shard.
std::variant<SequenceNumber, QString> checkpointInStore(StreamStore &store, const LeaseResetRequest &request)
{
    const ShardPosition &target = request.target;
    switch (target.type) {
    case ShardPosition::Type::TrimHorizon:
        return SequenceNumber::trimHorizon();
    case ShardPosition::Type::Latest:
        return SequenceNumber::latest();
    case ShardPosition::Type::AtTimestamp: {
        if (target.timestampMs > QDateTime::currentMSecsSinceEpoch())
            return LeaseReset::tr("%1 is in the future: records that arrive before it would be processed too")
                .arg(QDateTime::fromMSecsSinceEpoch(target.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs));
        auto checkpoint = store.checkpointBefore(request.streamName, request.leaseKey, target.timestampMs);
        if (!checkpoint)
            return checkpoint.error().message;
        return *checkpoint;
    }
    case ShardPosition::Type::AtSequenceNumber:
    case ShardPosition::Type::AfterSequenceNumber: {
        // A checkpoint is a record the shard has: KCL resumes after it.
        auto read = store.readRecords(request.streamName, request.leaseKey,
                                      ShardPosition::atSequenceNumber(target.sequenceNumber), 1);
        if (!read)
            return read.error().message;
        if (read->records.empty()
            || SequenceNumber::compareDigits(read->records.front().sequenceNumber.toByteArray(),
                                             target.sequenceNumber.toByteArray())
                != std::strong_ordering::equal)
            return LeaseReset::tr("shard %1 of stream \"%2\" has no record with sequence number %3")
                .arg(request.leaseKey, request.streamName, target.sequenceNumber.toString());
        return target.sequenceNumber;
    }
    }
    return LeaseReset::tr("unknown reset target");
}

} // namespace

std::variant<ShardPosition, QString> LeaseReset::parseTarget(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed == u"AT_TIMESTAMP")
        return tr("AT_TIMESTAMP needs a time: AT_TIMESTAMP:2026-12-06T10:00:00Z or AT_TIMESTAMP:<epoch milliseconds>");
    if (trimmed.startsWith(u"AT_TIMESTAMP:") || trimmed == u"TRIM_HORIZON" || trimmed == u"LATEST") {
        if (auto position = ShardPosition::parse(trimmed))
            return *position;
        return tr("'%1' is not a time: use ISO 8601 (2026-12-06T10:00:00Z) or epoch milliseconds")
            .arg(trimmed.mid(13).toString());
    }
    const auto sequence = SequenceNumber::parse(trimmed.toString());
    if (!sequence || sequence->isSentinel())
        return tr("'%1' is not TRIM_HORIZON, LATEST, AT_TIMESTAMP:T or a sequence number").arg(trimmed.toString());
    return ShardPosition::afterSequenceNumber(*sequence);
}

LeaseReset::TargetCheck LeaseReset::storeTargets(StreamStore &store)
{
    return [&store](const LeaseResetRequest &request) { return checkpointInStore(store, request); };
}

LeaseReset::TargetCheck LeaseReset::sentinelTargets()
{
    return [](const LeaseResetRequest &request) -> std::variant<SequenceNumber, QString> {
        switch (request.target.type) {
        case ShardPosition::Type::TrimHorizon: return SequenceNumber::trimHorizon();
        case ShardPosition::Type::Latest: return SequenceNumber::latest();
        default:
            return tr("%1 cannot be checked against the stream here: use TRIM_HORIZON or LATEST")
                .arg(request.target.toString());
        }
    };
}

LeaseResetOutcome LeaseReset::run(LeaseTable &table, const TargetCheck &targets, const LeaseResetRequest &request,
                                  const std::function<void(const QString &)> &progress)
{
    const QString shard = request.leaseKey;
    const QString where = tr("shard %1 of application table \"%2\"").arg(shard, table.tableName());

    auto current = table.lease(shard);
    if (!current)
        return failed(current.error());
    if (!*current)
        return outcome(Result::NoLease, tr("lease table \"%1\" has no lease for shard %2 (%3)")
                                            .arg(table.tableName(), shard, table.location()));
    Lease judged = **current;

    const auto checkpoint = targets(request);
    if (const QString *problem = std::get_if<QString>(&checkpoint))
        return outcome(Result::BadTarget, tr("cannot reset %1: %2").arg(where, *problem), judged);

    // Held, as a KCL lease taker judges it: owned, and its counter moved
    // within failoverTime. A lease first seen owned counts as just renewed.
    const bool alreadyExpired = request.knownExpiredAtCounter == judged.leaseCounter;
    if (judged.leaseOwner && !request.force && !alreadyExpired) {
        if (progress)
            progress(tr("%1 is held by %2: watching its lease counter for %3 ms (failoverTimeMillis) to see whether "
                        "that worker is alive; --force skips this")
                         .arg(where, *judged.leaseOwner)
                         .arg(request.failoverTime.count()));
        LeaseObserver observer(request.failoverTime);
        observer.observe(std::span(&judged, 1));
        const auto poll = std::clamp(request.failoverTime / 10, std::chrono::milliseconds(50),
                                     std::chrono::milliseconds(500));
        for (;;) {
            QThread::msleep(quint64(poll.count()));
            auto again = table.lease(shard);
            if (!again)
                return failed(again.error(), judged);
            if (!*again)
                return outcome(Result::NoLease, tr("the lease of %1 was deleted while watching it").arg(where));
            const bool moved = (*again)->leaseCounter != judged.leaseCounter;
            judged = **again;
            if (!judged.leaseOwner)
                break; // released meanwhile: nobody holds it
            if (moved)
                return outcome(Result::RefusedLive,
                               tr("%1 is held by %2, a live worker (its lease counter moved within %3 ms): stop that "
                                  "worker first, or force it and that worker loses the lease")
                                   .arg(where, *judged.leaseOwner)
                                   .arg(request.failoverTime.count()),
                               judged);
            observer.observe(std::span(&judged, 1));
            if (observer.isExpired(judged))
                break;
        }
    }

    auto written = table.resetCheckpoint(shard, judged.leaseCounter, std::get<SequenceNumber>(checkpoint),
                                         LeaseTable::ResetGuard::Force);
    if (!written)
        return failed(written.error(), judged);
    if (!written->applied())
        return outcome(Result::Changed,
                       tr("the lease of %1 changed while resetting it (a worker took, renewed or checkpointed it): "
                          "nothing was written, try again")
                           .arg(where),
                       judged);
    LeaseResetOutcome done = outcome(Result::Applied,
                                     tr("reset the checkpoint of %1 from %2 to %3")
                                         .arg(where, judged.checkpoint.display(),
                                              std::get<SequenceNumber>(checkpoint).display()),
                                     judged);
    done.checkpoint = std::get<SequenceNumber>(checkpoint);
    return done;
}

void LeaseReset::start(QObject *context, const QString &storePath, const QString &tableName, LeaseResetRequest request,
                       std::function<void(const LeaseResetOutcome &)> done)
{
    QThreadPool::globalInstance()->start([context = QPointer<QObject>(context), storePath, tableName,
                                          request = std::move(request), done = std::move(done)] {
        LeaseResetOutcome result;
        auto store = StreamStore::open(storePath, StreamStore::OpenMode::MustExist);
        auto table = store ? LeaseTable::open(storePath, tableName, StreamStore::OpenMode::MustExist)
                           : StoreResult<LeaseTable>(store.error());
        if (!table)
            result = failed(table.error());
        else
            result = run(*table, *store, request);
        if (context)
            QMetaObject::invokeMethod(context, [done, result] { done(result); }, Qt::QueuedConnection);
    });
}

} // namespace qmld

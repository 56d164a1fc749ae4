#pragma once

#include <qmld/Lease.h>
#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <variant>

// Moving a shard's checkpoint by hand, the one way the CLI and the console do
// it: the target checked against the shard, the owner judged live or gone as
// a KCL worker judges it (its leaseCounter moved within failoverTime), and
// the write conditional on the lease as it was judged.
namespace qmld {

struct LeaseResetRequest
{
    QString streamName; // the application's stream, to check the target against
    QString leaseKey;   // the shard id
    // TRIM_HORIZON, LATEST, AFTER_SEQUENCE_NUMBER (a checkpoint at that record)
    // or AT_TIMESTAMP (the first record at or after the time comes next).
    ShardPosition target;
    // Take the lease from a live owner too.
    bool force = false;
    std::chrono::milliseconds failoverTime{10000};
    // The caller already saw the lease unrenewed for longer than failoverTime
    // at this leaseCounter (the console's lease monitor): no need to watch it again.
    std::optional<std::int64_t> knownExpiredAtCounter;
};

struct LeaseResetOutcome
{
    enum class Result : std::uint8_t {
        Applied,
        RefusedLive, // a live worker holds the lease, and no force
        Changed,     // the lease changed between the judgement and the write
        BadTarget,   // not a place in this shard
        NoLease,
        Failed,      // the store or the table failed
    };

    Result result = Result::Failed;
    QString message;              // one line for the user, naming shard and table
    StoreError::Code failure = StoreError::Code::Io; // with Failed: what the store or the table said
    std::optional<Lease> before;  // the lease as judged
    SequenceNumber checkpoint;    // what was written, with Applied

    bool applied() const { return result == Result::Applied; }
};

class LeaseReset
{
    Q_DECLARE_TR_FUNCTIONS(LeaseReset)
public:
    // A target as a user writes it: TRIM_HORIZON, LATEST, AT_TIMESTAMP:T (T in
    // ISO 8601 or epoch milliseconds) or a sequence number; else one line saying why not.
    static std::variant<ShardPosition, QString> parseTarget(QStringView text);

    // Where a worker resumes for request.target: the checkpoint to write, or
    // one line saying why the target is no place in the shard.
    using TargetCheck = std::function<std::variant<SequenceNumber, QString>(const LeaseResetRequest &)>;
    // The embedded store's: a sequence number must be a record of the shard, a time becomes the
    // checkpoint of the last record before it.
    static TargetCheck storeTargets(StreamStore &store);
    // Where no stream is at hand to check against: TRIM_HORIZON and LATEST only.
    static TargetCheck sentinelTargets();

    // Blocks for up to failoverTime while it watches a lease with an owner:
    // call it off any UI thread. `progress` hears what it waits for.
    static LeaseResetOutcome run(LeaseTable &table, const TargetCheck &targets, const LeaseResetRequest &request,
                                 const std::function<void(const QString &)> &progress = {});
    static LeaseResetOutcome run(LeaseTable &table, StreamStore &store, const LeaseResetRequest &request,
                                 const std::function<void(const QString &)> &progress = {})
    {
        return run(table, storeTargets(store), request, progress);
    }

    // Opens the store and the lease table and runs run() on a thread of the
    // global pool; `done` is then called on `context`'s thread, or not at all
    // when `context` is gone by then.
    static void start(QObject *context, const QString &storePath, const QString &tableName, LeaseResetRequest request,
                      std::function<void(const LeaseResetOutcome &)> done);
};

} // namespace qmld

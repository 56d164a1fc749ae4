#include <qmld/LeaseSource.h>

#include "monitor/LagMeter.h"

#include <qmld/DynamoDbLeaseTable.h>
#include <qmld/KinesisResetTarget.h>
#include <qmld/aws/AwsSettings.h>

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

class SourceText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::LeaseSource)
};

} // namespace

std::chrono::milliseconds LeaseSource::effectivePollInterval() const
{
    return inDynamoDb() ? std::max(pollInterval, kMinimumAwsPollInterval) : pollInterval;
}

QString LeaseSource::describe() const
{
    if (!aws)
        return SourceText::tr("lease table \"%1\" in store %2").arg(tableName, storePath);
    QStringList where;
    if (!aws->region.isEmpty())
        where << aws->region;
    if (!aws->dynamoDbEndpoint.isEmpty())
        where << aws->dynamoDbEndpoint.toString();
    if (!aws->profile.isEmpty())
        where << SourceText::tr("profile %1").arg(aws->profile);
    return where.isEmpty() ? SourceText::tr("lease table \"%1\" in DynamoDB").arg(tableName)
                           : SourceText::tr("lease table \"%1\" in DynamoDB (%2)").arg(tableName, where.join(u", "_s));
}

StoreResult<LeaseTable> openLeaseTable(const LeaseSource &source, std::chrono::milliseconds busyTimeout)
{
    if (!source.aws)
        return LeaseTable::open(source.storePath, source.tableName, StreamStore::OpenMode::MustExist, busyTimeout);
    aws::AwsOptions options;
    options.profile = source.aws->profile;
    options.region = source.aws->region;
    options.endpointUrl = source.aws->dynamoDbEndpoint;
    const auto settings = aws::AwsSettings::resolve(options, QProcessEnvironment::systemEnvironment());
    auto backend = makeDynamoDbLeaseTable(settings, source.tableName);
    if (!backend)
        return backend.error();
    return LeaseTable(std::move(*backend));
}

void startLeaseReset(QObject *context, const LeaseSource &source, LeaseResetRequest request,
                     std::function<void(const LeaseResetOutcome &)> done)
{
    if (!source.aws) {
        LeaseReset::start(context, source.storePath, source.tableName, std::move(request), std::move(done));
        return;
    }
    QThreadPool::globalInstance()->start([context = QPointer<QObject>(context), source, request = std::move(request),
                                          done = std::move(done)] {
        LeaseResetOutcome result;
        auto table = openLeaseTable(source);
        QObject owner; // of the Kinesis client, on this thread
        QString kinesisError;
        aws::KinesisClient *kinesis =
            source.streamName.isEmpty() ? nullptr : monitor::kinesisClientFor(source, &owner, &kinesisError);
        if (!table) {
            result.result = LeaseResetOutcome::Result::Failed;
            result.message = table.error().message;
        } else if (!kinesis) {
            // No stream to check against: TRIM_HORIZON and LATEST only.
            result = LeaseReset::run(*table, LeaseReset::sentinelTargets(), request);
        } else {
            // A time or a sequence number resolved on the stream's shard, as `qmld lease reset --aws` does.
            const auto onKinesis = [&](const LeaseResetRequest &asked) -> std::variant<SequenceNumber, QString> {
                // A multi-stream lease key ends in the shard id (account:stream:epoch:shardId-…).
                const KinesisResetTarget resolved = resolveKinesisResetTarget(
                    *kinesis, source.streamName, asked.leaseKey.section(u':', -1), asked.target);
                if (resolved.error.isError())
                    return resolved.error.text();
                if (!resolved.problem.isEmpty())
                    return resolved.problem;
                return resolved.checkpoint;
            };
            result = LeaseReset::run(*table, onKinesis, request);
        }
        if (context)
            QMetaObject::invokeMethod(context, [done, result] { done(result); }, Qt::QueuedConnection);
    });
}

} // namespace qmld

#include <qmld/DynamoDbLeaseTable.h>

#include "dynamodb/LeaseItem.h"

#include <qmld/aws/CredentialChain.h>
#include <qmld/aws/DynamoDbClient.h>

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <functional>
#include <memory>

namespace qmld {

namespace {

class DynamoText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::dynamodb)
};

StoreError storeError(const aws::AwsError &error)
{
    if (error.isAuthorization())
        return {StoreError::Code::Refused, error.text()};
    return {error.kind == aws::AwsError::Kind::InvalidRequest ? StoreError::Code::InvalidArgument : StoreError::Code::Io,
            error.text()};
}

// One call, waited for on this thread's event loop. A loop ended from
// outside (the thread quitting) is an error, and an answer after that lands
// in the shared state, never on this stack frame.
template<typename T, typename Start>
aws::AwsResult<T> await(Start start)
{
    struct State
    {
        std::optional<aws::AwsResult<T>> result;
        QEventLoop *loop = nullptr;
    };
    const auto state = std::make_shared<State>();
    start([state](const aws::AwsResult<T> &value) {
        state->result = value;
        if (state->loop)
            state->loop->quit();
    });
    if (!state->result) {
        QEventLoop loop;
        state->loop = &loop;
        loop.exec();
        state->loop = nullptr;
    }
    if (!state->result) {
        aws::AwsResult<T> interrupted;
        interrupted.error.kind = aws::AwsError::Kind::Timeout;
        interrupted.error.service = QStringLiteral("DynamoDB");
        interrupted.error.message = DynamoText::tr("the call was abandoned: its thread is stopping");
        return interrupted;
    }
    return *state->result;
}

class DynamoDbLeaseTable final : public LeaseTableBackend
{
public:
    DynamoDbLeaseTable(const aws::ServiceEndpoint &endpoint, aws::CredentialsProvider *credentials, QString table,
                       std::unique_ptr<QObject> owner = {})
        : m_owner(owner ? std::move(owner) : std::make_unique<QObject>()),
          m_client(new aws::AwsClient(endpoint, credentials, m_owner.get())),
          m_dynamo(new aws::DynamoDbClient(m_client, m_owner.get())), m_table(std::move(table))
    {
    }

    QString tableName() const override { return m_table; }
    QString location() const override
    {
        return DynamoText::tr("DynamoDB %1 (%2)").arg(m_client->endpoint().url.toString(), m_client->endpoint().region);
    }

    StoreResult<std::vector<Lease>> list() override
    {
        const auto items = await<QJsonArray>([&](auto done) { m_dynamo->scan(m_table, nullptr, done); });
        if (!items.ok())
            return storeError(items.error);
        std::vector<Lease> leases;
        for (const QJsonValue &item : items.value)
            if (auto lease = dynamodb::leaseFromItem(item.toObject()))
                leases.push_back(std::move(*lease));
        std::sort(leases.begin(), leases.end(), [](const Lease &a, const Lease &b) { return a.leaseKey < b.leaseKey; });
        return leases;
    }

    StoreResult<std::optional<Lease>> lease(const QString &leaseKey) override
    {
        auto item = load(leaseKey);
        if (!item)
            return item.error();
        return item->isEmpty() ? std::nullopt : dynamodb::leaseFromItem(*item);
    }

    StoreResult<LeaseWrite> create(const Lease &lease) override
    {
        if (!lease.checkpoint.isValid() || lease.leaseKey.isEmpty())
            return StoreError{StoreError::Code::InvalidArgument,
                              DynamoText::tr("cannot create a lease without a leaseKey and a checkpoint in %1").arg(m_table)};
        const auto put = await<QJsonObject>([&](auto done) {
            m_dynamo->putItem(m_table, dynamodb::itemFromLease(lease), {QStringLiteral("attribute_not_exists(leaseKey)"), {}, {}},
                              nullptr, done);
        });
        if (put.ok())
            return LeaseWrite{LeaseWrite::Outcome::Applied, lease};
        return refused(put.error, lease.leaseKey);
    }

    StoreResult<LeaseWrite> renew(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner) override
    {
        return update(leaseKey, expectedCounter, [](Lease &lease) { ++lease.leaseCounter; },
                      [&](const Lease &lease) { return lease.isOwnedBy(owner); });
    }

    StoreResult<LeaseWrite> take(const QString &leaseKey, std::int64_t expectedCounter, const QString &newOwner) override
    {
        return update(leaseKey, expectedCounter, [&](Lease &lease) {
            if (lease.leaseOwner && *lease.leaseOwner != newOwner)
                ++lease.ownerSwitchesSinceCheckpoint;
            lease.leaseOwner = newOwner;
            ++lease.leaseCounter;
        });
    }

    StoreResult<LeaseWrite> evict(const QString &leaseKey, std::int64_t expectedCounter) override
    {
        return update(leaseKey, expectedCounter, [](Lease &lease) {
            lease.leaseOwner.reset();
            ++lease.leaseCounter;
        });
    }

    StoreResult<LeaseWrite> checkpoint(const QString &leaseKey, std::int64_t expectedCounter, const QString &owner,
                                       const SequenceNumber &checkpoint) override
    {
        if (!checkpoint.isValid())
            return StoreError{StoreError::Code::InvalidArgument,
                              DynamoText::tr("invalid checkpoint for lease %1 of %2").arg(leaseKey, m_table)};
        return update(leaseKey, expectedCounter, [&](Lease &lease) {
            lease.checkpoint = checkpoint;
            lease.pendingCheckpoint.reset();
            lease.ownerSwitchesSinceCheckpoint = 0;
            ++lease.leaseCounter;
        }, [&](const Lease &lease) { return lease.isOwnedBy(owner); });
    }

    StoreResult<LeaseWrite> setChildShardIds(const QString &leaseKey, std::int64_t expectedCounter,
                                             const QStringList &childShardIds) override
    {
        return update(leaseKey, expectedCounter, [&](Lease &lease) { lease.childShardIds = childShardIds; });
    }

    StoreResult<LeaseWrite> remove(const QString &leaseKey, std::int64_t expectedCounter) override
    {
        return update(leaseKey, expectedCounter, {});
    }

    StoreResult<LeaseWrite> resetCheckpoint(const QString &leaseKey, std::int64_t expectedCounter, const SequenceNumber &to,
                                            bool force) override
    {
        if (!to.isValid() || to.kind() == SequenceNumber::Kind::ShardEnd)
            return StoreError{StoreError::Code::InvalidArgument,
                              DynamoText::tr("cannot reset lease %1 of %2 to %3: use TRIM_HORIZON, LATEST, AT_TIMESTAMP or a "
                                             "sequence number")
                                  .arg(leaseKey, m_table, to.isValid() ? to.toString() : QStringLiteral("?"))};
        const auto check = [&](const std::optional<Lease> &lease) {
            if (!lease || lease->leaseCounter != expectedCounter)
                return LeaseWrite::Outcome::ConditionFailed;
            if (lease->leaseOwner && !force)
                return LeaseWrite::Outcome::RefusedOwned;
            return LeaseWrite::Outcome::Applied;
        };
        return write(leaseKey, check, [&](Lease &lease) {
            lease.checkpoint = to;
            lease.pendingCheckpoint.reset();
            lease.ownerSwitchesSinceCheckpoint = 0;
            lease.leaseOwner.reset();
            ++lease.leaseCounter;
        });
    }

private:
    using Check = std::function<LeaseWrite::Outcome(const std::optional<Lease> &)>;
    using Change = std::function<void(Lease &)>;

    static QJsonObject key(const QString &leaseKey) { return {{QStringLiteral("leaseKey"), QJsonObject{{QStringLiteral("S"), leaseKey}}}}; }

    StoreResult<QJsonObject> load(const QString &leaseKey)
    {
        const auto item = await<QJsonObject>([&](auto done) { m_dynamo->getItem(m_table, key(leaseKey), nullptr, done); });
        if (!item.ok())
            return storeError(item.error);
        return item.value;
    }

    // A conditional write lost: report the lease as it is now.
    StoreResult<LeaseWrite> refused(const aws::AwsError &error, const QString &leaseKey)
    {
        if (error.kind != aws::AwsError::Kind::ConditionFailed)
            return storeError(error);
        auto now = lease(leaseKey);
        if (!now)
            return now.error();
        return LeaseWrite{LeaseWrite::Outcome::ConditionFailed, std::move(*now)};
    }

    // Reads the item, asks `check`, and writes the changed lease (or deletes it)
    // only if its leaseCounter is still the one read: as a KCL worker's
    // conditional UpdateItem, so a worker's renew in between wins.
    StoreResult<LeaseWrite> write(const QString &leaseKey, const Check &check, const Change &change)
    {
        auto item = load(leaseKey);
        if (!item)
            return item.error();
        std::optional<Lease> current = item->isEmpty() ? std::nullopt : dynamodb::leaseFromItem(*item);
        if (const auto outcome = check(current); outcome != LeaseWrite::Outcome::Applied)
            return LeaseWrite{outcome, std::move(current)};
        const aws::Expression unchanged{QStringLiteral("leaseCounter = :counter"), {},
                                        {{QStringLiteral(":counter"),
                                          QJsonObject{{QStringLiteral("N"), QString::number(current->leaseCounter)}}}}};
        if (!change) {
            const auto deleted = await<QJsonObject>([&](auto done) { m_dynamo->deleteItem(m_table, key(leaseKey), unchanged, nullptr, done); });
            if (!deleted.ok())
                return refused(deleted.error, leaseKey);
            return LeaseWrite{LeaseWrite::Outcome::Applied, std::nullopt};
        }
        Lease changed = *current;
        change(changed);
        const auto put = await<QJsonObject>([&](auto done) {
            m_dynamo->putItem(m_table, dynamodb::itemFromLease(changed, *item), unchanged, nullptr, done);
        });
        if (!put.ok())
            return refused(put.error, leaseKey);
        return LeaseWrite{LeaseWrite::Outcome::Applied, std::move(changed)};
    }

    StoreResult<LeaseWrite> update(const QString &leaseKey, std::int64_t expectedCounter, const Change &change,
                                   const std::function<bool(const Lease &)> &also = {})
    {
        const auto check = [&](const std::optional<Lease> &lease) {
            const bool holds = lease && lease->leaseCounter == expectedCounter && (!also || also(*lease));
            return holds ? LeaseWrite::Outcome::Applied : LeaseWrite::Outcome::ConditionFailed;
        };
        return write(leaseKey, check, change);
    }

    std::unique_ptr<QObject> m_owner;
    aws::AwsClient *m_client;
    aws::DynamoDbClient *m_dynamo;
    QString m_table;
};

} // namespace

std::unique_ptr<LeaseTableBackend> makeDynamoDbLeaseTable(const aws::ServiceEndpoint &endpoint,
                                                          aws::CredentialsProvider *credentials, const QString &tableName)
{
    return std::make_unique<DynamoDbLeaseTable>(endpoint, credentials, tableName);
}

StoreResult<std::unique_ptr<LeaseTableBackend>> makeDynamoDbLeaseTable(const aws::AwsSettings &settings,
                                                                       const QString &tableName)
{
    if (!settings.error.isEmpty())
        return StoreError{StoreError::Code::InvalidArgument, settings.error};
    auto owner = std::make_unique<QObject>();
    QString error;
    aws::CredentialsProvider *credentials = aws::defaultCredentials(settings, owner.get(), &error);
    if (!credentials)
        return StoreError{StoreError::Code::Refused, error};
    const auto endpoint = aws::ServiceEndpoint::dynamoDb(settings.endpoint(aws::AwsService::DynamoDb), settings.region);
    return std::unique_ptr<LeaseTableBackend>(
        std::make_unique<DynamoDbLeaseTable>(endpoint, credentials, tableName, std::move(owner)));
}

} // namespace qmld

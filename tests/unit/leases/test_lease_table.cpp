#include <qmld/LeaseTable.h>
#include <qmld/StreamStore.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <latch>
#include <memory>

using namespace Qt::StringLiterals;
using qmld::Lease;
using qmld::LeaseTable;
using qmld::LeaseWrite;
using qmld::SequenceNumber;
using qmld::StoreError;
using Outcome = LeaseWrite::Outcome;

// QVERIFY2 evaluates its message even on success: only ask a failed result for its error.
#define QVERIFY_OK(result) \
    QVERIFY2((result).ok(), qPrintable((result).ok() ? QString() : (result).error().message))

namespace {

const QString kShard = u"shardId-000000000000"_s;

SequenceNumber digits(const char *text, std::int64_t sub = 0)
{
    return *SequenceNumber::parse(QByteArray(text), sub);
}

Lease newLease(const QString &key, std::optional<QString> owner = std::nullopt)
{
    Lease lease;
    lease.leaseKey = key;
    lease.leaseOwner = std::move(owner);
    return lease;
}

} // namespace

class TestLeaseTable : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshPath() { return m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_files)); }

    std::unique_ptr<LeaseTable> openTable(const QString &path, const QString &name = u"app"_s)
    {
        auto table = LeaseTable::open(path, name);
        if (!table) {
            qWarning().noquote() << table.error().message;
            return nullptr;
        }
        return std::make_unique<LeaseTable>(std::move(*table));
    }

    // A fresh table holding kShard: unowned at counter 0, or taken by `owner` (counter 1).
    std::unique_ptr<LeaseTable> tableWithLease(std::optional<QString> owner)
    {
        auto table = openTable(freshPath());
        if (!table || !table->create(newLease(kShard))->applied())
            return nullptr;
        if (owner && !table->take(kShard, 0, *owner)->applied())
            return nullptr;
        return table;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createWritesEveryAttributeAndOnlyOnce()
    {
        auto table = openTable(freshPath());
        QVERIFY(table);
        Lease lease = newLease(u"shardId-000000000002"_s);
        lease.checkpoint = digits("49590338271490256608559692538361571095921575989136588898", 3);
        lease.parentShardId = {u"shardId-000000000000"_s, u"shardId-000000000001"_s};
        lease.childShardIds = {u"shardId-000000000004"_s};
        lease.pendingCheckpoint = digits("12", 1);
        lease.hashKeyRange = qmld::HashKeyRange::parse("0", "170141183460469231731687303715884105727");
        QVERIFY(lease.hashKeyRange);

        auto created = table->create(lease);
        QVERIFY_OK(created);
        QCOMPARE(created->outcome, Outcome::Applied);
        auto read = table->lease(lease.leaseKey);
        QVERIFY_OK(read);
        QVERIFY(read->has_value());
        QCOMPARE(**read, lease);
        QCOMPARE((*read)->checkpoint.subSequence(), 3);

        Lease other = lease;
        other.checkpoint = SequenceNumber::latest();
        auto again = table->create(other);
        QVERIFY_OK(again);
        QCOMPARE(again->outcome, Outcome::ConditionFailed);
        QCOMPARE(again->lease, std::optional<Lease>(lease));
        QCOMPARE(table->list()->size(), 1u);
    }

    void tablesAreSeparateAndNamesNeedNoQuoting()
    {
        const QString path = freshPath();
        const QString odd = u"my app\"; DROP TABLE leases; -- 'ü"_s;
        auto first = openTable(path, odd);
        auto second = openTable(path, u"other"_s);
        QVERIFY(first && second);
        QVERIFY(first->create(newLease(u"a"_s))->applied());
        QVERIFY(first->create(newLease(u"b"_s))->applied());
        QVERIFY(second->create(newLease(u"a"_s))->applied());
        QCOMPARE(first->list()->size(), 2u);
        QCOMPARE(second->list()->size(), 1u);
        QVERIFY(first->take(u"a"_s, 0, u"w1"_s)->applied());
        QCOMPARE(second->lease(u"a"_s)->value().leaseOwner, std::nullopt);
        // Listing is in leaseKey order.
        const auto leases = first->list();
        QCOMPARE(leases->at(0).leaseKey, u"a"_s);
        QCOMPARE(leases->at(1).leaseKey, u"b"_s);
    }

    void livesInTheStreamStoreFile()
    {
        const QString path = freshPath();
        auto store = qmld::StreamStore::open(path);
        QVERIFY_OK(store);
        QVERIFY_OK(store->createStream(u"orders"_s, 2));
        auto table = openTable(path);
        QVERIFY(table);
        QVERIFY(table->create(newLease(kShard))->applied());
        auto reopened = qmld::StreamStore::open(path, qmld::StreamStore::OpenMode::MustExist);
        QVERIFY_OK(reopened);
        QCOMPARE(reopened->describeStream(u"orders"_s)->shards.size(), 2u);
    }

    void aFileThatIsNotAStoreIsRefused()
    {
        const QString path = freshPath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        auto table = LeaseTable::open(path, u"app"_s);
        QVERIFY(!table);
        QCOMPARE(table.error().code, StoreError::Code::Corrupt);
        QVERIFY2(table.error().message.contains(path), qPrintable(table.error().message));
    }

    void renewBumpsTheCounterOnlyForTheOwnerAtTheObservedCounter()
    {
        auto table = tableWithLease(u"w1"_s);
        QVERIFY(table);
        auto renewed = table->renew(kShard, 1, u"w1"_s);
        QVERIFY_OK(renewed);
        QCOMPARE(renewed->outcome, Outcome::Applied);
        QCOMPARE(renewed->lease->leaseCounter, 2);
        QCOMPARE(renewed->lease->leaseOwner, u"w1"_s);

        auto stale = table->renew(kShard, 1, u"w1"_s);
        QCOMPARE(stale->outcome, Outcome::ConditionFailed);
        QCOMPARE(stale->lease->leaseCounter, 2);
        QCOMPARE(table->renew(kShard, 2, u"w2"_s)->outcome, Outcome::ConditionFailed);
        auto missing = table->renew(u"shardId-000000000009"_s, 0, u"w1"_s);
        QCOMPARE(missing->outcome, Outcome::ConditionFailed);
        QCOMPARE(missing->lease, std::nullopt);
        QCOMPARE(table->lease(kShard)->value().leaseCounter, 2);
    }

    void takeCountsOwnerSwitches()
    {
        auto table = tableWithLease(std::nullopt);
        QVERIFY(table);
        // Taking an unowned lease is no switch.
        auto first = table->take(kShard, 0, u"w1"_s);
        QCOMPARE(first->outcome, Outcome::Applied);
        QCOMPARE(first->lease->leaseOwner, u"w1"_s);
        QCOMPARE(first->lease->leaseCounter, 1);
        QCOMPARE(first->lease->ownerSwitchesSinceCheckpoint, 0);
        // Nor is taking one's own lease again.
        QCOMPARE(table->take(kShard, 1, u"w1"_s)->lease->ownerSwitchesSinceCheckpoint, 0);
        // Taking it from another worker is.
        auto stolen = table->take(kShard, 2, u"w2"_s);
        QCOMPARE(stolen->lease->ownerSwitchesSinceCheckpoint, 1);
        QCOMPARE(stolen->lease->leaseCounter, 3);
        QCOMPARE(table->take(kShard, 3, u"w1"_s)->lease->ownerSwitchesSinceCheckpoint, 2);

        auto stale = table->take(kShard, 3, u"w3"_s);
        QCOMPARE(stale->outcome, Outcome::ConditionFailed);
        QCOMPARE(stale->lease->leaseOwner, u"w1"_s);
        QCOMPARE(table->lease(kShard)->value().ownerSwitchesSinceCheckpoint, 2);
    }

    void evictLeavesTheLeaseUnowned()
    {
        auto table = tableWithLease(u"w1"_s);
        QVERIFY(table);
        QCOMPARE(table->evict(kShard, 0)->outcome, Outcome::ConditionFailed);
        QCOMPARE(table->lease(kShard)->value().leaseOwner, u"w1"_s);
        auto evicted = table->evict(kShard, 1);
        QCOMPARE(evicted->outcome, Outcome::Applied);
        QCOMPARE(evicted->lease->leaseOwner, std::nullopt);
        QCOMPARE(evicted->lease->leaseCounter, 2);
        // The old owner's renew now fails: it has lost the lease.
        QCOMPARE(table->renew(kShard, 1, u"w1"_s)->outcome, Outcome::ConditionFailed);
    }

    void checkpointOnlyByTheOwnerAtTheObservedCounter()
    {
        auto table = tableWithLease(u"w1"_s);
        QVERIFY(table);
        QCOMPARE(table->take(kShard, 1, u"w2"_s)->lease->ownerSwitchesSinceCheckpoint, 1);

        // w1 lost the lease: its checkpoint is refused (ShutdownException) and writes nothing.
        auto refused = table->checkpoint(kShard, 2, u"w1"_s, digits("100"));
        QVERIFY_OK(refused);
        QCOMPARE(refused->outcome, Outcome::ConditionFailed);
        QCOMPARE(refused->lease->checkpoint, SequenceNumber::trimHorizon());
        QCOMPARE(table->checkpoint(kShard, 1, u"w2"_s, digits("100"))->outcome, Outcome::ConditionFailed);

        auto done = table->checkpoint(kShard, 2, u"w2"_s, digits("100", 7));
        QCOMPARE(done->outcome, Outcome::Applied);
        QCOMPARE(done->lease->checkpoint, digits("100", 7));
        QCOMPARE(done->lease->ownerSwitchesSinceCheckpoint, 0);
        QCOMPARE(done->lease->leaseCounter, 3);
        QCOMPARE(done->lease->leaseOwner, u"w2"_s);
        auto stored = table->lease(kShard)->value();
        QCOMPARE(stored.checkpoint, digits("100", 7));
        QCOMPARE(stored.checkpoint.subSequence(), 7);

        QCOMPARE(table->checkpoint(kShard, 3, u"w2"_s, SequenceNumber::shardEnd())->lease->checkpoint,
                 SequenceNumber::shardEnd());
    }

    void childShardIdsKeepTheCounter()
    {
        auto table = tableWithLease(u"w1"_s);
        QVERIFY(table);
        const QStringList children{u"shardId-000000000001"_s, u"shardId-000000000002"_s};
        QCOMPARE(table->setChildShardIds(kShard, 0, children)->outcome, Outcome::ConditionFailed);
        auto marked = table->setChildShardIds(kShard, 1, children);
        QCOMPARE(marked->outcome, Outcome::Applied);
        QCOMPARE(marked->lease->childShardIds, children);
        QCOMPARE(marked->lease->leaseCounter, 1);
        QCOMPARE(table->renew(kShard, 1, u"w1"_s)->outcome, Outcome::Applied);
        QCOMPARE(table->lease(kShard)->value().childShardIds, children);
    }

    void removeDeletesOnlyAtTheObservedCounter()
    {
        auto table = tableWithLease(u"w1"_s);
        QVERIFY(table);
        QCOMPARE(table->remove(kShard, 0)->outcome, Outcome::ConditionFailed);
        QVERIFY(table->lease(kShard)->has_value());
        auto removed = table->remove(kShard, 1);
        QCOMPARE(removed->outcome, Outcome::Applied);
        QCOMPARE(removed->lease, std::nullopt);
        QVERIFY(!table->lease(kShard)->has_value());
        QCOMPARE(table->remove(kShard, 1)->outcome, Outcome::ConditionFailed);
    }

    void resetIsRefusedWhileOwnedUnlessForced()
    {
        auto table = tableWithLease(u"w1"_s);
        QVERIFY(table);
        QCOMPARE(table->checkpoint(kShard, 1, u"w1"_s, digits("500"))->outcome, Outcome::Applied);

        auto refused = table->resetCheckpoint(kShard, 2, SequenceNumber::trimHorizon(),
                                              LeaseTable::ResetGuard::RefuseWhileOwned);
        QVERIFY_OK(refused);
        QCOMPARE(refused->outcome, Outcome::RefusedOwned);
        QCOMPARE(table->lease(kShard)->value().checkpoint, digits("500"));

        QCOMPARE(table->resetCheckpoint(kShard, 1, SequenceNumber::latest(), LeaseTable::ResetGuard::Force)->outcome,
                 Outcome::ConditionFailed);

        auto forced = table->resetCheckpoint(kShard, 2, digits("42"), LeaseTable::ResetGuard::Force);
        QCOMPARE(forced->outcome, Outcome::Applied);
        QCOMPARE(forced->lease->checkpoint, digits("42"));
        QCOMPARE(forced->lease->leaseOwner, std::nullopt);
        QCOMPARE(forced->lease->leaseCounter, 3);
        // The worker that held it loses it at its next renew.
        QCOMPARE(table->renew(kShard, 2, u"w1"_s)->outcome, Outcome::ConditionFailed);

        // Unowned, no force is needed.
        auto again = table->resetCheckpoint(kShard, 3, SequenceNumber::atTimestamp(),
                                            LeaseTable::ResetGuard::RefuseWhileOwned);
        QCOMPARE(again->outcome, Outcome::Applied);
        QCOMPARE(again->lease->checkpoint, SequenceNumber::atTimestamp());
    }

    void resetToShardEndIsAnError()
    {
        auto table = tableWithLease(std::nullopt);
        QVERIFY(table);
        auto result = table->resetCheckpoint(kShard, 0, SequenceNumber::shardEnd(), LeaseTable::ResetGuard::Force);
        QVERIFY(!result);
        QCOMPARE(result.error().code, StoreError::Code::InvalidArgument);
        QVERIFY2(result.error().message.contains(kShard), qPrintable(result.error().message));
    }

    void concurrentTakesOfOneLeaseHaveOneWinner()
    {
        const QString path = freshPath();
        auto setup = openTable(path);
        QVERIFY(setup);
        constexpr int kRounds = 20;
        for (int round = 0; round < kRounds; ++round)
            QVERIFY(setup->create(newLease(u"shard-%1"_s.arg(round)))->applied());

        for (int round = 0; round < kRounds; ++round) {
            const QString key = u"shard-%1"_s.arg(round);
            std::latch start(2);
            Outcome outcomes[2] = {Outcome::RefusedOwned, Outcome::RefusedOwned};
            std::unique_ptr<QThread> threads[2];
            for (int worker = 0; worker < 2; ++worker) {
                threads[worker].reset(QThread::create([&, worker] {
                    auto table = LeaseTable::open(path, u"app"_s);
                    start.arrive_and_wait();
                    if (!table)
                        return;
                    auto taken = table->take(key, 0, u"worker-%1"_s.arg(worker));
                    if (taken)
                        outcomes[worker] = taken->outcome;
                }));
                threads[worker]->start();
            }
            for (auto &thread : threads)
                QVERIFY(thread->wait(QDeadlineTimer(30000)));
            QCOMPARE(int(outcomes[0] == Outcome::Applied) + int(outcomes[1] == Outcome::Applied), 1);
            QCOMPARE(int(outcomes[0] == Outcome::ConditionFailed) + int(outcomes[1] == Outcome::ConditionFailed), 1);
            const Lease lease = setup->lease(key)->value();
            QCOMPARE(lease.leaseCounter, 1);
            QCOMPARE(lease.leaseOwner, u"worker-%1"_s.arg(outcomes[0] == Outcome::Applied ? 0 : 1));
        }
    }
};

QTEST_GUILESS_MAIN(TestLeaseTable)
#include "test_lease_table.moc"

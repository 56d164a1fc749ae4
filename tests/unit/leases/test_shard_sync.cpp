#include <qmld/Lease.h>
#include <qmld/ShardSync.h>

#include <QTest>

using namespace Qt::StringLiterals;
using qmld::Lease;
using qmld::SequenceNumber;
using qmld::ShardInfo;

namespace {

QString id(int index)
{
    return u"shardId-%1"_s.arg(index, 12, 10, QLatin1Char('0'));
}

ShardInfo shard(int index, bool open, std::optional<int> parent = std::nullopt,
                std::optional<int> adjacentParent = std::nullopt)
{
    ShardInfo info;
    info.shardId = id(index);
    if (parent)
        info.parentShardId = id(*parent);
    if (adjacentParent)
        info.adjacentParentShardId = id(*adjacentParent);
    info.startingSequenceNumber = *SequenceNumber::parse(QByteArray::number(index + 1) + "000"_ba);
    if (!open)
        info.endingSequenceNumber = *SequenceNumber::parse(QByteArray::number(index + 1) + "999"_ba);
    return info;
}

// 0 and 1 were merged into 2, which was split into 3 and 4 (open); 5 is an open root.
std::vector<ShardInfo> reshardedStream()
{
    return {shard(0, false), shard(1, false), shard(2, false, 0, 1), shard(3, true, 2), shard(4, true, 2),
            shard(5, true)};
}

Lease leaseAt(int index, const SequenceNumber &checkpoint, QStringList parents = {})
{
    Lease lease;
    lease.leaseKey = id(index);
    lease.checkpoint = checkpoint;
    lease.parentShardId = std::move(parents);
    return lease;
}

const Lease *find(const std::vector<Lease> &leases, int index)
{
    for (const Lease &lease : leases) {
        if (lease.leaseKey == id(index))
            return &lease;
    }
    return nullptr;
}

} // namespace

class TestShardSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void trimHorizonLeasesEveryShardFromTheRoots()
    {
        const auto shards = reshardedStream();
        const auto leases = qmld::newLeasesForShards(shards, {}, SequenceNumber::trimHorizon());
        QCOMPARE(leases.size(), 6u);
        for (const Lease &lease : leases) {
            QCOMPARE(lease.checkpoint, SequenceNumber::trimHorizon());
            QCOMPARE(lease.leaseCounter, 0);
            QCOMPARE(lease.leaseOwner, std::nullopt);
        }
        QCOMPARE(find(leases, 2)->parentShardId, (QStringList{id(0), id(1)}));
        QCOMPARE(find(leases, 3)->parentShardId, QStringList{id(2)});
        QVERIFY(find(leases, 0)->parentShardId.isEmpty());
        QCOMPARE(find(leases, 3)->hashKeyRange, std::optional(shards[3].hashKeyRange));
    }

    void latestLeasesOnlyOpenShards()
    {
        const auto leases = qmld::newLeasesForShards(reshardedStream(), {}, SequenceNumber::latest());
        QCOMPARE(leases.size(), 3u);
        for (int index : {3, 4, 5}) {
            QVERIFY(find(leases, index));
            QCOMPARE(find(leases, index)->checkpoint, SequenceNumber::latest());
        }
        QCOMPARE(find(leases, 3)->parentShardId, QStringList{id(2)});
    }

    void atTimestampAppliesToDescendantsToo()
    {
        const auto leases = qmld::newLeasesForShards(reshardedStream(), {}, SequenceNumber::atTimestamp());
        QCOMPARE(leases.size(), 6u);
        for (const Lease &lease : leases)
            QCOMPARE(lease.checkpoint, SequenceNumber::atTimestamp());
    }

    void childrenOfALeasedShardStartAtTrimHorizon()
    {
        // 2 has a lease (being processed); 0 and 1 were cleaned up after SHARD_END.
        const std::vector<Lease> existing{leaseAt(2, *SequenceNumber::parse("3500"_ba)),
                                          leaseAt(5, SequenceNumber::latest())};
        const auto leases = qmld::newLeasesForShards(reshardedStream(), existing, SequenceNumber::latest());
        QCOMPARE(leases.size(), 2u);
        QCOMPARE(find(leases, 3)->checkpoint, SequenceNumber::trimHorizon());
        QCOMPARE(find(leases, 4)->checkpoint, SequenceNumber::trimHorizon());
        // Nothing that has a lease is created again.
        std::vector<Lease> all = existing;
        all.insert(all.end(), leases.begin(), leases.end());
        QVERIFY(qmld::newLeasesForShards(reshardedStream(), all, SequenceNumber::trimHorizon()).empty());
        // Nor do finished ancestors whose leases were cleaned up.
        all.erase(all.begin());
        QVERIFY(qmld::newLeasesForShards(reshardedStream(), all, SequenceNumber::trimHorizon()).empty());
    }

    void aChildIsReadyOnlyWhenEveryParentReachedShardEnd()
    {
        const Lease child = leaseAt(2, SequenceNumber::trimHorizon(), {id(0), id(1)});
        std::vector<Lease> table{leaseAt(0, *SequenceNumber::parse("1999"_ba)), leaseAt(1, SequenceNumber::shardEnd()),
                                 child};
        QVERIFY(!qmld::readyToProcess(child, table));
        table[0].checkpoint = SequenceNumber::shardEnd();
        QVERIFY(qmld::readyToProcess(child, table));
        // A parent whose lease is gone was finished and cleaned up.
        table.erase(table.begin());
        QVERIFY(qmld::readyToProcess(child, table));
        QVERIFY(qmld::readyToProcess(leaseAt(5, SequenceNumber::latest()), table));
    }
};

QTEST_GUILESS_MAIN(TestShardSync)
#include "test_shard_sync.moc"

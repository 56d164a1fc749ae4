#include <qmld/LeaseTable.h>
#include <qmld/LeaseTaker.h>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qmld::Lease;
using qmld::LeaseTable;
using qmld::LeaseTaker;
using qmld::LeaseTakerConfig;

namespace {

constexpr std::chrono::milliseconds kFailover = 10s;

QString shardId(int index)
{
    return u"shardId-%1"_s.arg(index, 12, 10, QLatin1Char('0'));
}

// Several workers sharing one lease table (each with its own connection) and
// one fake monotonic clock. A worker remembers the counter of each lease it
// holds from its own last successful write, as KCL's renewer does.
class Simulation
{
public:
    struct Worker
    {
        QString id;
        std::unique_ptr<LeaseTable> table;
        std::unique_ptr<LeaseTaker> taker;
        std::map<QString, std::int64_t> held;
        bool alive = true;
    };

    explicit Simulation(const QString &path, int leaseCount) : m_path(path)
    {
        m_admin = open();
        for (int i = 0; i < leaseCount; ++i) {
            Lease lease;
            lease.leaseKey = shardId(i);
            m_admin->create(lease);
        }
    }

    Worker &addWorker(const QString &id, LeaseTakerConfig config = {})
    {
        config.workerId = id;
        config.failoverTime = kFailover;
        auto worker = std::make_unique<Worker>();
        worker->id = id;
        worker->table = open();
        worker->taker = std::make_unique<LeaseTaker>(config, [this] { return m_now; });
        worker->taker->seedRandom(quint32(m_workers.size() + 1));
        m_workers.push_back(std::move(worker));
        return *m_workers.back();
    }

    void renew(Worker &worker)
    {
        for (auto it = worker.held.begin(); it != worker.held.end();) {
            auto renewed = worker.table->renew(it->first, it->second, worker.id);
            if (renewed && renewed->applied()) {
                it->second = renewed->lease->leaseCounter;
                ++it;
            } else {
                it = worker.held.erase(it); // lost
            }
        }
    }

    void runTaker(Worker &worker)
    {
        const auto table = worker.table->list().value();
        for (const Lease &lease : worker.taker->leasesToTake(table)) {
            auto taken = worker.table->take(lease.leaseKey, lease.leaseCounter, worker.id);
            if (taken && taken->applied())
                worker.held[lease.leaseKey] = taken->lease->leaseCounter;
        }
    }

    // Every live worker renews, then every live worker runs its taker; then
    // the clock moves on by `step`.
    void round(std::chrono::nanoseconds step)
    {
        for (auto &worker : m_workers) {
            if (worker->alive)
                renew(*worker);
        }
        for (auto &worker : m_workers) {
            if (worker->alive)
                runTaker(*worker);
        }
        advance(step);
    }

    void advance(std::chrono::nanoseconds step) { m_now += step; }

    // Empty if, for every lease, at most one worker can still write it (its
    // remembered counter is the table's) and that worker is the leaseOwner.
    QString doubleOwnership() const
    {
        const auto all = leases();
        for (const Lease &lease : all) {
            QStringList holders;
            for (const auto &worker : m_workers) {
                const auto it = worker->held.find(lease.leaseKey);
                if (it != worker->held.end() && it->second == lease.leaseCounter)
                    holders.append(worker->id);
            }
            if (holders.size() > 1 || (holders.size() == 1 && lease.leaseOwner != holders.first()))
                return u"%1 (owner %2) held by %3"_s.arg(lease.leaseKey, lease.leaseOwner.value_or(u"-"_s),
                                                        holders.join(u", "));
        }
        return {};
    }

    std::map<QString, int> ownedCounts() const
    {
        std::map<QString, int> counts;
        for (const auto &worker : m_workers)
            counts[worker->id] = 0;
        const auto all = leases();
        for (const Lease &lease : all) {
            if (lease.leaseOwner)
                ++counts[*lease.leaseOwner];
        }
        return counts;
    }

    std::vector<Lease> leases() const { return m_admin->list().value(); }
    std::chrono::nanoseconds now() const { return m_now; }
    Worker &worker(int index) { return *m_workers.at(std::size_t(index)); }

private:
    std::unique_ptr<LeaseTable> open() const
    {
        return std::make_unique<LeaseTable>(std::move(LeaseTable::open(m_path, u"sim"_s).value()));
    }

    QString m_path;
    std::unique_ptr<LeaseTable> m_admin;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::chrono::nanoseconds m_now{0};
};

int spread(const std::map<QString, int> &counts, const std::vector<QString> &among)
{
    int low = std::numeric_limits<int>::max(), high = 0;
    for (const QString &id : among) {
        low = std::min(low, counts.at(id));
        high = std::max(high, counts.at(id));
    }
    return high - low;
}

} // namespace

class TestLeaseTaker : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString freshPath() { return m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_files)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void timings()
    {
        QCOMPARE(qmld::leaseRenewInterval(10s), 3308ms);
        QCOMPARE(qmld::leaseTakerInterval(10s), 20050ms);
    }

    void aSingleWorkerTakesEverything_data()
    {
        QTest::addColumn<bool>("priority");
        QTest::newRow("priority lease assignment") << true;
        QTest::newRow("no priority lease assignment") << false;
    }
    void aSingleWorkerTakesEverything()
    {
        QFETCH(bool, priority);
        Simulation sim(freshPath(), 8);
        LeaseTakerConfig config;
        config.enablePriorityLeaseAssignment = priority;
        sim.addWorker(u"alone"_s, config);
        sim.round(qmld::leaseTakerInterval(kFailover));
        QCOMPARE(sim.ownedCounts().at(u"alone"_s), 8);
        QCOMPARE(sim.worker(0).held.size(), 8u);
    }

    void workersConvergeToABalancedSplit_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("leases");
        QTest::addColumn<bool>("priority");
        for (bool priority : {true, false}) {
            const char *mode = priority ? "priority" : "no priority";
            QTest::addRow("2 workers, 8 leases, %s", mode) << 2 << 8 << priority;
            QTest::addRow("2 workers, 7 leases, %s", mode) << 2 << 7 << priority;
            QTest::addRow("3 workers, 10 leases, %s", mode) << 3 << 10 << priority;
            QTest::addRow("3 workers, 16 leases, %s", mode) << 3 << 16 << priority;
            QTest::addRow("3 workers, 2 leases, %s", mode) << 3 << 2 << priority;
        }
    }
    void workersConvergeToABalancedSplit()
    {
        QFETCH(int, workers);
        QFETCH(int, leases);
        QFETCH(bool, priority);
        Simulation sim(freshPath(), leases);
        std::vector<QString> ids;
        for (int i = 0; i < workers; ++i) {
            LeaseTakerConfig config;
            config.enablePriorityLeaseAssignment = priority;
            ids.push_back(sim.addWorker(u"worker-%1"_s.arg(i), config).id);
        }

        constexpr int kRounds = 30;
        for (int round = 0; round < kRounds; ++round) {
            sim.round(qmld::leaseRenewInterval(kFailover));
            const QString clash = sim.doubleOwnership();
            QVERIFY2(clash.isEmpty(), qPrintable(u"round %1: %2"_s.arg(round).arg(clash)));
        }
        const auto counts = sim.ownedCounts();
        QStringList split;
        for (const auto &[id, count] : counts)
            split.append(u"%1=%2"_s.arg(id).arg(count));
        QVERIFY2(spread(counts, ids) <= 1, qPrintable(split.join(u' ')));
        int owned = 0;
        for (const auto &[id, count] : counts)
            owned += count;
        QCOMPARE(owned, leases);

        // And it stays that way.
        const auto before = sim.leases();
        for (int round = 0; round < 10; ++round)
            sim.round(qmld::leaseRenewInterval(kFailover));
        const auto after = sim.leases();
        for (std::size_t i = 0; i < before.size(); ++i)
            QCOMPARE(after[i].leaseOwner, before[i].leaseOwner);
    }

    void aWorkerThatStopsRenewingLosesItsLeasesAfterFailover()
    {
        Simulation sim(freshPath(), 9);
        for (int i = 0; i < 3; ++i)
            sim.addWorker(u"worker-%1"_s.arg(i));
        const auto step = qmld::leaseRenewInterval(kFailover);
        for (int round = 0; round < 30; ++round)
            sim.round(step);
        QCOMPARE(sim.ownedCounts().at(u"worker-2"_s), 3);

        // worker-2 renews one last time, then stops (as after SIGKILL).
        sim.round(step);
        const auto lastRenewal = sim.now() - step;
        sim.worker(2).alive = false;
        std::map<QString, std::int64_t> switchesBefore; // of worker-2's leases
        for (const Lease &lease : sim.leases()) {
            if (lease.leaseOwner == u"worker-2"_s)
                switchesBefore[lease.leaseKey] = lease.ownerSwitchesSinceCheckpoint;
        }

        while (sim.now() - lastRenewal <= kFailover) {
            sim.round(step);
            QCOMPARE(sim.ownedCounts().at(u"worker-2"_s), 3);
        }
        // The first takers to run after failoverTime take them all.
        sim.round(step);
        const auto counts = sim.ownedCounts();
        QCOMPARE(counts.at(u"worker-2"_s), 0);
        QCOMPARE(counts.at(u"worker-0"_s) + counts.at(u"worker-1"_s), 9);
        QVERIFY(spread(counts, {u"worker-0"_s, u"worker-1"_s}) <= 1);
        QVERIFY(sim.doubleOwnership().isEmpty());
        for (const Lease &lease : sim.leases()) {
            if (const auto it = switchesBefore.find(lease.leaseKey); it != switchesBefore.end())
                QCOMPARE(lease.ownerSwitchesSinceCheckpoint, it->second + 1);
        }
    }

    void maxLeasesForWorkerIsHonoured()
    {
        Simulation sim(freshPath(), 10);
        LeaseTakerConfig config;
        config.maxLeasesForWorker = 3;
        sim.addWorker(u"a"_s, config);
        for (int round = 0; round < 5; ++round)
            sim.round(qmld::leaseRenewInterval(kFailover));
        QCOMPARE(sim.ownedCounts().at(u"a"_s), 3);

        sim.addWorker(u"b"_s, config);
        for (int round = 0; round < 10; ++round)
            sim.round(qmld::leaseRenewInterval(kFailover));
        const auto counts = sim.ownedCounts();
        QCOMPARE(counts.at(u"a"_s), 3);
        QCOMPARE(counts.at(u"b"_s), 3);
        QVERIFY(sim.doubleOwnership().isEmpty());
    }

    void stealsAreCappedByMaxLeasesToStealAtOneTime_data()
    {
        QTest::addColumn<int>("maxSteal");
        QTest::addColumn<int>("stolen");
        QTest::newRow("default 1") << 1 << 1;
        QTest::newRow("3") << 3 << 3;
        // Never more than the most loaded worker has over the target (5).
        QTest::newRow("10") << 10 << 5;
    }
    void stealsAreCappedByMaxLeasesToStealAtOneTime()
    {
        QFETCH(int, maxSteal);
        QFETCH(int, stolen);
        Simulation sim(freshPath(), 10);
        sim.addWorker(u"a"_s);
        sim.round(qmld::leaseRenewInterval(kFailover));
        QCOMPARE(sim.ownedCounts().at(u"a"_s), 10);

        LeaseTakerConfig config;
        config.maxLeasesToStealAtOneTime = maxSteal;
        auto &b = sim.addWorker(u"b"_s, config);
        sim.runTaker(b);
        QCOMPARE(sim.ownedCounts().at(u"b"_s), stolen);
        // The victim finds out at its next renew.
        sim.renew(sim.worker(0));
        QCOMPARE(int(sim.worker(0).held.size()), 10 - stolen);
        QVERIFY(sim.doubleOwnership().isEmpty());
    }

    void leasesNobodyRenewedForThreeFailoversAreTakenFirst_data()
    {
        QTest::addColumn<bool>("priority");
        QTest::newRow("priority lease assignment") << true;
        QTest::newRow("no priority lease assignment") << false;
    }
    void leasesNobodyRenewedForThreeFailoversAreTakenFirst()
    {
        QFETCH(bool, priority);
        // a holds 3 and b 2 (target 3), and a dead worker's lease waits.
        Simulation sim(freshPath(), 6);
        LeaseTakerConfig config;
        config.enablePriorityLeaseAssignment = priority;
        auto &a = sim.addWorker(u"a"_s, config);
        auto &b = sim.addWorker(u"b"_s, config);
        auto &dead = sim.addWorker(u"dead"_s);
        dead.alive = false;
        const auto leases = sim.leases();
        for (std::size_t i = 0; i < leases.size(); ++i) {
            auto &owner = i < 3 ? a : i < 5 ? b : dead;
            QVERIFY(owner.table->take(leases[i].leaseKey, 0, owner.id)->applied());
            owner.held[leases[i].leaseKey] = 1;
        }

        // Only a runs its taker; a is at its target, so only priority makes it take more.
        const auto step = qmld::leaseRenewInterval(kFailover);
        while (sim.now() <= 3 * kFailover + step) {
            sim.renew(a);
            sim.renew(b);
            sim.runTaker(a);
            sim.advance(step);
        }
        QCOMPARE(sim.ownedCounts().at(u"a"_s), priority ? 4 : 3);
        QCOMPARE(sim.leases()[5].leaseOwner, priority ? u"a"_s : u"dead"_s);
        QVERIFY(sim.doubleOwnership().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLeaseTaker)
#include "test_lease_taker.moc"

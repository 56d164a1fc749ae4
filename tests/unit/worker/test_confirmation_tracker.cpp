#include "worker/ConfirmationTracker.h"

#include <QTest>

using namespace qmld;
using namespace qmld::worker;

namespace {

std::vector<StreamRecord> records(std::initializer_list<int> numbers)
{
    std::vector<StreamRecord> out;
    for (int n : numbers) {
        StreamRecord r;
        r.sequenceNumber = *SequenceNumber::parse(QByteArray::number(n), 0);
        out.push_back(r);
    }
    return out;
}

SequenceNumber seq(int n)
{
    return *SequenceNumber::parse(QByteArray::number(n), 0);
}

} // namespace

class TestConfirmationTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onReturnConfirmsTheWholeBatch()
    {
        ConfirmationTracker tracker(false);
        tracker.deliver(records({1, 2, 3}), 0);
        QVERIFY(!tracker.confirmedEnd());
        QCOMPARE(tracker.unconfirmedCount(), 3);
        tracker.confirmAll();
        QCOMPARE(*tracker.confirmedEnd(), seq(3));
        QCOMPARE(tracker.confirmedSinceCheckpoint(), 3);
        tracker.checkpointed();
        QCOMPARE(tracker.confirmedSinceCheckpoint(), 0);
    }

    void explicitPrefixStopsAtTheFirstGap()
    {
        ConfirmationTracker tracker(true);
        tracker.deliver(records({10, 20, 30, 40}), 5);
        QVERIFY(tracker.confirm(seq(20)));
        QVERIFY(!tracker.confirmedEnd()); // 10 is still open
        QVERIFY(tracker.confirm(seq(10)));
        QCOMPARE(*tracker.confirmedEnd(), seq(20));
        QVERIFY(tracker.confirm(seq(40)));
        QCOMPARE(*tracker.confirmedEnd(), seq(20));
        QCOMPARE(*tracker.oldestUnconfirmedSince(), 5);
        QVERIFY(tracker.confirm(seq(30)));
        QCOMPARE(*tracker.confirmedEnd(), seq(40));
        QVERIFY(!tracker.oldestUnconfirmedSince());
        QCOMPARE(tracker.confirmedSinceCheckpoint(), 4);
    }

    void confirmingAnUnknownRecordIsRefused()
    {
        ConfirmationTracker tracker(true);
        tracker.deliver(records({10, 20}), 0);
        QVERIFY(!tracker.confirm(seq(15)));
        QVERIFY(tracker.confirm(seq(10)));
        QVERIFY(!tracker.confirm(seq(10))); // already part of the prefix
    }

    void subRecordsOfAnAggregateAreDistinct()
    {
        ConfirmationTracker tracker(true);
        std::vector<StreamRecord> subs(3);
        for (int i = 0; i < 3; ++i)
            subs[std::size_t(i)].sequenceNumber = *SequenceNumber::parse(QByteArray("777"), i);
        tracker.deliver(subs, 0);
        QVERIFY(tracker.confirm(*SequenceNumber::parse(QByteArray("777"), 0)));
        QVERIFY(tracker.confirm(*SequenceNumber::parse(QByteArray("777"), 2)));
        QCOMPARE(tracker.confirmedEnd()->subSequence(), 0);
    }

    // An aggregate the daemon delivered whole as record 20 and this process
    // unpacked: the prefix passes it only as a whole, and then as (20, 0),
    // the record the daemon knows; the same across batches.
    void anAggregateUnpackedHereIsOneRecordToTheDaemon()
    {
        ConfirmationTracker tracker(true);
        std::vector<StreamRecord> batch = records({10});
        for (int i = 0; i < 3; ++i) {
            StreamRecord sub;
            sub.sequenceNumber = *SequenceNumber::parse(QByteArray("20"), i);
            sub.aggregateIndex = i;
            sub.aggregateCount = 3;
            batch.push_back(sub);
        }
        tracker.deliver(batch, 0);
        QVERIFY(tracker.confirm(seq(10)));
        QVERIFY(tracker.confirm(*SequenceNumber::parse(QByteArray("20"), 0)));
        QVERIFY(tracker.confirm(*SequenceNumber::parse(QByteArray("20"), 1)));
        QCOMPARE(*tracker.confirmedEnd(), seq(10)); // not (20, 1)
        tracker.deliver(records({30}), 1);
        QVERIFY(tracker.confirm(seq(30)));
        QCOMPARE(*tracker.confirmedEnd(), seq(10)); // (20, 2) is still open
        QVERIFY(tracker.confirm(*SequenceNumber::parse(QByteArray("20"), 2)));
        QCOMPARE(*tracker.confirmedEnd(), seq(30));

        QCOMPARE(*tracker.daemonPosition(*SequenceNumber::parse(QByteArray("20"), 2)), seq(20));
        QCOMPARE(*tracker.daemonPosition(*SequenceNumber::parse(QByteArray("20"), 1)), seq(10));
        QCOMPARE(*tracker.daemonPosition(seq(30)), seq(30));
    }

    void onReturnEndsAtTheAggregateRecord()
    {
        ConfirmationTracker tracker(false);
        std::vector<StreamRecord> batch;
        for (int i = 0; i < 2; ++i) {
            StreamRecord sub;
            sub.sequenceNumber = *SequenceNumber::parse(QByteArray("20"), i);
            sub.aggregateIndex = i;
            sub.aggregateCount = 2;
            batch.push_back(sub);
        }
        tracker.deliver(batch, 0);
        tracker.confirmAll();
        QCOMPARE(*tracker.confirmedEnd(), seq(20));
        QVERIFY(!tracker.daemonPosition(*SequenceNumber::parse(QByteArray("20"), 0))); // nothing before it
    }
};

QTEST_GUILESS_MAIN(TestConfirmationTracker)
#include "test_confirmation_tracker.moc"

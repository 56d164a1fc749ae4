#include <qmld/MetricHistory.h>

#include <QTest>

#include <cmath>

using qmld::MetricSeries;

class TestMetricSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty()
    {
        const MetricSeries series(4);
        QVERIFY(series.isEmpty());
        QCOMPARE(series.capacity(), 4);
        QVERIFY(std::isnan(series.at(0)));
        QCOMPARE(series.stats(10).samples, 0);
        QVERIFY(std::isnan(series.stats(10).mean));
    }

    void appendsOneValuePerSecondOldestFirst()
    {
        MetricSeries series(4);
        series.append(100, 1);
        series.append(101, 2);
        series.append(102, 3);
        QCOMPARE(series.size(), 3);
        QCOMPARE(series.firstSecond(), 100);
        QCOMPARE(series.lastSecond(), 102);
        QCOMPARE(series.at(0), 1.0f);
        QCOMPARE(series.at(2), 3.0f);
        QCOMPARE(series.valueAt(101), 2.0f);
        QVERIFY(std::isnan(series.valueAt(99)));
        QVERIFY(std::isnan(series.valueAt(103)));
    }

    void dropsTheOldestBeyondCapacity()
    {
        MetricSeries series(3);
        for (int second = 10; second < 20; ++second)
            series.append(second, float(second));
        QCOMPARE(series.size(), 3);
        QCOMPARE(series.firstSecond(), 17);
        QCOMPARE(series.at(0), 17.0f);
        QCOMPARE(series.at(1), 18.0f);
        QCOMPARE(series.at(2), 19.0f);
    }

    void skippedSecondsHoldTheGapValue()
    {
        MetricSeries counts(10, 0.0f);
        counts.append(5, 8);
        counts.append(8, 2);
        QCOMPARE(counts.size(), 4);
        QCOMPARE(counts.valueAt(6), 0.0f);
        QCOMPARE(counts.valueAt(7), 0.0f);
        QCOMPARE(counts.stats(4).mean, 2.5f); // (8 + 0 + 0 + 2) / 4

        MetricSeries lag(10);
        lag.append(5, 100);
        lag.append(8, 300);
        QVERIFY(std::isnan(lag.valueAt(6)));
        const MetricSeries::Stats stats = lag.stats(4);
        QCOMPARE(stats.samples, 2); // the seconds without a report are skipped
        QCOMPARE(stats.mean, 200.0f);
        QCOMPARE(stats.max, 300.0f);
    }

    void theSameSecondOverwritesAndAnOlderOneIsIgnored()
    {
        MetricSeries series(4);
        series.append(7, 1);
        series.append(7, 5);
        series.append(6, 9);
        QCOMPARE(series.size(), 1);
        QCOMPARE(series.lastSecond(), 7);
        QCOMPARE(series.at(0), 5.0f);
    }

    void aJumpBeyondCapacityKeepsOnlyTheNewValue()
    {
        MetricSeries series(4, 0.0f);
        series.append(1, 3);
        series.append(2, 4);
        series.append(50, 7);
        QCOMPARE(series.size(), 1);
        QCOMPARE(series.firstSecond(), 50);
        QCOMPARE(series.at(0), 7.0f);
        QCOMPARE(series.stats(4).mean, 7.0f);
    }

    void statsCoverOnlyTheLastWindowSeconds()
    {
        MetricSeries series(100, 0.0f);
        for (int second = 0; second < 10; ++second)
            series.append(second, second < 7 ? 1000.0f : 10.0f);
        const MetricSeries::Stats stats = series.stats(3);
        QCOMPARE(stats.samples, 3);
        QCOMPARE(stats.mean, 10.0f);
        QCOMPARE(stats.max, 10.0f);
        QCOMPARE(series.stats(0).samples, 0);
    }

    void wrapsAroundTheRingManyTimes()
    {
        MetricSeries series(5, 0.0f);
        for (int second = 0; second < 23; ++second)
            series.append(second, float(second % 7));
        QCOMPARE(series.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(series.at(i), float((18 + i) % 7));
    }
};

QTEST_GUILESS_MAIN(TestMetricSeries)
#include "test_metric_series.moc"

#pragma once

#include <qmld/MonitorSnapshot.h>

#include <QWidget>

#include <QtCharts/QChartView>

class QLabel;
class QChart;
class QValueAxis;

namespace qmld::ui {

// Per-shard lag (millisBehindLatest) or throughput over the last minutes,
// one point a second. With many shards it draws the chosen ones, or else the
// few that lag most, so that hundreds of shards cost no more than a handful.
class MetricChart : public QWidget
{
    Q_OBJECT
public:
    enum class Metric { Lag, Throughput };
    static constexpr int kMaxSeries = 8;

    explicit MetricChart(Metric metric, QWidget *parent = nullptr);

    void setWindowSeconds(int seconds);
    // Redraws when the snapshot holds a new second or the choice changed.
    void setSnapshot(const MonitorSnapshotPtr &snapshot);
    // Empty: the shards that lag (or move) most.
    void setChosenShards(const QStringList &shardIds);
    // "max 1.2 s · mean 0.4 s" over the window and the drawn shards.
    QString statsText() const;
    int seriesCount() const;

private:
    void redraw();
    QStringList shardsToDraw() const;
    const MetricSeries *seriesOf(const ShardRow &row) const;

    Metric m_metric;
    int m_windowSeconds = 300;
    MonitorSnapshotPtr m_snapshot;
    QStringList m_chosen;
    std::int64_t m_drawnSecond = -1;
    bool m_dirty = true;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
    QLabel *m_stats = nullptr;
};

} // namespace qmld::ui

#include "widgets/MetricChart.h"

#include "models/ShardTableModel.h"

#include <QLabel>
#include <QVBoxLayout>

#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
// The smallest of 1, 2 and 5 times a power of ten that is at least `value`.
double niceCeiling(double value)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * magnitude >= value)
            return step * magnitude;
    }
    return 10.0 * magnitude;
}
} // namespace

MetricChart::MetricChart(Metric metric, QWidget *parent) : QWidget(parent), m_metric(metric)
{
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignRight); // the height goes to the plot: the window must work at 720 px
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_axisX = new QValueAxis(m_chart);
    m_axisX->setLabelFormat(u"%d"_s);
    m_axisY = new QValueAxis(m_chart);
    // The unit is in the tab name and the stats line; a title would crowd the labels out.
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing, false); // cheap redraws with many points
    m_view->setMinimumHeight(110); // the shard table and the tail need the room at 1280×720
    m_stats = new QLabel(this);
    m_stats->setObjectName(u"chartStats"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_stats);
    setWindowSeconds(m_windowSeconds);
}

void MetricChart::setWindowSeconds(int seconds)
{
    m_windowSeconds = std::clamp(seconds, 10, ShardHistory::kSeconds);
    m_axisX->setRange(-m_windowSeconds, 0);
    m_dirty = true;
    redraw();
}

void MetricChart::setSnapshot(const MonitorSnapshotPtr &snapshot)
{
    const bool otherStream = !snapshot || !m_snapshot || snapshot->streamName != m_snapshot->streamName;
    m_snapshot = snapshot;
    if (!m_snapshot) { // no stream, or one that has not reported yet: nothing of another one stays
        const QList<QAbstractSeries *> series = m_chart->series();
        for (QAbstractSeries *line : series) {
            m_chart->removeSeries(line);
            delete line;
        }
        m_stats->setText(tr("no data yet"));
        m_dirty = true;
        return;
    }
    if (!otherStream && !m_dirty && m_snapshot->second == m_drawnSecond)
        return;
    redraw();
}

void MetricChart::setChosenShards(const QStringList &shardIds)
{
    if (shardIds == m_chosen)
        return;
    m_chosen = shardIds;
    m_dirty = true;
    redraw();
}

int MetricChart::seriesCount() const
{
    return int(m_chart->series().size());
}

const MetricSeries *MetricChart::seriesOf(const ShardRow &row) const
{
    if (!row.history)
        return nullptr;
    return m_metric == Metric::Lag ? &row.history->millisBehindLatest : &row.history->recordsPerSecond;
}

QStringList MetricChart::shardsToDraw() const
{
    if (!m_snapshot)
        return {};
    QStringList ids;
    for (const QString &id : m_chosen) {
        const ShardRow *row = m_snapshot->find(id);
        if (row && row->history)
            ids << id;
        if (ids.size() == kMaxSeries)
            return ids;
    }
    // The chosen shards have no history here (another worker serves them):
    // nothing rather than other shards, and redraw() says why.
    if (!ids.isEmpty() || !m_chosen.isEmpty())
        return ids;
    std::vector<std::pair<float, QString>> ranked;
    for (const ShardRow &row : m_snapshot->shards) {
        if (const MetricSeries *series = seriesOf(row)) {
            const float max = series->stats(m_windowSeconds).max;
            ranked.emplace_back(std::isnan(max) ? -1.0f : max, row.shardId);
        }
    }
    const auto count = std::min<std::size_t>(ranked.size(), kMaxSeries);
    std::partial_sort(ranked.begin(), ranked.begin() + std::ptrdiff_t(count), ranked.end(),
                      [](const auto &a, const auto &b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    for (std::size_t i = 0; i < count; ++i)
        ids << ranked[i].second;
    std::sort(ids.begin(), ids.end());
    return ids;
}

void MetricChart::redraw()
{
    if (!m_snapshot)
        return;
    m_dirty = false;
    m_drawnSecond = m_snapshot->second;
    const QStringList ids = shardsToDraw();

    // Reuse series by name so that colours stay put from one second to the next.
    QList<QAbstractSeries *> existing = m_chart->series();
    for (QAbstractSeries *series : existing) {
        if (!ids.contains(series->name())) {
            m_chart->removeSeries(series);
            delete series;
        }
    }
    const double scale = m_metric == Metric::Lag ? 0.001 : 1.0;
    double maxValue = 0, sum = 0;
    int samples = 0;
    for (const QString &id : ids) {
        const ShardRow *row = m_snapshot->find(id);
        const MetricSeries *history = row ? seriesOf(*row) : nullptr;
        if (!history)
            continue;
        QLineSeries *line = nullptr;
        for (QAbstractSeries *series : m_chart->series()) {
            if (series->name() == id)
                line = static_cast<QLineSeries *>(series);
        }
        if (!line) {
            line = new QLineSeries;
            line->setName(id);
            m_chart->addSeries(line);
            line->attachAxis(m_axisX);
            line->attachAxis(m_axisY);
        }
        QList<QPointF> points;
        points.reserve(m_windowSeconds);
        const std::int64_t last = m_snapshot->second - 1;
        for (std::int64_t s = last - m_windowSeconds + 1; s <= last; ++s) {
            const float value = history->valueAt(s);
            if (std::isnan(value))
                continue;
            points.append(QPointF(double(s - last), double(value) * scale));
            maxValue = std::max(maxValue, double(value) * scale);
            sum += double(value) * scale;
            ++samples;
        }
        line->replace(points);
    }
    // Three labels, so that a short chart has room for them (QtCharts elides
    // labels that do not fit), on a round top of at least 5 s or 10 records/s.
    const double top = niceCeiling(std::max(maxValue * 1.1, m_metric == Metric::Lag ? 5.0 : 10.0));
    m_axisY->setRange(0, top);
    m_axisY->setTickCount(3);
    const char *format = top < 10 ? "%.1f" : "%.0f";
    m_axisY->setLabelFormat(QString::fromLatin1(format) + (m_metric == Metric::Lag ? u" s"_s : QString()));
    if (ids.isEmpty() && !m_chosen.isEmpty()) {
        m_stats->setText(tr("no history for %1 yet: throughput is measured only for shards this console processes, "
                            "the lag of other workers' shards once their checkpoint has been measured")
                             .arg(m_chosen.join(u", "_s)));
    } else if (samples == 0) {
        m_stats->setText(tr("no data yet"));
    } else if (m_metric == Metric::Lag) {
        m_stats->setText(tr("last %1 s · %n shard(s) shown · max %2 · mean %3", nullptr, int(ids.size()))
                             .arg(m_windowSeconds)
                             .arg(ShardTableModel::lagText(std::int64_t(maxValue * 1000)),
                                  ShardTableModel::lagText(std::int64_t(sum / samples * 1000))));
    } else {
        m_stats->setText(tr("last %1 s · %n shard(s) shown · max %2 records/s · mean %3 records/s", nullptr, int(ids.size()))
                             .arg(m_windowSeconds)
                             .arg(ShardTableModel::rateText(maxValue), ShardTableModel::rateText(sum / samples)));
    }
}

QString MetricChart::statsText() const
{
    return m_stats->text();
}

} // namespace qmld::ui

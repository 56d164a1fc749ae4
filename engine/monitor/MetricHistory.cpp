#include <qmld/MetricHistory.h>

#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace qmld {

MetricSeries::MetricSeries(int capacity, float gap) : m_values(std::size_t(std::max(capacity, 1)), gap), m_gap(gap)
{
}

void MetricSeries::append(std::int64_t second, float value)
{
    const int cap = capacity();
    if (m_size == 0 || second - m_last >= cap) {
        // Empty, or so far ahead that nothing kept would remain in the window.
        std::fill(m_values.begin(), m_values.end(), m_gap);
        m_head = 0;
        m_size = 1;
        m_last = second;
        m_values[0] = value;
        return;
    }
    if (second < m_last)
        return;
    for (; m_last < second; ++m_last) {
        if (m_size < cap) {
            ++m_size;
        } else {
            m_head = (m_head + 1) % cap;
        }
        m_values[std::size_t((m_head + m_size - 1) % cap)] = m_gap;
    }
    m_values[std::size_t((m_head + m_size - 1) % cap)] = value;
}

float MetricSeries::at(int index) const
{
    if (index < 0 || index >= m_size)
        return kNoSample;
    return m_values[std::size_t((m_head + index) % capacity())];
}

float MetricSeries::valueAt(std::int64_t second) const
{
    if (m_size == 0 || second > m_last || second < firstSecond())
        return kNoSample;
    return at(int(second - firstSecond()));
}

MetricSeries::Stats MetricSeries::stats(int windowSeconds) const
{
    Stats stats;
    const int count = std::min(std::max(windowSeconds, 0), m_size);
    double sum = 0;
    for (int i = m_size - count; i < m_size; ++i) {
        const float value = at(i);
        if (std::isnan(value))
            continue;
        sum += value;
        stats.max = stats.samples == 0 ? value : std::max(stats.max, value);
        ++stats.samples;
    }
    if (stats.samples > 0)
        stats.mean = float(sum / stats.samples);
    return stats;
}

} // namespace qmld

#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace qmld {

// One value per second in a fixed-size ring, oldest first. A second for which
// nothing was appended holds the series' gap value: NaN ("no sample", skipped
// by stats()) for gauges such as lag, 0 for counts such as records per second.
class MetricSeries
{
public:
    static constexpr float kNoSample = std::numeric_limits<float>::quiet_NaN();

    explicit MetricSeries(int capacity, float gap = kNoSample);

    // Sets the value of `second`. A later second than lastSecond() appends,
    // filling the seconds in between with the gap value and dropping the
    // oldest ones beyond capacity(); lastSecond() itself is overwritten; an
    // older second is ignored (the series only moves forward).
    void append(std::int64_t second, float value);

    int capacity() const { return int(m_values.size()); }
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    float gapValue() const { return m_gap; }
    // The seconds of the oldest and newest values; meaningless when empty.
    std::int64_t firstSecond() const { return m_last - m_size + 1; }
    std::int64_t lastSecond() const { return m_last; }

    // Value `index`, 0 being the oldest; NaN for a second without a sample.
    float at(int index) const;
    // The value of `second`; NaN outside the series.
    float valueAt(std::int64_t second) const;

    struct Stats
    {
        float max = kNoSample;
        float mean = kNoSample;
        int samples = 0; // seconds in the window that hold a value
    };
    // Over the last `windowSeconds` seconds of the series (ending at
    // lastSecond()), skipping seconds without a sample.
    Stats stats(int windowSeconds) const;

private:
    std::vector<float> m_values;
    int m_head = 0; // index of the oldest value
    int m_size = 0;
    std::int64_t m_last = 0;
    float m_gap;
};

// What the console charts for one shard: the last ten minutes, one point a
// second, of complete seconds only.
struct ShardHistory
{
    static constexpr int kSeconds = 600;

    // The highest millisBehindLatest reported in each second; NaN: no report.
    MetricSeries millisBehindLatest{kSeconds};
    MetricSeries recordsPerSecond{kSeconds, 0.0f};
    MetricSeries bytesPerSecond{kSeconds, 0.0f};
};

} // namespace qmld

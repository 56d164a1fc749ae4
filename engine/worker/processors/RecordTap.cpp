#include <qmld/RecordTap.h>

#include <deque>

namespace qmld {

namespace {
std::int64_t sizeOf(const StreamRecord &record)
{
    return record.data.size() + (record.partitionKey ? record.partitionKey->size() : 0);
}
} // namespace

struct RecordTap::Buffer
{
    std::deque<StreamRecord> records;
    std::uint64_t first = 0;
    std::int64_t bytes = 0;

    void trim(const Limits &limits)
    {
        while (!records.empty() && (qsizetype(records.size()) > limits.maxRecords || bytes > limits.maxBytes)) {
            bytes -= sizeOf(records.front());
            records.pop_front();
            ++first;
        }
    }
};

RecordTap::RecordTap() = default;
RecordTap::RecordTap(Limits limits) : m_limits(limits) {}

RecordTap::Limits RecordTap::limits() const
{
    std::lock_guard lock(m_mutex);
    return m_limits;
}

void RecordTap::setLimits(Limits limits)
{
    std::lock_guard lock(m_mutex);
    m_limits = limits;
    for (const std::shared_ptr<Buffer> &buffer : std::as_const(m_buffers))
        buffer->trim(m_limits);
}

void RecordTap::append(const QString &shardId, std::span<const StreamRecord> records)
{
    std::lock_guard lock(m_mutex);
    std::shared_ptr<Buffer> &buffer = m_buffers[shardId];
    if (!buffer)
        buffer = std::make_shared<Buffer>();
    // Only the newest maxRecords of a batch can stay, and then nothing older does.
    const std::size_t keep = std::min(records.size(), std::size_t(std::max(m_limits.maxRecords, 0)));
    const std::size_t skipped = records.size() - keep;
    if (skipped > 0) {
        buffer->first += buffer->records.size() + skipped;
        buffer->records.clear();
        buffer->bytes = 0;
    }
    for (const StreamRecord &record : records.subspan(skipped)) {
        buffer->bytes += sizeOf(record);
        buffer->records.push_back(record);
    }
    buffer->trim(m_limits);
}

RecordTap::Tail RecordTap::tail(const QString &shardId, std::uint64_t from) const
{
    std::lock_guard lock(m_mutex);
    Tail result;
    const auto it = m_buffers.constFind(shardId);
    if (it == m_buffers.cend())
        return result;
    const Buffer &buffer = **it;
    result.first = std::max(from, buffer.first);
    const std::uint64_t end = buffer.first + buffer.records.size();
    if (result.first >= end) {
        result.first = end;
        return result;
    }
    result.records.assign(buffer.records.begin() + std::ptrdiff_t(result.first - buffer.first), buffer.records.end());
    return result;
}

std::int64_t RecordTap::bytesHeld() const
{
    std::lock_guard lock(m_mutex);
    std::int64_t total = 0;
    for (const std::shared_ptr<Buffer> &buffer : std::as_const(m_buffers))
        total += buffer->bytes;
    return total;
}

namespace {

class InspectorProcessor final : public RecordProcessor
{
public:
    explicit InspectorProcessor(std::shared_ptr<RecordTap> tap) : m_tap(std::move(tap)) {}

    void initialize(const InitializationInput &input) override { m_shardId = input.shardId; }
    void processRecords(const ProcessRecordsInput &input, Checkpointer &) override
    {
        m_tap->append(m_shardId, input.records);
    }

private:
    std::shared_ptr<RecordTap> m_tap;
    QString m_shardId;
};

} // namespace

RecordProcessorFactory makeInspectorProcessorFactory(std::shared_ptr<RecordTap> tap)
{
    return [tap = std::move(tap)] { return std::make_unique<InspectorProcessor>(tap); };
}

} // namespace qmld

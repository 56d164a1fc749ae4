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

void RecordTap::setRecorder(Recorder recorder)
{
    std::lock_guard lock(m_mutex);
    m_recorder = std::move(recorder);
}

void RecordTap::append(const QString &shardId, std::span<const StreamRecord> records)
{
    std::lock_guard lock(m_mutex);
    if (m_recorder)
        m_recorder(shardId, records);
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
    InspectorProcessor(std::shared_ptr<RecordTap> tap, std::unique_ptr<RecordProcessor> inner)
        : m_tap(std::move(tap)), m_inner(std::move(inner))
    {
    }

    void initialize(const InitializationInput &input) override
    {
        m_shardId = input.shardId;
        if (m_inner)
            m_inner->initialize(input);
    }
    void processRecords(const ProcessRecordsInput &input, Checkpointer &checkpointer) override
    {
        m_tap->append(m_shardId, input.records);
        if (m_inner)
            m_inner->processRecords(input, checkpointer);
    }
    void leaseLost() override
    {
        if (m_inner)
            m_inner->leaseLost();
    }
    void shardEnded(Checkpointer &checkpointer) override
    {
        if (m_inner)
            m_inner->shardEnded(checkpointer);
    }
    void shutdownRequested(Checkpointer &checkpointer) override
    {
        if (m_inner)
            m_inner->shutdownRequested(checkpointer);
    }
    void checkpointed(const CheckpointResult &result) override
    {
        if (m_inner)
            m_inner->checkpointed(result);
    }
    Confirmation confirmation() const override { return m_inner ? m_inner->confirmation() : Confirmation::OnReturn; }
    void setConfirmer(Confirmer *confirmer) override
    {
        if (m_inner)
            m_inner->setConfirmer(confirmer);
    }

private:
    std::shared_ptr<RecordTap> m_tap;
    std::unique_ptr<RecordProcessor> m_inner;
    QString m_shardId;
};

} // namespace

RecordProcessorFactory makeInspectorProcessorFactory(std::shared_ptr<RecordTap> tap, RecordProcessorFactory inner)
{
    return [tap = std::move(tap), inner = std::move(inner)] {
        return std::make_unique<InspectorProcessor>(tap, inner ? inner() : nullptr);
    };
}

} // namespace qmld

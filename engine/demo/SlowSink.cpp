#include <qmld/demo/SlowSink.h>

#include <thread>

namespace qmld::demo {

namespace {

class SlowSink final : public RecordProcessor
{
public:
    SlowSink(std::unique_ptr<RecordProcessor> inner, std::chrono::microseconds perRecord)
        : m_inner(std::move(inner)), m_perRecord(perRecord)
    {
    }

    void initialize(const InitializationInput &input) override { m_inner->initialize(input); }
    void processRecords(const ProcessRecordsInput &input, Checkpointer &checkpointer) override
    {
        std::this_thread::sleep_for(m_perRecord * std::int64_t(input.records.size()));
        m_inner->processRecords(input, checkpointer);
    }
    void leaseLost() override { m_inner->leaseLost(); }
    void shardEnded(Checkpointer &checkpointer) override { m_inner->shardEnded(checkpointer); }
    void shutdownRequested(Checkpointer &checkpointer) override { m_inner->shutdownRequested(checkpointer); }
    void checkpointed(const CheckpointResult &result) override { m_inner->checkpointed(result); }

private:
    std::unique_ptr<RecordProcessor> m_inner;
    std::chrono::microseconds m_perRecord;
};

} // namespace

RecordProcessorFactory makeSlowSinkFactory(RecordProcessorFactory inner, std::chrono::microseconds perRecord)
{
    return [inner = std::move(inner), perRecord] { return std::make_unique<SlowSink>(inner(), perRecord); };
}

} // namespace qmld::demo

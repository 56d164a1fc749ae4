// A processor plugin that throws where it is told to, for the isolation tests.
// Its argument is a comma-separated list of key=value:
//   in=CALL     where to throw: createFactory, factory (creating a shard's
//               processor), confirmation, initialize, processRecords,
//               checkpointed, shardEnded, shutdownRequested, leaseLost
//   shard=ID    only the processor of this shard throws (default: every one)
//   what=TEXT   the exception's message (default "deliberate failure")
//   kind=std|int   a std::runtime_error, or an int (no std::exception)
//   poison=DATA    processRecords throws (whatever in= says) only on a batch
//                  holding a record with exactly this data
// Every other call does nothing, so the checkpoint policy checkpoints every
// record the processor was handed.

#include <qmld/ProcessorPlugin.h>
#include <qmld/RecordProcessor.h>

#include <QHash>
#include <QObject>

#include <memory>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace {

struct Plan
{
    QString in;
    QString shard;
    QString what = u"deliberate failure"_s;
    bool stdException = true;
    QByteArray poison;

    [[noreturn]] void raise() const
    {
        if (stdException)
            throw std::runtime_error(what.toStdString());
        throw 42;
    }
};

class ThrowingProcessor final : public qmld::RecordProcessor
{
public:
    explicit ThrowingProcessor(std::shared_ptr<const Plan> plan) : m_plan(std::move(plan)) {}

    void initialize(const qmld::InitializationInput &input) override
    {
        m_shardId = input.shardId;
        maybeThrow(u"initialize"_s);
    }
    void processRecords(const qmld::ProcessRecordsInput &input, qmld::Checkpointer &) override
    {
        if (!m_plan->poison.isEmpty()) {
            for (const qmld::StreamRecord &record : input.records)
                if (record.data == m_plan->poison && (m_plan->shard.isEmpty() || m_plan->shard == m_shardId))
                    m_plan->raise();
            return;
        }
        maybeThrow(u"processRecords"_s);
    }
    void leaseLost() override { maybeThrow(u"leaseLost"_s); }
    void shardEnded(qmld::Checkpointer &) override { maybeThrow(u"shardEnded"_s); }
    void shutdownRequested(qmld::Checkpointer &) override { maybeThrow(u"shutdownRequested"_s); }
    void checkpointed(const qmld::CheckpointResult &) override { maybeThrow(u"checkpointed"_s); }
    qmld::Confirmation confirmation() const override
    {
        // Not yet initialized: the shard is unknown, so "shard=" cannot select this one.
        if (m_plan->in == u"confirmation"_s)
            m_plan->raise();
        return qmld::Confirmation::OnReturn;
    }

private:
    void maybeThrow(const QString &call) const
    {
        if (m_plan->in == call && (m_plan->shard.isEmpty() || m_plan->shard == m_shardId))
            m_plan->raise();
    }

    const std::shared_ptr<const Plan> m_plan;
    QString m_shardId;
};

} // namespace

class ThrowingPlugin : public QObject, public qmld::ProcessorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QMLD_PROCESSOR_PLUGIN_IID)
    Q_INTERFACES(qmld::ProcessorPlugin)

public:
    QString name() const override { return u"throwing"_s; }
    QString description() const override { return u"Throws where its argument says (tests only)"_s; }

    qmld::RecordProcessorFactory createFactory(const QString &argument, QString *error) override
    {
        auto plan = std::make_shared<Plan>();
        for (const QString &item : argument.split(u',', Qt::SkipEmptyParts)) {
            const QString key = item.section(u'=', 0, 0);
            const QString value = item.section(u'=', 1);
            if (key == u"in"_s)
                plan->in = value;
            else if (key == u"shard"_s)
                plan->shard = value;
            else if (key == u"what"_s)
                plan->what = value;
            else if (key == u"kind"_s)
                plan->stdException = value != u"int"_s;
            else if (key == u"poison"_s)
                plan->poison = value.toUtf8();
            else {
                *error = u"unknown key '%1'"_s.arg(key);
                return {};
            }
        }
        if (plan->in == u"createFactory"_s)
            plan->raise();
        return [plan]() -> std::unique_ptr<qmld::RecordProcessor> {
            if (plan->in == u"factory"_s)
                plan->raise();
            return std::make_unique<ThrowingProcessor>(plan);
        };
    }
};

#include "ThrowingPlugin.moc"

#include <qmld/BuiltinProcessors.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

QJsonValue sequenceValue(const std::optional<SequenceNumber> &position)
{
    return position ? QJsonValue(position->toString()) : QJsonValue(QJsonValue::Null);
}

QJsonValue subSequenceValue(const std::optional<SequenceNumber> &position)
{
    if (!position || !position->rawSubSequence())
        return QJsonValue(QJsonValue::Null);
    return QJsonValue(qint64(*position->rawSubSequence()));
}

class LogProcessor final : public RecordProcessor
{
public:
    explicit LogProcessor(std::shared_ptr<JsonLinesSink> sink) : m_sink(std::move(sink)) {}

    void initialize(const InitializationInput &input) override
    {
        m_shardId = input.shardId;
        writeEvent(u"initialize"_s, {{u"sequenceNumber"_s, sequenceValue(input.checkpoint)},
                                     {u"subSequenceNumber"_s, subSequenceValue(input.checkpoint)}});
    }

    void processRecords(const ProcessRecordsInput &input, Checkpointer &) override
    {
        QByteArray lines;
        for (const StreamRecord &record : input.records) {
            const QJsonObject line{
                {u"shardId"_s, m_shardId},
                {u"sequenceNumber"_s, record.sequenceNumber.toString()},
                {u"subSequenceNumber"_s, subSequenceValue(record.sequenceNumber)},
                {u"partitionKey"_s, record.partitionKey ? QJsonValue(record.partitionKeyString()) : QJsonValue(QJsonValue::Null)},
                {u"data"_s, QString::fromLatin1(record.data.toBase64())},
                {u"approximateArrivalTimestamp"_s, record.approximateArrivalTimestamp
                                                       ? QJsonValue(qint64(*record.approximateArrivalTimestamp))
                                                       : QJsonValue(QJsonValue::Null)},
            };
            lines += QJsonDocument(line).toJson(QJsonDocument::Compact);
            lines += '\n';
        }
        // Written before returning: the records count as handled only once they are on disk.
        if (!lines.isEmpty() && !m_sink->write(lines))
            throw std::runtime_error("cannot write the record log");
    }

    void leaseLost() override { writeEvent(u"leaseLost"_s); }
    void shardEnded(Checkpointer &) override { writeEvent(u"shardEnded"_s); }
    void shutdownRequested(Checkpointer &) override { writeEvent(u"shutdownRequested"_s); }

    void checkpointed(const CheckpointResult &result) override
    {
        const std::optional<SequenceNumber> position =
            result.position ? result.position : (result.ok() ? std::optional(SequenceNumber::shardEnd()) : std::nullopt);
        QJsonObject fields{{u"sequenceNumber"_s, sequenceValue(position)},
                           {u"subSequenceNumber"_s, subSequenceValue(position)},
                           {u"manual"_s, result.manual},
                           {u"attempts"_s, result.attempts}};
        if (!result.ok())
            fields.insert(u"error"_s, result.error);
        writeEvent(result.ok() ? u"checkpointed"_s : u"checkpointFailed"_s, fields);
    }

private:
    void writeEvent(const QString &event, QJsonObject fields = {})
    {
        fields.insert(u"event"_s, event);
        fields.insert(u"shardId"_s, m_shardId);
        QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact);
        line += '\n';
        if (!m_sink->write(line))
            throw std::runtime_error("cannot write the record log");
    }

    std::shared_ptr<JsonLinesSink> m_sink;
    QString m_shardId;
};

class NullProcessor final : public RecordProcessor
{
public:
    void initialize(const InitializationInput &) override {}
    void processRecords(const ProcessRecordsInput &, Checkpointer &) override {}
};

} // namespace

RecordProcessorFactory makeLogProcessorFactory(std::shared_ptr<JsonLinesSink> sink)
{
    return [sink] { return std::make_unique<LogProcessor>(sink); };
}

RecordProcessorFactory makeNullProcessorFactory()
{
    return [] { return std::make_unique<NullProcessor>(); };
}

} // namespace qmld

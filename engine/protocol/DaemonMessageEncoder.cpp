// Writes daemon -> child lines exactly as the Java daemon's Jackson writer
// does (docs/protocol.md §1-§2). processRecords is the embedded
// daemon's hot path, so everything is written by hand into one buffer.

#include "protocol/Base64.h"
#include "protocol/Codec.h"
#include "protocol/JsonWriter.h"

namespace qmld::protocol {

namespace {

// The longest sequence number text: 129 digits (sentinel names are shorter).
constexpr qsizetype kMaxSequenceNumberSize = 129 + 2;
// Room for a message's fixed keys and punctuation.
constexpr qsizetype kFixedRoom = 256;

void writeSequenceNumber(JsonWriter &writer, const std::optional<SequenceNumber> &sequenceNumber)
{
    if (sequenceNumber && sequenceNumber->isValid())
        writer.string(QByteArrayView(sequenceNumber->toByteArray()));
    else
        writer.null();
}

void appendInitialize(QByteArray &out, const InitializeMessage &message)
{
    const QByteArray shardId = message.shardId.toUtf8();
    JsonWriter writer(out, kFixedRoom + JsonWriter::maxStringSize(shardId.size()) + kMaxSequenceNumberSize);
    writer.raw(R"({"action":"initialize","shardId":)");
    writer.string(QByteArrayView(shardId));
    if (!message.legacy) {
        writer.raw(R"(,"sequenceNumber":)");
        writeSequenceNumber(writer, message.sequenceNumber);
        writer.raw(R"(,"subSequenceNumber":)");
        writer.number(message.sequenceNumber ? message.sequenceNumber->rawSubSequence() : std::nullopt);
    }
    writer.raw("}\n");
}

void appendShutdown(QByteArray &out, const ShutdownMessage &message)
{
    const QByteArray reason = message.reason.toUtf8();
    JsonWriter writer(out, kFixedRoom + JsonWriter::maxStringSize(reason.size()));
    writer.raw(R"({"action":"shutdown","reason":)");
    writer.string(QByteArrayView(reason));
    writer.raw("}\n");
}

void appendCheckpointReply(QByteArray &out, const CheckpointReplyMessage &message)
{
    const std::optional<QByteArray> error = message.error ? std::optional(message.error->toUtf8()) : std::nullopt;
    JsonWriter writer(out, kFixedRoom + JsonWriter::maxStringSize(message.sequenceNumber.value_or(QByteArray()).size())
                               + JsonWriter::maxStringSize(error.value_or(QByteArray()).size()));
    if (message.legacy) {
        writer.raw(R"({"action":"checkpoint","checkpoint":)");
        writer.string(message.sequenceNumber);
    } else {
        writer.raw(R"({"action":"checkpoint","sequenceNumber":)");
        writer.string(message.sequenceNumber);
        writer.raw(R"(,"subSequenceNumber":)");
        writer.number(message.subSequenceNumber);
    }
    writer.raw(R"(,"error":)");
    writer.string(error);
    writer.raw("}\n");
}

void appendBare(QByteArray &out, QByteArrayView line)
{
    out.append(line.data(), line.size());
}

} // namespace

void appendProcessRecords(QByteArray &out, std::span<const StreamRecord> records,
                          std::optional<std::int64_t> millisBehindLatest)
{
    qsizetype room = kFixedRoom;
    for (const StreamRecord &record : records) {
        room += kFixedRoom + kMaxSequenceNumberSize + base64::encodedSize(record.data.size())
            + JsonWriter::maxStringSize(record.partitionKey ? record.partitionKey->size() : 0);
    }
    JsonWriter writer(out, room);
    writer.raw(R"({"action":"processRecords","records":[)");
    bool first = true;
    for (const StreamRecord &record : records) {
        writer.raw(first ? R"({"data":)" : R"(,{"data":)");
        first = false;
        writer.base64(QByteArrayView(record.data));
        writer.raw(R"(,"partitionKey":)");
        writer.string(record.partitionKey);
        writer.raw(R"(,"sequenceNumber":)");
        writeSequenceNumber(writer, record.sequenceNumber);
        writer.raw(R"(,"approximateArrivalTimestamp":)");
        writer.number(record.approximateArrivalTimestamp);
        writer.raw(R"(,"subSequenceNumber":)");
        writer.number(record.sequenceNumber.rawSubSequence());
        writer.raw(R"(,"action":"record"})");
    }
    writer.raw(R"(],"millisBehindLatest":)");
    writer.number(millisBehindLatest);
    writer.raw("}\n");
}

void appendDaemonMessage(QByteArray &out, const DaemonMessage &message)
{
    struct Visitor
    {
        QByteArray &out;
        void operator()(const InitializeMessage &m) const { appendInitialize(out, m); }
        void operator()(const ProcessRecordsMessage &m) const
        {
            appendProcessRecords(out, m.records, m.millisBehindLatest);
        }
        void operator()(const LeaseLostMessage &) const { appendBare(out, "{\"action\":\"leaseLost\"}\n"); }
        void operator()(const ShardEndedMessage &) const { appendBare(out, "{\"action\":\"shardEnded\"}\n"); }
        void operator()(const ShutdownRequestedMessage &) const
        {
            appendBare(out, "{\"action\":\"shutdownRequested\"}\n");
        }
        void operator()(const ShutdownMessage &m) const { appendShutdown(out, m); }
        void operator()(const CheckpointReplyMessage &m) const { appendCheckpointReply(out, m); }
    };
    std::visit(Visitor{out}, message);
}

QByteArray encodeDaemonMessage(const DaemonMessage &message)
{
    QByteArray out;
    appendDaemonMessage(out, message);
    return out;
}

} // namespace qmld::protocol

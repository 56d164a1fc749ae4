// Writes child -> daemon lines with only the keys the Java daemon accepts
// (docs/protocol.md §3.3): an extra key makes it hang silently.

#include "protocol/Codec.h"
#include "protocol/JsonWriter.h"

namespace qmld::protocol {

namespace {

constexpr qsizetype kFixedRoom = 128;

void appendStatus(QByteArray &out, const StatusMessage &message)
{
    JsonWriter writer(out, kFixedRoom + JsonWriter::maxStringSize(message.responseFor.size()));
    writer.raw(R"({"action":"status","responseFor":)");
    writer.string(QByteArrayView(message.responseFor));
    writer.raw("}\n");
}

void appendCheckpointRequest(QByteArray &out, const CheckpointRequestMessage &message)
{
    JsonWriter writer(out, kFixedRoom + JsonWriter::maxStringSize(message.sequenceNumber.value_or(QByteArray()).size()));
    if (message.legacy) {
        writer.raw(R"({"action":"checkpoint","checkpoint":)");
        writer.string(message.sequenceNumber);
    } else {
        writer.raw(R"({"action":"checkpoint","sequenceNumber":)");
        writer.string(message.sequenceNumber);
        writer.raw(R"(,"subSequenceNumber":)");
        writer.number(message.subSequenceNumber);
    }
    writer.raw("}\n");
}

} // namespace

void appendChildMessage(QByteArray &out, const ChildMessage &message)
{
    if (const auto *status = std::get_if<StatusMessage>(&message))
        appendStatus(out, *status);
    else
        appendCheckpointRequest(out, std::get<CheckpointRequestMessage>(message));
}

QByteArray encodeChildMessage(const ChildMessage &message)
{
    QByteArray out;
    appendChildMessage(out, message);
    return out;
}

} // namespace qmld::protocol

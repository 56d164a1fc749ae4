// Feeds arbitrary bytes to everything in the protocol module that reads
// untrusted input: both line decoders and the line splitter. Any crash,
// sanitizer report or broken invariant is a finding.

#include "Quiet.h"

#include "protocol/Codec.h"
#include "protocol/LineSplitter.h"
#include "protocol/PlainRecordsDecoder.h"

#include <cstdlib>

using namespace qmld::protocol;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// `incoming`: what was read ahead of this line as it arrived, if anything.
void decodeEverywhere(QByteArrayView line, LinePadding padding, IncomingRecords *incoming = nullptr)
{
    const DaemonDecodeResult daemon = decodeDaemonMessage(line, padding, nullptr, incoming);
    check(daemon.message.has_value() == daemon.error.isEmpty());
    // The shortcut for plain processRecords lines decides nothing on its own.
    const DaemonDecodeResult general = decodeDaemonMessageGenerally(line);
    check(general.error == daemon.error && general.message.has_value() == daemon.message.has_value());
    if (daemon.message && std::holds_alternative<ProcessRecordsMessage>(*daemon.message)) {
        const auto &fast = std::get<ProcessRecordsMessage>(*daemon.message);
        const auto &slow = std::get<ProcessRecordsMessage>(*general.message);
        check(fast.records.size() == slow.records.size() && fast.millisBehindLatest == slow.millisBehindLatest);
        for (std::size_t i = 0; i < fast.records.size(); ++i) {
            const qmld::StreamRecord &a = fast.records[i], &b = slow.records[i];
            check(a.data == b.data && a.partitionKey == b.partitionKey && a.sequenceNumber == b.sequenceNumber
                  && a.sequenceNumber.rawSubSequence() == b.sequenceNumber.rawSubSequence()
                  && a.approximateArrivalTimestamp == b.approximateArrivalTimestamp);
        }
    }
    if (daemon.message) {
        const DaemonDecodeResult again = decodeDaemonMessage(encodeDaemonMessage(*daemon.message));
        check(again.message && actionOf(*again.message) == actionOf(*daemon.message));
    }
    for (const bool legacy : {false, true}) {
        const ChildDecodeResult child = decodeChildMessage(line, ChildDecodeOptions{.acceptLegacyCheckpoint = legacy});
        check(child.message.has_value() == child.error.isEmpty());
        if (child.message)
            check(decodeChildMessage(encodeChildMessage(*child.message), ChildDecodeOptions{.acceptLegacyCheckpoint = true})
                      .message.has_value());
    }
    check(!quoteLineStart(line).isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    qmld::fuzz::silenceLogs();
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    decodeEverywhere(input, LinePadding::Absent);

    // The same bytes as a stream, in chunks whose sizes come from the input,
    // read ahead after each chunk as ShardSession does.
    LineSplitter splitter(1024);
    IncomingRecords incoming;
    for (qsizetype at = 0; at < input.size();) {
        const qsizetype chunk = std::min<qsizetype>(1 + static_cast<unsigned char>(input[at]) % 97, input.size() - at);
        if (!splitter.append(input.sliced(at, chunk)))
            return 0;
        at += chunk;
        while (const auto line = splitter.nextLine()) {
            check(!line->isEmpty() && !line->contains('\n') && !line->contains('\r') && line->size() <= 1024);
            decodeEverywhere(*line, LinePadding::Present, &incoming);
        }
        const QByteArrayView partial = splitter.incompleteLine();
        incoming.advance({partial.data(), std::size_t(partial.size())}, nullptr);
    }
    if (const auto last = splitter.finish())
        decodeEverywhere(*last, LinePadding::Present, &incoming);
    return 0;
}

// Feeds arbitrary bytes to everything in the protocol module that reads
// untrusted input: both line decoders and the line splitter. Any crash,
// sanitizer report or broken invariant is a finding.

#include "Quiet.h"

#include "protocol/Codec.h"
#include "protocol/LineSplitter.h"

#include <cstdlib>

using namespace qmld::protocol;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void decodeEverywhere(QByteArrayView line, LinePadding padding)
{
    const DaemonDecodeResult daemon = decodeDaemonMessage(line, padding);
    check(daemon.message.has_value() == daemon.error.isEmpty());
    // The shortcut for plain processRecords lines decides nothing on its own.
    const DaemonDecodeResult general = decodeDaemonMessageGenerally(line);
    check(general.error == daemon.error && general.message.has_value() == daemon.message.has_value());
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

    // The same bytes as a stream, in chunks whose sizes come from the input.
    LineSplitter splitter(1024);
    for (qsizetype at = 0; at < input.size();) {
        const qsizetype chunk = std::min<qsizetype>(1 + static_cast<unsigned char>(input[at]) % 97, input.size() - at);
        if (!splitter.append(input.sliced(at, chunk)))
            return 0;
        at += chunk;
        while (const auto line = splitter.nextLine()) {
            check(!line->isEmpty() && !line->contains('\n') && !line->contains('\r') && line->size() <= 1024);
            decodeEverywhere(*line, LinePadding::Present);
        }
    }
    if (const auto last = splitter.finish())
        decodeEverywhere(*last, LinePadding::Present);
    return 0;
}

#pragma once

// The processRecords line as the Java daemon writes it, decoded without a
// general JSON parser. A third of the general decoder's work per record went
// to finding the structure of a line whose structure is known in advance.
//
// It takes only compact JSON with the keys unescaped and written once, the
// strings plain printable ASCII, integers of up to 18 digits, and no keys but
// those a daemon writes. Anything else, a bad line included, is left to the
// general decoder, which then decodes it or names what is wrong with it; so
// whatever this accepts is valid JSON and decodes exactly as there.

#include "protocol/Messages.h"

#include <optional>
#include <string_view>
#include <vector>

namespace qmld::protocol {

// `line` is followed in memory by at least LineSplitter::LinePadding readable
// bytes. `recycled` as for decodeDaemonMessage; on nullopt it holds those
// records again, some of them overwritten.
std::optional<ProcessRecordsMessage> decodePlainProcessRecords(std::string_view line,
                                                               std::vector<StreamRecord> *recycled);

} // namespace qmld::protocol

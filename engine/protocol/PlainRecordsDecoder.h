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

// A processRecords line decoded while it is still arriving: the records
// wholly received are decoded after each read, while the daemon is still
// writing the rest (a batch of 1 KB records is a 1.5 MB line, longer than the
// pipe holds), and the line's end when it comes. Only a line that starts as
// the daemon writes it is read ahead; any other waits for its end as before.
// Whatever finish() returns is what decodePlainProcessRecords() would.
class IncomingRecords
{
public:
    // The incomplete line so far, with LineSplitter::LinePadding readable
    // bytes after it. Takes `recycled` at the line's start.
    void advance(std::string_view partial, std::vector<StreamRecord> *recycled);
    // The whole line, which advance() saw the start of, or any line when it
    // saw none: as decodePlainProcessRecords(); ready for the next line after.
    std::optional<ProcessRecordsMessage> finish(std::string_view line, std::vector<StreamRecord> *recycled);
    // Forgets the line (gives the records back to `recycled`).
    void reset(std::vector<StreamRecord> *recycled);
    // Records of the incomplete line decoded so far.
    std::size_t recordsSoFar() const { return m_count; }

private:
    std::optional<ProcessRecordsMessage> m_message; // the records so far, once the line's start was seen
    bool m_other = false;                            // a line not read ahead: it waits for its end
    std::size_t m_offset = 0;                        // where reading stopped in the line
    std::size_t m_count = 0;                         // records read
    std::size_t m_searched = 0;                      // where the search for a record's end got to
};

} // namespace qmld::protocol

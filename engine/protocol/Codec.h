#pragma once

// Line codec for the MultiLangDaemon protocol (docs/protocol.md §1-§3):
// one compact JSON object per line, in both directions.

#include "protocol/Messages.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>
#include <span>

namespace qmld::protocol {

// ---- decoding --------------------------------------------------------------

class IncomingRecords;

// Whether the caller guarantees that at least LineSplitter::LinePadding
// readable bytes follow the line in memory (true for LineSplitter's lines).
// With padding the line is parsed in place; without, it is copied first.
enum class LinePadding : bool { Absent, Present };

struct DaemonDecodeResult
{
    std::optional<DaemonMessage> message;
    QString error; // one short line when message is empty
};

// Decodes a daemon -> child line (the child side, ShardSession). Accepts every
// daemon message of both protocol generations; extra keys are ignored.
// Never throws and never crashes, whatever the input.
//
// `recycled`, when given, holds the records of an earlier processRecords that
// nobody needs any more: a processRecords message takes them over and
// overwrites them, so the buffers of their payloads, partition keys and
// sequence numbers are reused rather than allocated anew for every record
// (a buffer a copy still shares is left to that copy). Any other message
// leaves them where they are.
//
// `incoming`, when given, is what was decoded of this line while it arrived
// (PlainRecordsDecoder.h); the line is decoded the same either way.
DaemonDecodeResult decodeDaemonMessage(QByteArrayView line, LinePadding padding = LinePadding::Absent,
                                       std::vector<StreamRecord> *recycled = nullptr,
                                       IncomingRecords *incoming = nullptr);

// The same without the shortcut for processRecords lines as the Java daemon
// writes them (PlainRecordsDecoder.h): the general decoder alone, which the
// shortcut must match line for line (the tests compare the two).
DaemonDecodeResult decodeDaemonMessageGenerally(QByteArrayView line);

struct ChildDecodeOptions
{
    // Accept the KCL 1.x < 1.7.2 request {"action":"checkpoint","checkpoint":S}.
    // The v2 Java daemon rejects it as an unrecognized property.
    bool acceptLegacyCheckpoint = false;
};

struct ChildDecodeResult
{
    std::optional<ChildMessage> message;
    QString error;
    // The Java daemon exits on this line rather than skipping it (a bare null).
    bool fatalForJavaDaemon = false;
};

// Decodes a child -> daemon line exactly as the Java daemon's Jackson reader
// would (§3.3): only the allowed keys, Jackson's type coercions, and anything
// after the first JSON value ignored.
ChildDecodeResult decodeChildMessage(QByteArrayView line, ChildDecodeOptions options = {});

// ---- encoding --------------------------------------------------------------
// Each appends one compact JSON line and "\n", byte for byte as the Java
// daemon (Jackson) writes it: every key present, null as null, non-ASCII raw.

void appendDaemonMessage(QByteArray &out, const DaemonMessage &message);
QByteArray encodeDaemonMessage(const DaemonMessage &message);

// processRecords straight from the records, without building a message.
void appendProcessRecords(QByteArray &out, std::span<const StreamRecord> records,
                          std::optional<std::int64_t> millisBehindLatest);

// Child messages carry only the keys the Java daemon accepts. A legacy
// checkpoint request has no sub-sequence number, so any is left out.
void appendChildMessage(QByteArray &out, const ChildMessage &message);
QByteArray encodeChildMessage(const ChildMessage &message);

// ---- diagnostics -----------------------------------------------------------

// The start of a bad line for an error message: in double quotes, at most
// about maxBytes bytes, control bytes escaped, "…" when cut.
QString quoteLineStart(QByteArrayView line, qsizetype maxBytes = 80);

} // namespace qmld::protocol

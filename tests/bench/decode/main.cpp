// qmld-bench-decode: how fast the engine decodes processRecords lines alone,
// without sockets, processes or scheduling, so that a change to the decoder
// shows up in a number that barely moves from run to run (the throughput
// runs of run_bench.sh move by a tenth between rounds on a small machine).
//
// usage: qmld-bench-decode [PAYLOAD_BYTES ...]     (default: 100 1024)
//
// For each payload size: one line of 1,000 records as the Java daemon writes
// it, decoded again and again into recycled records as ShardSession does;
// prints the best of seven rounds in ns per record and in MB/s of line.

#include "protocol/Codec.h"
#include "protocol/LineSplitter.h"

#include <qmld/StreamRecord.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace qmld;

namespace {

constexpr int kRecords = 1000;
constexpr int kRounds = 7;

QByteArray daemonLine(int payloadBytes)
{
    std::vector<StreamRecord> records(kRecords);
    for (int i = 0; i < kRecords; ++i) {
        QByteArray data(payloadBytes, Qt::Uninitialized);
        for (int b = 0; b < payloadBytes; ++b)
            data[b] = char(i * 31 + b * 7);
        records[i].data = data;
        records[i].partitionKey = QByteArray("pk-") + QByteArray::number(i);
        records[i].sequenceNumber =
            *SequenceNumber::parse(QByteArray("49590338271490256608559692538361571095921575989136") + QByteArray::number(588898 + i), 0);
        records[i].approximateArrivalTimestamp = 1733900000123 + i;
    }
    QByteArray line;
    protocol::appendProcessRecords(line, records, 0);
    line.chop(1); // the newline, which the splitter takes off
    return line;
}

bool measure(int payloadBytes)
{
    QByteArray line = daemonLine(payloadBytes);
    const qsizetype size = line.size();
    line.append(QByteArray(protocol::LineSplitter::LinePadding, '\0'));
    const QByteArrayView view(line.constData(), size);
    const int repeats = std::max(2, int(200'000'000 / size)); // about 200 MB of line per round
    std::vector<StreamRecord> recycled;
    double best = 1e300;
    for (int round = 0; round < kRounds; ++round) {
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < repeats; ++r) {
            protocol::DaemonDecodeResult decoded = protocol::decodeDaemonMessage(view, protocol::LinePadding::Present, &recycled);
            auto *batch = decoded.message ? std::get_if<protocol::ProcessRecordsMessage>(&*decoded.message) : nullptr;
            if (!batch || batch->records.size() != kRecords) {
                std::fprintf(stderr, "qmld-bench-decode: the line did not decode: %s\n", qPrintable(decoded.error));
                return false;
            }
            recycled = std::move(batch->records);
        }
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count() / repeats);
    }
    std::printf("%5d B: %6.1f ns per record, %6.0f MB/s of line (%lld bytes, best of %d rounds)\n", payloadBytes,
                best * 1e9 / kRecords, double(size) / best / 1e6, static_cast<long long>(size), kRounds);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<int> payloads;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::puts("usage: qmld-bench-decode [PAYLOAD_BYTES ...]     (default: 100 1024)\n\n"
                      "Decodes one processRecords line of 1,000 records as the Java daemon writes it, again and\n"
                      "again into recycled records as a shard session does, and prints the best of seven rounds\n"
                      "in ns per record and MB/s of line.");
            return 0;
        }
        char *end = nullptr;
        const long value = std::strtol(argv[i], &end, 10);
        if (*argv[i] == '\0' || *end != '\0' || value < 0 || value > 1024 * 1024) {
            std::fprintf(stderr, "usage: qmld-bench-decode [PAYLOAD_BYTES ...]  (each 0 to 1048576; got \"%s\")\n", argv[i]);
            return 2;
        }
        payloads.push_back(int(value));
    }
    if (payloads.empty())
        payloads = {100, 1024};
    for (const int payload : payloads) {
        if (!measure(payload))
            return 1;
    }
    return 0;
}

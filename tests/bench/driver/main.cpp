// qmld-bench-driver: the MultiLangDaemon of one shard, reduced to what a
// throughput measurement needs. See tests/bench/README.md.
#include "BenchResult.h"
#include "ChildProcess.h"
#include "DriverOptions.h"
#include "OneShardDaemon.h"
#include "PeakRss.h"
#include "RecordBatches.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace qmld::bench;

namespace {

constexpr std::size_t kStdinPipeBytes = 1 << 20;
constexpr auto kExitGrace = std::chrono::seconds(10);

int failure(const std::string &message)
{
    std::fprintf(stderr, "qmld-bench-driver: %s\n", message.c_str());
    return 1;
}

std::string joined(const std::vector<std::string> &pieces)
{
    std::string text;
    for (const std::string &piece : pieces)
        text += (text.empty() ? "" : " ") + piece;
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    DriverOptions options;
    std::string error;
    switch (parseDriverOptions(argc, argv, &options, &error)) {
    case ParseOutcome::Help:
        std::fputs(driverUsage(), stdout);
        return 0;
    case ParseOutcome::Error:
        std::fprintf(stderr, "qmld-bench-driver: %s (see --help)\n", error.c_str());
        return 2;
    case ParseOutcome::Run:
        break;
    }
    // A child that dies must surface as a write error, not kill the driver.
    ::signal(SIGPIPE, SIG_IGN);

    RecordBatches batches(options.payloadBytes, options.batchSize);

    auto child = ChildProcess::start(options.childCommand, kStdinPipeBytes, &error);
    if (!child)
        return failure(error);
    const auto replyTimeout = std::chrono::milliseconds(std::int64_t(options.replyTimeoutSeconds * 1000));
    OneShardDaemon daemon(&*child, replyTimeout, options.writeBytes);

    if (!daemon.exchange(
            R"({"action":"initialize","shardId":"shardId-000000000000","sequenceNumber":"TRIM_HORIZON","subSequenceNumber":0})"
            "\n",
            "initialize"))
        return failure(daemon.error());

    BenchResult result;
    const std::uint64_t bytesBefore = daemon.bytesWritten();
    const std::uint64_t checkpointsBefore = daemon.checkpointsAnswered();
    const auto deadline = options.seconds ? std::chrono::duration<double>(*options.seconds)
                                          : std::chrono::duration<double>::max();
    const auto start = std::chrono::steady_clock::now();
    auto now = start;
    while (now - start < deadline && (!options.records || result.records < *options.records)) {
        if (!daemon.exchange(batches.line(result.batches), "processRecords"))
            return failure(daemon.error());
        ++result.batches;
        result.records += batches.batchSize();
        now = std::chrono::steady_clock::now();
    }
    result.seconds = std::chrono::duration<double>(now - start).count();
    result.protocolBytes = daemon.bytesWritten() - bytesBefore;
    result.checkpointsAnswered = daemon.checkpointsAnswered() - checkpointsBefore;

    if (!daemon.exchange(R"({"action":"leaseLost"})" "\n", "leaseLost"))
        return failure(daemon.error());

    result.childPeakRssKib = peakRssKib(child->pid());
    if (options.reportParentRss)
        result.parentPeakRssKib = peakRssKib(::getppid());
    child->closeStdin();
    bool hadToKill = false;
    const int exitCode = child->waitForExit(kExitGrace, &hadToKill);
    if (hadToKill)
        return failure("the child did not exit within 10 s of its stdin closing; killed it");
    if (exitCode != 0)
        return failure("the child exited with " + (exitCode < 0 ? "signal " + std::to_string(-exitCode)
                                                                  : "code " + std::to_string(exitCode)));

    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    result.driverPeakRssKib = std::uint64_t(usage.ru_maxrss);
    result.label = options.label;
    result.child = joined(options.childCommand);
    result.payloadBytes = options.payloadBytes;
    result.batchSize = options.batchSize;
    result.stdinPipeBytes = child->stdinPipeBytes();

    const std::string json = result.toJson();
    if (options.resultFile.empty()) {
        std::fputs(json.c_str(), stdout);
        return 0;
    }
    std::ofstream out(options.resultFile, std::ios::trunc);
    out << json;
    out.close();
    if (!out)
        return failure("cannot write the result to " + options.resultFile);
    return 0;
}

#include "DriverOptions.h"

#include "JavaProperties.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace qmld::bench {
namespace {

template<typename Number>
bool parseNumber(std::string_view text, Number *value)
{
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
    return ec == std::errc() && ptr == end;
}

} // namespace

const char *driverUsage()
{
    return "usage: qmld-bench-driver (--child 'PROGRAM ARGS...' | --properties-file FILE) [options]\n"
           "\n"
           "Acts as the KCL MultiLangDaemon of one shard and measures how fast the child\n"
           "takes processRecords batches (writes a batch, waits for its status).\n"
           "\n"
           "  --child 'PROGRAM ARGS...'  child command, split on spaces (no shell)\n"
           "  --properties-file FILE     take the child command from executableName, split\n"
           "                             on runs of spaces as the Java daemon does\n"
           "  --payload BYTES            record payload size (default 100)\n"
           "  --batch N                  records per processRecords (default 1000)\n"
           "  --seconds S                length of the record phase (default 5 without --records)\n"
           "  --records N                stop after at least N records (whole batches)\n"
           "  --result FILE              write the result JSON there instead of stdout\n"
           "  --label TEXT               copied into the result\n"
           "  --report-parent-rss        also report the peak RSS of this driver's parent\n"
           "  --reply-timeout S          longest wait for one reply (default 60)\n"
           "  --write-bytes N            write each message in pieces of at most N bytes, one\n"
           "                             write(2) each, as the Java daemon's buffered stdout\n"
           "                             does (8192); default: the whole message at once\n";
}

ParseOutcome parseDriverOptions(int argc, char **argv, DriverOptions *options, std::string *error)
{
    std::string childLine;
    for (int i = 1; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (option == "--help" || option == "-h")
            return ParseOutcome::Help;
        if (option == "--report-parent-rss") {
            options->reportParentRss = true;
            continue;
        }
        if (i + 1 >= argc) {
            *error = "option " + std::string(option) + " needs a value";
            return ParseOutcome::Error;
        }
        const std::string_view value = argv[++i];
        const auto bad = [&] {
            *error = "invalid value '" + std::string(value) + "' for " + std::string(option);
            return ParseOutcome::Error;
        };
        if (option == "--child") {
            childLine = value;
        } else if (option == "--properties-file") {
            options->propertiesFile = value;
        } else if (option == "--payload") {
            if (!parseNumber(value, &options->payloadBytes) || options->payloadBytes > (64u << 20))
                return bad();
        } else if (option == "--batch") {
            if (!parseNumber(value, &options->batchSize) || options->batchSize == 0
                || options->batchSize > 100000)
                return bad();
        } else if (option == "--seconds") {
            double seconds = 0;
            if (!parseNumber(value, &seconds) || !(seconds > 0) || !std::isfinite(seconds))
                return bad();
            options->seconds = seconds;
        } else if (option == "--records") {
            std::uint64_t records = 0;
            if (!parseNumber(value, &records) || records == 0)
                return bad();
            options->records = records;
        } else if (option == "--result") {
            options->resultFile = value;
        } else if (option == "--label") {
            options->label = value;
        } else if (option == "--write-bytes") {
            if (!parseNumber(value, &options->writeBytes) || options->writeBytes == 0)
                return bad();
        } else if (option == "--reply-timeout") {
            if (!parseNumber(value, &options->replyTimeoutSeconds) || !(options->replyTimeoutSeconds > 0))
                return bad();
        } else {
            *error = "unknown option " + std::string(option);
            return ParseOutcome::Error;
        }
    }

    if (childLine.empty() == options->propertiesFile.empty()) {
        *error = "give exactly one of --child and --properties-file";
        return ParseOutcome::Error;
    }
    if (!childLine.empty()) {
        options->childCommand = splitCommandLikeJavaDaemon(childLine);
    } else {
        std::string executable;
        if (!readJavaProperty(options->propertiesFile, "executableName", &executable, error))
            return ParseOutcome::Error;
        options->childCommand = splitCommandLikeJavaDaemon(executable);
    }
    if (options->childCommand.empty() || options->childCommand.front().empty()) {
        *error = "the child command is empty";
        return ParseOutcome::Error;
    }
    if (!options->seconds && !options->records)
        options->seconds = 5;
    return ParseOutcome::Run;
}

} // namespace qmld::bench

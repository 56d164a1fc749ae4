#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qmld::bench {

// The command line of qmld-bench-driver.
struct DriverOptions
{
    std::vector<std::string> childCommand; // from --child, or executableName of --properties-file
    std::string propertiesFile;
    std::size_t payloadBytes = 100;
    std::size_t batchSize = 1000;
    std::optional<double> seconds;       // record phase ends after this much wall time...
    std::optional<std::uint64_t> records; // ...or once this many records went out (whole batches)
    std::string resultFile;               // empty: print the result to stdout
    std::string label;
    bool reportParentRss = false;
    double replyTimeoutSeconds = 60;      // longest wait for any one status line
    std::size_t writeBytes = 0;           // each message in write(2)s of at most this; 0: one write
};

enum class ParseOutcome { Run, Help, Error };

// Fills *options; on Error, *error says what is wrong with the command line.
ParseOutcome parseDriverOptions(int argc, char **argv, DriverOptions *options, std::string *error);

const char *driverUsage();

} // namespace qmld::bench

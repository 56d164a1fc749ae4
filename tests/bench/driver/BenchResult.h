#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace qmld::bench {

// What one driver run measured; written as one JSON object.
struct BenchResult
{
    std::string label;
    std::string child;
    std::size_t payloadBytes = 0;
    std::size_t batchSize = 0;
    std::uint64_t records = 0;
    std::uint64_t batches = 0;
    std::uint64_t checkpointsAnswered = 0;
    std::uint64_t protocolBytes = 0; // everything written to the child during the record phase
    double seconds = 0;              // wall time of the record phase
    std::size_t stdinPipeBytes = 0;
    std::optional<std::uint64_t> childPeakRssKib;
    std::optional<std::uint64_t> parentPeakRssKib;
    std::uint64_t driverPeakRssKib = 0;

    std::string toJson() const;
};

} // namespace qmld::bench

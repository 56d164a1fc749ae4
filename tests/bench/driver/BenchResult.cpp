#include "BenchResult.h"

#include <cstdio>

namespace qmld::bench {
namespace {

std::string quoted(const std::string &text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", unsigned(c));
            out += escape;
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string number(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

std::string optionalNumber(const std::optional<std::uint64_t> &value)
{
    return value ? std::to_string(*value) : std::string("null");
}

} // namespace

std::string BenchResult::toJson() const
{
    const double perSecond = seconds > 0 ? 1 / seconds : 0;
    return std::string("{")
        + "\"label\":" + quoted(label)
        + ",\"child\":" + quoted(child)
        + ",\"payloadBytes\":" + std::to_string(payloadBytes)
        + ",\"batchSize\":" + std::to_string(batchSize)
        + ",\"records\":" + std::to_string(records)
        + ",\"batches\":" + std::to_string(batches)
        + ",\"seconds\":" + number(seconds)
        + ",\"recordsPerSecond\":" + number(double(records) * perSecond)
        + ",\"payloadMBps\":" + number(double(records) * double(payloadBytes) * perSecond / 1e6)
        + ",\"protocolMBps\":" + number(double(protocolBytes) * perSecond / 1e6)
        + ",\"protocolBytes\":" + std::to_string(protocolBytes)
        + ",\"checkpointsAnswered\":" + std::to_string(checkpointsAnswered)
        + ",\"stdinPipeBytes\":" + std::to_string(stdinPipeBytes)
        + ",\"childPeakRssKiB\":" + optionalNumber(childPeakRssKib)
        + ",\"parentPeakRssKiB\":" + optionalNumber(parentPeakRssKib)
        + ",\"driverPeakRssKiB\":" + std::to_string(driverPeakRssKib)
        + "}\n";
}

} // namespace qmld::bench

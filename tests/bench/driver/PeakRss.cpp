#include "PeakRss.h"

#include <fstream>
#include <string>

namespace qmld::bench {

std::optional<std::uint64_t> peakRssKib(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) != 0)
            continue;
        try {
            return std::stoull(line.substr(6));
        } catch (const std::exception &) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

} // namespace qmld::bench

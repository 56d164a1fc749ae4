#pragma once

#include <cstdint>
#include <optional>
#include <sys/types.h>

namespace qmld::bench {

// VmHWM (peak resident set size) of a running process, in KiB, from
// /proc/<pid>/status; nullopt if the process or the field is gone.
std::optional<std::uint64_t> peakRssKib(pid_t pid);

} // namespace qmld::bench

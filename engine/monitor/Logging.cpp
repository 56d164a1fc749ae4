#include "monitor/Logging.h"

namespace qmld::monitor {
Q_LOGGING_CATEGORY(lcMonitor, "qmld.monitor", QtInfoMsg)
} // namespace qmld::monitor

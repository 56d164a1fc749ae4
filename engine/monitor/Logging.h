#pragma once

#include <QLoggingCategory>

namespace qmld::monitor {
Q_DECLARE_LOGGING_CATEGORY(lcMonitor)
} // namespace qmld::monitor

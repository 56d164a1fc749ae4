#pragma once

#include <QLoggingCategory>

namespace qmld::daemon {
Q_DECLARE_LOGGING_CATEGORY(lcDaemon)
} // namespace qmld::daemon

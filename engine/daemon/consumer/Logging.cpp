#include "daemon/consumer/Logging.h"

namespace qmld::daemon {
Q_LOGGING_CATEGORY(lcDaemon, "qmld.daemon", QtInfoMsg)
} // namespace qmld::daemon

#include "worker/Logging.h"

namespace qmld::worker {
Q_LOGGING_CATEGORY(lcSession, "qmld.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "qmld.server", QtInfoMsg)
} // namespace qmld::worker

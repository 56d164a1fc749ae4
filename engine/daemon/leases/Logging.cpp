#include "daemon/leases/Logging.h"

namespace qmld::leases {
Q_LOGGING_CATEGORY(lcLeases, "qmld.leases", QtInfoMsg)
} // namespace qmld::leases

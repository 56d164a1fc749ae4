#include "daemon/store/Logging.h"

namespace qmld::store {
Q_LOGGING_CATEGORY(lcStore, "qmld.store", QtInfoMsg)
} // namespace qmld::store

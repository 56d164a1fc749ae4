#pragma once

#include <QLoggingCategory>

namespace qmld::worker {
Q_DECLARE_LOGGING_CATEGORY(lcSession)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
} // namespace qmld::worker

#pragma once

#include <QLoggingCategory>

namespace qmld::leases {
Q_DECLARE_LOGGING_CATEGORY(lcLeases)
} // namespace qmld::leases

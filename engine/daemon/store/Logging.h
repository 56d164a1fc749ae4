#pragma once

#include <QLoggingCategory>

namespace qmld::store {
Q_DECLARE_LOGGING_CATEGORY(lcStore)
} // namespace qmld::store

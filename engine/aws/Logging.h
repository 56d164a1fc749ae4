#pragma once

#include <QLoggingCategory>

namespace qmld::aws {
Q_DECLARE_LOGGING_CATEGORY(lcAws)
} // namespace qmld::aws

#pragma once

#include <QLoggingCategory>

namespace qmld::records {
Q_DECLARE_LOGGING_CATEGORY(lcRecords)
} // namespace qmld::records

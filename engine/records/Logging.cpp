#include "records/Logging.h"

namespace qmld::records {
Q_LOGGING_CATEGORY(lcRecords, "qmld.records", QtInfoMsg)
} // namespace qmld::records

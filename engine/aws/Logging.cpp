#include "aws/Logging.h"

namespace qmld::aws {
Q_LOGGING_CATEGORY(lcAws, "qmld.aws", QtInfoMsg)
} // namespace qmld::aws

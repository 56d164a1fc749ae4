#include "supervisor/Logging.h"

Q_LOGGING_CATEGORY(lcRunner, "qmld.runner")

#pragma once

#include <qmld/RecordProcessor.h>

#include <chrono>

namespace qmld::demo {

// For the demo only: wraps a processor and takes `perRecord` of (sleeping)
// work per record, like a sink with a fixed capacity, so that bursts above
// it build up lag that drains afterwards.
RecordProcessorFactory makeSlowSinkFactory(RecordProcessorFactory inner, std::chrono::microseconds perRecord);

} // namespace qmld::demo

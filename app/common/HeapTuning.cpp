#include "HeapTuning.h"

#include <malloc.h>

namespace qmld::app {

void keepFreedHeapBetweenBatches()
{
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
}

} // namespace qmld::app

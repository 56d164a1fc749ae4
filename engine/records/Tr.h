#pragma once

#include <QCoreApplication>

namespace qmld::records {

// Translation context for the user-visible text of the KPL code, which has no QObject.
class KplText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::kpl)
};

} // namespace qmld::records

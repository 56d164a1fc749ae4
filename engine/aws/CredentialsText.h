#pragma once

#include <QCoreApplication>

namespace qmld::aws {

// Translation context for the credential sources' user-visible text.
class CredentialsText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::aws)
};

} // namespace qmld::aws

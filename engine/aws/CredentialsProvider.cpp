#include <qmld/aws/CredentialsProvider.h>

#include "aws/Logging.h"

namespace qmld::aws {

void RefreshingCredentialsProvider::credentials(CredentialsCallback done)
{
    using namespace std::chrono_literals;
    if (m_cached.isValid() && !m_cached.expiresWithin(5min)) {
        done({m_cached, {}});
        return;
    }
    m_waiting.append(std::move(done));
    if (m_fetching)
        return;
    m_fetching = true;
    fetch([this](const CredentialsResult &result) {
        m_fetching = false;
        if (result.ok()) {
            m_cached = result.credentials;
            qCDebug(lcAws).noquote() << "credentials from" << result.credentials.describe();
        }
        const QList<CredentialsCallback> waiting = std::exchange(m_waiting, {});
        for (const CredentialsCallback &callback : waiting)
            callback(result);
    });
}

} // namespace qmld::aws

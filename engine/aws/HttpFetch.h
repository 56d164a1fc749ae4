#pragma once

// One plain HTTP exchange for the credential sources (IMDS, the container
// agent, the SSO portal): no signing, a short timeout, the body kept out of logs.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>
#include <utility>

class QNetworkAccessManager;

namespace qmld::aws {

struct HttpAnswer
{
    int status = 0;       // 0: no HTTP answer
    QByteArray body;
    QString networkError; // when status is 0
};

void httpFetch(QNetworkAccessManager *network, QObject *context, const QByteArray &method, const QUrl &url,
               const QList<std::pair<QByteArray, QByteArray>> &headers, int timeoutMs,
               std::function<void(const HttpAnswer &)> done);

} // namespace qmld::aws

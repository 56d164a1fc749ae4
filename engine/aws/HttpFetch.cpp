#include "aws/HttpFetch.h"

#include "aws/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace qmld::aws {

void httpFetch(QNetworkAccessManager *network, QObject *context, const QByteArray &method, const QUrl &url,
               const QList<std::pair<QByteArray, QByteArray>> &headers, int timeoutMs,
               std::function<void(const HttpAnswer &)> done)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network->sendCustomRequest(request, method);
    qCDebug(lcAws).noquote() << method << url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        HttpAnswer answer;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        answer.status = status.isValid() ? status.toInt() : 0;
        answer.body = reply->readAll();
        if (answer.status == 0)
            answer.networkError = reply->errorString();
        qCDebug(lcAws).noquote() << reply->url().toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo) << "answered HTTP"
                                 << answer.status << answer.networkError;
        done(answer);
    });
}

} // namespace qmld::aws

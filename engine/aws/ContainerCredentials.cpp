#include "aws/CredentialSources.h"
#include "aws/CredentialsText.h"
#include "aws/HttpFetch.h"

#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>

namespace qmld::aws {

ContainerCredentialsProvider::ContainerCredentialsProvider(const QProcessEnvironment &environment, QObject *parent)
    : RefreshingCredentialsProvider(parent), m_environment(environment), m_network(new QNetworkAccessManager(this))
{
}

bool ContainerCredentialsProvider::appliesTo(const QProcessEnvironment &environment)
{
    return environment.contains(QStringLiteral("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
        || environment.contains(QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
}

void ContainerCredentialsProvider::fetch(CredentialsCallback done)
{
    const QString relative = m_environment.value(QStringLiteral("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
    const QUrl url = !relative.isEmpty() ? QUrl(QStringLiteral("http://169.254.170.2") + relative)
                                         : QUrl(m_environment.value(QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI")));
    // As the SDKs: plain HTTP only to loopback or the ECS/EKS agent addresses.
    const QHostAddress host(url.host());
    const bool allowed = url.scheme() == QLatin1StringView("https") || host.isLoopback()
        || url.host() == QLatin1StringView("169.254.170.2") || url.host() == QLatin1StringView("169.254.170.23")
        || url.host() == QLatin1StringView("localhost");
    if (!url.isValid() || !allowed) {
        done({{}, CredentialsText::tr("container credentials URI %1 is not HTTPS, loopback or the ECS/EKS agent")
                      .arg(url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo))});
        return;
    }
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray token = m_environment.value(QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN")).toUtf8();
    const QString tokenFile = m_environment.value(QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    if (!tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            done({{}, CredentialsText::tr("cannot read the container authorization token %1: %2").arg(tokenFile, file.errorString())});
            return;
        }
        token = file.readAll().trimmed();
    }
    if (!token.isEmpty())
        headers.append({"Authorization", token});
    const QString source = CredentialsText::tr("container credentials");
    httpFetch(m_network, this, "GET", url, headers, 5000, [done, source](const HttpAnswer &answer) {
        if (answer.status != 200) {
            done({{}, CredentialsText::tr("%1: %2").arg(source, answer.status ? QStringLiteral("HTTP %1").arg(answer.status) : answer.networkError)});
            return;
        }
        done(credentialsFromJson(answer.body, source));
    });
}

} // namespace qmld::aws

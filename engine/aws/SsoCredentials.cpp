#include "aws/CredentialSources.h"
#include "aws/CredentialsText.h"
#include "aws/HttpFetch.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimeZone>
#include <QUrlQuery>

namespace qmld::aws {

SsoCredentialsProvider::SsoCredentialsProvider(Sso sso, QObject *parent)
    : RefreshingCredentialsProvider(parent), m_sso(std::move(sso)), m_network(new QNetworkAccessManager(this))
{
}

// Where `aws sso login` keeps the token: the SHA-1 of the session name (or legacy start URL).
QString SsoCredentialsProvider::cacheFile() const
{
    return m_sso.home + QStringLiteral("/.aws/sso/cache/")
        + QString::fromLatin1(QCryptographicHash::hash(m_sso.cacheKey.toUtf8(), QCryptographicHash::Sha1).toHex())
        + QStringLiteral(".json");
}

void SsoCredentialsProvider::fetch(CredentialsCallback done)
{
    const QString login = CredentialsText::tr("run `aws sso login --profile %1`").arg(m_sso.profile);
    QFile file(cacheFile());
    if (!file.open(QIODevice::ReadOnly)) {
        done({{}, CredentialsText::tr("profile %1 uses IAM Identity Center and has no SSO session: %2").arg(m_sso.profile, login)});
        return;
    }
    const QJsonObject cached = QJsonDocument::fromJson(file.readAll()).object();
    const QByteArray token = cached.value(QLatin1StringView("accessToken")).toString().toUtf8();
    const QDateTime expires = QDateTime::fromString(cached.value(QLatin1StringView("expiresAt")).toString(), Qt::ISODate);
    if (token.isEmpty() || !expires.isValid() || expires <= QDateTime::currentDateTimeUtc()) {
        done({{}, CredentialsText::tr("the SSO session of profile %1 has expired: %2").arg(m_sso.profile, login)});
        return;
    }
    QUrl url = m_sso.portal;
    url.setPath(QStringLiteral("/federation/credentials"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("role_name"), m_sso.roleName);
    query.addQueryItem(QStringLiteral("account_id"), m_sso.accountId);
    url.setQuery(query);
    const QString source = CredentialsText::tr("IAM Identity Center, profile %1 (role %2 in account %3)")
                               .arg(m_sso.profile, m_sso.roleName, m_sso.accountId);
    httpFetch(m_network, this, "GET", url, {{"x-amz-sso_bearer_token", token}}, 10000, [done, source, login](const HttpAnswer &answer) {
        if (answer.status == 401 || answer.status == 403) {
            done({{}, CredentialsText::tr("%1: the portal refused the SSO session: %2").arg(source, login)});
            return;
        }
        if (answer.status != 200) {
            done({{}, CredentialsText::tr("%1: %2").arg(source, answer.status ? QStringLiteral("HTTP %1").arg(answer.status) : answer.networkError)});
            return;
        }
        const QJsonObject role = QJsonDocument::fromJson(answer.body).object().value(QLatin1StringView("roleCredentials")).toObject();
        CredentialsResult result;
        result.credentials.accessKeyId = role.value(QLatin1StringView("accessKeyId")).toString().toUtf8();
        result.credentials.secretAccessKey = role.value(QLatin1StringView("secretAccessKey")).toString().toUtf8();
        result.credentials.sessionToken = role.value(QLatin1StringView("sessionToken")).toString().toUtf8();
        result.credentials.expiration = QDateTime::fromMSecsSinceEpoch(qint64(role.value(QLatin1StringView("expiration")).toDouble()), QTimeZone::utc());
        result.credentials.source = source;
        if (!result.credentials.isValid())
            result.error = CredentialsText::tr("%1: the portal answered without credentials").arg(source);
        done(result);
    });
}

} // namespace qmld::aws

#include "aws/CredentialSources.h"
#include "aws/CredentialsText.h"
#include "aws/HttpFetch.h"

#include <QNetworkAccessManager>

namespace qmld::aws {

ImdsCredentialsProvider::ImdsCredentialsProvider(const QProcessEnvironment &environment, QObject *parent)
    : RefreshingCredentialsProvider(parent),
      m_endpoint(environment.value(QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT"), QStringLiteral("http://169.254.169.254"))),
      m_network(new QNetworkAccessManager(this))
{
}

void ImdsCredentialsProvider::fetch(CredentialsCallback done)
{
    // IMDSv2: a session token first, then the role name, then its credentials.
    const QString source = CredentialsText::tr("EC2 instance metadata");
    const auto failed = [done, source](const QString &step, const HttpAnswer &answer) {
        done({{}, CredentialsText::tr("%1: %2 failed: %3")
                      .arg(source, step, answer.status ? QStringLiteral("HTTP %1").arg(answer.status) : answer.networkError)});
    };
    QUrl tokenUrl = m_endpoint;
    tokenUrl.setPath(QStringLiteral("/latest/api/token"));
    httpFetch(m_network, this, "PUT", tokenUrl, {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}}, 1000,
              [this, done, failed, source](const HttpAnswer &token) {
        if (token.status != 200) {
            failed(CredentialsText::tr("the token request"), token);
            return;
        }
        const QList<std::pair<QByteArray, QByteArray>> headers{{"X-aws-ec2-metadata-token", token.body.trimmed()}};
        QUrl roleUrl = m_endpoint;
        roleUrl.setPath(QStringLiteral("/latest/meta-data/iam/security-credentials/"));
        httpFetch(m_network, this, "GET", roleUrl, headers, 1000, [this, done, failed, source, headers, roleUrl](const HttpAnswer &role) {
            const QString name = QString::fromUtf8(role.body).trimmed().section(u'\n', 0, 0);
            if (role.status != 200 || name.isEmpty()) {
                failed(CredentialsText::tr("reading the instance's role"), role);
                return;
            }
            QUrl credentialsUrl = roleUrl;
            credentialsUrl.setPath(roleUrl.path() + name);
            httpFetch(m_network, this, "GET", credentialsUrl, headers, 1000, [done, failed, source, name](const HttpAnswer &answer) {
                if (answer.status != 200) {
                    failed(CredentialsText::tr("reading the credentials of role %1").arg(name), answer);
                    return;
                }
                done(credentialsFromJson(answer.body, source + QStringLiteral(" (role %1)").arg(name)));
            });
        });
    });
}

} // namespace qmld::aws

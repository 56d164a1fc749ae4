#include "aws/CredentialSources.h"
#include "aws/CredentialsText.h"

#include <QFile>
#include <QXmlStreamReader>

namespace qmld::aws {

AssumeRoleProvider::AssumeRoleProvider(Role role, CredentialsProvider *source, const ServiceEndpoint &sts, QObject *parent)
    : RefreshingCredentialsProvider(parent), m_role(std::move(role)), m_sts(new AwsClient(sts, source, this))
{
    if (m_role.sessionName.isEmpty())
        m_role.sessionName = QStringLiteral("qmld-%1").arg(QDateTime::currentMSecsSinceEpoch());
}

void AssumeRoleProvider::fetch(CredentialsCallback done)
{
    const bool webIdentity = !m_role.webIdentityTokenFile.isEmpty();
    const QString action = webIdentity ? QStringLiteral("AssumeRoleWithWebIdentity") : QStringLiteral("AssumeRole");
    HeaderList parameters{{"RoleArn", m_role.roleArn.toUtf8()}, {"RoleSessionName", m_role.sessionName.toUtf8()}};
    if (webIdentity) {
        QFile tokenFile(m_role.webIdentityTokenFile);
        if (!tokenFile.open(QIODevice::ReadOnly)) {
            done({{}, CredentialsText::tr("cannot read the web identity token %1: %2").arg(m_role.webIdentityTokenFile, tokenFile.errorString())});
            return;
        }
        parameters.append({"WebIdentityToken", tokenFile.readAll().trimmed()});
    }
    if (!m_role.externalId.isEmpty())
        parameters.append({"ExternalId", m_role.externalId.toUtf8()});
    if (m_role.durationSeconds > 0)
        parameters.append({"DurationSeconds", QByteArray::number(m_role.durationSeconds)});
    CallOptions options;
    options.resource = QStringLiteral("role %1").arg(m_role.roleArn);
    options.deadline = std::chrono::seconds(30);
    const QString source = QStringLiteral("%1 %2").arg(action, m_role.roleArn);
    m_sts->callQuery(action, parameters, this, [done, source](const AwsResponse &response) {
        if (!response.ok()) {
            done({{}, response.error.text()});
            return;
        }
        CredentialsResult result;
        result.credentials.source = source;
        QXmlStreamReader xml(response.body);
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1StringView("AccessKeyId"))
                result.credentials.accessKeyId = xml.readElementText().toUtf8();
            else if (xml.name() == QLatin1StringView("SecretAccessKey"))
                result.credentials.secretAccessKey = xml.readElementText().toUtf8();
            else if (xml.name() == QLatin1StringView("SessionToken"))
                result.credentials.sessionToken = xml.readElementText().toUtf8();
            else if (xml.name() == QLatin1StringView("Expiration"))
                result.credentials.expiration = QDateTime::fromString(xml.readElementText(), Qt::ISODateWithMs);
        }
        if (!result.credentials.isValid())
            result.error = CredentialsText::tr("%1: STS answered without credentials").arg(source);
        done(result);
    }, options, webIdentity ? AwsClient::Signing::Unsigned : AwsClient::Signing::Signed);
}

} // namespace qmld::aws

#include <qmld/aws/CredentialChain.h>

#include "aws/CredentialSources.h"
#include "aws/CredentialsText.h"

#include <QDir>

namespace qmld::aws {

namespace {

class ChainBuilder
{
public:
    ChainBuilder(const AwsSettings &settings, QObject *parent) : m_settings(settings), m_parent(parent) {}

    CredentialsProvider *build(QString *error)
    {
        const QProcessEnvironment &environment = m_settings.environment;
        if (!m_settings.profileExplicit) {
            if (auto *fromEnvironment = environmentKeys())
                return fromEnvironment;
            const QString tokenFile = environment.value(QStringLiteral("AWS_WEB_IDENTITY_TOKEN_FILE"));
            const QString roleArn = environment.value(QStringLiteral("AWS_ROLE_ARN"));
            if (!tokenFile.isEmpty() && !roleArn.isEmpty()) {
                AssumeRoleProvider::Role role;
                role.roleArn = roleArn;
                role.webIdentityTokenFile = tokenFile;
                role.sessionName = environment.value(QStringLiteral("AWS_ROLE_SESSION_NAME"));
                return new AssumeRoleProvider(role, nullptr, sts(), m_parent);
            }
        }
        if (m_settings.files.hasProfile(m_settings.profile)) {
            if (auto *fromProfile = profile(m_settings.profile, 0, error))
                return fromProfile;
            if (!error->isEmpty())
                return nullptr;
        }
        if (ContainerCredentialsProvider::appliesTo(environment))
            return new ContainerCredentialsProvider(environment, m_parent);
        if (environment.value(QStringLiteral("AWS_EC2_METADATA_DISABLED")).toLower() != QLatin1StringView("true"))
            return new ImdsCredentialsProvider(environment, m_parent);
        *error = CredentialsText::tr("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give profile %1 "
                                     "credentials in %2 (aws configure)")
                     .arg(m_settings.profile, m_settings.files.credentialsPath());
        return nullptr;
    }

private:
    ServiceEndpoint sts() const { return ServiceEndpoint::sts(m_settings.endpoint(AwsService::Sts), m_settings.region); }

    CredentialsProvider *environmentKeys() const
    {
        const QProcessEnvironment &environment = m_settings.environment;
        AwsCredentials credentials;
        credentials.accessKeyId = environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")).toUtf8();
        credentials.secretAccessKey = environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).toUtf8();
        credentials.sessionToken = environment.value(QStringLiteral("AWS_SESSION_TOKEN")).toUtf8();
        credentials.source = CredentialsText::tr("environment");
        return credentials.isValid() ? new StaticCredentialsProvider(credentials, m_parent) : nullptr;
    }

    CredentialsProvider *staticKeys(const QString &name, const AwsConfigFiles::Section &section) const
    {
        AwsCredentials credentials;
        credentials.accessKeyId = section.value(QStringLiteral("aws_access_key_id")).toUtf8();
        credentials.secretAccessKey = section.value(QStringLiteral("aws_secret_access_key")).toUtf8();
        credentials.sessionToken = section.value(QStringLiteral("aws_session_token")).toUtf8();
        credentials.source = CredentialsText::tr("profile %1").arg(name);
        return credentials.isValid() ? new StaticCredentialsProvider(credentials, m_parent) : nullptr;
    }

    // Null and no error: the profile holds no credentials (only a region, say).
    CredentialsProvider *profile(const QString &name, int depth, QString *error)
    {
        if (depth > 8) {
            *error = CredentialsText::tr("profile %1: source_profile chain too long (a loop?)").arg(name);
            return nullptr;
        }
        if (!m_settings.files.hasProfile(name)) {
            *error = CredentialsText::tr("profile %1 (a source_profile) is not in %2 or %3")
                         .arg(name, m_settings.files.configPath(), m_settings.files.credentialsPath());
            return nullptr;
        }
        const AwsConfigFiles::Section section = m_settings.files.profile(name);
        const QString roleArn = section.value(QStringLiteral("role_arn"));
        if (!roleArn.isEmpty())
            return assumeRole(name, section, depth, error);
        if (section.contains(QStringLiteral("sso_session")) || section.contains(QStringLiteral("sso_start_url")))
            return sso(name, section, error);
        if (auto *keys = staticKeys(name, section))
            return keys;
        const QString process = section.value(QStringLiteral("credential_process"));
        if (!process.isEmpty())
            return new ProcessCredentialsProvider(process, name, m_parent);
        return nullptr;
    }

    CredentialsProvider *assumeRole(const QString &name, const AwsConfigFiles::Section &section, int depth, QString *error)
    {
        AssumeRoleProvider::Role role;
        role.roleArn = section.value(QStringLiteral("role_arn"));
        role.sessionName = section.value(QStringLiteral("role_session_name"));
        role.externalId = section.value(QStringLiteral("external_id"));
        role.durationSeconds = section.value(QStringLiteral("duration_seconds")).toInt();
        role.webIdentityTokenFile = section.value(QStringLiteral("web_identity_token_file"));
        if (!role.webIdentityTokenFile.isEmpty())
            return new AssumeRoleProvider(role, nullptr, sts(), m_parent);

        CredentialsProvider *source = nullptr;
        const QString sourceProfile = section.value(QStringLiteral("source_profile"));
        const QString credentialSource = section.value(QStringLiteral("credential_source"));
        if (!sourceProfile.isEmpty()) {
            // A profile may name itself as its source: its own static keys then.
            source = sourceProfile == name ? staticKeys(name, section) : profile(sourceProfile, depth + 1, error);
        } else if (credentialSource == QLatin1StringView("Environment")) {
            source = environmentKeys();
        } else if (credentialSource == QLatin1StringView("EcsContainer")) {
            source = new ContainerCredentialsProvider(m_settings.environment, m_parent);
        } else if (credentialSource == QLatin1StringView("Ec2InstanceMetadata")) {
            source = new ImdsCredentialsProvider(m_settings.environment, m_parent);
        } else {
            *error = CredentialsText::tr("profile %1 has role_arn but neither source_profile nor a known credential_source").arg(name);
            return nullptr;
        }
        if (!source) {
            if (error->isEmpty())
                *error = CredentialsText::tr("profile %1: the source of role %2 has no credentials").arg(name, role.roleArn);
            return nullptr;
        }
        return new AssumeRoleProvider(role, source, sts(), m_parent);
    }

    CredentialsProvider *sso(const QString &name, const AwsConfigFiles::Section &section, QString *error)
    {
        SsoCredentialsProvider::Sso sso;
        sso.profile = name;
        sso.accountId = section.value(QStringLiteral("sso_account_id"));
        sso.roleName = section.value(QStringLiteral("sso_role_name"));
        QString region = section.value(QStringLiteral("sso_region"));
        const QString session = section.value(QStringLiteral("sso_session"));
        if (!session.isEmpty()) {
            const AwsConfigFiles::Section sessionSection = m_settings.files.ssoSession(session);
            if (sessionSection.isEmpty()) {
                *error = CredentialsText::tr("profile %1 names sso_session %2, which is not in %3")
                             .arg(name, session, m_settings.files.configPath());
                return nullptr;
            }
            region = sessionSection.value(QStringLiteral("sso_region"), region);
            sso.cacheKey = session;
        } else {
            sso.cacheKey = section.value(QStringLiteral("sso_start_url"));
        }
        if (sso.accountId.isEmpty() || sso.roleName.isEmpty() || region.isEmpty()) {
            *error = CredentialsText::tr("profile %1 needs sso_account_id, sso_role_name and sso_region").arg(name);
            return nullptr;
        }
        const QString portal = m_settings.environment.value(QStringLiteral("AWS_ENDPOINT_URL_SSO"));
        sso.portal = QUrl(portal.isEmpty() ? QStringLiteral("https://portal.sso.%1.amazonaws.com").arg(region) : portal);
        sso.home = m_settings.environment.value(QStringLiteral("HOME"), QDir::homePath());
        return new SsoCredentialsProvider(sso, m_parent);
    }

    const AwsSettings &m_settings;
    QObject *m_parent;
};

} // namespace

CredentialsProvider *defaultCredentials(const AwsSettings &settings, QObject *parent, QString *error)
{
    QString ignored;
    QString &reason = error ? *error : ignored;
    reason.clear();
    return ChainBuilder(settings, parent).build(&reason);
}

} // namespace qmld::aws

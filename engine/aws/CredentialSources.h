#pragma once

// The sources of the AWS SDKs' default credential chain that fetch
// credentials (all but the static ones). Each refreshes shortly before its
// credentials expire (RefreshingCredentialsProvider).

#include <qmld/aws/AwsClient.h>
#include <qmld/aws/CredentialsProvider.h>

#include <QPointer>
#include <QProcessEnvironment>
#include <QUrl>

class QNetworkAccessManager;

namespace qmld::aws {

// `credential_process`: a program that prints {"Version":1,"AccessKeyId":…} on stdout.
class ProcessCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT

public:
    ProcessCredentialsProvider(QString command, QString profile, QObject *parent = nullptr);

protected:
    void fetch(CredentialsCallback done) override;

private:
    QString m_command;
    QString m_profile;
};

// STS AssumeRole with another source's credentials, or
// AssumeRoleWithWebIdentity with a token file (unsigned).
class AssumeRoleProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT

public:
    struct Role
    {
        QString roleArn;
        QString sessionName;
        QString externalId;
        QString webIdentityTokenFile; // set: AssumeRoleWithWebIdentity
        int durationSeconds = 0;      // 0: STS's default
    };
    // `source` (may be null for web identity) is not owned.
    AssumeRoleProvider(Role role, CredentialsProvider *source, const ServiceEndpoint &sts, QObject *parent = nullptr);

protected:
    void fetch(CredentialsCallback done) override;

private:
    Role m_role;
    AwsClient *m_sts;
};

// The ECS/EKS container agent: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI,
// with AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE).
class ContainerCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT

public:
    ContainerCredentialsProvider(const QProcessEnvironment &environment, QObject *parent = nullptr);
    static bool appliesTo(const QProcessEnvironment &environment);

protected:
    void fetch(CredentialsCallback done) override;

private:
    QProcessEnvironment m_environment;
    QNetworkAccessManager *m_network;
};

// EC2 instance metadata, IMDSv2 (a token PUT first).
class ImdsCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT

public:
    ImdsCredentialsProvider(const QProcessEnvironment &environment, QObject *parent = nullptr);

protected:
    void fetch(CredentialsCallback done) override;

private:
    QUrl m_endpoint;
    QNetworkAccessManager *m_network;
};

// IAM Identity Center: the token `aws sso login` cached, traded at the SSO
// portal for role credentials.
class SsoCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT

public:
    struct Sso
    {
        QString profile;
        QString cacheKey; // the sso-session name, or the legacy start URL
        QString accountId;
        QString roleName;
        QUrl portal;
        QString home;
    };
    SsoCredentialsProvider(Sso sso, QObject *parent = nullptr);
    QString cacheFile() const;

protected:
    void fetch(CredentialsCallback done) override;

private:
    Sso m_sso;
    QNetworkAccessManager *m_network;
};

// Credentials from the JSON the container agent, IMDS and credential_process print.
CredentialsResult credentialsFromJson(const QByteArray &json, const QString &source);

} // namespace qmld::aws

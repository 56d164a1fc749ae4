#pragma once

// The AWS CLI's shared files: ~/.aws/config ([default], [profile P],
// [sso-session S], [services S]) and ~/.aws/credentials ([P]), paths
// overridden by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace qmld::aws {

class AwsConfigFiles
{
public:
    using Section = QMap<QString, QString>; // nested keys as "kinesis.endpoint_url"

    static AwsConfigFiles load(const QProcessEnvironment &environment);
    static AwsConfigFiles fromText(const QByteArray &config, const QByteArray &credentials);

    QString configPath() const { return m_configPath; }
    QString credentialsPath() const { return m_credentialsPath; }

    bool hasProfile(const QString &name) const;
    // The profile's settings, the credentials file's keys over the config file's.
    Section profile(const QString &name) const;
    Section ssoSession(const QString &name) const { return m_config.value(QStringLiteral("sso-session ") + name); }
    Section services(const QString &name) const { return m_config.value(QStringLiteral("services ") + name); }
    QStringList profileNames() const;

private:
    static QMap<QString, Section> parse(const QByteArray &text);

    QString m_configPath;
    QString m_credentialsPath;
    QMap<QString, Section> m_config;      // by section header, "profile prod", "default"
    QMap<QString, Section> m_credentials; // by profile name
};

} // namespace qmld::aws

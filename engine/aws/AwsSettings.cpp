#include <qmld/aws/AwsSettings.h>

#include <QCoreApplication>

namespace qmld::aws {

namespace {

class AwsText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::aws)
};

QString serviceId(AwsService service)
{
    switch (service) {
    case AwsService::Kinesis: return QStringLiteral("kinesis");
    case AwsService::DynamoDb: return QStringLiteral("dynamodb");
    case AwsService::Sts: return QStringLiteral("sts");
    case AwsService::Sso: return QStringLiteral("sso");
    }
    return {};
}

} // namespace

AwsSettings AwsSettings::resolve(const AwsOptions &options, const QProcessEnvironment &environment)
{
    AwsSettings settings;
    settings.options = options;
    settings.environment = environment;
    settings.files = AwsConfigFiles::load(environment);
    settings.profileExplicit = !options.profile.isEmpty();
    settings.profile = !options.profile.isEmpty() ? options.profile
                                                  : environment.value(QStringLiteral("AWS_PROFILE"), QStringLiteral("default"));
    if (settings.profileExplicit || environment.contains(QStringLiteral("AWS_PROFILE"))) {
        if (!settings.files.hasProfile(settings.profile)) {
            settings.error = AwsText::tr("profile %1 is not in %2 or %3")
                                 .arg(settings.profile, settings.files.configPath(), settings.files.credentialsPath());
            return settings;
        }
    }
    const auto profile = settings.files.profile(settings.profile);
    for (const QString &candidate : {options.region, environment.value(QStringLiteral("AWS_REGION")),
                                     environment.value(QStringLiteral("AWS_DEFAULT_REGION")), profile.value(QStringLiteral("region"))}) {
        if (!candidate.isEmpty()) {
            settings.region = candidate;
            break;
        }
    }
    if (settings.region.isEmpty())
        settings.error = AwsText::tr("no AWS region: pass --region, set AWS_REGION, or set region in profile %1 (%2)")
                             .arg(settings.profile, settings.files.configPath());
    return settings;
}

QUrl AwsSettings::endpoint(AwsService service) const
{
    const QString id = serviceId(service);
    const bool configured = environment.value(QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")).toLower()
        != QLatin1StringView("true");
    const auto profile = files.profile(this->profile);
    QStringList candidates;
    if (configured)
        candidates << environment.value(QStringLiteral("AWS_ENDPOINT_URL_") + id.toUpper());
    if (service == AwsService::Kinesis || service == AwsService::DynamoDb)
        candidates << options.endpointUrl.toString();
    if (configured) {
        candidates << environment.value(QStringLiteral("AWS_ENDPOINT_URL"));
        const QString servicesName = profile.value(QStringLiteral("services"));
        if (!servicesName.isEmpty())
            candidates << files.services(servicesName).value(id + QStringLiteral(".endpoint_url"));
        candidates << profile.value(QStringLiteral("endpoint_url"));
    }
    for (const QString &candidate : std::as_const(candidates))
        if (!candidate.isEmpty())
            return QUrl(candidate);
    if (service == AwsService::Sso)
        return QUrl(QStringLiteral("https://portal.sso.%1.amazonaws.com").arg(region));
    const QString suffix = region.startsWith(QLatin1StringView("cn-")) ? QStringLiteral("amazonaws.com.cn") : QStringLiteral("amazonaws.com");
    return QUrl(QStringLiteral("https://%1.%2.%3").arg(id, region, suffix));
}

} // namespace qmld::aws

#include "aws/AwsSource.h"

#include <qmld/aws/AwsClient.h>
#include <qmld/aws/CredentialChain.h>
#include <qmld/aws/KinesisClient.h>

#include <QProcessEnvironment>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace qmld::ui {

AwsSource::AwsSource(QObject *parent) : QObject(parent) {}

AwsSource *AwsSource::open(const aws::AwsOptions &options, QObject *parent, QString *error)
{
    const aws::AwsSettings settings = aws::AwsSettings::resolve(options, QProcessEnvironment::systemEnvironment());
    if (!settings.error.isEmpty()) {
        *error = settings.error;
        return nullptr;
    }
    auto *source = new AwsSource(parent);
    source->m_settings = settings;
    source->m_credentials = aws::defaultCredentials(settings, source, error);
    if (!source->m_credentials) {
        delete source;
        return nullptr;
    }
    const auto endpoint = aws::ServiceEndpoint::kinesis(settings.endpoint(aws::AwsService::Kinesis), settings.region);
    source->m_client = new aws::AwsClient(endpoint, source->m_credentials, source);
    // A person is waiting: a few quick retries, not the CLI's minute of them.
    aws::RetryPolicy retry;
    retry.maxAttempts = 4;
    retry.maxDelay = std::chrono::milliseconds(2000);
    source->m_client->setRetryPolicy(retry);
    source->m_kinesis = new aws::KinesisClient(source->m_client, source);
    source->m_tailClient = new aws::AwsClient(endpoint, source->m_credentials, source);
    aws::RetryPolicy once;
    once.maxAttempts = 1;
    source->m_tailClient->setRetryPolicy(once);
    source->m_tailKinesis = new aws::KinesisClient(source->m_tailClient, source);
    return source;
}

QString AwsSource::endpoint() const
{
    return m_client->endpoint().url.toString();
}

QStringList AwsSource::profiles()
{
    return aws::AwsConfigFiles::load(QProcessEnvironment::systemEnvironment()).profileNames();
}

QString AwsSource::defaultRegion(const QString &profile)
{
    aws::AwsOptions options;
    options.profile = profile;
    return aws::AwsSettings::resolve(options, QProcessEnvironment::systemEnvironment()).region;
}

QString AwsSource::defaultEndpoint(const QString &profile, const QString &region)
{
    aws::AwsOptions options;
    options.profile = profile;
    options.region = region;
    const aws::AwsSettings settings = aws::AwsSettings::resolve(options, QProcessEnvironment::systemEnvironment());
    return settings.region.isEmpty() ? QString() : settings.endpoint(aws::AwsService::Kinesis).toString();
}

aws::AwsOptions AwsSource::saved()
{
    QSettings settings;
    aws::AwsOptions options;
    options.profile = settings.value(u"aws/profile"_s).toString();
    options.region = settings.value(u"aws/region"_s).toString();
    options.endpointUrl = QUrl(settings.value(u"aws/endpoint"_s).toString());
    return options;
}

bool AwsSource::wasChosen()
{
    return QSettings().contains(u"aws/region"_s);
}

void AwsSource::save(const aws::AwsOptions &options)
{
    QSettings settings;
    settings.setValue(u"aws/profile"_s, options.profile);
    settings.setValue(u"aws/region"_s, options.region);
    settings.setValue(u"aws/endpoint"_s, options.endpointUrl.toString());
}

} // namespace qmld::ui

#pragma once

#include <qmld/aws/AwsSettings.h>

#include <QObject>
#include <QStringList>

namespace qmld::aws {
class AwsClient;
class CredentialsProvider;
class KinesisClient;
} // namespace qmld::aws

namespace qmld::ui {

// One choice of AWS profile, region and endpoint, with its credentials and
// Kinesis client: what the console's AWS browser reads streams through.
// Only the choice is remembered (QSettings); credentials stay in memory,
// inside the engine's providers, and are never shown.
class AwsSource : public QObject
{
    Q_OBJECT
public:
    // Null with a one-line reason in *error when the settings or the credentials are unusable.
    static AwsSource *open(const aws::AwsOptions &options, QObject *parent, QString *error);

    // For listing and describing: a few quick retries.
    aws::KinesisClient *kinesis() const { return m_kinesis; }
    // For tails: no retries of its own. A tail paces itself and backs off when
    // throttled; a client retrying at once would call the throttled shard again.
    aws::KinesisClient *tailKinesis() const { return m_tailKinesis; }
    QString region() const { return m_settings.region; }
    QString endpoint() const;

    // The profiles of the AWS config and credentials files.
    static QStringList profiles();
    // The region the AWS CLI would use for `profile` (environment, then the profile); empty if none.
    static QString defaultRegion(const QString &profile);
    // The Kinesis endpoint `profile` gives without an endpoint chosen here (environment, profile, else AWS's).
    static QString defaultEndpoint(const QString &profile, const QString &region);

    static aws::AwsOptions saved();
    // A source was listed before (its choice is saved): the window lists it again when it opens.
    static bool wasChosen();
    static void save(const aws::AwsOptions &options);

private:
    explicit AwsSource(QObject *parent);

    aws::AwsSettings m_settings;
    aws::CredentialsProvider *m_credentials = nullptr;
    aws::AwsClient *m_client = nullptr;
    aws::KinesisClient *m_kinesis = nullptr;
    aws::AwsClient *m_tailClient = nullptr;
    aws::KinesisClient *m_tailKinesis = nullptr;
};

} // namespace qmld::ui

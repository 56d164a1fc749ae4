#pragma once

// Which profile, region and endpoints an AWS command uses, resolved as the
// AWS CLI does, with one rule of qmld's: --endpoint-url covers both Kinesis
// and DynamoDB, and AWS_ENDPOINT_URL_KINESIS / _DYNAMODB override it per
// service (so one of the two can point elsewhere).

#include <qmld/aws/AwsConfigFiles.h>

#include <QUrl>

namespace qmld::aws {

enum class AwsService { Kinesis, DynamoDb, Sts, Sso };

// What a command line (or the console's source dialog) chose.
struct AwsOptions
{
    QString profile;  // --profile; empty: AWS_PROFILE, else "default"
    QString region;   // --region
    QUrl endpointUrl; // --endpoint-url
};

struct AwsSettings
{
    QString profile;
    bool profileExplicit = false; // --profile given: the environment's keys are not used
    QString region;
    QProcessEnvironment environment;
    AwsConfigFiles files;

    // Empty when all is well, else a one-line reason ("no region: …").
    QString error;

    static AwsSettings resolve(const AwsOptions &options, const QProcessEnvironment &environment);
    QUrl endpoint(AwsService service) const;

    AwsOptions options; // kept for endpoint()
};

} // namespace qmld::aws

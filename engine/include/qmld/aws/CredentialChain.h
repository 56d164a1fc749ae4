#pragma once

#include <qmld/aws/AwsSettings.h>
#include <qmld/aws/CredentialsProvider.h>

namespace qmld::aws {

// The credentials source the AWS SDKs' default chain picks for `settings`:
// environment keys; web identity from the environment; the profile (static
// keys, role_arn with source_profile or credential_source, web identity,
// IAM Identity Center, credential_process); container credentials; EC2
// instance metadata (IMDSv2, unless AWS_EC2_METADATA_DISABLED=true). With an
// explicit --profile the environment's keys are not used. Returns a provider
// owned by `parent`, or null with a one-line reason in *error.
CredentialsProvider *defaultCredentials(const AwsSettings &settings, QObject *parent, QString *error);

} // namespace qmld::aws

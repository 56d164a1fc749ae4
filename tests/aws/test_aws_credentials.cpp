// The default credential chain, each source as a user configures it: the
// environment, profiles from the shared files (static keys,
// credential_process, role_arn + source_profile through STS AssumeRole, IAM
// Identity Center), web identity, container credentials and IMDSv2. The
// network sources talk to a small HTTP server of the test's own that serves
// AWS's documented responses. Also region and endpoint resolution.

#include "AwsTestSupport.h"
#include "HttpResponder.h"

#include <qmld/aws/CredentialChain.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace qmld::aws;
using namespace qmld::test;

namespace {

QString isoIn(qint64 seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODate);
}

// STS's documented AssumeRole / AssumeRoleWithWebIdentity answer.
QByteArray stsAnswer(const QByteArray &action, const QByteArray &key, qint64 validSeconds = 3600)
{
    return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action + "Result>"
           "<Credentials><AccessKeyId>" + key + "</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
           "</SecretAccessKey><SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken><Expiration>"
           + isoIn(validSeconds).toLatin1() + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:"
           "assumed-role/reader/qmld</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:qmld</AssumedRoleId></AssumedRoleUser>"
           "</" + action + "Result><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>"
           "</ResponseMetadata></" + action + "Response>";
}

// The JSON the container agent and IMDS serve.
QByteArray metadataCredentials(const QByteArray &key)
{
    return R"({"Code":"Success","LastUpdated":"2026-01-01T00:00:00Z","Type":"AWS-HMAC","AccessKeyId":")" + key
           + R"(","SecretAccessKey":"metadata-secret","Token":"metadata-token","Expiration":")" + isoIn(3600).toLatin1() + R"("})";
}

QByteArray form(const QByteArray &body, const QByteArray &name)
{
    for (const QByteArray &pair : body.split('&'))
        if (pair.startsWith(QByteArray(name + '=')))
            return QByteArray::fromPercentEncoding(pair.mid(name.size() + 1));
    return {};
}

} // namespace

class TestAwsCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void environmentKeys();
    void explicitProfileIsUsedOverTheEnvironment();
    void awsProfileAndFileVariablesChooseTheProfile();
    void missingProfileIsNamed();
    void credentialProcess();
    void failingCredentialProcessSaysWhy();
    void assumeRoleWithSourceProfile();
    void webIdentityFromTheEnvironment();
    void containerCredentials();
    void imdsV2();
    void ssoFromTheTokenCache();
    void expiredSsoSessionSaysToLogIn();
    void temporaryCredentialsAreRefreshedBeforeTheyExpire();
    void credentialsAwsCallsExpiredAreFetchedAgain();
    void roleFromEnvironmentCredentialSource();
    void noCredentialsAnywhereIsSaid();
    void regionResolution();
    void endpointResolution();

private:
    void writeFile(const QString &name, const QByteArray &text);
    CredentialsResult resolve(const AwsOptions &options = {});

    std::unique_ptr<QTemporaryDir> m_home;
    QProcessEnvironment m_environment;
    QObject m_owner;
};

void TestAwsCredentials::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QDir(m_home->path()).mkpath(u".aws/sso/cache"_s);
    m_environment = QProcessEnvironment();
    m_environment.insert(u"HOME"_s, m_home->path());
    m_environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    m_environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    m_environment.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
}

void TestAwsCredentials::writeFile(const QString &name, const QByteArray &text)
{
    QFile file(QDir(m_home->path()).filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

CredentialsResult TestAwsCredentials::resolve(const AwsOptions &options)
{
    const AwsSettings settings = AwsSettings::resolve(options, m_environment);
    if (!settings.error.isEmpty())
        return {{}, settings.error};
    QString error;
    CredentialsProvider *provider = defaultCredentials(settings, &m_owner, &error);
    if (!provider)
        return {{}, error};
    const auto result = waitFor<CredentialsResult>([&](CredentialsCallback done) { provider->credentials(std::move(done)); });
    return result ? *result : CredentialsResult{{}, u"no answer"_s};
}

void TestAwsCredentials::environmentKeys()
{
    m_environment.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENVIRONMENT00001"_s);
    m_environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"env-secret"_s);
    m_environment.insert(u"AWS_SESSION_TOKEN"_s, u"env-token"_s);
    writeFile(u".aws/credentials"_s, "[default]\naws_access_key_id = AKIDDEFAULTPROFILE01\naws_secret_access_key = s\n");
    const CredentialsResult result = resolve();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("AKIDENVIRONMENT00001"));
    QCOMPARE(result.credentials.sessionToken, QByteArray("env-token"));
    QCOMPARE(result.credentials.source, u"environment"_s);
}

void TestAwsCredentials::explicitProfileIsUsedOverTheEnvironment()
{
    m_environment.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENVIRONMENT00001"_s);
    m_environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"env-secret"_s);
    writeFile(u".aws/credentials"_s, "[prod]\naws_access_key_id = AKIDPRODPROFILE00001\naws_secret_access_key = prod-secret\n");
    const CredentialsResult result = resolve({u"prod"_s, {}, {}});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("AKIDPRODPROFILE00001"));
    QCOMPARE(result.credentials.source, u"profile prod"_s);
}

void TestAwsCredentials::awsProfileAndFileVariablesChooseTheProfile()
{
    writeFile(u"my-config"_s, "[profile staging]\nregion = ap-south-1\naws_access_key_id = AKIDCONFIGFILE000001\n"
                              "aws_secret_access_key = config-secret\n");
    writeFile(u"my-credentials"_s, "# comment\n[staging]\naws_access_key_id = AKIDCREDENTIALSFILE1\n"
                                   "aws_secret_access_key = credentials-secret\n");
    m_environment.insert(u"AWS_CONFIG_FILE"_s, QDir(m_home->path()).filePath(u"my-config"_s));
    m_environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, QDir(m_home->path()).filePath(u"my-credentials"_s));
    m_environment.insert(u"AWS_PROFILE"_s, u"staging"_s);
    const CredentialsResult result = resolve();
    QVERIFY2(result.ok(), qPrintable(result.error));
    // The credentials file wins over the config file for the same key.
    QCOMPARE(result.credentials.accessKeyId, QByteArray("AKIDCREDENTIALSFILE1"));
    QCOMPARE(result.credentials.secretAccessKey, QByteArray("credentials-secret"));
}

void TestAwsCredentials::missingProfileIsNamed()
{
    const CredentialsResult result = resolve({u"nope"_s, {}, {}});
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith("profile nope is not in "_L1), qPrintable(result.error));
    QVERIFY(result.error.contains(m_home->path() + "/.aws/config"_L1));
}

void TestAwsCredentials::credentialProcess()
{
    writeFile(u"creds.sh"_s, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS000000001\", "
                             "\"SecretAccessKey\": \"process-secret\", \"SessionToken\": \"process-token\", "
                             "\"Expiration\": \"2099-01-01T00:00:00Z\"}'\n");
    QFile::setPermissions(QDir(m_home->path()).filePath(u"creds.sh"_s), QFile::ReadOwner | QFile::ExeOwner);
    writeFile(u".aws/config"_s, "[profile tool]\ncredential_process = \"" + QDir(m_home->path()).filePath(u"creds.sh"_s).toUtf8()
                                    + "\" --flag\n");
    const CredentialsResult result = resolve({u"tool"_s, {}, {}});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("AKIDPROCESS000000001"));
    QCOMPARE(result.credentials.sessionToken, QByteArray("process-token"));
    QCOMPARE(result.credentials.expiration, QDateTime(QDate(2099, 1, 1), QTime(0, 0), Qt::UTC));
}

void TestAwsCredentials::failingCredentialProcessSaysWhy()
{
    writeFile(u".aws/config"_s, "[profile tool]\ncredential_process = sh -c 'echo token expired >&2; exit 3'\n");
    const CredentialsResult result = resolve({u"tool"_s, {}, {}});
    QVERIFY(!result.ok());
    QCOMPARE(result.error, u"credential_process of profile tool failed (exit 3): token expired"_s);
}

void TestAwsCredentials::assumeRoleWithSourceProfile()
{
    HttpResponder sts([](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (form(request.body, "Action") != "AssumeRole")
            return HttpResponse{400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>", {}};
        return HttpResponse{200, stsAnswer("AssumeRole", "ASIDASSUMEDROLE00001"), {{"Content-Type", "text/xml"}}};
    });
    m_environment.insert(u"AWS_ENDPOINT_URL_STS"_s, sts.url().toString());
    writeFile(u".aws/config"_s, "[profile reader]\nrole_arn = arn:aws:iam::123456789012:role/reader\nsource_profile = base\n"
                                "role_session_name = qmld-test\nexternal_id = ext-42\n[profile base]\nregion = us-west-2\n");
    writeFile(u".aws/credentials"_s, "[base]\naws_access_key_id = AKIDBASEPROFILE00001\naws_secret_access_key = base-secret\n");
    const CredentialsResult result = resolve({u"reader"_s, {}, {}});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("ASIDASSUMEDROLE00001"));
    QCOMPARE(result.credentials.sessionToken, QByteArray("AQoDYXdzEPT//////////wEXAMPLEtc764"));
    QVERIFY(result.credentials.expiration > QDateTime::currentDateTimeUtc().addSecs(3000));
    QCOMPARE(sts.requests().size(), 1);
    const HttpRequest &call = sts.requests().first();
    QCOMPARE(form(call.body, "RoleArn"), QByteArray("arn:aws:iam::123456789012:role/reader"));
    QCOMPARE(form(call.body, "RoleSessionName"), QByteArray("qmld-test"));
    QCOMPARE(form(call.body, "ExternalId"), QByteArray("ext-42"));
    // Signed with the source profile's keys, for STS in the command's region.
    QVERIFY(call.header("authorization").contains("Credential=AKIDBASEPROFILE00001/"));
    QVERIFY(call.header("authorization").contains("/eu-west-1/sts/aws4_request"));
}

void TestAwsCredentials::webIdentityFromTheEnvironment()
{
    HttpResponder sts([](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (form(request.body, "Action") != "AssumeRoleWithWebIdentity")
            return HttpResponse{400, {}, {}};
        return HttpResponse{200, stsAnswer("AssumeRoleWithWebIdentity", "ASIDWEBIDENTITY00001"), {}};
    });
    writeFile(u"token.jwt"_s, "eyJhbGciOiJSUzI1NiJ9.payload.signature\n");
    m_environment.insert(u"AWS_ENDPOINT_URL_STS"_s, sts.url().toString());
    m_environment.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, QDir(m_home->path()).filePath(u"token.jwt"_s));
    m_environment.insert(u"AWS_ROLE_ARN"_s, u"arn:aws:iam::123456789012:role/pod"_s);
    m_environment.insert(u"AWS_ROLE_SESSION_NAME"_s, u"pod-session"_s);
    const CredentialsResult result = resolve();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("ASIDWEBIDENTITY00001"));
    const HttpRequest &call = sts.requests().first();
    QCOMPARE(form(call.body, "WebIdentityToken"), QByteArray("eyJhbGciOiJSUzI1NiJ9.payload.signature"));
    QCOMPARE(form(call.body, "RoleSessionName"), QByteArray("pod-session"));
    QVERIFY(call.header("authorization").isEmpty()); // the token is the proof; the call is unsigned
}

void TestAwsCredentials::containerCredentials()
{
    HttpResponder agent([](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (request.target != "/v2/credentials/abc" || request.header("authorization") != "container-auth-token")
            return HttpResponse{403, {}, {}};
        return HttpResponse{200, metadataCredentials("ASIDCONTAINER0000001"), {}};
    });
    m_environment.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, agent.url().toString() + "/v2/credentials/abc"_L1);
    writeFile(u"auth-token"_s, "container-auth-token\n");
    m_environment.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s, QDir(m_home->path()).filePath(u"auth-token"_s));
    const CredentialsResult result = resolve();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("ASIDCONTAINER0000001"));
    QCOMPARE(result.credentials.sessionToken, QByteArray("metadata-token"));
}

void TestAwsCredentials::imdsV2()
{
    HttpResponder imds([](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (request.method == "PUT" && request.target == "/latest/api/token"
            && request.header("x-aws-ec2-metadata-token-ttl-seconds") == "21600")
            return HttpResponse{200, "imds-session-token", {}};
        if (request.header("x-aws-ec2-metadata-token") != "imds-session-token")
            return HttpResponse{401, {}, {}};
        if (request.target == "/latest/meta-data/iam/security-credentials/")
            return HttpResponse{200, "instance-role", {}};
        if (request.target == "/latest/meta-data/iam/security-credentials/instance-role")
            return HttpResponse{200, metadataCredentials("ASIDINSTANCE00000001"), {}};
        return HttpResponse{404, {}, {}};
    });
    m_environment.remove(u"AWS_EC2_METADATA_DISABLED"_s);
    m_environment.insert(u"AWS_EC2_METADATA_SERVICE_ENDPOINT"_s, imds.url().toString());
    const CredentialsResult result = resolve();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("ASIDINSTANCE00000001"));
    QCOMPARE(result.credentials.source, u"EC2 instance metadata (role instance-role)"_s);
    QCOMPARE(imds.requests().size(), 3);
}

void TestAwsCredentials::ssoFromTheTokenCache()
{
    HttpResponder portal([](const HttpRequest &request) -> std::optional<HttpResponse> {
        const QUrlQuery query(QUrl(QString::fromLatin1(request.target)));
        if (!request.target.startsWith("/federation/credentials?") || request.header("x-amz-sso_bearer_token") != "sso-access-token"
            || query.queryItemValue(u"role_name"_s) != "ReadOnly"_L1 || query.queryItemValue(u"account_id"_s) != "123456789012"_L1)
            return HttpResponse{401, {}, {}};
        const qint64 expiration = QDateTime::currentMSecsSinceEpoch() + 3600000;
        return HttpResponse{200, R"({"roleCredentials":{"accessKeyId":"ASIDSSOROLE000000001","secretAccessKey":"sso-secret",)"
                                 R"("sessionToken":"sso-token","expiration":)" + QByteArray::number(expiration) + "}}", {}};
    });
    m_environment.insert(u"AWS_ENDPOINT_URL_SSO"_s, portal.url().toString());
    writeFile(u".aws/config"_s, "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                                "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
    const QByteArray cacheName = QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex();
    writeFile(u".aws/sso/cache/"_s + QString::fromLatin1(cacheName) + u".json"_s,
              R"({"startUrl":"https://corp.awsapps.com/start","region":"us-east-1","accessToken":"sso-access-token","expiresAt":")"
                  + isoIn(3600).toLatin1() + R"("})");
    const CredentialsResult result = resolve({u"dev"_s, {}, {}});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("ASIDSSOROLE000000001"));
    QCOMPARE(result.credentials.sessionToken, QByteArray("sso-token"));
}

void TestAwsCredentials::expiredSsoSessionSaysToLogIn()
{
    writeFile(u".aws/config"_s, "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                                "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
    const QByteArray cacheName = QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex();
    writeFile(u".aws/sso/cache/"_s + QString::fromLatin1(cacheName) + u".json"_s,
              R"({"accessToken":"old","expiresAt":")" + isoIn(-60).toLatin1() + R"("})");
    const CredentialsResult result = resolve({u"dev"_s, {}, {}});
    QVERIFY(!result.ok());
    QCOMPARE(result.error, u"the SSO session of profile dev has expired: run `aws sso login --profile dev`"_s);
}

void TestAwsCredentials::temporaryCredentialsAreRefreshedBeforeTheyExpire()
{
    qint64 validFor = 60; // within the five-minute margin: fetched again on the next use
    HttpResponder sts([&](const HttpRequest &) -> std::optional<HttpResponse> {
        return HttpResponse{200, stsAnswer("AssumeRole", "ASIDREFRESHED0000001", validFor), {}};
    });
    m_environment.insert(u"AWS_ENDPOINT_URL_STS"_s, sts.url().toString());
    writeFile(u".aws/config"_s, "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = r\n"
                                "aws_access_key_id = AKIDSELF000000000001\naws_secret_access_key = self\n");
    const AwsSettings settings = AwsSettings::resolve({u"r"_s, {}, {}}, m_environment);
    QString error;
    CredentialsProvider *provider = defaultCredentials(settings, &m_owner, &error);
    QVERIFY2(provider, qPrintable(error));
    const auto get = [&] { return waitFor<CredentialsResult>([&](CredentialsCallback done) { provider->credentials(std::move(done)); }); };
    QVERIFY(get()->ok());
    QVERIFY(get()->ok());
    QCOMPARE(sts.requests().size(), 2);
    validFor = 3600;
    QVERIFY(get()->ok());
    QVERIFY(get()->ok());
    QCOMPARE(sts.requests().size(), 3);
    // The profile named itself as source_profile: its own keys signed the call.
    QVERIFY(sts.requests().last().header("authorization").contains("Credential=AKIDSELF000000000001/"));
}

void TestAwsCredentials::credentialsAwsCallsExpiredAreFetchedAgain()
{
    int assumed = 0;
    HttpResponder sts([&](const HttpRequest &) -> std::optional<HttpResponse> {
        ++assumed;
        return HttpResponse{200, stsAnswer("AssumeRole", "ASIDROLESESSION0000" + QByteArray::number(assumed)), {}};
    });
    HttpResponder kinesis([](const HttpRequest &request) -> std::optional<HttpResponse> {
        if (request.header("authorization").contains("Credential=ASIDROLESESSION00001/"))
            return HttpResponse{400, R"({"__type":"ExpiredTokenException","message":"The security token included in the request is expired"})", {}};
        return HttpResponse{200, R"({"StreamNames":[]})", {}};
    });
    m_environment.insert(u"AWS_ENDPOINT_URL_STS"_s, sts.url().toString());
    writeFile(u".aws/config"_s, "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = r\n"
                                "aws_access_key_id = AKIDSELF000000000001\naws_secret_access_key = self\n");
    const AwsSettings settings = AwsSettings::resolve({u"r"_s, {}, {}}, m_environment);
    QString error;
    CredentialsProvider *provider = defaultCredentials(settings, &m_owner, &error);
    QVERIFY2(provider, qPrintable(error));
    AwsClient client(ServiceEndpoint::kinesis(kinesis.url(), settings.region), provider);
    const AwsResponse response = callJson(client, u"ListStreams"_s, {});
    QVERIFY2(response.ok(), qPrintable(response.error.text()));
    QCOMPARE(assumed, 2);
    QCOMPARE(kinesis.requests().size(), 2);
    QVERIFY(kinesis.requests().last().header("authorization").contains("Credential=ASIDROLESESSION00002/"));
}

void TestAwsCredentials::roleFromEnvironmentCredentialSource()
{
    HttpResponder sts([](const HttpRequest &) -> std::optional<HttpResponse> {
        return HttpResponse{200, stsAnswer("AssumeRole", "ASIDFROMENVIRONMENT1"), {}};
    });
    m_environment.insert(u"AWS_ENDPOINT_URL_STS"_s, sts.url().toString());
    m_environment.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENVIRONMENTSRC01"_s);
    m_environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"env-secret"_s);
    writeFile(u".aws/config"_s, "[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\ncredential_source = Environment\n");
    const CredentialsResult result = resolve({u"ci"_s, {}, {}});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.credentials.accessKeyId, QByteArray("ASIDFROMENVIRONMENT1"));
    QVERIFY(sts.requests().first().header("authorization").contains("Credential=AKIDENVIRONMENTSRC01/"));
}

void TestAwsCredentials::noCredentialsAnywhereIsSaid()
{
    const CredentialsResult result = resolve();
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"_L1), qPrintable(result.error));
}

void TestAwsCredentials::regionResolution()
{
    writeFile(u".aws/config"_s, "[default]\nregion = sa-east-1\n[profile p]\nregion = ca-central-1\n");
    m_environment.remove(u"AWS_REGION"_s);
    QCOMPARE(AwsSettings::resolve({}, m_environment).region, u"sa-east-1"_s);
    QCOMPARE(AwsSettings::resolve({u"p"_s, {}, {}}, m_environment).region, u"ca-central-1"_s);
    m_environment.insert(u"AWS_DEFAULT_REGION"_s, u"eu-north-1"_s);
    QCOMPARE(AwsSettings::resolve({u"p"_s, {}, {}}, m_environment).region, u"eu-north-1"_s);
    m_environment.insert(u"AWS_REGION"_s, u"eu-south-1"_s);
    QCOMPARE(AwsSettings::resolve({u"p"_s, {}, {}}, m_environment).region, u"eu-south-1"_s);
    QCOMPARE(AwsSettings::resolve({u"p"_s, u"us-east-2"_s, {}}, m_environment).region, u"us-east-2"_s);

    writeFile(u".aws/config"_s, "[profile empty]\n");
    m_environment.remove(u"AWS_REGION"_s);
    m_environment.remove(u"AWS_DEFAULT_REGION"_s);
    const AwsSettings none = AwsSettings::resolve({u"empty"_s, {}, {}}, m_environment);
    QVERIFY2(none.error.startsWith("no AWS region: pass --region"_L1), qPrintable(none.error));
}

void TestAwsCredentials::endpointResolution()
{
    writeFile(u".aws/config"_s, "[profile local]\nregion = us-east-1\nservices = local-services\nendpoint_url = http://profile:1\n"
                                "[services local-services]\nkinesis =\n  endpoint_url = http://services-kinesis:2\n");
    const AwsSettings defaults = AwsSettings::resolve({{}, u"eu-central-1"_s, {}}, m_environment);
    QCOMPARE(defaults.endpoint(AwsService::Kinesis), QUrl(u"https://kinesis.eu-central-1.amazonaws.com"_s));
    QCOMPARE(defaults.endpoint(AwsService::DynamoDb), QUrl(u"https://dynamodb.eu-central-1.amazonaws.com"_s));
    QCOMPARE(defaults.endpoint(AwsService::Sts), QUrl(u"https://sts.eu-central-1.amazonaws.com"_s));

    const AwsSettings profile = AwsSettings::resolve({u"local"_s, {}, {}}, m_environment);
    QCOMPARE(profile.endpoint(AwsService::Kinesis), QUrl(u"http://services-kinesis:2"_s));
    QCOMPARE(profile.endpoint(AwsService::DynamoDb), QUrl(u"http://profile:1"_s));

    m_environment.insert(u"AWS_ENDPOINT_URL"_s, u"http://everything:3"_s);
    QCOMPARE(AwsSettings::resolve({u"local"_s, {}, {}}, m_environment).endpoint(AwsService::Kinesis), QUrl(u"http://everything:3"_s));

    // --endpoint-url covers both services; a per-service variable overrides it.
    const AwsOptions withFlag{u"local"_s, {}, QUrl(u"http://flag:4"_s)};
    QCOMPARE(AwsSettings::resolve(withFlag, m_environment).endpoint(AwsService::DynamoDb), QUrl(u"http://flag:4"_s));
    m_environment.insert(u"AWS_ENDPOINT_URL_KINESIS"_s, u"http://kinesis-only:5"_s);
    QCOMPARE(AwsSettings::resolve(withFlag, m_environment).endpoint(AwsService::Kinesis), QUrl(u"http://kinesis-only:5"_s));
    QCOMPARE(AwsSettings::resolve(withFlag, m_environment).endpoint(AwsService::DynamoDb), QUrl(u"http://flag:4"_s));
    // The flag is for Kinesis and DynamoDB, not STS.
    QCOMPARE(AwsSettings::resolve(withFlag, m_environment).endpoint(AwsService::Sts), QUrl(u"http://everything:3"_s));

    m_environment.insert(u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s, u"true"_s);
    QCOMPARE(AwsSettings::resolve({u"local"_s, {}, {}}, m_environment).endpoint(AwsService::Kinesis),
             QUrl(u"https://kinesis.eu-west-1.amazonaws.com"_s)); // AWS_REGION, from init()
}

QTEST_GUILESS_MAIN(TestAwsCredentials)
#include "test_aws_credentials.moc"

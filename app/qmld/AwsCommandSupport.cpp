#include "AwsCommandSupport.h"

#include "AwsCommands.h"
#include "Commands.h"
#include "StreamCommandSupport.h"

#include <qmld/aws/CredentialChain.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace qmld::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("qmld aws", text);
}
} // namespace

AwsCommandLine::AwsCommandLine(QString command, QString usage, QString description)
    : m_command(std::move(command)), m_usage(std::move(usage)),
      m_aws(u"aws"_s, tr("Use AWS (Kinesis, DynamoDB) instead of the embedded store.")),
      m_region(u"region"_s, tr("The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region)."), u"R"_s),
      m_profile(u"profile"_s, tr("The AWS profile (default: AWS_PROFILE, else default)."), u"P"_s),
      m_endpoint(u"endpoint-url"_s,
                 tr("Send Kinesis and DynamoDB calls here (AWS_ENDPOINT_URL_KINESIS and _DYNAMODB override it)."), u"URL"_s),
      m_json(u"json"_s, tr("Print machine-readable JSON.")),
      m_help(QStringList{u"h"_s, u"help"_s}, tr("Show this help."))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const auto *option : {&m_aws, &m_region, &m_profile, &m_endpoint, &m_json, &m_help})
        m_parser.addOption(*option);
}

std::optional<int> AwsCommandLine::parse(const QStringList &arguments, int skip, qsizetype positionalCount)
{
    if (!m_parser.parse(QStringList{QCoreApplication::applicationName()} + arguments.mid(skip)))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(m_help)) {
        QString help = m_parser.helpText();
        help.replace(help.section(u'\n', 0, 0), u"Usage: %1 %2"_s.arg(QCoreApplication::applicationName(), m_usage));
        standardOutput() << help
                         << tr("\nCredentials come from the AWS SDKs' default chain (environment, profile, SSO, "
                               "container, instance metadata).\nExit codes: 0 done, 1 failed, 2 bad command line, "
                               "3 unknown stream or shard, 4 AWS refused the credentials or the permission.\n");
        standardOutput().flush();
        return ExitOk;
    }
    if (m_parser.positionalArguments().size() != positionalCount)
        return usageError(positionalCount == 0 ? tr("unexpected argument '%1'").arg(m_parser.positionalArguments().constFirst())
                                               : tr("usage: %1 %2").arg(QCoreApplication::applicationName(), m_usage));
    if (m_parser.isSet(m_endpoint)) {
        const QUrl url(m_parser.value(m_endpoint));
        if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) || url.host().isEmpty())
            return usageError(tr("--endpoint-url '%1' is not an http:// or https:// URL").arg(m_parser.value(m_endpoint)));
    }
    return std::nullopt;
}

int AwsCommandLine::usageError(const QString &message) const
{
    standardError() << QCoreApplication::applicationName() << ' ' << m_command << ": " << message << '\n'
                    << tr("Run '%1 %2 --aws --help' for its options.").arg(QCoreApplication::applicationName(), m_command)
                    << '\n';
    standardError().flush();
    return ExitUsage;
}

aws::AwsOptions AwsCommandLine::options() const
{
    return {m_parser.value(m_profile), m_parser.value(m_region),
            m_parser.isSet(m_endpoint) ? QUrl(m_parser.value(m_endpoint)) : QUrl()};
}

std::unique_ptr<AwsSession> AwsSession::open(const aws::AwsOptions &options, int *exit)
{
    auto session = std::make_unique<AwsSession>();
    session->m_settings = aws::AwsSettings::resolve(options, QProcessEnvironment::systemEnvironment());
    if (!session->m_settings.error.isEmpty()) {
        *exit = reportError(session->m_settings.error, ExitConfiguration);
        return nullptr;
    }
    QString error;
    session->m_credentials = aws::defaultCredentials(session->m_settings, &session->m_owner, &error);
    if (!session->m_credentials) {
        *exit = reportError(error, ExitAwsRefused);
        return nullptr;
    }
    session->m_client = new aws::AwsClient(
        aws::ServiceEndpoint::kinesis(session->m_settings.endpoint(aws::AwsService::Kinesis), session->m_settings.region),
        session->m_credentials, &session->m_owner);
    session->m_kinesis = new aws::KinesisClient(session->m_client, &session->m_owner);
    return session;
}

QCommandLineOption callsPerSecondOption()
{
    return {u"calls-per-second"_s, tr("GetRecords calls per second on a shard (0.1 to 5, default 1)."), u"RATE"_s,
            u"1"_s};
}

std::optional<std::chrono::milliseconds> callSpacing(const AwsCommandLine &command, const QCommandLineOption &option,
                                                     int *exit)
{
    const QString text = command.value(option);
    bool ok = false;
    const double rate = text.toDouble(&ok);
    if (!ok || rate < 0.1 || rate > 5) {
        *exit = command.usageError(tr("--calls-per-second must be from 0.1 to 5, not '%1'").arg(text));
        return std::nullopt;
    }
    return std::chrono::milliseconds(qint64(1000.0 / rate));
}

std::optional<qint64> recordLimit(const AwsCommandLine &command, const QCommandLineOption &option, qint64 fallback,
                                  int *exit)
{
    if (!command.isSet(option))
        return fallback;
    bool ok = false;
    const qint64 limit = command.value(option).toLongLong(&ok);
    if (!ok || limit < 1) {
        *exit = command.usageError(tr("--limit must be a positive number, not '%1'").arg(command.value(option)));
        return std::nullopt;
    }
    return limit;
}

QString dataPreview(const QByteArray &data)
{
    constexpr qsizetype kMax = 60;
    const QByteArray head = data.left(kMax);
    const bool printable = std::all_of(head.cbegin(), head.cend(), [](char c) { return c >= 0x20 && c < 0x7f; });
    QString preview = printable ? QString::fromLatin1(head) : u"0x"_s + QString::fromLatin1(head.left(kMax / 2).toHex());
    if (data.size() > (printable ? kMax : kMax / 2))
        preview += u"…"_s;
    return preview;
}

int exitCodeFor(const aws::AwsError &error)
{
    if (error.isAuthorization())
        return ExitAwsRefused;
    if (error.kind == aws::AwsError::Kind::NotFound)
        return ExitConfiguration;
    return ExitFailure;
}

int reportAwsError(const aws::AwsError &error)
{
    return reportError(error.text(), exitCodeFor(error));
}

} // namespace qmld::cli

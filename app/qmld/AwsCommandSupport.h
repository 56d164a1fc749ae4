#pragma once

// What the --aws commands share: the --aws/--region/--profile/--endpoint-url
// options, building the clients, waiting for a call, and errors to exit codes.

#include <qmld/aws/AwsSettings.h>
#include <qmld/aws/KinesisClient.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QEventLoop>

#include <chrono>
#include <memory>
#include <optional>

namespace qmld::cli {

class AwsCommandLine
{
public:
    // `usage`: "stream list", "capture --stream NAME …"
    AwsCommandLine(QString command, QString usage, QString description);

    QCommandLineParser &parser() { return m_parser; }
    // Parses arguments[skip...]; returns an exit code when done (help, usage error).
    std::optional<int> parse(const QStringList &arguments, int skip, qsizetype positionalCount);
    int usageError(const QString &message) const;
    aws::AwsOptions options() const;
    bool json() const { return m_parser.isSet(m_json); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }

private:
    QString m_command;
    QString m_usage;
    QCommandLineParser m_parser;
    QCommandLineOption m_aws, m_region, m_profile, m_endpoint, m_json, m_help;
};

// Settings, credentials and a Kinesis client for one command.
class AwsSession
{
public:
    // nullopt and the exit code in *exit when the settings or credentials are unusable (reported).
    static std::unique_ptr<AwsSession> open(const aws::AwsOptions &options, int *exit);

    aws::KinesisClient &kinesis() { return *m_kinesis; }
    const aws::AwsSettings &settings() const { return m_settings; }

private:
    aws::AwsSettings m_settings;
    QObject m_owner;
    aws::CredentialsProvider *m_credentials = nullptr;
    aws::AwsClient *m_client = nullptr;
    aws::KinesisClient *m_kinesis = nullptr;
};

using aws::await;

// --calls-per-second: GetRecords calls a second on one shard, 0.1 to 5 (Kinesis
// allows 5, shared with the application's own consumers), default 1.
QCommandLineOption callsPerSecondOption();
// The spacing between GetRecords calls the option asks for; nullopt after a
// usage error, whose exit code is in *exit.
std::optional<std::chrono::milliseconds> callSpacing(const AwsCommandLine &command, const QCommandLineOption &option,
                                                     int *exit);

// A --limit N: at least 1, `fallback` when not given; nullopt after a usage error (exit code in *exit).
std::optional<qint64> recordLimit(const AwsCommandLine &command, const QCommandLineOption &option, qint64 fallback,
                                  int *exit);

// A record's data for one table cell: text as text, anything else as hex, cut short.
QString dataPreview(const QByteArray &data);

int exitCodeFor(const aws::AwsError &error);
// Prints "qmld: <error>" and returns its exit code.
int reportAwsError(const aws::AwsError &error);

} // namespace qmld::cli

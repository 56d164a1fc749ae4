#pragma once

#include "Commands.h"

#include <qmld/StreamStore.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>
#include <variant>

// What the `qmld stream` and `qmld lease` subcommands share: their command lines, opening the
// store, and turning store errors into one line and an exit code.
namespace qmld::cli {

QTextStream &standardOutput();
QTextStream &standardError();

// A --from position: TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ,
// AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T with T in epoch milliseconds or
// ISO 8601 (UTC unless it names an offset).
std::optional<ShardPosition> parsePosition(const QString &text);

// The command line's bytes as the program received them: Qt's arguments()
// turns bytes that are not UTF-8 into U+FFFD.
void keepRawArguments(int argc, const char *const *argv);
// The bytes of the last value given to --NAME (as "--NAME VALUE" or
// "--NAME=VALUE"), exactly as typed; nullopt when it was not given.
std::optional<QByteArray> rawOptionValue(const QString &name);

struct SubcommandSpec
{
    QString name;        // "create"
    QString description; // one line for `qmld stream --help` and the subcommand's help
    QString arguments;   // "NAME --shards N", for the usage line
};

// `qmld stream import`'s line in `qmld stream --help`.
SubcommandSpec streamImportSpec();

// A QCommandLineParser for one subcommand with --store (and --json when the
// subcommand prints data) and --help.
class SubcommandParser
{
public:
    // `group` is the command word before the subcommand: "stream", "lease".
    SubcommandParser(const SubcommandSpec &spec, bool withJson, QString group = QStringLiteral("stream"));

    QCommandLineParser &parser() { return m_parser; }
    // Parses arguments[2...]. Returns an exit code when the command is done
    // (help printed, or a usage error reported); nullopt to go on.
    std::optional<int> parse(const QStringList &arguments, qsizetype positionalCount);
    // Between minimum and maximum positional arguments.
    std::optional<int> parse(const QStringList &arguments, qsizetype minimum, qsizetype maximum);

    QString storePath() const;
    bool json() const { return m_withJson && m_parser.isSet(m_json); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    // Reports a usage error (with a hint to --help) and returns ExitUsage.
    int usageError(const QString &message) const;

private:
    SubcommandSpec m_spec;
    QString m_group;
    QCommandLineParser m_parser;
    QCommandLineOption m_store;
    QCommandLineOption m_json;
    QCommandLineOption m_help;
    bool m_withJson;
};

// Prints "qmld: <message>" to stderr and returns the exit code for it.
int reportError(const StoreError &error);
int reportError(const QString &message, int exitCode);
int exitCodeFor(StoreError::Code code);

// Opens the store, or reports why not and returns the exit code.
std::variant<StreamStore, int> openStore(const QString &path, StreamStore::OpenMode mode);

// "3" and "shardId-000000000003" both name shard 3.
QString shardIdArgument(const QString &argument);

QString formatTimestamp(qint64 epochMs);

int streamPut(const QStringList &arguments);
SubcommandSpec streamPutSpec();

} // namespace qmld::cli

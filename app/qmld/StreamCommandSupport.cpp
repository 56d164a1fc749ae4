#include "StreamCommandSupport.h"

#include "AwsCommands.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace qmld::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("qmld stream", text);
}
} // namespace

QTextStream &standardOutput()
{
    static QTextStream out(stdout);
    return out;
}

QTextStream &standardError()
{
    static QTextStream err(stderr);
    return err;
}

SubcommandParser::SubcommandParser(const SubcommandSpec &spec, bool withJson, QString group)
    : m_spec(spec),
      m_group(std::move(group)),
      m_store(u"store"_s,
              tr("The store file (default: $QMLD_STORE, else %1).").arg(StreamStore::defaultPath()), u"PATH"_s),
      m_json(u"json"_s, tr("Print machine-readable JSON.")),
      m_help(QStringList{u"h"_s, u"help"_s}, tr("Show this help.")),
      m_withJson(withJson)
{
    m_parser.setApplicationDescription(spec.description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(m_store);
    if (withJson)
        m_parser.addOption(m_json);
    m_parser.addOption(m_help);
}

std::optional<int> SubcommandParser::parse(const QStringList &arguments, qsizetype positionalCount)
{
    return parse(arguments, positionalCount, positionalCount);
}

std::optional<int> SubcommandParser::parse(const QStringList &arguments, qsizetype minimum, qsizetype maximum)
{
    if (!m_parser.parse(QStringList{QCoreApplication::applicationName()} + arguments.mid(2)))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(m_help)) {
        QString help = m_parser.helpText();
        // Qt writes "Usage: qmld [options] ..." for the program; name the subcommand instead.
        const qsizetype lineEnd = help.indexOf(u'\n');
        help.replace(0, lineEnd,
                     u"Usage: %1 %2 %3 %4 [options]"_s.arg(QCoreApplication::applicationName(), m_group, m_spec.name,
                                                             m_spec.arguments));
        standardOutput() << help;
        standardOutput().flush();
        return ExitOk;
    }
    const qsizetype count = m_parser.positionalArguments().size();
    if (count > maximum)
        return usageError(tr("unexpected argument '%1'").arg(m_parser.positionalArguments().at(maximum)));
    if (count < minimum)
        return usageError(tr("expected %1").arg(m_spec.arguments));
    return std::nullopt;
}

QString SubcommandParser::storePath() const
{
    return StreamStore::resolvePath(m_parser.value(m_store));
}

int SubcommandParser::usageError(const QString &message) const
{
    standardError() << QCoreApplication::applicationName() << ' ' << m_group << ' ' << m_spec.name << ": " << message
                    << '\n'
                    << tr("Run '%1 %2 %3 --help' for its options.")
                           .arg(QCoreApplication::applicationName(), m_group, m_spec.name)
                    << '\n';
    standardError().flush();
    return ExitUsage;
}

int exitCodeFor(StoreError::Code code)
{
    switch (code) {
    case StoreError::Code::StoreMissing:
    case StoreError::Code::CannotOpen:
    case StoreError::Code::Corrupt:
    case StoreError::Code::StreamNotFound:
        return ExitConfiguration;
    case StoreError::Code::StreamExists:
    case StoreError::Code::ShardNotFound:
    case StoreError::Code::InvalidArgument:
        return ExitUsage;
    case StoreError::Code::Busy:
    case StoreError::Code::Io:
        return ExitFailure;
    case StoreError::Code::Refused:
        return ExitAwsRefused;
    }
    return ExitFailure;
}

int reportError(const QString &message, int exitCode)
{
    standardOutput().flush();
    standardError() << QCoreApplication::applicationName() << ": " << message << '\n';
    standardError().flush();
    return exitCode;
}

int reportError(const StoreError &error)
{
    return reportError(error.message, exitCodeFor(error.code));
}

std::optional<ShardPosition> parsePosition(const QString &text)
{
    const QString prefix = u"AT_TIMESTAMP:"_s;
    if (text.startsWith(prefix)) {
        const QString time = text.mid(prefix.size());
        bool isNumber = false;
        time.toLongLong(&isNumber);
        if (!isNumber) {
            QDateTime at = QDateTime::fromString(time, Qt::ISODateWithMs);
            if (!at.isValid())
                return std::nullopt;
            if (at.timeSpec() == Qt::LocalTime)
                at.setTimeZone(QTimeZone::utc()); // a time without an offset is UTC, as the output prints it
            return ShardPosition::parse(QString(prefix + QString::number(at.toMSecsSinceEpoch())));
        }
    }
    return ShardPosition::parse(text);
}

namespace {
QByteArrayList &rawArguments()
{
    static QByteArrayList arguments;
    return arguments;
}
} // namespace

void keepRawArguments(int argc, const char *const *argv)
{
    rawArguments().clear();
    for (int i = 0; i < argc; ++i)
        rawArguments().append(QByteArray(argv[i]));
}

std::optional<QByteArray> rawOptionValue(const QString &name)
{
    const QByteArray option = "--" + name.toLatin1();
    const QByteArrayList &arguments = rawArguments();
    std::optional<QByteArray> value;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QByteArray &argument = arguments.at(i);
        if (argument == "--")
            break;
        if (argument == option && i + 1 < arguments.size())
            value = arguments.at(++i);
        else if (argument.startsWith(QByteArray(option + '=')))
            value = argument.mid(option.size() + 1);
    }
    return value;
}

std::variant<StreamStore, int> openStore(const QString &path, StreamStore::OpenMode mode)
{
    auto store = StreamStore::open(path, mode);
    if (!store)
        return reportError(store.error());
    return std::move(store).value();
}

QString shardIdArgument(const QString &argument)
{
    bool isNumber = false;
    const uint index = argument.toUInt(&isNumber);
    if (!isNumber)
        return argument;
    return u"shardId-%1"_s.arg(index, 12, 10, QLatin1Char('0'));
}

QString formatTimestamp(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace qmld::cli

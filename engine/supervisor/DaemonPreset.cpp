#include <qmld/DaemonPreset.h>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

struct BuiltIn
{
    QLatin1StringView name;
    DaemonPreset::Kind kind;
    QLatin1StringView commandTemplate;
};

// The KCL v1 and DynamoDB Streams daemons take one positional argument and
// look it up on the classpath first, hence the properties folder on it.
constexpr BuiltIn BuiltIns[] = {
    {"embedded"_L1, DaemonPreset::Kind::Embedded, "{bindir}/qmld-daemon --properties-file {properties}"_L1},
    {"kcl-v1"_L1, DaemonPreset::Kind::KclV1,
     "{java} -cp {classpath}:{propertiesDir} com.amazonaws.services.kinesis.multilang.MultiLangDaemon {propertiesName}"_L1},
    {"kcl-v2"_L1, DaemonPreset::Kind::KclV2,
     "{java} -cp {classpath} software.amazon.kinesis.multilang.MultiLangDaemon --properties-file {properties}"_L1},
    {"kcl-v3"_L1, DaemonPreset::Kind::KclV2,
     "{java} -cp {classpath} software.amazon.kinesis.multilang.MultiLangDaemon --properties-file {properties}"_L1},
    {"dynamodb-streams"_L1, DaemonPreset::Kind::DynamoDbStreams,
     "{java} -cp {classpath}:{propertiesDir} com.amazonaws.services.dynamodbv2.streamsadapter.StreamsMultiLangDaemon {propertiesName}"_L1},
};

QStringList searchPath(const QProcessEnvironment &environment)
{
    return environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts);
}

} // namespace

DaemonPreset::DaemonPreset(Kind kind, QString commandTemplate)
    : m_kind(kind)
    , m_template(std::move(commandTemplate))
{
}

std::optional<DaemonPreset> DaemonPreset::fromString(const QString &text, QString *errorMessage)
{
    const QString trimmed = text.trimmed();
    for (const BuiltIn &builtIn : BuiltIns) {
        if (trimmed.compare(builtIn.name, Qt::CaseInsensitive) == 0) {
            DaemonPreset preset(builtIn.kind, builtIn.commandTemplate);
            return preset;
        }
    }
    if (trimmed.contains(u"{properties}"_s)) {
        if (QProcess::splitCommand(trimmed).isEmpty()) {
            if (errorMessage)
                *errorMessage = tr("daemon command '%1' names no program").arg(text);
            return std::nullopt;
        }
        return DaemonPreset(Kind::Custom, trimmed);
    }
    if (errorMessage) {
        *errorMessage = tr("unknown daemon '%1': use one of %2, or a command containing {properties}")
                            .arg(text, presetNames().join(u", "_s));
    }
    return std::nullopt;
}

QStringList DaemonPreset::presetNames()
{
    QStringList names;
    for (const BuiltIn &builtIn : BuiltIns)
        names.append(builtIn.name);
    return names;
}

QString DaemonPreset::name() const
{
    for (const BuiltIn &builtIn : BuiltIns) {
        if (builtIn.kind == m_kind && m_kind != Kind::Custom)
            return builtIn.name;
    }
    return m_template;
}

std::optional<DaemonCommand> DaemonPreset::resolve(const DaemonLaunchContext &context, QString *errorMessage) const
{
    const auto fail = [errorMessage](const QString &message) -> std::optional<DaemonCommand> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };

    QStringList words = QProcess::splitCommand(m_template);
    if (words.isEmpty())
        return fail(tr("daemon command '%1' names no program").arg(m_template));

    const QFileInfo properties(context.propertiesFile);
    const QString classpath = context.javaClasspath.isEmpty()
        ? context.environment.value(u"QMLD_JAVA_CLASSPATH"_s)
        : context.javaClasspath;
    const QString binDirectory = context.binDirectory.isEmpty() ? QCoreApplication::applicationDirPath()
                                                                : context.binDirectory;

    QString java;
    if (m_template.contains(u"{java}"_s)) {
        if (const QString fromEnv = context.environment.value(u"JAVA"_s); !fromEnv.isEmpty())
            java = fromEnv;
        else if (const QString home = context.environment.value(u"JAVA_HOME"_s); !home.isEmpty())
            java = home + u"/bin/java"_s;
        else
            java = QStandardPaths::findExecutable(u"java"_s, searchPath(context.environment));
        if (java.isEmpty())
            return fail(tr("cannot find java for the %1 daemon: set JAVA or JAVA_HOME, or put java on PATH").arg(name()));
    }
    if (m_template.contains(u"{classpath}"_s) && classpath.isEmpty()) {
        return fail(tr("the %1 daemon needs the KCL jars: set the Java classpath option or QMLD_JAVA_CLASSPATH")
                        .arg(name()));
    }

    for (QString &word : words) {
        word.replace(u"{properties}"_s, properties.absoluteFilePath())
            .replace(u"{propertiesDir}"_s, properties.absolutePath())
            .replace(u"{propertiesName}"_s, properties.fileName())
            .replace(u"{classpath}"_s, classpath)
            .replace(u"{java}"_s, java)
            .replace(u"{bindir}"_s, binDirectory);
    }

    DaemonCommand command;
    const QString program = words.takeFirst();
    if (program.contains(u'/')) {
        const QFileInfo info(program);
        if (!info.exists())
            return fail(tr("daemon program %1 does not exist").arg(info.absoluteFilePath()));
        if (!info.isFile() || !info.isExecutable())
            return fail(tr("daemon program %1 is not an executable file").arg(info.absoluteFilePath()));
        command.program = info.absoluteFilePath();
    } else {
        command.program = QStandardPaths::findExecutable(program, searchPath(context.environment));
        if (command.program.isEmpty())
            return fail(tr("daemon program %1 is not on PATH").arg(program));
    }
    command.arguments = words;
    return command;
}

} // namespace qmld

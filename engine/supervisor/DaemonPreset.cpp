#include <qmld/DaemonPreset.h>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QVersionNumber>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

struct BuiltIn
{
    QLatin1StringView name;
    DaemonPreset::Kind kind;
    QLatin1StringView commandTemplate;
    int kclMajor = 0;
};

// The KCL v1 and DynamoDB Streams daemons take one positional argument and
// look it up on the classpath first, hence the properties folder on it.
constexpr BuiltIn BuiltIns[] = {
    {"embedded"_L1, DaemonPreset::Kind::Embedded, "{bindir}/qmld-daemon --properties-file {properties}"_L1},
    {"kcl-v1"_L1, DaemonPreset::Kind::KclV1,
     "{java} -cp {classpath}:{propertiesDir} com.amazonaws.services.kinesis.multilang.MultiLangDaemon {propertiesName}"_L1, 1},
    {"kcl-v2"_L1, DaemonPreset::Kind::KclV2,
     "{java} -cp {classpath} software.amazon.kinesis.multilang.MultiLangDaemon --properties-file {properties}"_L1, 2},
    {"kcl-v3"_L1, DaemonPreset::Kind::KclV2,
     "{java} -cp {classpath} software.amazon.kinesis.multilang.MultiLangDaemon --properties-file {properties}"_L1, 3},
    {"dynamodb-streams"_L1, DaemonPreset::Kind::DynamoDbStreams,
     "{java} -cp {classpath}:{propertiesDir} com.amazonaws.services.dynamodbv2.streamsadapter.StreamsMultiLangDaemon {propertiesName}"_L1},
};

QStringList searchPath(const QProcessEnvironment &environment)
{
    return environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts);
}

// Java silently skips classpath entries that do not exist, and then only says
// it cannot find the main class, at every restart: catch that here, once.
QString classpathProblem(const QString &classpath)
{
    for (const QString &entry : classpath.split(u':', Qt::SkipEmptyParts)) {
        if (entry.endsWith(u"/*"_s)) {
            const QDir folder(entry.chopped(2));
            if (folder.entryList({u"*.jar"_s, u"*.JAR"_s}, QDir::Files).isEmpty())
                return DaemonPreset::tr("classpath entry %1 holds no jar").arg(entry);
        } else if (!QFileInfo::exists(entry)) {
            return DaemonPreset::tr("classpath entry %1 does not exist").arg(entry);
        }
    }
    return {};
}

// "3.1.3" before "3.1.10": compare dotted numbers field by field.
bool olderVersion(const QString &a, const QString &b)
{
    return QVersionNumber::fromString(a) < QVersionNumber::fromString(b);
}

} // namespace

DaemonPreset::DaemonPreset(Kind kind, QString commandTemplate, int kclMajor)
    : m_kind(kind)
    , m_kclMajor(kclMajor)
    , m_template(std::move(commandTemplate))
{
}

QString DaemonPreset::kclInstallRoot(const QProcessEnvironment &environment)
{
    if (const QString root = environment.value(u"QMLD_KCL_DIR"_s); !root.isEmpty())
        return root;
    QString cache = environment.value(u"XDG_CACHE_HOME"_s);
    if (cache.isEmpty())
        cache = environment.value(u"HOME"_s, QDir::homePath()) + u"/.cache"_s;
    return cache + u"/qmld/kcl"_s;
}

QString DaemonPreset::defaultKclVersion(int majorVersion)
{
    switch (majorVersion) {
    case 1:
        return u"1.15.3"_s;
    case 2:
        return u"2.5.4"_s;
    default:
        return u"3.1.3"_s;
    }
}

QString DaemonPreset::installedKclClasspath(int majorVersion, const QProcessEnvironment &environment)
{
    const QDir root(kclInstallRoot(environment));
    QStringList versions = root.entryList({QString::number(majorVersion) + u".*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), olderVersion);
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        // .complete is written last, so a half-finished download is never used.
        if (QFileInfo::exists(root.filePath(*it + u"/.complete"_s)))
            return root.filePath(*it + u"/jars/*"_s);
    }
    return {};
}

std::optional<DaemonPreset> DaemonPreset::fromString(const QString &text, QString *errorMessage)
{
    const QString trimmed = text.trimmed();
    for (const BuiltIn &builtIn : BuiltIns) {
        if (trimmed.compare(builtIn.name, Qt::CaseInsensitive) == 0) {
            DaemonPreset preset(builtIn.kind, builtIn.commandTemplate, builtIn.kclMajor);
            return preset;
        }
    }
    if (trimmed.contains(u"{properties}"_s)) {
        if (QProcess::splitCommand(trimmed).isEmpty()) {
            if (errorMessage)
                *errorMessage = tr("daemon command '%1' names no program").arg(text);
            return std::nullopt;
        }
        return DaemonPreset(Kind::Custom, trimmed, 0);
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
        if (builtIn.kind == m_kind && builtIn.kclMajor == m_kclMajor && m_kind != Kind::Custom)
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
    QString classpath = context.javaClasspath.isEmpty() ? context.environment.value(u"QMLD_JAVA_CLASSPATH"_s)
                                                        : context.javaClasspath;
    if (classpath.isEmpty() && m_kclMajor > 0)
        classpath = installedKclClasspath(m_kclMajor, context.environment);
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
    if (m_template.contains(u"{classpath}"_s)) {
        if (classpath.isEmpty() && m_kclMajor > 0) {
            return fail(tr("the %1 daemon needs the KCL jars: run 'qmld kcl install --version %2', or set the Java "
                           "classpath option or QMLD_JAVA_CLASSPATH")
                            .arg(name(), defaultKclVersion(m_kclMajor)));
        }
        if (classpath.isEmpty()) {
            return fail(tr("the %1 daemon needs the KCL jars: set the Java classpath option or QMLD_JAVA_CLASSPATH")
                            .arg(name()));
        }
        if (const QString problem = classpathProblem(classpath); !problem.isEmpty())
            return fail(tr("the %1 daemon cannot start: %2").arg(name(), problem));
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

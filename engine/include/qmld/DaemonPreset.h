#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmld {

// A program and its arguments, run without a shell.
struct DaemonCommand
{
    QString program; // absolute path
    QStringList arguments;

    QStringList argv() const { return QStringList{program} + arguments; }
};

// What the placeholders of a daemon command expand to.
struct DaemonLaunchContext
{
    QString propertiesFile; // absolute path of the properties file qmld wrote
    // Java classpath for the KCL presets; empty: $QMLD_JAVA_CLASSPATH, then
    // the newest matching version installed by `qmld kcl install`.
    QString javaClasspath;
    // Where qmld-daemon lives; empty: the folder of the running executable.
    QString binDirectory;
    // JAVA, JAVA_HOME, PATH, QMLD_JAVA_CLASSPATH, QMLD_KCL_DIR, XDG_CACHE_HOME
    // and HOME are read from here.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// How a StreamRunner starts the MultiLangDaemon. Every preset is a command
// template, split into program and arguments like QProcess::splitCommand
// (quotes group, no shell), whose placeholders are substituted per argument:
//   {properties}      absolute path of the properties file
//   {propertiesDir}   its folder          {propertiesName}  its file name
//   {classpath}       the Java classpath  {java}            the java program
//   {bindir}          the folder holding qmld-daemon
class DaemonPreset
{
    Q_DECLARE_TR_FUNCTIONS(DaemonPreset)
public:
    enum class Kind {
        Embedded,        // {bindir}/qmld-daemon --properties-file {properties}
        KclV1,           // java ... com.amazonaws.services.kinesis.multilang.MultiLangDaemon {propertiesName}
        KclV2,           // java ... software.amazon.kinesis.multilang.MultiLangDaemon --properties-file {properties}
        DynamoDbStreams, // java ... com.amazonaws.services.dynamodbv2.streamsadapter.StreamsMultiLangDaemon {propertiesName}
        Custom,          // a user template
    };

    DaemonPreset() = default; // embedded

    // "embedded", "kcl-v1", "kcl-v2", "kcl-v3" (same as v2), "dynamodb-streams",
    // or a command template containing {properties}.
    static std::optional<DaemonPreset> fromString(const QString &text, QString *errorMessage = nullptr);
    static QStringList presetNames();

    Kind kind() const { return m_kind; }
    // The preset name, or the template of a custom command.
    QString name() const;
    QString commandTemplate() const { return m_template; }

    // The KCL major version a kcl-vN preset runs (1, 2 or 3); 0 for the others.
    int kclMajorVersion() const { return m_kclMajor; }

    // The command to run. Fails with one line naming the problem: a program
    // that does not exist or is not executable, Java not found, no classpath,
    // a classpath entry that does not exist or a jar folder without jars.
    std::optional<DaemonCommand> resolve(const DaemonLaunchContext &context, QString *errorMessage = nullptr) const;

    // Where `qmld kcl install` and ./dev deps put KCL versions, one folder
    // each (<root>/<version>/jars): $QMLD_KCL_DIR, else
    // ${XDG_CACHE_HOME:-$HOME/.cache}/qmld/kcl.
    static QString kclInstallRoot(const QProcessEnvironment &environment);
    // "<root>/<version>/jars/*" of the newest complete install of that major
    // version, or empty.
    static QString installedKclClasspath(int majorVersion, const QProcessEnvironment &environment);
    // The version `qmld kcl install` fetches for a major version: the newest
    // Maven Central serves that the tests ran (3.1.3, 2.5.4, 1.15.3).
    static QString defaultKclVersion(int majorVersion);

private:
    DaemonPreset(Kind kind, QString commandTemplate, int kclMajor);

    Kind m_kind = Kind::Embedded;
    int m_kclMajor = 0;
    QString m_template = QStringLiteral("{bindir}/qmld-daemon --properties-file {properties}");
};

} // namespace qmld

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
    // Java classpath for the KCL presets; empty: $QMLD_JAVA_CLASSPATH.
    QString javaClasspath;
    // Where qmld-daemon lives; empty: the folder of the running executable.
    QString binDirectory;
    // JAVA, JAVA_HOME, PATH and QMLD_JAVA_CLASSPATH are read from here.
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

    // The command to run. Fails with one line naming the problem: a program
    // that does not exist or is not executable, Java not found, no classpath.
    std::optional<DaemonCommand> resolve(const DaemonLaunchContext &context, QString *errorMessage = nullptr) const;

private:
    DaemonPreset(Kind kind, QString commandTemplate);

    Kind m_kind = Kind::Embedded;
    QString m_template = QStringLiteral("{bindir}/qmld-daemon --properties-file {properties}");
};

} // namespace qmld

// qmld kcl install: fetches a Java KCL MultiLangDaemon and its dependencies
// with Maven into a folder the kcl-v1/v2/v3 presets find by themselves.

#include "Commands.h"
#include "StreamCommandSupport.h"

#include <qmld/DaemonPreset.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextStream>
#include <QVersionNumber>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKcl, "qmld.kcl", QtInfoMsg)

namespace {

const char *const helpText = QT_TRANSLATE_NOOP("qmld kcl",
    "Installs the Java KCL MultiLangDaemon for the kcl-v1, kcl-v2 and kcl-v3 daemons\n"
    "of 'qmld run' and the console: Maven (mvn) fetches the daemon and everything it\n"
    "needs from Maven Central into one folder, and qmld prints the classpath.\n"
    "\n"
    "Versions: 3.x and 2.x are software.amazon.kinesis:amazon-kinesis-client-multilang,\n"
    "1.x is com.amazonaws:amazon-kinesis-client (its jar carries the v1 daemon).\n"
    "Without --dir the version goes to $QMLD_KCL_DIR/VERSION, else\n"
    "~/.cache/qmld/kcl/VERSION, where the presets look for the newest install of\n"
    "their major version; with --dir, pass the printed classpath to qmld run\n"
    "(--java-classpath) or set QMLD_JAVA_CLASSPATH.\n"
    "\n"
    "Exit codes: 0 installed (or already there); 1 Maven failed; 2 bad command line;\n"
    "3 mvn is not installed or the folder cannot be written.");

QTextStream &out()
{
    return qmld::cli::standardOutput();
}

QTextStream &err()
{
    return qmld::cli::standardError();
}

int fail(int code, const QString &message)
{
    err() << "qmld kcl: " << message << '\n' << Qt::flush;
    return code;
}

int usageError(const QString &message)
{
    err() << "qmld kcl: " << message << '\n'
          << QCoreApplication::translate("qmld kcl", "Try 'qmld kcl install --help'.") << '\n'
          << Qt::flush;
    return ExitUsage;
}

struct Artifact
{
    QString group;
    QString name;
};

Artifact artifactFor(const QVersionNumber &version)
{
    if (version.majorVersion() == 1)
        return {u"com.amazonaws"_s, u"amazon-kinesis-client"_s};
    return {u"software.amazon.kinesis"_s, u"amazon-kinesis-client-multilang"_s};
}

// A POM whose runtime dependencies are exactly the daemon's classpath
// (scripts/kcl-pom.sh writes the same for ./dev deps).
QByteArray pomFor(const Artifact &artifact, const QString &version)
{
    return uR"(<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.qmld</groupId>
  <artifactId>kcl-classpath</artifactId>
  <version>%3</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>%1</groupId>
      <artifactId>%2</artifactId>
      <version>%3</version>
    </dependency>
  </dependencies>
</project>
)"_s.arg(artifact.group, artifact.name, version)
        .toUtf8();
}

void printClasspath(const QString &classpath)
{
    // Quoted for a shell: the '*' is Java's wildcard, not the shell's.
    out() << "--java-classpath '" << classpath << "'\n"
          << "QMLD_JAVA_CLASSPATH='" << classpath << "'\n"
          << Qt::flush;
}

int install(const QString &version, const QString &folder, const QProcessEnvironment &environment)
{
    const QDir dir(folder);
    const QString classpath = dir.filePath(u"jars/*"_s);
    const QString stamp = dir.filePath(u".complete"_s);
    if (QFileInfo::exists(stamp)) {
        err() << QCoreApplication::translate("qmld kcl", "qmld kcl: KCL %1 is already installed in %2").arg(version, folder)
              << '\n' << Qt::flush;
        printClasspath(classpath);
        return ExitOk;
    }

    const QString mvn = QStandardPaths::findExecutable(u"mvn"_s, environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts));
    if (mvn.isEmpty()) {
        return fail(ExitConfiguration,
                    QCoreApplication::translate("qmld kcl",
                                                "mvn (Apache Maven) is not on PATH: install it, e.g. 'sudo apt-get install maven'"));
    }

    if (!QDir().mkpath(folder))
        return fail(ExitConfiguration, QCoreApplication::translate("qmld kcl", "cannot create the folder %1").arg(folder));
    QFile pom(dir.filePath(u"pom.xml"_s));
    if (!pom.open(QIODevice::WriteOnly | QIODevice::Truncate) || pom.write(pomFor(artifactFor(QVersionNumber::fromString(version)), version)) < 0) {
        return fail(ExitConfiguration,
                    QCoreApplication::translate("qmld kcl", "cannot write %1: %2").arg(pom.fileName(), pom.errorString()));
    }
    pom.close();
    QDir(dir.filePath(u"jars"_s)).removeRecursively(); // no jar of an earlier, failed try

    err() << QCoreApplication::translate("qmld kcl", "qmld kcl: fetching KCL %1 with Maven into %2").arg(version, folder)
          << '\n' << Qt::flush;
    QProcess maven;
    maven.setProcessEnvironment(environment);
    maven.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList arguments{u"-B"_s, u"-q"_s, u"-Dstyle.color=never"_s, u"-f"_s, pom.fileName(), u"dependency:copy-dependencies"_s,
                                u"-DincludeScope=runtime"_s, u"-DoutputDirectory="_s + dir.filePath(u"jars"_s)};
    qCDebug(lcKcl) << "running" << mvn << arguments;
    maven.start(mvn, arguments);
    if (!maven.waitForStarted())
        return fail(ExitConfiguration, QCoreApplication::translate("qmld kcl", "cannot run %1: %2").arg(mvn, maven.errorString()));
    maven.waitForFinished(-1); // as long as the download takes; Maven has its own timeouts
    const QString output = QString::fromLocal8Bit(maven.readAll());
    if (maven.exitStatus() != QProcess::NormalExit || maven.exitCode() != 0) {
        // Maven's own [ERROR] lines say which artifact or repository failed.
        const QStringList lines = output.split(u'\n', Qt::SkipEmptyParts);
        const QStringList errors = lines.filter(QRegularExpression(u"\\[ERROR\\] \\S"_s));
        QString reason = errors.isEmpty() ? lines.value(lines.size() - 1) : errors.first();
        reason = reason.mid(qMax(0, reason.indexOf(u"[ERROR]"_s))).trimmed(); // past any colour codes
        return fail(ExitFailure, QCoreApplication::translate("qmld kcl", "Maven could not fetch KCL %1 (exit code %2): %3")
                                     .arg(version).arg(maven.exitCode()).arg(reason));
    }

    const qsizetype jars = QDir(dir.filePath(u"jars"_s)).entryList({u"*.jar"_s}, QDir::Files).size();
    QFile complete(stamp);
    if (!complete.open(QIODevice::WriteOnly))
        return fail(ExitConfiguration, QCoreApplication::translate("qmld kcl", "cannot write %1: %2").arg(stamp, complete.errorString()));
    complete.close();
    err() << QCoreApplication::translate("qmld kcl", "qmld kcl: installed KCL %1 (%2 jars) in %3").arg(version).arg(jars).arg(folder)
          << '\n' << Qt::flush;
    printClasspath(classpath);
    return ExitOk;
}

} // namespace

int kclCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("qmld kcl", helpText));
    parser.addHelpOption();
    parser.addPositionalArgument(u"install"_s, QCoreApplication::translate("qmld kcl", "The subcommand."), u"install"_s);
    parser.addOptions({
        {u"version"_s,
         QCoreApplication::translate("qmld kcl", "The KCL version, e.g. 3.1.3, 2.5.4, 1.15.3 (default: %1).")
             .arg(qmld::DaemonPreset::defaultKclVersion(3)),
         u"V"_s, qmld::DaemonPreset::defaultKclVersion(3)},
        {u"dir"_s, QCoreApplication::translate("qmld kcl", "The folder to install into (default: where the presets look)."),
         u"D"_s},
    });
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        out() << parser.helpText().replace(u"qmld [options] install"_s, u"qmld kcl install [options]"_s) << Qt::flush;
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QCoreApplication::translate("qmld kcl", "missing subcommand: qmld kcl install"));
    if (positional.first() != u"install"_s)
        return usageError(QCoreApplication::translate("qmld kcl", "unknown subcommand '%1': use install").arg(positional.first()));
    if (positional.size() > 1)
        return usageError(QCoreApplication::translate("qmld kcl", "unexpected argument '%1'").arg(positional.at(1)));

    const QString version = parser.value(u"version"_s).trimmed();
    static const QRegularExpression versionPattern(u"^[1-9][0-9]*\\.[0-9]+\\.[0-9]+$"_s);
    if (!versionPattern.match(version).hasMatch() || QVersionNumber::fromString(version).majorVersion() > 3) {
        return usageError(QCoreApplication::translate("qmld kcl", "--version takes a KCL release such as 3.1.3, 2.5.4 or 1.15.3, not '%1'")
                              .arg(version));
    }
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString folder = parser.isSet(u"dir"_s)
        ? QFileInfo(parser.value(u"dir"_s)).absoluteFilePath()
        : QDir(qmld::DaemonPreset::kclInstallRoot(environment)).filePath(version);
    return install(version, folder, environment);
}

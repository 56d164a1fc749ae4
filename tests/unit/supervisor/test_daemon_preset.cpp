#include <qmld/DaemonPreset.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qmld::DaemonLaunchContext;
using qmld::DaemonPreset;

class TestDaemonPreset : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_java;       // a fake java: presets only need an executable file
    QString m_binDir;     // holds a fake qmld-daemon
    QString m_jars;       // a classpath folder with one (empty) jar: "<dir>/*"

    static void writeExecutable(const QString &path)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nexit 0\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    }

    DaemonLaunchContext context() const
    {
        DaemonLaunchContext context;
        context.propertiesFile = m_dir.filePath(u"run/qmld-app.properties"_s);
        context.binDirectory = m_binDir;
        context.javaClasspath = m_jars;
        context.environment = QProcessEnvironment();
        context.environment.insert(u"PATH"_s, m_dir.filePath(u"path"_s));
        context.environment.insert(u"JAVA"_s, m_java);
        return context;
    }

    static void writeFile(const QString &path)
    {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    static QStringList argvOf(const QString &preset, const DaemonLaunchContext &context, QString *error = nullptr)
    {
        QString message;
        const auto parsed = DaemonPreset::fromString(preset, &message);
        if (!parsed) {
            if (error)
                *error = message;
            return {};
        }
        const auto command = parsed->resolve(context, &message);
        if (!command) {
            if (error)
                *error = message;
            return {};
        }
        return command->argv();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(u"bin"_s));
        QVERIFY(QDir(m_dir.path()).mkpath(u"path"_s));
        QVERIFY(QDir(m_dir.path()).mkpath(u"jdk/bin"_s));
        m_binDir = m_dir.filePath(u"bin"_s);
        m_java = m_dir.filePath(u"jdk/bin/java"_s);
        writeExecutable(m_java);
        writeExecutable(m_binDir + u"/qmld-daemon"_s);
        writeExecutable(m_dir.filePath(u"path/java"_s));
        writeExecutable(m_dir.filePath(u"path/my-daemon"_s));
        writeFile(m_dir.filePath(u"kcl/lib/amazon-kinesis-client-multilang-3.1.3.jar"_s));
        m_jars = m_dir.filePath(u"kcl/lib/*"_s);
    }

    void presetsExpandToExactArgv_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QStringList>("expected");
        const QString props = m_dir.filePath(u"run/qmld-app.properties"_s);
        const QString propsDir = m_dir.filePath(u"run"_s);
        QTest::newRow("embedded") << u"embedded"_s
                                  << QStringList{m_binDir + u"/qmld-daemon"_s, u"--properties-file"_s, props};
        QTest::newRow("kcl-v1") << u"kcl-v1"_s
                                << QStringList{m_java, u"-cp"_s, m_jars + u":"_s + propsDir,
                                               u"com.amazonaws.services.kinesis.multilang.MultiLangDaemon"_s,
                                               u"qmld-app.properties"_s};
        const QStringList v2{m_java, u"-cp"_s, m_jars,
                             u"software.amazon.kinesis.multilang.MultiLangDaemon"_s, u"--properties-file"_s, props};
        QTest::newRow("kcl-v2") << u"kcl-v2"_s << v2;
        QTest::newRow("kcl-v3") << u"KCL-V3"_s << v2;
        QTest::newRow("dynamodb-streams")
            << u"dynamodb-streams"_s
            << QStringList{m_java, u"-cp"_s, m_jars + u":"_s + propsDir,
                           u"com.amazonaws.services.dynamodbv2.streamsadapter.StreamsMultiLangDaemon"_s,
                           u"qmld-app.properties"_s};
    }

    void presetsExpandToExactArgv()
    {
        QFETCH(QString, preset);
        QFETCH(QStringList, expected);
        QString error;
        QCOMPARE(argvOf(preset, context(), &error), expected);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void kindsAndNames()
    {
        QCOMPARE(DaemonPreset().kind(), DaemonPreset::Kind::Embedded);
        QCOMPARE(DaemonPreset::fromString(u"kcl-v3"_s)->kind(), DaemonPreset::Kind::KclV2);
        QCOMPARE(DaemonPreset::fromString(u"dynamodb-streams"_s)->name(), u"dynamodb-streams"_s);
        QCOMPARE(DaemonPreset::fromString(u"x {properties}"_s)->kind(), DaemonPreset::Kind::Custom);
    }

    void templateSubstitutesPerArgumentWithoutShell()
    {
        DaemonLaunchContext ctx = context();
        ctx.propertiesFile = m_dir.filePath(u"dir with space/my app.properties"_s);
        QString error;
        const QStringList argv = argvOf(
            u"my-daemon --config={properties} \"--name {propertiesName}\" {propertiesDir} $HOME;rm {bindir}"_s,
            ctx, &error);
        QCOMPARE(argv, (QStringList{m_dir.filePath(u"path/my-daemon"_s), u"--config="_s + ctx.propertiesFile,
                                    u"--name my app.properties"_s, m_dir.filePath(u"dir with space"_s),
                                    u"$HOME;rm"_s, m_binDir}));
    }

    void javaComesFromJavaThenJavaHomeThenPath()
    {
        DaemonLaunchContext ctx = context();
        ctx.environment.remove(u"JAVA"_s);
        ctx.environment.insert(u"JAVA_HOME"_s, m_dir.filePath(u"jdk"_s));
        QCOMPARE(argvOf(u"kcl-v2"_s, ctx).value(0), m_java);
        ctx.environment.remove(u"JAVA_HOME"_s);
        QCOMPARE(argvOf(u"kcl-v2"_s, ctx).value(0), m_dir.filePath(u"path/java"_s));
    }

    void classpathFallsBackToEnvironment()
    {
        DaemonLaunchContext ctx = context();
        ctx.javaClasspath.clear();
        const QString jar = m_dir.filePath(u"env/kcl.jar"_s);
        writeFile(jar);
        ctx.environment.insert(u"QMLD_JAVA_CLASSPATH"_s, jar);
        QCOMPARE(argvOf(u"kcl-v2"_s, ctx).value(2), jar);

        ctx.environment.remove(u"QMLD_JAVA_CLASSPATH"_s);
        ctx.environment.insert(u"QMLD_KCL_DIR"_s, m_dir.filePath(u"no-installs"_s));
        QString error;
        QVERIFY(argvOf(u"kcl-v2"_s, ctx, &error).isEmpty());
        QCOMPARE(error, u"the kcl-v2 daemon needs the KCL jars: run 'qmld kcl install --version 2.5.4', "
                        "or set the Java classpath option or QMLD_JAVA_CLASSPATH"_s);
    }

    // A KCL preset without a classpath takes the newest complete install of
    // its major version from `qmld kcl install` (or ./dev deps).
    void installedClasspathIsFound()
    {
        const QString root = m_dir.filePath(u"installs"_s);
        for (const QString &version : {u"3.0.0"_s, u"3.1.3"_s, u"3.1.10"_s, u"3.2.0"_s, u"2.5.4"_s}) {
            writeFile(root + u"/"_s + version + u"/jars/a.jar"_s);
            if (version != u"3.2.0"_s) // an unfinished download: no .complete stamp
                writeFile(root + u"/"_s + version + u"/.complete"_s);
        }
        DaemonLaunchContext ctx = context();
        ctx.javaClasspath.clear();
        ctx.environment.insert(u"QMLD_KCL_DIR"_s, root);
        QCOMPARE(argvOf(u"kcl-v3"_s, ctx).value(2), root + u"/3.1.10/jars/*"_s);
        QCOMPARE(argvOf(u"kcl-v2"_s, ctx).value(2), root + u"/2.5.4/jars/*"_s);
        QString error;
        QVERIFY(argvOf(u"kcl-v1"_s, ctx, &error).isEmpty());
        QVERIFY2(error.contains(u"qmld kcl install --version 1.15.3"_s), qPrintable(error));

        // Without QMLD_KCL_DIR: the user's cache folder.
        ctx.environment.remove(u"QMLD_KCL_DIR"_s);
        ctx.environment.insert(u"XDG_CACHE_HOME"_s, m_dir.filePath(u"cache"_s));
        QCOMPARE(DaemonPreset::kclInstallRoot(ctx.environment), m_dir.filePath(u"cache/qmld/kcl"_s));
        ctx.environment.remove(u"XDG_CACHE_HOME"_s);
        ctx.environment.insert(u"HOME"_s, u"/home/someone"_s);
        QCOMPARE(DaemonPreset::kclInstallRoot(ctx.environment), u"/home/someone/.cache/qmld/kcl"_s);
    }

    // Java skips a missing classpath entry without a word and then fails to
    // find the main class at every restart; the preset says it once, up front.
    void classpathWithoutJarsIsNamed()
    {
        DaemonLaunchContext ctx = context();
        QVERIFY(QDir(m_dir.path()).mkpath(u"empty"_s));
        ctx.javaClasspath = m_dir.filePath(u"empty/*"_s);
        QString error;
        QVERIFY(argvOf(u"kcl-v3"_s, ctx, &error).isEmpty());
        QCOMPARE(error, u"the kcl-v3 daemon cannot start: classpath entry %1 holds no jar"_s.arg(ctx.javaClasspath));

        ctx.javaClasspath = m_jars + u":"_s + m_dir.filePath(u"missing.jar"_s);
        QVERIFY(argvOf(u"kcl-v1"_s, ctx, &error).isEmpty());
        QCOMPARE(error, u"the kcl-v1 daemon cannot start: classpath entry %1 does not exist"_s
                            .arg(m_dir.filePath(u"missing.jar"_s)));
    }

    void missingProgramIsNamed()
    {
        QString error;
        QVERIFY(argvOf(u"/nonexistent/daemon --properties-file {properties}"_s, context(), &error).isEmpty());
        QCOMPARE(error, u"daemon program /nonexistent/daemon does not exist"_s);

        QVERIFY(argvOf(u"no-such-daemon {properties}"_s, context(), &error).isEmpty());
        QCOMPARE(error, u"daemon program no-such-daemon is not on PATH"_s);

        DaemonLaunchContext ctx = context();
        ctx.binDirectory = m_dir.filePath(u"path"_s); // no qmld-daemon there
        QVERIFY(argvOf(u"embedded"_s, ctx, &error).isEmpty());
        QCOMPARE(error, u"daemon program "_s + m_dir.filePath(u"path/qmld-daemon"_s) + u" does not exist"_s);

        ctx = context();
        ctx.environment.insert(u"JAVA"_s, m_dir.filePath(u"jdk/missing-java"_s));
        QVERIFY(argvOf(u"kcl-v1"_s, ctx, &error).isEmpty());
        QVERIFY2(error.contains(m_dir.filePath(u"jdk/missing-java"_s)), qPrintable(error));
    }

    void nonExecutableProgramIsNamed()
    {
        const QString path = m_dir.filePath(u"not-executable"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QString error;
        QVERIFY(argvOf(path + u" {properties}"_s, context(), &error).isEmpty());
        QCOMPARE(error, u"daemon program "_s + path + u" is not an executable file"_s);
    }

    void javaNotFound()
    {
        DaemonLaunchContext ctx = context();
        ctx.environment.remove(u"JAVA"_s);
        ctx.environment.insert(u"PATH"_s, m_binDir);
        QString error;
        QVERIFY(argvOf(u"kcl-v1"_s, ctx, &error).isEmpty());
        QVERIFY2(error.contains(u"JAVA_HOME"_s), qPrintable(error));
    }

    void unknownPresetIsRejected()
    {
        QString error;
        QVERIFY(!DaemonPreset::fromString(u"kcl-v4"_s, &error));
        QVERIFY2(error.contains(u"kcl-v4"_s) && error.contains(u"{properties}"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDaemonPreset)
#include "test_daemon_preset.moc"

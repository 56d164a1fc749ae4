// qmld kcl install: a real Maven run fetches a KCL 1.x daemon (the smallest)
// into a folder, prints the classpath, does nothing the second time, and
// names mvn in one line when Maven is missing.

#include "ProgramRun.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qmld::test::runProgram;

class TestKclInstall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void installsPrintsClasspathAndIsIdempotent()
    {
        if (QStandardPaths::findExecutable(u"mvn"_s).isEmpty())
            QSKIP("mvn is not installed: run ./dev deps");
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"kcl 1"_s); // a space: the classpath is printed quoted
        const auto first = runProgram(u"qmld"_s, {u"kcl"_s, u"install"_s, u"--version"_s, u"1.15.3"_s, u"--dir"_s, folder});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QString classpath = folder + u"/jars/*"_s;
        QCOMPARE(QString::fromUtf8(first.out),
                 u"--java-classpath '%1'\nQMLD_JAVA_CLASSPATH='%1'\n"_s.arg(classpath));
        QVERIFY(QFileInfo::exists(folder + u"/jars/amazon-kinesis-client-1.15.3.jar"_s));
        QVERIFY(QFileInfo::exists(folder + u"/.complete"_s));
        const qsizetype jars = QDir(folder + u"/jars"_s).entryList({u"*.jar"_s}).size();
        QVERIFY2(jars > 10, "the daemon's dependencies are copied too");
        QVERIFY2(first.err.contains("installed KCL 1.15.3"), first.err.constData());

        // Already there: Maven is not run again (it would fail without PATH).
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PATH"_s, dir.filePath(u"nothing-here"_s));
        const auto second = runProgram(u"qmld"_s, {u"kcl"_s, u"install"_s, u"--version"_s, u"1.15.3"_s, u"--dir"_s, folder},
                                       {}, environment);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QCOMPARE(second.out, first.out);
        QVERIFY2(second.err.contains("already installed"), second.err.constData());
    }

    void missingMavenIsOneLine()
    {
        QTemporaryDir dir;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PATH"_s, dir.filePath(u"nothing-here"_s));
        const auto run = runProgram(u"qmld"_s, {u"kcl"_s, u"install"_s, u"--dir"_s, dir.filePath(u"kcl"_s)}, {}, environment);
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.err, QByteArray("qmld kcl: mvn (Apache Maven) is not on PATH: install it, e.g. 'sudo apt-get install maven'\n"));
        QVERIFY(run.out.isEmpty());
        QVERIFY(!QFileInfo::exists(dir.filePath(u"kcl/.complete"_s)));
    }

    void badVersionIsAUsageError()
    {
        const auto run = runProgram(u"qmld"_s, {u"kcl"_s, u"install"_s, u"--version"_s, u"latest"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("qmld kcl: --version takes a KCL release such as 3.1.3"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKclInstall)
#include "test_kcl_install.moc"

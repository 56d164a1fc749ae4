#include <qmld/StreamRunner.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <ProcessGuard.h>

#include <signal.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace qmld::test;
using namespace std::chrono_literals;
using qmld::JavaProperties;
using qmld::StreamRunner;

namespace {

// A stand-in MultiLangDaemon: records what it was given, logs, leaves a
// grandchild in its process group, then behaves as FAKE_MODE says.
constexpr char FakeDaemon[] = R"SH(#!/bin/sh
props="$2"
[ "$FAKE_MODE" = ignore-term ] && trap '' TERM
cp "$props" "$FAKE_DIR/seen.properties"
sleep 1000 &
echo $! >> "$FAKE_DIR/grandchild.pids"
echo $$ >> "$FAKE_DIR/daemon.pids"
echo "2024-01-01 12:00:00,000 [main] INFO  software.amazon.kinesis.multilang.MultiLangDaemon - started $$" >&2
echo "2024-01-01 12:00:00,001 [main] WARN  software.amazon.kinesis.coordinator.Scheduler - lease table missing" >&2
echo "plain line on stdout"
case "$FAKE_MODE" in
  exit) echo "2024-01-01 12:00:00,002 [main] ERROR software.amazon.kinesis.multilang.MultiLangDaemon - stream not found" >&2
        echo "	at software.amazon.kinesis.Foo.bar(Foo.java:1)" >&2
        exit 3 ;;
  exit-later) sleep 1
        echo "2024-01-01 12:00:01,000 [main] ERROR software.amazon.kinesis.multilang.MultiLangDaemon - lost the stream" >&2
        exit 3 ;;
  java-exception)
        echo "2024-01-01 12:00:00,002 [main] ERROR software.amazon.kinesis.multilang.MultiLangDaemon - Failed to start the daemon" >&2
        echo "java.lang.IllegalArgumentException: No credential providers specified" >&2
        echo "	at software.amazon.kinesis.multilang.auth.Chain.build(Chain.java:42)" >&2
        echo "2024-01-01 12:00:00,003 [main] ERROR software.amazon.kinesis.multilang.MultiLangDaemon - For more information, visit: github.com/awslabs/amazon-kinesis-client" >&2
        exit 1 ;;
  finish) exit 0 ;;
  *) while :; do wait; done ;;
esac
)SH";


QList<qint64> readPids(const QString &path)
{
    QFile file(path);
    QList<qint64> pids;
    if (!file.open(QIODevice::ReadOnly))
        return pids;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.trimmed().isEmpty())
            pids.append(line.trimmed().toLongLong());
    }
    return pids;
}

int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

} // namespace

class TestStreamRunner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir; // fresh per test: pid files start empty
    QString m_script;
    QByteArray m_token;
    QList<qint64> m_started; // every pid a test saw, checked dead in cleanup()

    QString connectProgram() const { return qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld-connect"_s; }

    JavaProperties userProperties() const
    {
        JavaProperties properties;
        properties.set(u"applicationName"_s, u"orders app"_s);
        properties.set(u"streamName"_s, u"orders"_s);
        properties.set(u"executableName"_s, u"python3 my_processor.py"_s);
        properties.set(u"regionName"_s, u"eu-west-1"_s);
        properties.set(u"note"_s, u"café = ok"_s);
        return properties;
    }

    qmld::StreamRunnerOptions options(const QString &mode) const
    {
        qmld::StreamRunnerOptions options;
        options.daemon = *qmld::DaemonPreset::fromString(m_script + u" --properties-file {properties}"_s);
        options.connectProgram = connectProgram();
        options.port = 45678;
        options.token = m_token;
        options.environment.insert(u"FAKE_DIR"_s, m_dir->path());
        options.environment.insert(u"FAKE_MODE"_s, mode);
        options.runtimeParent = m_dir->path();
        options.initialBackoff = 20ms;
        options.maxBackoff = 80ms;
        options.stopGrace = 300ms;
        return options;
    }

    QString pidFile(const char *name) const { return m_dir->filePath(QString::fromLatin1(name)); }

    void waitForDaemon(int starts)
    {
        QTRY_COMPARE_WITH_TIMEOUT(readPids(pidFile("daemon.pids")).size(), starts, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(readPids(pidFile("grandchild.pids")).size(), starts, 10000);
        m_started += readPids(pidFile("daemon.pids"));
        m_started += readPids(pidFile("grandchild.pids"));
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_script = m_dir->filePath(u"fake-daemon.sh"_s);
        QFile script(m_script);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(FakeDaemon);
        script.close();
        QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        m_token = "tok-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        m_started.clear();
        QVERIFY2(QFileInfo(connectProgram()).isExecutable(), "QMLD_BIN_DIR must hold qmld-connect");
    }

    void cleanup()
    {
        for (const qint64 pid : std::as_const(m_started)) {
            if (isAlive(pid)) {
                qmld::test::signalPid(pid, SIGKILL);
                QFAIL(qPrintable(u"process %1 outlived its runner"_s.arg(pid)));
            }
        }
    }

    void runsTheDaemonWithItsPropertiesAndToken()
    {
        StreamRunner runner(userProperties(), options(u"run"_s));
        QSignalSpy logs(&runner, &StreamRunner::logLine);
        QSignalSpy started(&runner, &StreamRunner::daemonStarted);
        QVERIFY(runner.start());
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Running, 10000);
        waitForDaemon(1);
        const qint64 daemon = readPids(pidFile("daemon.pids")).first();
        QCOMPARE(runner.daemonPid(), daemon);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().first().toLongLong(), daemon);

        // The properties file: private folder, private file, user keys kept, executableName replaced.
        const QString written = runner.propertiesFilePath();
        QVERIFY(written.startsWith(m_dir->path()));
        QCOMPARE(modeOf(runner.runtimeDirectory()), 0700);
        QCOMPARE(modeOf(written), 0600);
        QString error;
        const auto seen = JavaProperties::load(pidFile("seen.properties"), &error);
        QVERIFY2(seen, qPrintable(error));
        QCOMPARE(seen->value(u"executableName"), connectProgram() + u" 45678"_s);
        QCOMPARE(seen->value(u"applicationName"), u"orders app"_s);
        QCOMPARE(seen->value(u"streamName"), u"orders"_s);
        QCOMPARE(seen->value(u"regionName"), u"eu-west-1"_s);
        QCOMPARE(seen->value(u"note"), u"café = ok"_s);
        QCOMPARE(seen->keys(), userProperties().keys());

        // The token reaches the daemon through its environment, never its command line.
        QFile environ(u"/proc/%1/environ"_s.arg(daemon));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        QVERIFY(environ.readAll().split('\0').contains("QMLD_CONNECT_TOKEN=" + m_token));
        QFile cmdline(u"/proc/%1/cmdline"_s.arg(daemon));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        const QByteArray argv = cmdline.readAll();
        QVERIFY(argv.contains(QFile::encodeName(written)));
        QVERIFY(!argv.contains(m_token));

        // Log lines arrive with a level guessed from the text.
        const auto levelOf = [&](const QString &needle) {
            for (const QList<QVariant> &signal : std::as_const(logs)) {
                if (signal[0].toString().contains(needle))
                    return signal[1].value<StreamRunner::LogLevel>();
            }
            return StreamRunner::LogLevel::Debug;
        };
        QTRY_VERIFY_WITH_TIMEOUT(logs.size() >= 3, 10000);
        QCOMPARE(levelOf(u"lease table missing"_s), StreamRunner::LogLevel::Warning);
        QCOMPARE(levelOf(u"MultiLangDaemon - started"_s), StreamRunner::LogLevel::Info);
        QCOMPARE(levelOf(u"plain line on stdout"_s), StreamRunner::LogLevel::Info);
        QVERIFY(runner.uptime() >= 0ms);

        // stop(): the daemon and its grandchild are gone when stopped() arrives.
        const QString runtime = runner.runtimeDirectory();
        QSignalSpy stopped(&runner, &StreamRunner::stopped);
        runner.stop();
        QCOMPARE(runner.state(), StreamRunner::State::Stopping);
        QVERIFY(stopped.wait(10000));
        QCOMPARE(runner.state(), StreamRunner::State::Stopped);
        QVERIFY(!isAlive(daemon));
        QVERIFY(!isAlive(readPids(pidFile("grandchild.pids")).first()));
        QVERIFY(!QFileInfo::exists(runtime));
        QCOMPARE(runner.daemonPid(), 0);
        QCOMPARE(runner.restartCount(), 0);
    }

    void stopEscalatesToSigkillWhenSigtermIsIgnored()
    {
        StreamRunner runner(userProperties(), options(u"ignore-term"_s));
        QVERIFY(runner.start());
        waitForDaemon(1);
        QSignalSpy stopped(&runner, &StreamRunner::stopped);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignored SIGTERM"_s));
        runner.stop();
        QVERIFY(stopped.wait(10000));
        for (const qint64 pid : std::as_const(m_started))
            QVERIFY2(!isAlive(pid), qPrintable(QString::number(pid)));
    }

    // A daemon that got going (a shard child connected) and then exits is
    // restarted until the budget is spent, even when it fails the same way.
    void restartsWithBackoffThenFailsWhenTheBudgetIsSpent()
    {
        qmld::StreamRunnerOptions opts = options(u"exit"_s);
        opts.restartBudget = 2;
        StreamRunner runner(userProperties(), opts);
        // As qmld run and the console do when a child reaches the shard server.
        connect(&runner, &StreamRunner::daemonStarted, &runner, [&runner] { runner.shardConnected(); });
        QSignalSpy states(&runner, &StreamRunner::stateChanged);
        QSignalSpy exits(&runner, &StreamRunner::daemonExited);
        QVERIFY(runner.start());
        const QString runtime = runner.runtimeDirectory();
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Failed, 20000);
        waitForDaemon(3);

        QCOMPARE(runner.restartCount(), 2);
        QCOMPARE(exits.size(), 3);
        const QList<qint64> daemons = readPids(pidFile("daemon.pids"));
        QCOMPARE(QSet<qint64>(daemons.begin(), daemons.end()).size(), 3);
        QVERIFY2(runner.lastError().contains(u"exited with code 3"_s), qPrintable(runner.lastError()));
        QVERIFY2(runner.lastError().contains(u"stream not found"_s), qPrintable(runner.lastError()));
        QVERIFY(!runner.lastError().contains(u"Foo.java"_s)); // not a stack frame
        QVERIFY(!runner.lastError().contains(u'\n'));

        QList<StreamRunner::State> seen;
        for (const QList<QVariant> &signal : std::as_const(states))
            seen.append(signal[0].value<StreamRunner::State>());
        QCOMPARE(seen.count(StreamRunner::State::BackingOff), 3); // after each exit, while its group is ended
        QCOMPARE(seen.last(), StreamRunner::State::Failed);
        // What each dead daemon left in its group was ended too.
        for (const qint64 pid : readPids(pidFile("grandchild.pids")))
            QTRY_VERIFY_WITH_TIMEOUT(!isAlive(pid), 5000);
        QVERIFY(!QFileInfo::exists(runtime));

        // A failed runner can start again with a fresh budget.
        QVERIFY(runner.start());
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Failed, 20000);
        waitForDaemon(6);
    }

    // A daemon that exits during its startup (no shard child yet) twice in a
    // row with the same error gets no third start: one clear reason, with what
    // it printed first, instead of a restart loop through the whole budget.
    void exitingTwiceDuringStartupFailsAtOnce()
    {
        StreamRunner runner(userProperties(), options(u"java-exception"_s));
        QSignalSpy exits(&runner, &StreamRunner::daemonExited);
        QVERIFY(runner.start());
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Failed, 20000);
        waitForDaemon(2);
        QCOMPARE(runner.restartCount(), 1);
        QCOMPARE(exits.size(), 2);
        QVERIFY(runner.failedToStart());
        QCOMPARE(runner.lastError(), u"the daemon cannot start: java.lang.IllegalArgumentException: No credential providers "
                                     "specified (the daemon exited with code 1, twice in a row during its startup)"_s);
        for (const qint64 pid : readPids(pidFile("grandchild.pids")))
            QTRY_VERIFY_WITH_TIMEOUT(!isAlive(pid), 5000);

        // A new start() gets the same two tries again.
        QVERIFY(runner.start());
        QVERIFY(!runner.failedToStart());
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Failed, 20000);
        waitForDaemon(4);
        QVERIFY(runner.failedToStart());
    }

    // Past the startup window an exit is a crash: restarted as before, until the budget.
    void anExitAfterTheStartupWindowIsRestarted()
    {
        qmld::StreamRunnerOptions opts = options(u"exit-later"_s);
        opts.startupWindow = 200ms;
        opts.restartBudget = 2;
        StreamRunner runner(userProperties(), opts);
        QVERIFY(runner.start());
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Failed, 30000);
        waitForDaemon(3);
        QCOMPARE(runner.restartCount(), 2);
        QVERIFY(!runner.failedToStart());
        QVERIFY2(runner.lastError().startsWith(u"gave up after 2 restart(s)"_s), qPrintable(runner.lastError()));
        QVERIFY2(runner.lastError().contains(u"lost the stream"_s), qPrintable(runner.lastError()));
    }

    // A JVM that names an exception and then says where to read more: the
    // exception is what the user needs to see, not the pointer.
    void aJavaExceptionIsTheReasonGiven()
    {
        qmld::StreamRunnerOptions opts = options(u"java-exception"_s);
        opts.restartBudget = 0;
        StreamRunner runner(userProperties(), opts);
        QVERIFY(runner.start());
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Failed, 20000);
        waitForDaemon(1);
        QVERIFY2(runner.lastError().contains(u"No credential providers specified"_s), qPrintable(runner.lastError()));
        QVERIFY2(!runner.lastError().contains(u"For more information"_s), qPrintable(runner.lastError()));
    }

    void cleanExitIsRestartedByDefault()
    {
        // A daemon that exits at once is restarted at once: with the fixture's
        // 20 ms backoff a loaded machine could pass the second start before
        // the check below looked, and spend the whole budget. A second apart,
        // the second start stays in view.
        qmld::StreamRunnerOptions opts = options(u"finish"_s);
        opts.initialBackoff = 1s;
        opts.maxBackoff = 1s;
        StreamRunner runner(userProperties(), opts);
        QVERIFY(runner.start());
        waitForDaemon(2);
        QVERIFY(runner.restartCount() >= 1);
        runner.stop();
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), StreamRunner::State::Stopped, 10000);
    }

    void cleanExitEndsTheRunWhenAsked()
    {
        qmld::StreamRunnerOptions opts = options(u"finish"_s);
        opts.restartOnCleanExit = false;
        StreamRunner runner(userProperties(), opts);
        QSignalSpy stopped(&runner, &StreamRunner::stopped);
        QVERIFY(runner.start());
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
        waitForDaemon(1);
        QCOMPARE(runner.state(), StreamRunner::State::Stopped);
        QCOMPARE(runner.restartCount(), 0);
        // What the finished daemon left in its group was ended too.
        for (const qint64 pid : readPids(pidFile("grandchild.pids")))
            QTRY_VERIFY_WITH_TIMEOUT(!isAlive(pid), 5000);
    }

    void stopDuringBackoffEndsAtOnce()
    {
        qmld::StreamRunnerOptions opts = options(u"exit"_s);
        opts.initialBackoff = 10min;
        opts.maxBackoff = 10min;
        StreamRunner runner(userProperties(), opts);
        QVERIFY(runner.start());
        QSignalSpy exits(&runner, &StreamRunner::daemonExited);
        QVERIFY(exits.wait(10000));
        waitForDaemon(1);
        QTRY_VERIFY_WITH_TIMEOUT(!isAlive(readPids(pidFile("grandchild.pids")).first()), 5000);
        QCOMPARE(runner.state(), StreamRunner::State::BackingOff);
        QSignalSpy stopped(&runner, &StreamRunner::stopped);
        runner.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
        QCOMPARE(runner.state(), StreamRunner::State::Stopped);
        QCOMPARE(runner.restartCount(), 0);
    }

    void destroyingARunningRunnerLeavesNoProcess()
    {
        auto runner = std::make_unique<StreamRunner>(userProperties(), options(u"ignore-term"_s));
        QVERIFY(runner->start());
        waitForDaemon(1);
        const QString runtime = runner->runtimeDirectory();
        QVERIFY(QFileInfo::exists(runtime));
        runner.reset();
        for (const qint64 pid : std::as_const(m_started))
            QVERIFY2(!isAlive(pid), qPrintable(QString::number(pid)));
        QVERIFY(!QFileInfo::exists(runtime));
    }

    void missingRequiredKeyFailsBeforeStarting()
    {
        JavaProperties properties = userProperties();
        properties.remove(u"applicationName");
        StreamRunner runner(properties, options(u"run"_s));
        QVERIFY(!runner.start());
        QCOMPARE(runner.state(), StreamRunner::State::Failed);
        QVERIFY2(runner.lastError().contains(u"applicationName"_s), qPrintable(runner.lastError()));
        QVERIFY(!QFileInfo::exists(pidFile("daemon.pids")));
    }

    void missingDaemonProgramFailsBeforeStarting()
    {
        qmld::StreamRunnerOptions opts = options(u"run"_s);
        opts.daemon = *qmld::DaemonPreset::fromString(m_dir->filePath(u"absent-daemon"_s) + u" {properties}"_s);
        StreamRunner runner(userProperties(), opts);
        QVERIFY(!runner.start());
        QCOMPARE(runner.state(), StreamRunner::State::Failed);
        QVERIFY2(runner.lastError().contains(m_dir->filePath(u"absent-daemon"_s)), qPrintable(runner.lastError()));
        QVERIFY(runner.runtimeDirectory().isEmpty());
        const QStringList left = QDir(m_dir->path()).entryList({u"qmld-*"_s}, QDir::Dirs);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ')));
    }

    void connectorPathWithASpaceIsRefused()
    {
        const QString spaced = m_dir->filePath(u"with space"_s);
        QVERIFY(QDir().mkpath(spaced));
        QVERIFY(QFile::copy(connectProgram(), spaced + u"/qmld-connect"_s));
        qmld::StreamRunnerOptions opts = options(u"run"_s);
        opts.connectProgram = spaced + u"/qmld-connect"_s;
        StreamRunner runner(userProperties(), opts);
        QVERIFY(!runner.start());
        QVERIFY2(runner.lastError().contains(u"space"_s), qPrintable(runner.lastError()));
    }
};

QTEST_GUILESS_MAIN(TestStreamRunner)
#include "test_stream_runner.moc"

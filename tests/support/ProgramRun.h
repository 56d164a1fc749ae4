#pragma once

// Runs one of the build's programs ($QMLD_BIN_DIR) to its end, for the
// command-line tests: what it printed and how it exited.

#include <ProcessGuard.h>

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace qmld::test {

struct ProgramRun
{
    int exitCode = -1; // -1: crashed, or did not finish in time
    QByteArray out;
    QByteArray err;
};

// `input` goes to its stdin, then stdin closes. A program still running after
// 60 s gets SIGTERM, then SIGKILL 20 s later, so none outlives the test.
inline ProgramRun runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                             const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    const QString path = QDir(qEnvironmentVariable("QMLD_BIN_DIR")).filePath(program);
    process.start(path, arguments);
    if (!process.waitForStarted())
        return {-1, {}, "cannot start " + path.toUtf8() + ": " + process.errorString().toUtf8()};
    process.write(input);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(60000);
    if (!finished)
        stopAndReap(process, 20000);
    return {finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace qmld::test

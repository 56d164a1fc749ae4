#pragma once

// Ending a `qmld run` a test started: gracefully, checking that it leaves no
// process behind, or, after a failed check, for sure.

#include <ProcessGuard.h>

#include <QProcess>
#include <QScopeGuard>
#include <QTest>


namespace qmld::test {

// After a failed check: SIGTERM and reap, so that nothing outlives the test.
inline auto reaperFor(QProcess &qmld)
{
    return qScopeGuard([&qmld] { stopAndReap(qmld); });
}

// SIGTERM: qmld stops its daemon gracefully and exits 0, and every process
// below it (at least `expectedDescendants`) is gone within 10 s.
inline void stopGracefully(QProcess &qmld, qsizetype expectedDescendants = 0)
{
    const QList<qint64> descendants = descendantsOf(qmld.processId());
    QVERIFY2(descendants.size() >= expectedDescendants, "fewer processes below qmld than expected");
    QVERIFY2(signalProcess(qmld, SIGTERM), "qmld is not running");
    QVERIFY(qmld.waitForFinished(30000));
    QCOMPARE(qmld.exitStatus(), QProcess::NormalExit);
    QCOMPARE(qmld.exitCode(), 0);
    for (qint64 pid : descendants)
        QTRY_VERIFY_WITH_TIMEOUT(!isAlive(pid), 10000);
}

} // namespace qmld::test

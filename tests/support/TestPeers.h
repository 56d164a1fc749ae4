#pragma once

// The test peers `./dev deps` installs (Node.js and the npm packages in
// tests/peers/node). A test that needs one it cannot find says which and why
// with QMLD_REQUIRE_PEER: a skip CTest reports as skipped (the test's
// SKIP_REGULAR_EXPRESSION matches Qt Test's "SKIP" line), or, when
// QMLD_REQUIRE_PEERS=1 (the `ci` test preset, hence `./dev test`), a failure.

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QString>
#include <QTest>

namespace qmld::test {

inline bool peersRequired()
{
    return qEnvironmentVariable("QMLD_REQUIRE_PEERS") == QLatin1String("1");
}

// Node.js on PATH, or empty.
inline QString nodeExecutable()
{
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

// Empty when Node.js and the npm package `package` (in $QMLD_NODE_PEERS) are
// there; otherwise what is missing and how to get it.
inline QString missingNodePeer(const QString &package)
{
    if (nodeExecutable().isEmpty())
        return QStringLiteral("Node.js (node) is not on PATH; ./dev deps installs it");
    const QString peers = qEnvironmentVariable("QMLD_NODE_PEERS");
    if (!QFile::exists(QDir(peers).filePath(QStringLiteral("node_modules/%1/package.json").arg(package))))
        return QStringLiteral("the npm package %1 is not installed in %2; ./dev deps installs it").arg(package, peers);
    return {};
}

} // namespace qmld::test

// Skips the current test function (or the whole test, in initTestCase) when
// `missing` (from missingNodePeer) is not empty; fails instead under
// QMLD_REQUIRE_PEERS=1.
#define QMLD_REQUIRE_PEER(missing)                                                                                    \
    do {                                                                                                               \
        const QString qmldMissingPeer = (missing);                                                                     \
        if (!qmldMissingPeer.isEmpty()) {                                                                              \
            if (qmld::test::peersRequired())                                                                           \
                QFAIL(qPrintable(QStringLiteral("missing test peer (QMLD_REQUIRE_PEERS=1): ") + qmldMissingPeer));     \
            QSKIP(qPrintable(QStringLiteral("missing test peer: ") + qmldMissingPeer));                                \
        }                                                                                                              \
    } while (false)

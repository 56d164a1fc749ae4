#pragma once

// main() for the console's tests that show windows and start daemons: never
// the user's console settings, a config folder of the test's own.

#include <QApplication>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#define QMLD_CONSOLE_TEST_MAIN(TestClass)                                                                              \
    int main(int argc, char *argv[])                                                                                   \
    {                                                                                                                  \
        QTemporaryDir config;                                                                                          \
        if (!config.isValid())                                                                                         \
            return 1;                                                                                                  \
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));                                                  \
        QStandardPaths::setTestModeEnabled(true);                                                                      \
        QApplication app(argc, argv);                                                                                  \
        QApplication::setOrganizationName(QStringLiteral("qmld"));                                                     \
        QApplication::setApplicationName(QStringLiteral("qmld-console-test"));                                         \
        TestClass test;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }

// qmld-console: the operations console.

#include "ConsoleOptions.h"
#include "HeapTuning.h"
#include "UnixSignals.h"

#include "aws/AwsBrowser.h"
#include "aws/AwsTailPane.h"
#include "console/ConsoleStreams.h"
#include "console/DemoSession.h"
#include "widgets/MainWindow.h"

#include <qmld/StreamStore.h>

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>
#include <QTranslator>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
void installTranslations(QApplication &app, const QString &language)
{
    QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English); // LANG=C: English, with its plural forms
    QLocale::setDefault(locale);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, u"qmld"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(own);
}
} // namespace

int main(int argc, char *argv[])
{
    qmld::app::keepFreedHeapBetweenBatches();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"qmld"_s);
    QApplication::setApplicationName(u"qmld-console"_s);
    QApplication::setApplicationVersion(QStringLiteral(QMLD_VERSION));

    QString message;
    int exitCode = 0;
    const auto options = ConsoleOptions::parse(app.arguments(), &message, &exitCode);
    if (!options) {
        std::fputs(qUtf8Printable(message + u'\n'), exitCode == 0 ? stdout : stderr);
        return exitCode;
    }
    installTranslations(app, options->language);

    const QString storePath = qmld::StreamStore::resolvePath(options->storePath);
    qmld::ui::ConsoleStreams streams;
    qmld::ui::MainWindow window(&streams, storePath);

    std::unique_ptr<qmld::ui::DemoSession> demo;
    if (options->demo) {
        QString error;
        demo = std::make_unique<qmld::ui::DemoSession>(storePath, &error);
        if (!error.isEmpty()) {
            std::fputs(qUtf8Printable(QObject::tr("qmld-console: the demo cannot start: %1").arg(error) + u'\n'), stderr);
            return 1;
        }
        QObject::connect(demo.get(), &qmld::ui::DemoSession::failed, &window,
                         [&window](const QString &reason) { QMessageBox::warning(&window, QObject::tr("Demo"), reason); });
        demo->configureConsoleStream(streams);
        window.addStream(demo->consoleStream(), false);
    }
    window.loadSavedStreams();
    for (const QString &name : options->starts) {
        if (!streams.host(name)) {
            std::fputs(qUtf8Printable(QObject::tr("qmld-console: --start: no saved stream %1").arg(name) + u'\n'), stderr);
            return 2;
        }
    }
    for (const QString &capture : options->replays)
        window.openReplay(capture);
    window.show();
    if (demo) {
        demo->start();
        streams.host(demo->consoleStream().name)->start();
    }
    for (const QString &name : options->starts)
        streams.host(name)->start();
    QWidget *front = &window;
    if (options->aws) {
        qmld::ui::AwsBrowser *browser = window.showAwsBrowser();
        front = browser;
        browser->refresh();
        if (!options->awsStream.isEmpty())
            browser->openStream(options->awsStream);
        if (!options->awsTail.isEmpty()) {
            const bool number = std::all_of(options->awsTail.cbegin(), options->awsTail.cend(), [](QChar c) { return c.isDigit(); });
            browser->tailPane()->setPosition(*qmld::aws::StartingPosition::parse(options->awsFrom));
            browser->tailShard(number ? u"shardId-%1"_s.arg(options->awsTail.toLongLong(), 12, 10, QLatin1Char('0')) : options->awsTail);
        }
    }

    // A desktop session ending, `systemctl --user stop`, Ctrl-C: quit as File
    // → Quit does. A second signal ends it at once (the hosts' destructors
    // SIGKILL what still runs).
    int signalled = 0;
    int exitAtOnce = -1;
    UnixSignals unixSignals({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&unixSignals, &UnixSignals::received, &app, [&](int signalNumber) {
        if (signalled++ == 0) {
            std::fputs(qUtf8Printable(QObject::tr("qmld-console: signal %1: stopping every stream (again to quit at once)")
                                          .arg(signalNumber) + u'\n'),
                       stderr);
            QApplication::closeAllWindows(); // saves the window's layout
            QApplication::exit(0);            // also ends a dialog's loop
            return;
        }
        exitAtOnce = 128 + signalNumber;
        QApplication::exit(exitAtOnce);
        streams.abandonStop();
    });

    if (!options->screenshotPath.isEmpty()) {
        QTimer::singleShot(options->screenshotAfterMs, &window, [&window, front, path = options->screenshotPath] {
            if (!front->grab().save(path)) {
                std::fputs(qUtf8Printable(QObject::tr("qmld-console: cannot save the screenshot to %1").arg(path) + u'\n'),
                           stderr);
                QApplication::exit(1);
                return;
            }
            window.close();
        });
    }
    const int code = QApplication::exec();
    // Graceful: every child gets shutdownRequested and may checkpoint.
    if (exitAtOnce < 0)
        streams.stopAll(std::chrono::seconds(15), {demo ? demo->backgroundWorker() : nullptr});
    return exitAtOnce >= 0 ? exitAtOnce : code;
}

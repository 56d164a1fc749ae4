// qmld-daemon: the embedded KCL MultiLangDaemon.

#include "UnixSignals.h"

#include <qmld/EmbeddedDaemon.h>

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"qmld-daemon"_s);
    qSetMessagePattern(u"%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}"
                       "%{if-warning}WARN%{endif}%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} "
                       "%{category}: %{message}"_s);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"*.debug=false"_s);

    auto parsed = qmld::EmbeddedDaemon::fromArguments(app.arguments().mid(1));
    if (const auto *exit = std::get_if<qmld::EmbeddedDaemon::Exit>(&parsed)) {
        std::fputs(qUtf8Printable(exit->message + u'\n'), exit->code == 0 ? stdout : stderr);
        return exit->code;
    }

    ignoreSigpipeInThisProcessOnly();
    UnixSignals unixSignals({SIGTERM, SIGINT});
    qmld::EmbeddedDaemon &daemon = *std::get<std::unique_ptr<qmld::EmbeddedDaemon>>(parsed);
    QObject::connect(&unixSignals, &UnixSignals::received, &daemon, &qmld::EmbeddedDaemon::shutdown);
    QObject::connect(&daemon, &qmld::EmbeddedDaemon::finished, &app, &QCoreApplication::exit);
    QString error;
    if (!daemon.start(&error)) {
        std::fputs(qUtf8Printable(u"qmld-daemon: "_s + error + u'\n'), stderr);
        return 1;
    }
    return app.exec();
}

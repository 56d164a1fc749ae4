// qmld-daemon: the embedded KCL MultiLangDaemon.

#include "UnixSignals.h"

#include "daemon/consumer/DaemonConfig.h"
#include "daemon/consumer/Scheduler.h"

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

    const auto parsed = qmld::daemon::DaemonConfigReader::fromArguments(app.arguments().mid(1));
    if (const auto *exit = std::get_if<qmld::daemon::ConfigExit>(&parsed)) {
        std::fputs(qUtf8Printable(exit->message + u'\n'), exit->exitCode == 0 ? stdout : stderr);
        return exit->exitCode;
    }

    ignoreSigpipeInThisProcessOnly();
    UnixSignals unixSignals({SIGTERM, SIGINT});
    qmld::daemon::Scheduler scheduler(std::get<qmld::daemon::DaemonConfig>(parsed));
    QObject::connect(&unixSignals, &UnixSignals::received, &scheduler, &qmld::daemon::Scheduler::shutdown);
    QObject::connect(&scheduler, &qmld::daemon::Scheduler::finished, &app, &QCoreApplication::exit);
    QString error;
    if (!scheduler.start(&error)) {
        std::fputs(qUtf8Printable(u"qmld-daemon: "_s + error + u'\n'), stderr);
        return 1;
    }
    return app.exec();
}

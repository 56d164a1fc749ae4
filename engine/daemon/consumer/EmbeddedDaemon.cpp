#include <qmld/EmbeddedDaemon.h>

#include "daemon/consumer/DaemonConfig.h"
#include "daemon/consumer/DaemonStream.h"
#include "daemon/consumer/Scheduler.h"

namespace qmld {

std::variant<std::unique_ptr<EmbeddedDaemon>, EmbeddedDaemon::Exit>
EmbeddedDaemon::fromArguments(const QStringList &arguments, QObject *parent)
{
    auto parsed = daemon::DaemonConfigReader::fromArguments(arguments);
    if (const auto *exit = std::get_if<daemon::ConfigExit>(&parsed))
        return Exit{exit->exitCode, exit->message};
    auto scheduler = std::make_unique<daemon::Scheduler>(std::get<daemon::DaemonConfig>(std::move(parsed)));
    return std::unique_ptr<EmbeddedDaemon>(new EmbeddedDaemon(std::move(scheduler), parent));
}

EmbeddedDaemon::EmbeddedDaemon(std::unique_ptr<daemon::Scheduler> scheduler, QObject *parent)
    : QObject(parent), m_scheduler(std::move(scheduler))
{
    connect(m_scheduler.get(), &daemon::Scheduler::finished, this, &EmbeddedDaemon::finished);
}

EmbeddedDaemon::~EmbeddedDaemon() = default;

bool EmbeddedDaemon::start(QString *error)
{
    return m_scheduler->start(error);
}

void EmbeddedDaemon::shutdown()
{
    m_scheduler->shutdown();
}

std::optional<QString> embeddedStreamProblem(const QString &storePath, const QString &streamName)
{
    auto opened = daemon::openDaemonStream(storePath, streamName);
    if (const QString *problem = std::get_if<QString>(&opened))
        return *problem;
    return std::nullopt;
}

} // namespace qmld

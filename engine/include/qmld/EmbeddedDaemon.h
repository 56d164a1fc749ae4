#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <variant>

namespace qmld {

namespace daemon {
class Scheduler;
}

// qmld-daemon, the embedded KCL MultiLangDaemon, as a library: the command
// line of the Java daemon (`--properties-file FILE` or `FILE`), the store's
// streams and lease tables, one child per shard lease this worker holds.
class EmbeddedDaemon : public QObject
{
    Q_OBJECT
public:
    // What the command line asks for when it is not a run: help (code 0, for
    // stdout) or one line saying what is wrong (for stderr).
    struct Exit
    {
        int code = 0;
        QString message;
    };

    // `arguments` without the program name.
    static std::variant<std::unique_ptr<EmbeddedDaemon>, Exit> fromArguments(const QStringList &arguments,
                                                                            QObject *parent = nullptr);
    ~EmbeddedDaemon() override;

    // Opens the store and starts taking leases; false and one line in *error if it cannot.
    bool start(QString *error);

public Q_SLOTS:
    // SIGTERM: every child gets shutdownRequested, then leaseLost; finished(0) follows.
    void shutdown();

Q_SIGNALS:
    void finished(int exitCode);

private:
    explicit EmbeddedDaemon(std::unique_ptr<daemon::Scheduler> scheduler, QObject *parent);
    std::unique_ptr<daemon::Scheduler> m_scheduler;
};

// The embedded daemon's store (which must exist) and stream, as the daemon
// will open them: nullopt when both are there, else one line naming them.
std::optional<QString> embeddedStreamProblem(const QString &storePath, const QString &streamName);

} // namespace qmld

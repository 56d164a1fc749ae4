#include "daemon/consumer/DaemonStream.h"

#include <QCoreApplication>

namespace qmld::daemon {

std::variant<DaemonStream, QString> openDaemonStream(const QString &storePath, const QString &streamName)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("qmld::daemon::Scheduler", text); };
    StoreResult<StreamStore> store = StreamStore::open(storePath, StreamStore::OpenMode::MustExist);
    if (!store)
        return tr("cannot open the store for stream %1: %2").arg(streamName, store.error().message);
    StoreResult<StreamDescription> stream = store->describeStream(streamName);
    if (!stream) {
        if (stream.error().code == StoreError::Code::StreamNotFound)
            return tr("stream %1 does not exist in the store %2").arg(streamName, storePath);
        return stream.error().message;
    }
    return DaemonStream{std::move(store).value(), std::move(stream).value()};
}

} // namespace qmld::daemon

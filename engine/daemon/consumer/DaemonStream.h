#pragma once

#include <qmld/StreamStore.h>

#include <QString>

#include <variant>

namespace qmld::daemon {

struct DaemonStream
{
    StreamStore store;
    StreamDescription stream;
};

// The embedded daemon's store (which must exist) and its stream: both, or one
// line saying why not, naming the stream and the store.
std::variant<DaemonStream, QString> openDaemonStream(const QString &storePath, const QString &streamName);

} // namespace qmld::daemon

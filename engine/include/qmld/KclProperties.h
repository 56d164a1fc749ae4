#pragma once

#include <qmld/JavaProperties.h>

#include <QStringList>

namespace qmld {

// Checks the properties `qmld run` hands to a MultiLangDaemon: the keys the
// user must set (applicationName; streamName or streamArn; executableName is
// qmld's own), and the values of the numeric, enumerated and boolean keys
// that are set. Returns one line per problem, naming the key, the value and
// file:line; empty when the properties are usable.
QStringList validateKclProperties(const JavaProperties &properties);

} // namespace qmld

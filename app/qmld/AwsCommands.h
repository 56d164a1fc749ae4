#pragma once

// `--aws`: the stream and capture commands on Kinesis instead of the embedded
// store. main() hands a command line here when it has --aws.

#include <QStringList>

// AWS refused the credentials or the permission (also: none could be found).
inline constexpr int ExitAwsRefused = 4;

bool wantsAws(const QStringList &arguments);
// `arguments` as main() got them: the command word first.
int awsCommand(const QStringList &arguments);
// qmld lease list|reset --aws (AwsLeaseCommands.cpp).
int awsLeaseCommand(const QStringList &arguments);

#pragma once

// What `qmld lease list` and `qmld lease reset` share, wherever the table lives:
// how leases and reset outcomes are printed, and reset's options.

#include <qmld/Lease.h>
#include <qmld/LeaseObserver.h>
#include <qmld/LeaseReset.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHash>

#include <variant>

#include <vector>

namespace qmld::cli {

struct LeaseColumns
{
    const LeaseObserver *observer = nullptr;     // adds "expired"
    const QHash<QString, qint64> *lag = nullptr; // adds millisBehindLatest (-1: unknown)
};

// JSON: an array of lease items with the KCL attribute names; else a table.
void printLeases(const std::vector<Lease> &leases, const LeaseColumns &columns, bool json);

// Prints what a reset did (stdout) or why not (stderr); the exit code.
int reportResetOutcome(const LeaseResetOutcome &done);

// `lease reset`'s --to, --failover-time and --force.
struct ResetOptions
{
    ResetOptions();
    QCommandLineOption to;
    QCommandLineOption failover;
    QCommandLineOption force;
};

// The request these options give for the shard argument; else the usage
// problem, one line (no stream set: each command finds its own).
std::variant<LeaseResetRequest, QString> resetRequest(const QCommandLineParser &parser, const ResetOptions &options,
                                                      const QString &shardArgument);

} // namespace qmld::cli

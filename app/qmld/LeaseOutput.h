#pragma once

// How `qmld lease list` prints leases, wherever the table lives.

#include <qmld/Lease.h>
#include <qmld/LeaseObserver.h>
#include <qmld/LeaseReset.h>

#include <QHash>

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

} // namespace qmld::cli

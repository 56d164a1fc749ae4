#pragma once

// The DynamoDB backend of LeaseTable: a KCL application's lease table as the
// KCL itself keeps it (docs/protocol.md §10 attribute names), read and
// written with conditional writes on the leaseCounter read, as KCL workers
// do. Attributes this Lease does not model (KCL 3.x's throughputKBps,
// checkpointOwner, multi-stream streamName/shardId, anything newer) are kept
// on every write.
//
// LeaseTableBackend is synchronous: each call runs the calling thread's event
// loop until DynamoDB answers (within the call's deadline). Use it from a
// command-line tool or a worker thread, never from a UI thread.

#include <qmld/LeaseTable.h>
#include <qmld/aws/AwsSettings.h>

#include <memory>

namespace qmld::aws {
class CredentialsProvider;
struct ServiceEndpoint;
} // namespace qmld::aws

namespace qmld {

// The table `tableName` at `endpoint`, signed with `credentials` (not owned; must outlive the table).
std::unique_ptr<LeaseTableBackend> makeDynamoDbLeaseTable(const aws::ServiceEndpoint &endpoint,
                                                          aws::CredentialsProvider *credentials, const QString &tableName);
// With the credentials, region and endpoint `settings` resolve to (the AWS SDKs' default chain).
StoreResult<std::unique_ptr<LeaseTableBackend>> makeDynamoDbLeaseTable(const aws::AwsSettings &settings,
                                                                       const QString &tableName);

} // namespace qmld

#pragma once

#include <qmld/CaptureFile.h>
#include <qmld/StreamStore.h>

#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace qmld {

// The store layout of a capture's shards (ids, parents, hash key ranges,
// starting and ending sequence numbers). A shard without a range (a console
// export) spans the whole key space. Nullopt with one line in *error naming
// `path` and the shard.
std::optional<std::vector<ShardLayout>> shardLayoutOf(const CaptureHeader &header, const QString &path, QString *error);

// What an import or a replay can store, checked as the capture is read, so
// that the line at fault is named: a shard's records in delivery order, within
// the shard's sequence range when the header gives one.
class CaptureOrderCheck
{
public:
    explicit CaptureOrderCheck(const CaptureHeader &header) : m_header(header) {}
    // Nullopt when the record may follow the ones checked before; else why not.
    std::optional<QString> check(const CapturedRecord &captured);

private:
    const CaptureHeader &m_header;
    std::map<QString, SequenceNumber> m_lastOfShard;
};

// Loads captured records into a stream made with createStreamWithLayout,
// keeping their sequence numbers: the user records of one KPL aggregate (one
// sequence number, sub-sequence numbers 0..n-1, consecutive in the capture)
// go back into one aggregate, so the daemon delivers them again the same way.
class CaptureImporter
{
public:
    CaptureImporter(StreamStore &store, QString stream);

    std::optional<StoreError> add(const CapturedRecord &captured);
    // Stores everything added so far except an aggregate that `next` (the
    // record that follows in the capture, if any) continues.
    std::optional<StoreError> flush(const std::optional<CapturedRecord> &next);
    // Stores everything added.
    std::optional<StoreError> finish();

    std::int64_t userRecords() const { return m_userRecords; }
    std::int64_t storedRecords() const { return m_stored; }
    std::int64_t aggregates() const { return m_aggregates; }
    const QStringList &warnings() const { return m_warnings; }

private:
    struct Shard
    {
        std::vector<StreamRecord> group; // the user records of the last sequence number seen
        std::vector<StreamRecord> batch; // stored records not yet inserted
    };

    std::optional<StoreError> finishGroup(const QString &shardId, Shard &shard);
    std::optional<StoreError> queue(const QString &shardId, Shard &shard, StreamRecord record);
    std::optional<StoreError> insert(const QString &shardId, Shard &shard);

    StreamStore &m_store;
    QString m_stream;
    std::map<QString, Shard> m_shards;
    std::int64_t m_userRecords = 0;
    std::int64_t m_stored = 0;
    std::int64_t m_aggregates = 0;
    QStringList m_warnings;
};

} // namespace qmld

// qmld stream import: load a capture file into a stream of the embedded store
// with the capture's shard ids, parents, hash key ranges and sequence numbers.

#include "Commands.h"
#include "StreamCommandSupport.h"

#include <qmld/CaptureFile.h>
#include <qmld/Kpl.h>
#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <map>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::cli;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld stream", text);
}

constexpr std::size_t kInsertBatch = 2000;
// Imported records keep their arrival times, however old: keep them all.
constexpr std::chrono::milliseconds kImportRetention = std::chrono::hours(24 * 365 * 100);

// Per shard: the records that share the last sequence number seen (the user
// records of one KPL aggregate, as the daemon unpacked it), and the stored
// records not yet inserted.
struct ShardImport
{
    std::vector<StreamRecord> group;
    std::vector<StreamRecord> batch;
    qint64 userRecords = 0;
};

class Importer
{
public:
    Importer(StreamStore &store, QString stream) : m_store(store), m_stream(std::move(stream)) {}

    std::optional<StoreError> add(const CapturedRecord &captured)
    {
        ShardImport &shard = m_shards[captured.shardId];
        if (!shard.group.empty()
            && SequenceNumber::compareDigits(shard.group.front().sequenceNumber.toByteArray(),
                                             captured.record.sequenceNumber.toByteArray())
                != 0) {
            if (auto error = finishGroup(captured.shardId, shard))
                return error;
        }
        shard.group.push_back(captured.record);
        shard.userRecords += 1;
        return std::nullopt;
    }

    std::optional<StoreError> finish()
    {
        for (auto &[shardId, shard] : m_shards) {
            if (auto error = finishGroup(shardId, shard))
                return error;
            if (auto error = flush(shardId, shard))
                return error;
        }
        return std::nullopt;
    }

    qint64 storedRecords() const { return m_stored; }
    qint64 aggregates() const { return m_aggregates; }
    const QStringList &warnings() const { return m_warnings; }

private:
    // One stored record for the group: the record itself, or the KPL
    // aggregate the daemon unpacks into the same sub-sequence numbers 0..n-1.
    std::optional<StoreError> finishGroup(const QString &shardId, ShardImport &shard)
    {
        if (shard.group.empty())
            return std::nullopt;
        std::vector<StreamRecord> group = std::move(shard.group);
        shard.group.clear();
        const SequenceNumber &sequence = group.front().sequenceNumber;
        const bool aggregated = group.size() > 1 || sequence.subSequence() > 0;
        if (!aggregated) {
            StreamRecord stored = std::move(group.front());
            stored.sequenceNumber = stored.sequenceNumber.withSubSequence(0);
            return queue(shardId, shard, std::move(stored));
        }
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (group[i].sequenceNumber.subSequence() != qint64(i)) {
                m_warnings.append(tr("%1: the user records of aggregate %2 are not 0..%3 in the capture; they are "
                                     "imported as sub-sequence numbers 0..%3")
                                      .arg(shardId, sequence.toString())
                                      .arg(group.size() - 1));
                break;
            }
        }
        KplAggregator aggregator;
        for (const StreamRecord &record : group) {
            const QByteArray key = record.partitionKey.value_or(QByteArray());
            if (aggregator.add(key, record.data) != KplAggregator::AddResult::Added)
                return StoreError{StoreError::Code::InvalidArgument,
                                  tr("cannot import aggregate %1 of shard %2: its user records do not fit one KPL "
                                     "aggregate again (partition key \"%3\")")
                                      .arg(sequence.toString(), shardId, QString::fromUtf8(key.left(40)))};
        }
        auto aggregate = aggregator.finish();
        StreamRecord stored;
        stored.sequenceNumber = sequence.withSubSequence(0);
        stored.partitionKey = aggregate->partitionKey;
        stored.data = aggregate->data;
        stored.approximateArrivalTimestamp = group.front().approximateArrivalTimestamp;
        ++m_aggregates;
        return queue(shardId, shard, std::move(stored));
    }

    std::optional<StoreError> queue(const QString &shardId, ShardImport &shard, StreamRecord record)
    {
        shard.batch.push_back(std::move(record));
        if (shard.batch.size() >= kInsertBatch)
            return flush(shardId, shard);
        return std::nullopt;
    }

    std::optional<StoreError> flush(const QString &shardId, ShardImport &shard)
    {
        if (shard.batch.empty())
            return std::nullopt;
        auto inserted = m_store.insertRecords(m_stream, shardId, shard.batch);
        if (!inserted)
            return inserted.error();
        m_stored += qint64(shard.batch.size());
        shard.batch.clear();
        return std::nullopt;
    }

    StreamStore &m_store;
    QString m_stream;
    std::map<QString, ShardImport> m_shards;
    qint64 m_stored = 0;
    qint64 m_aggregates = 0;
    QStringList m_warnings;
};

std::optional<SequenceNumber> sequenceOf(const std::optional<QString> &text)
{
    if (!text)
        return std::nullopt;
    return SequenceNumber::parse(*text, 0);
}

} // namespace

int streamImportCommand(const QStringList &arguments)
{
    QLoggingCategory::setFilterRules(u"qmld.store.info=false"_s);
    SubcommandParser command(
        {u"import"_s,
         tr("Load a capture file (qmld capture, a console export) into a new stream with the capture's shard ids, "
            "parents, hash key ranges, closed shards and sequence numbers. KPL user records go back into one "
            "aggregate per sequence number, so the daemon delivers them again with the same sub-sequence numbers. "
            "Imported records keep their arrival times and are not trimmed by retention unless "
            "--retention-hours is given."),
         u"FILE [--as NAME]"_s},
        true);
    const QCommandLineOption as(u"as"_s, tr("The new stream's name (default: the stream named in the capture)."),
                                u"NAME"_s);
    const QCommandLineOption retention(u"retention-hours"_s, tr("Keep records this many hours after their arrival."),
                                       u"HOURS"_s);
    command.parser().addOption(as);
    command.parser().addOption(retention);
    command.parser().addPositionalArgument(u"FILE"_s, tr("The capture file (JSON lines, optionally gzip)."));
    if (auto exit = command.parse(arguments, 1))
        return *exit;
    std::chrono::milliseconds retentionPeriod = kImportRetention;
    if (command.parser().isSet(retention)) {
        bool ok = false;
        const double hours = command.parser().value(retention).toDouble(&ok);
        if (!ok || hours <= 0)
            return command.usageError(tr("--retention-hours must be a positive number, not '%1'")
                                          .arg(command.parser().value(retention)));
        retentionPeriod = std::chrono::milliseconds(qint64(hours * 3'600'000.0));
    }

    const QString path = command.positional().constFirst();
    CaptureReader reader;
    if (!reader.open(path))
        return reportError(reader.errorString(), ExitConfiguration);
    const CaptureHeader &header = reader.header();
    const QString name = command.parser().isSet(as) ? command.parser().value(as) : header.stream;
    if (name.isEmpty())
        return command.usageError(tr("%1 names no stream: give the new stream's name with --as NAME").arg(path));
    if (header.shards.empty())
        return reportError(tr("%1 lists no shards in its header: nothing to import").arg(path), ExitConfiguration);

    std::vector<ShardLayout> layout;
    for (const CaptureHeader::Shard &shard : header.shards) {
        ShardLayout entry;
        entry.shardId = shard.shardId;
        if (!shard.parentShardId.isEmpty())
            entry.parentShardId = shard.parentShardId;
        if (!shard.adjacentParentShardId.isEmpty())
            entry.adjacentParentShardId = shard.adjacentParentShardId;
        // A console export names its shard but not its range: the whole key space.
        const bool noRange = shard.startingHashKey.isEmpty() && shard.endingHashKey.isEmpty();
        const auto range = noRange ? std::optional(HashKeyRange{HashKey(0), HashKey::max()})
                                   : HashKeyRange::parse(shard.startingHashKey.toLatin1(), shard.endingHashKey.toLatin1());
        if (!range)
            return reportError(tr("%1: shard %2 has no valid hash key range in the header").arg(path, shard.shardId),
                               ExitConfiguration);
        entry.hashKeyRange = *range;
        entry.startingSequenceNumber = sequenceOf(shard.startingSequenceNumber);
        entry.endingSequenceNumber = sequenceOf(shard.endingSequenceNumber);
        layout.push_back(std::move(entry));
    }

    auto opened = openStore(command.storePath(), StreamStore::OpenMode::CreateIfMissing);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    if (store.describeStream(name).ok())
        return reportError({StoreError::Code::StreamExists,
                            tr("stream \"%1\" already exists in store %2: import under another name with --as NAME, "
                               "or delete it first")
                                .arg(name, store.path())});
    auto created = store.createStreamWithLayout(name, layout, retentionPeriod);
    if (!created)
        return reportError(created.error());

    Importer importer(store, name);
    qint64 userRecords = 0;
    const auto fail = [&](const QString &message, int exitCode) {
        // Leave no half-imported stream behind.
        store.deleteStream(name);
        return reportError(message, exitCode);
    };
    while (auto captured = reader.next()) {
        if (auto error = importer.add(*captured))
            return fail(tr("%1:%2: %3").arg(QFileInfo(path).fileName()).arg(reader.lineNumber()).arg(error->message),
                        exitCodeFor(error->code));
        ++userRecords;
    }
    if (reader.hasError())
        return fail(reader.errorString(), ExitConfiguration);
    if (auto error = importer.finish())
        return fail(error->message, exitCodeFor(error->code));
    for (const QString &warning : importer.warnings())
        standardError() << QCoreApplication::applicationName() << ": " << warning << '\n';

    int closed = 0;
    for (const ShardLayout &shard : layout)
        closed += shard.endingSequenceNumber ? 1 : 0;
    if (command.json()) {
        const QJsonObject summary{{u"StreamName"_s, name},
                                  {u"File"_s, path},
                                  {u"Records"_s, userRecords},
                                  {u"StoredRecords"_s, importer.storedRecords()},
                                  {u"Aggregates"_s, importer.aggregates()},
                                  {u"Shards"_s, int(layout.size())},
                                  {u"ClosedShards"_s, closed},
                                  {u"Store"_s, store.path()}};
        standardOutput() << QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    } else {
        standardOutput() << tr("imported %1 records (%2 stored, %3 of them KPL aggregates) into %4 shards (%5 closed) "
                               "of stream \"%6\" in store %7")
                                .arg(userRecords)
                                .arg(importer.storedRecords())
                                .arg(importer.aggregates())
                                .arg(layout.size())
                                .arg(closed)
                                .arg(name, store.path())
                         << '\n';
    }
    return ExitOk;
}

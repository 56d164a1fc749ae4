// qmld stream put: one record, the lines of a file, or the files of a folder,
// optionally KPL-aggregated, in short transactions.

#include "StreamCommandSupport.h"
#include "TextTable.h"

#include <qmld/Kpl.h>
#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QStringDecoder>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>
#include <map>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace qmld::cli {

namespace {

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("qmld stream", text, disambiguation, n);
}

// Each transaction holds at most this much, so that other writers wait little.
constexpr qsizetype kBatchRecords = 1000;
constexpr qsizetype kBatchBytes = 4 * 1024 * 1024;
constexpr qint64 kProgressEvery = 100'000;

struct ShardTally
{
    qint64 records = 0;
    QString firstSequenceNumber;
    QString lastSequenceNumber;
};

// Puts records in batches and counts what went where.
class BatchWriter
{
public:
    BatchWriter(StreamStore &store, QString stream) : m_store(store), m_stream(std::move(stream)) {}

    std::optional<StoreError> add(PutRequest request)
    {
        m_batchBytes += request.data.size() + request.partitionKey.size();
        m_batch.push_back(std::move(request));
        if (qsizetype(m_batch.size()) >= kBatchRecords || m_batchBytes >= kBatchBytes)
            return flush();
        return std::nullopt;
    }

    std::optional<StoreError> flush()
    {
        if (m_batch.empty())
            return std::nullopt;
        auto results = m_store.putRecords(m_stream, m_batch);
        if (!results)
            return results.error();
        for (const PutResult &result : *results) {
            ShardTally &tally = m_shards[result.shardId];
            if (tally.records++ == 0)
                tally.firstSequenceNumber = result.sequenceNumber.toString();
            tally.lastSequenceNumber = result.sequenceNumber.toString();
        }
        m_stored += qint64(results->size());
        m_batch.clear();
        m_batchBytes = 0;
        return std::nullopt;
    }

    qint64 stored() const { return m_stored; }
    const std::map<QString, ShardTally> &shards() const { return m_shards; }

private:
    StreamStore &m_store;
    QString m_stream;
    std::vector<PutRequest> m_batch;
    qsizetype m_batchBytes = 0;
    qint64 m_stored = 0;
    std::map<QString, ShardTally> m_shards;
};

// Packs user records into one KPL aggregate per destination shard, as the
// KCL requires, and hands full aggregates to the writer.
class Aggregation
{
public:
    Aggregation(std::vector<ShardInfo> openShards, BatchWriter &writer)
        : m_shards(std::move(openShards)), m_writer(writer)
    {
    }

    std::optional<QString> add(const PutRequest &request, qint64 number)
    {
        const HashKey key = request.explicitHashKey.value_or(HashKey::fromPartitionKey(request.partitionKey));
        const auto shard = std::find_if(m_shards.cbegin(), m_shards.cend(),
                                        [key](const ShardInfo &s) { return s.hashKeyRange.contains(key); });
        if (shard == m_shards.cend())
            return tr("no open shard holds hash key %1").arg(key.toString());
        KplAggregator &aggregator = m_aggregators.try_emplace(shard->shardId).first->second;
        auto added = aggregator.add(request.partitionKey, request.data, request.explicitHashKey);
        if (added == KplAggregator::AddResult::Full) {
            if (auto error = put(aggregator.finish()))
                return error;
            added = aggregator.add(request.partitionKey, request.data, request.explicitHashKey);
        }
        switch (added) {
        case KplAggregator::AddResult::Added: return std::nullopt;
        case KplAggregator::AddResult::Full:
        case KplAggregator::AddResult::TooLarge:
            return tr("record %1 (%2 bytes) is too large for an aggregate").arg(number).arg(request.data.size());
        case KplAggregator::AddResult::InvalidPartitionKey:
            return tr("record %1 has an invalid partition key (empty, not UTF-8, or over 256 characters)").arg(number);
        }
        return std::nullopt;
    }

    std::optional<QString> finish()
    {
        for (auto &[shard, aggregator] : m_aggregators) {
            if (auto error = put(aggregator.finish()))
                return error;
        }
        return std::nullopt;
    }

private:
    std::optional<QString> put(std::optional<KplAggregate> aggregate)
    {
        if (!aggregate)
            return std::nullopt;
        if (auto error = m_writer.add({aggregate->partitionKey, aggregate->data, aggregate->explicitHashKey}))
            return error->message;
        return std::nullopt;
    }

    std::vector<ShardInfo> m_shards;
    BatchWriter &m_writer;
    std::map<QString, KplAggregator> m_aggregators;
};

// Calls `emit` for each record of the chosen input; returns an error line or nothing.
using RecordSink = std::function<std::optional<QString>(PutRequest, qint64 number)>;

std::optional<QString> readLines(const QString &path, const std::optional<QByteArray> &partitionKey,
                                 std::optional<HashKey> explicitHashKey, const RecordSink &emit)
{
    QFile file;
    const bool opened = path == u"-"_s ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path),
                                                                                  file.open(QIODevice::ReadOnly));
    if (!opened)
        return tr("cannot read lines from %1: %2").arg(path, file.errorString());
    qint64 number = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        // Every line, even a blank one, ends in '\n' or has data: an empty
        // read is the end of input (a pipe reports atEnd() only after it).
        if (line.isEmpty()) {
            if (file.error() != QFileDevice::NoError)
                return tr("cannot read lines from %1: %2").arg(path, file.errorString());
            break;
        }
        if (line.endsWith('\n'))
            line.chop(line.endsWith("\r\n") ? 2 : 1);
        ++number;
        if (auto error = emit({partitionKey.value_or(QByteArray::number(number)), line, explicitHashKey}, number))
            return error;
    }
    return std::nullopt;
}

std::optional<QString> readDirectory(const QString &path, const std::optional<QByteArray> &partitionKey,
                                      std::optional<HashKey> explicitHashKey, const RecordSink &emit)
{
    const QDir dir(path);
    if (!dir.exists())
        return tr("no folder %1").arg(path);
    qint64 number = 0;
    const auto files = dir.entryList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString &name : files) {
        const QString filePath = dir.filePath(name);
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly))
            return tr("cannot read %1: %2").arg(filePath, file.errorString());
        ++number;
        if (auto error = emit({partitionKey.value_or(filePath.toUtf8()), file.readAll(), explicitHashKey}, number))
            return error;
    }
    return std::nullopt;
}

void printResult(const QString &stream, const QString &storePath, qint64 userRecords, const BatchWriter &writer,
                 bool aggregated, bool json)
{
    if (json) {
        QJsonArray shards;
        for (const auto &[shard, tally] : writer.shards())
            shards.append(QJsonObject{{u"ShardId"_s, shard},
                                      {u"RecordCount"_s, tally.records},
                                      {u"FirstSequenceNumber"_s, tally.firstSequenceNumber},
                                      {u"LastSequenceNumber"_s, tally.lastSequenceNumber}});
        const QJsonObject result{{u"StreamName"_s, stream},       {u"Store"_s, storePath},
                                 {u"RecordCount"_s, userRecords}, {u"StoredRecordCount"_s, writer.stored()},
                                 {u"Aggregated"_s, aggregated},   {u"Shards"_s, shards}};
        standardOutput() << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        return;
    }
    const QString what = aggregated ? tr("put %n record(s) as %1 aggregated record(s)", nullptr, int(userRecords))
                                          .arg(writer.stored())
                                    : tr("put %n record(s)", nullptr, int(userRecords));
    standardOutput() << what << ' ' << tr("to stream %1 in store %2").arg(stream, storePath) << '\n';
    if (writer.shards().empty())
        return;
    standardOutput() << '\n';
    TextTable table({tr("SHARD"), tr("RECORDS"), tr("FIRST SEQUENCE NUMBER"), tr("LAST SEQUENCE NUMBER")});
    table.setRightAligned(1);
    for (const auto &[shard, tally] : writer.shards())
        table.addRow({shard, QString::number(tally.records), tally.firstSequenceNumber, tally.lastSequenceNumber});
    table.print(standardOutput());
}

} // namespace

SubcommandSpec streamPutSpec()
{
    return {u"put"_s,
            tr("Put records: one (--data with --partition-key), one per line of a file (--lines, partition key = "
               "line number unless given), or one per file of a folder (--from-dir, partition key = file path); "
               "--aggregate packs them into KPL aggregates, as the Kinesis Producer Library does."),
            u"NAME (--data TEXT --partition-key K | --lines FILE | --from-dir DIR) [--aggregate]"_s};
}

int streamPut(const QStringList &arguments)
{
    SubcommandParser command(streamPutSpec(), true);
    const QCommandLineOption data(u"data"_s, tr("Put one record with these bytes (kept as given, UTF-8 or not)."), u"TEXT"_s);
    const QCommandLineOption lines(u"lines"_s, tr("Put one record per line of FILE ('-' for standard input)."),
                                   u"FILE"_s);
    const QCommandLineOption fromDir(u"from-dir"_s, tr("Put one record per file in DIR (not recursive)."), u"DIR"_s);
    const QCommandLineOption partitionKeyOption(u"partition-key"_s, tr("The partition key of every record."), u"K"_s);
    const QCommandLineOption explicitHashKeyOption(u"explicit-hash-key"_s,
                                                   tr("Route every record by this hash key instead of its partition key."),
                                                   u"HASHKEY"_s);
    const QCommandLineOption aggregate(u"aggregate"_s,
                                       tr("KPL-aggregate the records: one aggregate per shard, as the KCL requires."));
    for (const auto *option : {&data, &lines, &fromDir, &partitionKeyOption, &explicitHashKeyOption, &aggregate})
        command.parser().addOption(*option);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 1))
        return *exit;

    const QCommandLineParser &parser = command.parser();
    const int inputs = int(parser.isSet(data)) + int(parser.isSet(lines)) + int(parser.isSet(fromDir));
    if (inputs != 1)
        return command.usageError(tr("give exactly one of --data, --lines and --from-dir"));
    if (parser.isSet(data) && !parser.isSet(partitionKeyOption))
        return command.usageError(tr("--data needs --partition-key"));
    std::optional<QByteArray> partitionKey;
    // The bytes as typed: a value that is not UTF-8 is kept, not turned into U+FFFD.
    if (parser.isSet(partitionKeyOption)) {
        partitionKey = rawOptionValue(u"partition-key"_s).value_or(parser.value(partitionKeyOption).toUtf8());
        if (!isUtf8(*partitionKey))
            return command.usageError(tr("--partition-key is not UTF-8: a partition key is Unicode text (Kinesis "
                                         "refuses other bytes); the record was not put"));
    }
    std::optional<HashKey> explicitHashKey;
    if (parser.isSet(explicitHashKeyOption)) {
        explicitHashKey = HashKey::parse(QStringView(parser.value(explicitHashKeyOption)));
        if (!explicitHashKey)
            return command.usageError(tr("--explicit-hash-key '%1' is not a hash key (a decimal number from 0 to "
                                         "2^128 - 1)")
                                          .arg(parser.value(explicitHashKeyOption)));
    }

    auto opened = openStore(command.storePath(), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    const QString stream = command.positional().constFirst();

    BatchWriter writer(store, stream);
    std::optional<Aggregation> aggregation;
    if (parser.isSet(aggregate)) {
        auto description = store.describeStream(stream);
        if (!description)
            return reportError(description.error());
        std::vector<ShardInfo> open;
        std::copy_if(description->shards.cbegin(), description->shards.cend(), std::back_inserter(open),
                     [](const ShardInfo &shard) { return shard.isOpen(); });
        aggregation.emplace(std::move(open), writer);
    }

    const bool showProgress = ::isatty(STDERR_FILENO);
    qint64 userRecords = 0;
    std::optional<StoreError> storeError;
    const RecordSink emit = [&](PutRequest request, qint64 number) -> std::optional<QString> {
        if (aggregation) {
            if (auto error = aggregation->add(request, number))
                return error;
        } else if ((storeError = writer.add(std::move(request)))) {
            return storeError->message;
        }
        if (++userRecords % kProgressEvery == 0 && showProgress) {
            standardError() << '\r' << tr("%1 records…").arg(userRecords);
            standardError().flush();
        }
        return std::nullopt;
    };

    std::optional<QString> error;
    if (parser.isSet(data))
        error = emit({*partitionKey, rawOptionValue(u"data"_s).value_or(parser.value(data).toUtf8()), explicitHashKey}, 1);
    else if (parser.isSet(lines))
        error = readLines(parser.value(lines), partitionKey, explicitHashKey, emit);
    else
        error = readDirectory(parser.value(fromDir), partitionKey, explicitHashKey, emit);
    if (!error && aggregation)
        error = aggregation->finish();
    if (!error && (storeError = writer.flush()))
        error = storeError->message;
    if (showProgress && userRecords >= kProgressEvery)
        standardError() << '\n';
    if (error) {
        const QString written = writer.stored() > 0 ? tr(" (%1 records were stored before this)").arg(writer.stored())
                                                    : QString();
        return reportError(*error + written, storeError ? exitCodeFor(storeError->code) : ExitFailure);
    }

    printResult(stream, store.path(), userRecords, writer, aggregation.has_value(), command.json());
    if (auto trimmed = store.trimExpired(); !trimmed)
        standardError() << QCoreApplication::applicationName() << ": " << trimmed.error().message << '\n';
    return ExitOk;
}

} // namespace qmld::cli

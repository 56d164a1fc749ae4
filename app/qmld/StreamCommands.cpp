// qmld stream: create, list, describe, delete, put, read, split and merge
// streams in the embedded store. A thin layer over qmld::StreamStore.

#include "Commands.h"
#include "StreamCommandSupport.h"
#include "TextTable.h"

#include <qmld/Kpl.h>
#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QLoggingCategory>

#include <chrono>
#include <functional>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::cli;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld stream", text);
}

// Kinesis reads return at most 10,000 records; so does each batch here.
constexpr int kReadBatch = 10000;

// ---- JSON in the shape of the Kinesis API (and `aws kinesis`) ----

QJsonObject shardJson(const ShardInfo &shard)
{
    QJsonObject object{
        {u"ShardId"_s, shard.shardId},
        {u"HashKeyRange"_s,
         QJsonObject{{u"StartingHashKey"_s, shard.hashKeyRange.starting.toString()},
                     {u"EndingHashKey"_s, shard.hashKeyRange.ending.toString()}}},
    };
    QJsonObject sequenceRange{{u"StartingSequenceNumber"_s, shard.startingSequenceNumber.toString()}};
    if (shard.endingSequenceNumber)
        sequenceRange.insert(u"EndingSequenceNumber"_s, shard.endingSequenceNumber->toString());
    object.insert(u"SequenceNumberRange"_s, sequenceRange);
    if (shard.parentShardId)
        object.insert(u"ParentShardId"_s, *shard.parentShardId);
    if (shard.adjacentParentShardId)
        object.insert(u"AdjacentParentShardId"_s, *shard.adjacentParentShardId);
    object.insert(u"Open"_s, shard.isOpen());
    if (shard.recordCount >= 0)
        object.insert(u"RecordCount"_s, qint64(shard.recordCount));
    return object;
}

QJsonArray shardsJson(const std::vector<ShardInfo> &shards)
{
    QJsonArray array;
    for (const ShardInfo &shard : shards)
        array.append(shardJson(shard));
    return array;
}

QJsonObject summaryJson(const StreamSummary &summary)
{
    return {
        {u"StreamName"_s, summary.name},
        {u"StreamStatus"_s, u"ACTIVE"_s},
        {u"RetentionPeriodHours"_s, double(summary.retention.count()) / 3'600'000.0},
        {u"StreamCreationTimestamp"_s, double(summary.creationTimestampMs) / 1000.0},
        {u"OpenShardCount"_s, summary.openShardCount},
        {u"ShardCount"_s, summary.shardCount},
    };
}

QJsonObject descriptionJson(const StreamDescription &description, const QString &storePath)
{
    QJsonObject stream = summaryJson(description.summary);
    stream.insert(u"Shards"_s, shardsJson(description.shards));
    stream.insert(u"Store"_s, storePath);
    return QJsonObject{{u"StreamDescription"_s, stream}};
}

// One record exactly as the daemon delivers it in processRecords (with its
// shard when several are read).
QByteArray recordJsonLine(const StreamRecord &record, const QString &shardId = {})
{
    QJsonObject object{
        {u"action"_s, u"record"_s},
        {u"data"_s, QString::fromLatin1(record.data.toBase64())},
        {u"partitionKey"_s, record.partitionKey ? QJsonValue(record.partitionKeyString()) : QJsonValue()},
        {u"sequenceNumber"_s, record.sequenceNumber.toString()},
        {u"subSequenceNumber"_s, qint64(record.sequenceNumber.subSequence())},
        {u"approximateArrivalTimestamp"_s, record.approximateArrivalTimestamp
                                                ? QJsonValue(qint64(*record.approximateArrivalTimestamp))
                                                : QJsonValue()},
    };
    if (!shardId.isEmpty())
        object.insert(u"shardId"_s, shardId);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

void printJson(const QJsonObject &object)
{
    standardOutput() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

// ---- human output ----

QString retentionText(std::chrono::milliseconds retention)
{
    const auto hours = std::chrono::duration_cast<std::chrono::hours>(retention);
    if (hours == retention)
        return tr("%1 h").arg(hours.count());
    return tr("%1 s").arg(std::chrono::duration_cast<std::chrono::seconds>(retention).count());
}

void printShards(const std::vector<ShardInfo> &shards)
{
    TextTable table({tr("SHARD"), tr("STATE"), tr("PARENT"), tr("ADJACENT PARENT"), tr("RECORDS"),
                     tr("STARTING HASH KEY"), tr("ENDING HASH KEY"), tr("STARTING SEQUENCE NUMBER"),
                     tr("ENDING SEQUENCE NUMBER")});
    table.setRightAligned(4);
    table.setRightAligned(5);
    table.setRightAligned(6);
    for (const ShardInfo &shard : shards) {
        table.addRow({shard.shardId, shard.isOpen() ? tr("open") : tr("closed"), shard.parentShardId.value_or(u"-"_s),
                      shard.adjacentParentShardId.value_or(u"-"_s),
                      shard.recordCount >= 0 ? QString::number(shard.recordCount) : u"-"_s,
                      shard.hashKeyRange.starting.toString(), shard.hashKeyRange.ending.toString(),
                      shard.startingSequenceNumber.toString(),
                      shard.endingSequenceNumber ? shard.endingSequenceNumber->toString() : u"-"_s});
    }
    table.print(standardOutput());
}

// As the console's preview shows it: JSON (whatever whitespace ends it) as
// compact JSON, UTF-8 text with its line breaks shown as \n, anything else as hex.
QString dataPreview(const QByteArray &data)
{
    constexpr qsizetype kMax = 60;
    const auto elided = [](QString text) {
        if (text.size() > kMax) {
            text.truncate(kMax);
            text += u"…"_s;
        }
        return text;
    };
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(data, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull()) {
        const QByteArray text = data.trimmed();
        return elided(QString::fromUtf8(text.contains('\n') ? json.toJson(QJsonDocument::Compact) : text));
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(data);
    const bool readable = !utf8.hasError() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == u'\n' || c == u'\r' || c == u'\t' || (c.isPrint() && c != QChar::ReplacementCharacter);
    });
    if (readable)
        return elided(text.replace(u'\\', u"\\\\"_s).replace(u'\n', u"\\n"_s).replace(u'\r', u"\\r"_s)
                          .replace(u'\t', u"\\t"_s));
    QString hex = u"0x"_s + QString::fromLatin1(data.left(kMax / 2).toHex());
    if (data.size() > kMax / 2)
        hex += u"…"_s;
    return hex;
}

// ---- subcommands ----

SubcommandSpec createSpec()
{
    return {u"create"_s, tr("Create a stream with N shards over evenly split hash key ranges."), u"NAME --shards N"_s};
}

int createCommand(const QStringList &arguments)
{
    SubcommandParser command(createSpec(), true);
    const QCommandLineOption shards(u"shards"_s, tr("Number of shards (1 to %1).").arg(StreamStore::kMaxShardCount),
                                    u"N"_s);
    const QCommandLineOption retention(u"retention-hours"_s, tr("Keep records this many hours (default 24)."),
                                       u"HOURS"_s);
    command.parser().addOption(shards);
    command.parser().addOption(retention);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 1))
        return *exit;
    bool ok = false;
    const int shardCount = command.parser().value(shards).toInt(&ok);
    if (!command.parser().isSet(shards) || !ok)
        return command.usageError(tr("--shards N is required: a number of shards from 1 to %1")
                                      .arg(StreamStore::kMaxShardCount));
    std::chrono::milliseconds retentionPeriod = StreamStore::kDefaultRetention;
    if (command.parser().isSet(retention)) {
        const double hours = command.parser().value(retention).toDouble(&ok);
        if (!ok || hours <= 0)
            return command.usageError(tr("--retention-hours must be a positive number, not '%1'")
                                          .arg(command.parser().value(retention)));
        retentionPeriod = std::chrono::milliseconds(qint64(hours * 3'600'000.0));
    }

    auto opened = openStore(command.storePath(), StreamStore::OpenMode::CreateIfMissing);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    const QString name = command.positional().constFirst();
    auto created = store.createStream(name, shardCount, retentionPeriod);
    if (!created)
        return reportError(created.error());
    if (command.json()) {
        printJson(descriptionJson(*created, store.path()));
    } else {
        standardOutput() << (shardCount == 1 ? tr("created stream \"%1\" with 1 shard in store %2").arg(name, store.path())
                                          : tr("created stream \"%1\" with %2 shards in store %3").arg(name).arg(shardCount).arg(store.path()))
                         << '\n';
    }
    return ExitOk;
}

SubcommandSpec listSpec()
{
    return {u"list"_s, tr("List the streams in the store."), QString()};
}

int listCommand(const QStringList &arguments)
{
    SubcommandParser command(listSpec(), true);
    if (auto exit = command.parse(arguments, 0))
        return *exit;
    auto opened = openStore(command.storePath(), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    auto listed = std::get<StreamStore>(opened).listStreams();
    if (!listed)
        return reportError(listed.error());
    const std::vector<StreamSummary> streams = std::move(listed).value();

    if (command.json()) {
        QJsonArray names, summaries;
        for (const StreamSummary &summary : streams) {
            names.append(summary.name);
            summaries.append(summaryJson(summary));
        }
        printJson({{u"StreamNames"_s, names}, {u"StreamSummaries"_s, summaries}, {u"Store"_s, command.storePath()}});
        return ExitOk;
    }
    if (streams.empty()) {
        standardOutput() << tr("no streams in store %1").arg(command.storePath()) << '\n';
        return ExitOk;
    }
    TextTable table({tr("STREAM"), tr("OPEN SHARDS"), tr("SHARDS"), tr("RETENTION"), tr("CREATED")});
    table.setRightAligned(1);
    table.setRightAligned(2);
    table.setRightAligned(3);
    for (const StreamSummary &summary : streams)
        table.addRow({summary.name, QString::number(summary.openShardCount), QString::number(summary.shardCount),
                      retentionText(summary.retention), formatTimestamp(summary.creationTimestampMs)});
    table.print(standardOutput());
    return ExitOk;
}

SubcommandSpec describeSpec()
{
    return {u"describe"_s, tr("Show a stream's shards: hash key ranges, sequence number ranges, parents, state."),
            u"NAME"_s};
}

int describeCommand(const QStringList &arguments)
{
    SubcommandParser command(describeSpec(), true);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 1))
        return *exit;
    auto opened = openStore(command.storePath(), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    auto description = store.describeStream(command.positional().constFirst());
    if (!description)
        return reportError(description.error());
    if (command.json()) {
        printJson(descriptionJson(*description, store.path()));
        return ExitOk;
    }
    const StreamSummary &summary = description->summary;
    standardOutput() << tr("stream %1 in store %2").arg(summary.name, store.path()) << '\n'
                     << tr("created %1, retention %2, %3 open of %4 shards")
                            .arg(formatTimestamp(summary.creationTimestampMs), retentionText(summary.retention))
                            .arg(summary.openShardCount)
                            .arg(summary.shardCount)
                     << "\n\n";
    printShards(description->shards);
    return ExitOk;
}

SubcommandSpec deleteSpec()
{
    return {u"delete"_s, tr("Delete a stream and all its records."), u"NAME"_s};
}

int deleteCommand(const QStringList &arguments)
{
    SubcommandParser command(deleteSpec(), false);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 1))
        return *exit;
    auto opened = openStore(command.storePath(), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    const QString name = command.positional().constFirst();
    if (auto deleted = store.deleteStream(name); !deleted)
        return reportError(deleted.error());
    standardOutput() << tr("deleted stream \"%1\" from store %2").arg(name, store.path()) << '\n';
    return ExitOk;
}

SubcommandSpec readSpec()
{
    return {u"read"_s,
            tr("Read records as the daemon delivers them: KPL aggregates unpacked into their user records (with "
               "sub-sequence numbers; --raw shows them as stored), every shard in turn (parents first) unless "
               "--shard names one. DATA shows JSON as JSON, text as text, anything else as hex. "
               "--json prints one JSON record per line."),
            u"NAME [--shard ID]"_s};
}

int readCommand(const QStringList &arguments)
{
    SubcommandParser command(readSpec(), true);
    const QCommandLineOption shardOption(u"shard"_s, tr("The shard: shardId-000000000000, or just 0 (default: every "
                                                        "shard, parents before children)."),
                                         u"ID"_s);
    const QCommandLineOption from(u"from"_s,
                                  tr("Where to start: TRIM_HORIZON (default), LATEST, AT_TIMESTAMP:T (T in ISO 8601 "
                                     "or epoch milliseconds), or with --shard AT_SEQUENCE_NUMBER:SEQ or "
                                     "AFTER_SEQUENCE_NUMBER:SEQ."),
                                  u"POSITION"_s, u"TRIM_HORIZON"_s);
    const QCommandLineOption limitOption(u"limit"_s, tr("Read at most N records in all (default: up to the tip)."),
                                         u"N"_s);
    const QCommandLineOption rawOption(u"raw"_s, tr("Show KPL aggregates as stored, not unpacked."));
    command.parser().addOptions({shardOption, from, limitOption, rawOption});
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 1))
        return *exit;
    auto position = parsePosition(command.parser().value(from));
    if (!position)
        return command.usageError(tr("--from '%1' is not TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, "
                                     "AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T")
                                      .arg(command.parser().value(from)));
    const bool bySequence = position->type == ShardPosition::Type::AtSequenceNumber
        || position->type == ShardPosition::Type::AfterSequenceNumber;
    if (bySequence && !command.parser().isSet(shardOption))
        return command.usageError(tr("--from %1 names a record of one shard: give --shard")
                                      .arg(command.parser().value(from)));
    qint64 limit = std::numeric_limits<qint64>::max();
    if (command.parser().isSet(limitOption)) {
        bool ok = false;
        limit = command.parser().value(limitOption).toLongLong(&ok);
        if (!ok || limit < 1)
            return command.usageError(tr("--limit must be a positive number, not '%1'")
                                          .arg(command.parser().value(limitOption)));
    }
    const bool unpack = !command.parser().isSet(rawOption);

    auto opened = openStore(command.storePath(), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    const QString stream = command.positional().constFirst();
    auto description = store.describeStream(stream);
    if (!description)
        return reportError(description.error());
    std::vector<const ShardInfo *> shards;
    if (command.parser().isSet(shardOption)) {
        const QString shardId = shardIdArgument(command.parser().value(shardOption));
        const auto it = std::find_if(description->shards.cbegin(), description->shards.cend(),
                                     [&shardId](const ShardInfo &shard) { return shard.shardId == shardId; });
        if (it == description->shards.cend())
            return reportError({StoreError::Code::ShardNotFound,
                                tr("no shard \"%1\" in stream \"%2\" (store %3)").arg(shardId, stream, store.path())});
        shards.push_back(&*it);
    } else {
        for (const ShardInfo &shard : description->shards)
            shards.push_back(&shard);
        // Shard ids count up as shards are made: id order puts parents first.
        std::sort(shards.begin(), shards.end(),
                  [](const ShardInfo *a, const ShardInfo *b) { return a->shardId < b->shardId; });
    }
    const bool several = shards.size() > 1;

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return reportError(tr("cannot write to standard output"), ExitFailure);
    QStringList headers{tr("SEQUENCE NUMBER"), tr("ARRIVAL (UTC)"), tr("PARTITION KEY"), tr("BYTES"), tr("DATA")};
    if (several)
        headers.prepend(tr("SHARD"));
    TextTable table(headers);
    table.setRightAligned(several ? 4 : 3);
    QStringList summaries;
    qint64 count = 0;
    std::vector<StreamRecord> delivered;
    for (const ShardInfo *shard : shards) {
        DeaggregationOptions options;
        options.formats = kpl::Format::Standard; // as the embedded daemon, like the KCL
        options.shardHashRange = shard->hashKeyRange;
        std::optional<ShardPosition> next = position;
        std::int64_t millisBehindLatest = 0;
        qint64 shardCount = 0;
        while (next && count < limit) {
            auto read = store.readRecords(stream, shard->shardId, *next,
                                          int(std::min<qint64>(kReadBatch, limit - count)));
            if (!read)
                return reportError(read.error());
            next = read->nextPosition;
            millisBehindLatest = read->millisBehindLatest;
            delivered.clear();
            for (StreamRecord &record : read->records) {
                if (!unpack) {
                    delivered.push_back(std::move(record));
                    continue;
                }
                DeaggregationWarning warning;
                const auto outcome = appendDeaggregated(std::move(record), delivered, options, &warning);
                if (outcome == DeaggregationOutcome::Malformed || outcome == DeaggregationOutcome::DroppedOutOfHashRange)
                    standardError() << QCoreApplication::applicationName() << ": " << shard->shardId << ": "
                                    << warning.message << '\n';
            }
            if (qint64(delivered.size()) > limit - count)
                delivered.resize(std::size_t(limit - count));
            for (const StreamRecord &record : delivered) {
                if (command.json()) {
                    out.write(recordJsonLine(record, several ? shard->shardId : QString()));
                    continue;
                }
                QStringList row{record.sequenceNumber.display(), formatTimestamp(*record.approximateArrivalTimestamp),
                                record.partitionKeyString(), QString::number(record.data.size()),
                                dataPreview(record.data)};
                if (several)
                    row.prepend(shard->shardId);
                table.addRow(row);
            }
            count += qint64(delivered.size());
            shardCount += qint64(delivered.size());
            if (read->atTip)
                break;
        }
        summaries << (shardCount == 1 ? tr("1 record from %1 of stream %2; ").arg(shard->shardId, stream)
                                      : tr("%1 records from %2 of stream %3; ").arg(shardCount).arg(shard->shardId, stream))
                         + (next ? tr("next: %1, %2 ms behind latest").arg(next->toString()).arg(millisBehindLatest)
                                 : tr("the shard is closed and read to its end (SHARD_END)"));
        if (count >= limit)
            break;
    }
    if (command.json())
        return ExitOk;
    out.close();
    if (!table.isEmpty())
        table.print(standardOutput());
    for (const QString &summary : std::as_const(summaries))
        standardOutput() << summary << '\n';
    return ExitOk;
}

SubcommandSpec splitSpec()
{
    return {u"split"_s,
            tr("Split an open shard in two, as Kinesis SplitShard: the shard closes, two children open."),
            u"NAME SHARD"_s};
}

int splitCommand(const QStringList &arguments)
{
    SubcommandParser command(splitSpec(), true);
    const QCommandLineOption at(u"at"_s,
                                tr("The second child's starting hash key (default: the middle of the shard's range)."),
                                u"HASHKEY"_s);
    command.parser().addOption(at);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    command.parser().addPositionalArgument(u"SHARD"_s, tr("The shard to split."));
    if (auto exit = command.parse(arguments, 2))
        return *exit;
    std::optional<HashKey> splitKey;
    if (command.parser().isSet(at)) {
        splitKey = HashKey::parse(QStringView(command.parser().value(at)));
        if (!splitKey)
            return command.usageError(tr("--at '%1' is not a hash key (a decimal number from 0 to 2^128 - 1)")
                                          .arg(command.parser().value(at)));
    }
    auto opened = openStore(command.storePath(), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    const QString stream = command.positional().at(0);
    const QString shard = shardIdArgument(command.positional().at(1));
    auto children = store.splitShard(stream, shard, splitKey);
    if (!children)
        return reportError(children.error());
    if (command.json()) {
        printJson({{u"StreamName"_s, stream}, {u"ParentShardId"_s, shard}, {u"ChildShards"_s, shardsJson(*children)}});
        return ExitOk;
    }
    standardOutput() << tr("split %1 of stream %2 into %3 and %4")
                            .arg(shard, stream, children->at(0).shardId, children->at(1).shardId)
                     << "\n\n";
    printShards(*children);
    return ExitOk;
}

SubcommandSpec mergeSpec()
{
    return {u"merge"_s,
            tr("Merge two open shards with adjacent hash key ranges, as Kinesis MergeShards: both close, one child "
               "opens."),
            u"NAME SHARD ADJACENT_SHARD"_s};
}

int mergeCommand(const QStringList &arguments)
{
    SubcommandParser command(mergeSpec(), true);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    command.parser().addPositionalArgument(u"SHARD"_s, tr("The shard to merge (the child's parent)."));
    command.parser().addPositionalArgument(u"ADJACENT_SHARD"_s,
                                           tr("The shard next to it (the child's adjacent parent)."));
    if (auto exit = command.parse(arguments, 3))
        return *exit;
    auto opened = openStore(command.storePath(), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    const QString stream = command.positional().at(0);
    const QString shard = shardIdArgument(command.positional().at(1));
    const QString adjacent = shardIdArgument(command.positional().at(2));
    auto child = store.mergeShards(stream, shard, adjacent);
    if (!child)
        return reportError(child.error());
    if (command.json()) {
        printJson({{u"StreamName"_s, stream}, {u"ChildShard"_s, shardJson(*child)}});
        return ExitOk;
    }
    standardOutput() << tr("merged %1 and %2 of stream %3 into %4").arg(shard, adjacent, stream, child->shardId)
                     << "\n\n";
    printShards({*child});
    return ExitOk;
}

struct Subcommand
{
    SubcommandSpec (*spec)();
    int (*run)(const QStringList &arguments);
};

const Subcommand kSubcommands[] = {
    {createSpec, createCommand},     {listSpec, listCommand},   {describeSpec, describeCommand},
    {deleteSpec, deleteCommand},     {streamPutSpec, streamPut}, {readSpec, readCommand},
    {splitSpec, splitCommand},       {mergeSpec, mergeCommand},
};

void printStreamUsage(QTextStream &out)
{
    const QString program = QCoreApplication::applicationName();
    out << tr("usage: %1 stream SUBCOMMAND [options]").arg(program) << "\n\n"
        << tr("Streams in the embedded store (--store PATH, else $QMLD_STORE, else %1).")
               .arg(StreamStore::defaultPath())
        << "\n\n"
        << tr("Subcommands:") << '\n';
    std::vector<SubcommandSpec> specs;
    for (const Subcommand &subcommand : kSubcommands)
        specs.push_back(subcommand.spec());
    specs.push_back(streamImportSpec());
    for (const SubcommandSpec &spec : specs)
        out << "  " << QString(spec.name + u' ' + spec.arguments).trimmed() << "\n      " << spec.description << '\n';
    out << '\n'
        << tr("Run '%1 stream SUBCOMMAND --help' for its options.").arg(program) << '\n'
        << tr("Exit codes: 0 done, 1 failed (I/O, store busy), 2 bad command line or argument, "
              "3 unknown stream or unusable store.")
        << '\n';
    out.flush();
}

} // namespace

int streamCommand(const QStringList &arguments)
{
    // The commands print what the store did; its info lines would repeat it.
    // QT_LOGGING_RULES still overrides this.
    QLoggingCategory::setFilterRules(u"qmld.store.info=false"_s);
    const QString name = arguments.value(1);
    for (const Subcommand &subcommand : kSubcommands) {
        if (subcommand.spec().name == name)
            return subcommand.run(arguments);
    }
    if (name == u"--help"_s || name == u"-h"_s || name == u"help"_s) {
        printStreamUsage(standardOutput());
        return ExitOk;
    }
    if (!name.isEmpty())
        standardError() << QCoreApplication::applicationName() << ": "
                        << tr("unknown stream subcommand '%1'").arg(name) << '\n';
    printStreamUsage(standardError());
    return ExitUsage;
}

// qmld stream list|describe|read|put --aws: the stream commands on Kinesis,
// with the JSON shapes of the embedded commands and of the Kinesis API.

#include "AwsCommandSupport.h"
#include "AwsCommands.h"
#include "Commands.h"
#include "StreamCommandSupport.h"
#include "TextTable.h"

#include <qmld/aws/ShardReader.h>

#include <qmld/Kpl.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::aws;
using namespace qmld::cli;

int awsCaptureCommand(const QStringList &arguments); // AwsCaptureCommand.cpp

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld aws", text);
}

void printJson(const QJsonObject &object)
{
    standardOutput() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    standardOutput().flush();
}

QString epochText(const QJsonValue &seconds)
{
    return seconds.isDouble() ? formatTimestamp(qint64(seconds.toDouble() * 1000.0)) : u"-"_s;
}

// --------------------------------------------------------------- list

int listCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"stream list"_s, u"stream list --aws [options]"_s, tr("List the account's Kinesis streams."));
    if (auto exit = command.parse(arguments, 2, 0))
        return *exit;
    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    const auto listed = await<QJsonObject>([&](auto done) { session->kinesis().listStreams(nullptr, done); });
    if (!listed.ok())
        return reportAwsError(listed.error);
    if (command.json()) {
        printJson(listed.value);
        return ExitOk;
    }
    const QJsonArray summaries = listed.value["StreamSummaries"_L1].toArray();
    if (summaries.isEmpty()) {
        standardOutput() << tr("no streams in %1").arg(session->settings().region) << '\n';
        return ExitOk;
    }
    TextTable table({tr("STREAM"), tr("STATUS"), tr("MODE"), tr("CREATED")});
    for (const QJsonValue &summary : summaries)
        table.addRow({summary["StreamName"_L1].toString(), summary["StreamStatus"_L1].toString(u"-"_s),
                      summary["StreamModeDetails"_L1]["StreamMode"_L1].toString(u"-"_s),
                      epochText(summary["StreamCreationTimestamp"_L1])});
    table.print(standardOutput());
    return ExitOk;
}

// --------------------------------------------------------------- describe

int describeCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"stream describe"_s, u"stream describe NAME --aws [options]"_s,
                           tr("Show a Kinesis stream and every shard, open and closed: parents, hash key ranges, "
                              "sequence number ranges."));
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 2, 1))
        return *exit;
    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    const QString name = command.parser().positionalArguments().constFirst();
    const auto summary = await<QJsonObject>([&](auto done) { session->kinesis().describeStreamSummary(name, nullptr, done); });
    if (!summary.ok())
        return reportAwsError(summary.error);
    const auto shards = await<QJsonArray>([&](auto done) { session->kinesis().listShards(name, nullptr, done); });
    if (!shards.ok())
        return reportAwsError(shards.error);
    QJsonObject description = summary.value;
    description.insert(u"Shards"_s, shards.value);
    if (command.json()) {
        printJson({{u"StreamDescription"_s, description}});
        return ExitOk;
    }
    standardOutput() << tr("stream %1 (%2), %3").arg(name, session->settings().region, description["StreamStatus"_L1].toString())
                     << '\n'
                     << tr("created %1, retention %2 h, %3 open shards")
                            .arg(epochText(description["StreamCreationTimestamp"_L1]))
                            .arg(description["RetentionPeriodHours"_L1].toInt())
                            .arg(description["OpenShardCount"_L1].toInt())
                     << "\n\n";
    TextTable table({tr("SHARD"), tr("STATE"), tr("PARENT"), tr("ADJACENT PARENT"), tr("STARTING HASH KEY"),
                     tr("ENDING HASH KEY"), tr("STARTING SEQUENCE NUMBER"), tr("ENDING SEQUENCE NUMBER")});
    for (const QJsonValue &shard : shards.value) {
        const QJsonObject range = shard["SequenceNumberRange"_L1].toObject();
        const bool open = !range.contains("EndingSequenceNumber"_L1);
        table.addRow({shard["ShardId"_L1].toString(), open ? tr("open") : tr("closed"), shard["ParentShardId"_L1].toString(u"-"_s),
                      shard["AdjacentParentShardId"_L1].toString(u"-"_s), shard["HashKeyRange"_L1]["StartingHashKey"_L1].toString(),
                      shard["HashKeyRange"_L1]["EndingHashKey"_L1].toString(), range["StartingSequenceNumber"_L1].toString(),
                      range["EndingSequenceNumber"_L1].toString(u"-"_s)});
    }
    table.print(standardOutput());
    return ExitOk;
}

// --------------------------------------------------------------- read

// One record exactly as the daemon delivers it in processRecords (as `qmld
// stream read --json`, with its shard when several are read).
QByteArray recordJsonLine(const StreamRecord &record, const QString &shardId)
{
    QJsonObject object{
        {u"action"_s, u"record"_s},
        {u"data"_s, QString::fromLatin1(record.data.toBase64())},
        {u"partitionKey"_s, record.partitionKey ? QJsonValue(record.partitionKeyString()) : QJsonValue()},
        {u"sequenceNumber"_s, record.sequenceNumber.toString()},
        {u"subSequenceNumber"_s, qint64(record.sequenceNumber.subSequence())},
        {u"approximateArrivalTimestamp"_s,
         record.approximateArrivalTimestamp ? QJsonValue(qint64(*record.approximateArrivalTimestamp)) : QJsonValue()},
    };
    if (!shardId.isEmpty())
        object.insert(u"shardId"_s, shardId);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

struct ShardOutcome
{
    AwsError error;
    bool ended = false;
    qint64 behind = -1;
    qint64 records = 0;
};

// Reads one shard under its pace, printing each record as JSON or adding it to `table`.
ShardOutcome readOneShard(KinesisClient &kinesis, const QString &stream, const QString &shard,
                          const ShardReadOptions &options, bool json, bool withShard, QFile &out, TextTable &table)
{
    ShardOutcome outcome;
    ShardReader reader(&kinesis, stream, shard, options);
    QObject::connect(&reader, &ShardReader::recordsArrived, &reader, [&](const std::vector<StreamRecord> &records, qint64 millisBehind) {
        outcome.behind = millisBehind;
        for (const StreamRecord &record : records) {
            if (json) {
                out.write(recordJsonLine(record, withShard ? shard : QString()));
                continue;
            }
            QStringList row{record.sequenceNumber.toString(), QString::number(record.sequenceNumber.subSequence()),
                            record.approximateArrivalTimestamp ? formatTimestamp(*record.approximateArrivalTimestamp) : u"-"_s,
                            record.partitionKeyString(), QString::number(record.data.size()), dataPreview(record.data)};
            if (withShard)
                row.prepend(shard);
            table.addRow(row);
        }
        out.flush();
    });
    QObject::connect(&reader, &ShardReader::warning, &reader, [&shard](const QString &message) {
        standardError() << QCoreApplication::applicationName() << ": " << shard << ": " << message << '\n';
        standardError().flush();
    });
    bool finished = false;
    QEventLoop loop;
    QObject::connect(&reader, &ShardReader::finished, &loop, [&](const AwsError &e, bool shardEnded, const QJsonArray &) {
        outcome.error = e;
        outcome.ended = shardEnded;
        finished = true;
        loop.quit();
    });
    reader.start();
    if (!finished)
        loop.exec();
    outcome.records = reader.recordsRead();
    return outcome;
}

int readCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"stream read"_s, u"stream read NAME --aws [--shard ID] [--from POSITION] [--limit N] [options]"_s,
                           tr("Read a Kinesis shard from a position up to its tip, KPL aggregates unpacked into their "
                              "user records; without --shard, every shard in turn (parents first). GetRecords is paced "
                              "per shard (default one call a second, never more than five, the limit Kinesis shares "
                              "with the stream's consumers)."));
    const QCommandLineOption shardOption(u"shard"_s, tr("The shard: shardId-000000000000, or just 0 (default: every "
                                                        "shard, parents before children)."),
                                         u"ID"_s);
    const QCommandLineOption fromOption(u"from"_s,
                                        tr("Where to start: TRIM_HORIZON (default), LATEST, AT_TIMESTAMP:T (ISO 8601 "
                                           "or epoch ms), or with --shard AT_SEQUENCE_NUMBER:SEQ or "
                                           "AFTER_SEQUENCE_NUMBER:SEQ."),
                                        u"POSITION"_s, u"TRIM_HORIZON"_s);
    const QCommandLineOption limitOption(u"limit"_s, tr("Read at most N records in all (default: up to the tip)."), u"N"_s);
    const QCommandLineOption rateOption = callsPerSecondOption();
    for (const auto *option : {&shardOption, &fromOption, &limitOption, &rateOption})
        command.parser().addOption(*option);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 2, 1))
        return *exit;
    QCommandLineParser &parser = command.parser();
    const auto position = StartingPosition::parse(parser.value(fromOption));
    if (!position)
        return command.usageError(tr("--from '%1' is not TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, "
                                     "AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T").arg(parser.value(fromOption)));
    const bool bySequence = position->type == StartingPosition::Type::AtSequenceNumber
        || position->type == StartingPosition::Type::AfterSequenceNumber;
    if (bySequence && !parser.isSet(shardOption))
        return command.usageError(tr("--from %1 names a record of one shard: give --shard").arg(parser.value(fromOption)));
    ShardReadOptions options;
    options.from = *position;
    int invalid = ExitOk;
    const auto limit = recordLimit(command, limitOption, options.limit, &invalid);
    if (!limit)
        return invalid;
    const auto spacing = callSpacing(command, rateOption, &invalid);
    if (!spacing)
        return invalid;
    options.interval = *spacing;

    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    const QString stream = parser.positionalArguments().constFirst();

    // The shards to read; when listed, with their hash key range (KCL's rule
    // for aggregates), and a closed one is read to its end, not just to its tip.
    struct Shard
    {
        QString id;
        std::optional<HashKeyRange> hashRange;
        bool closed = false;
    };
    std::vector<Shard> shards;
    if (parser.isSet(shardOption)) {
        shards.push_back({shardIdArgument(parser.value(shardOption)), std::nullopt, false});
    } else {
        const auto listed = await<QJsonArray>([&](auto done) { session->kinesis().listShards(stream, nullptr, done); });
        if (!listed.ok())
            return reportAwsError(listed.error);
        for (const QJsonValue &shard : listed.value)
            shards.push_back({shard["ShardId"_L1].toString(), shardHashRange(shard.toObject()),
                              shard["SequenceNumberRange"_L1].toObject().contains("EndingSequenceNumber"_L1)});
        // Kinesis numbers shards as it makes them: id order puts parents first.
        std::sort(shards.begin(), shards.end(), [](const Shard &a, const Shard &b) { return a.id < b.id; });
    }
    const bool several = shards.size() > 1;

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return reportError(tr("cannot write to standard output"), ExitFailure);
    QStringList headers{tr("SEQUENCE NUMBER"), tr("SUB"), tr("ARRIVAL (UTC)"), tr("PARTITION KEY"), tr("BYTES"), tr("DATA")};
    if (several)
        headers.prepend(tr("SHARD"));
    TextTable table(headers);
    table.setRightAligned(several ? 5 : 4);
    QStringList summaries;
    qint64 count = 0;
    for (const Shard &shard : shards) {
        options.limit = *limit - count;
        options.hashRange = shard.hashRange;
        options.stopAtTip = !shard.closed;
        const ShardOutcome read = readOneShard(session->kinesis(), stream, shard.id, options, command.json(), several, out, table);
        if (read.error.isError())
            return reportAwsError(read.error);
        count += read.records;
        summaries << (read.records == 1 ? tr("1 record from %1 of stream %2; ").arg(shard.id, stream)
                                        : tr("%1 records from %2 of stream %3; ").arg(read.records).arg(shard.id, stream))
                         + (read.ended ? tr("the shard is closed and read to its end (SHARD_END)")
                                       : tr("%1 ms behind latest").arg(read.behind));
        if (count >= *limit)
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

// --------------------------------------------------------------- put

int putCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"stream put"_s,
                           u"stream put NAME --aws (--data TEXT --partition-key K | --lines FILE | --from-dir DIR) [--aggregate] [options]"_s,
                           tr("Put records to a Kinesis stream with PutRecords (500 a call; entries Kinesis reports "
                              "failed are sent again): one (--data), one per line of a file (--lines, partition key = "
                              "line number unless given), or one per file of a folder (--from-dir, partition key = "
                              "file path)."));
    const QCommandLineOption data(u"data"_s, tr("Put one record with this text."), u"TEXT"_s);
    const QCommandLineOption lines(u"lines"_s, tr("Put one record per line of FILE ('-' for standard input)."), u"FILE"_s);
    const QCommandLineOption fromDir(u"from-dir"_s, tr("Put one record per file in DIR (not recursive)."), u"DIR"_s);
    const QCommandLineOption partitionKeyOption(u"partition-key"_s, tr("The partition key of every record."), u"K"_s);
    const QCommandLineOption aggregate(u"aggregate"_s, tr("KPL-aggregate the records: one aggregate per shard, as the KCL requires."));
    for (const auto *option : {&data, &lines, &fromDir, &partitionKeyOption, &aggregate})
        command.parser().addOption(*option);
    command.parser().addPositionalArgument(u"NAME"_s, tr("The stream name."));
    if (auto exit = command.parse(arguments, 2, 1))
        return *exit;
    QCommandLineParser &parser = command.parser();
    if (int(parser.isSet(data)) + int(parser.isSet(lines)) + int(parser.isSet(fromDir)) != 1)
        return command.usageError(tr("give exactly one of --data, --lines and --from-dir"));
    if (parser.isSet(data) && !parser.isSet(partitionKeyOption))
        return command.usageError(tr("--data needs --partition-key"));
    const std::optional<QByteArray> partitionKey =
        parser.isSet(partitionKeyOption) ? std::optional(parser.value(partitionKeyOption).toUtf8()) : std::nullopt;

    std::vector<PutEntry> entries;
    if (parser.isSet(data)) {
        entries.push_back({*partitionKey, parser.value(data).toUtf8(), {}});
    } else if (parser.isSet(lines)) {
        QFile file;
        const QString path = parser.value(lines);
        const bool opened = path == "-"_L1 ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), file.open(QIODevice::ReadOnly));
        if (!opened)
            return reportError(tr("cannot read %1: %2").arg(path, file.errorString()), ExitFailure);
        qint64 number = 0;
        while (!file.atEnd()) {
            QByteArray line = file.readLine();
            if (line.endsWith('\n'))
                line.chop(1);
            ++number;
            entries.push_back({partitionKey.value_or(QByteArray::number(number)), line, {}});
        }
    } else {
        const QDir dir(parser.value(fromDir));
        if (!dir.exists())
            return reportError(tr("no folder %1").arg(dir.path()), ExitFailure);
        for (const QFileInfo &info : dir.entryInfoList(QDir::Files, QDir::Name)) {
            QFile file(info.filePath());
            if (!file.open(QIODevice::ReadOnly))
                return reportError(tr("cannot read %1: %2").arg(info.filePath(), file.errorString()), ExitFailure);
            entries.push_back({partitionKey.value_or(info.filePath().toUtf8()), file.readAll(), {}});
        }
    }

    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    const QString stream = parser.positionalArguments().constFirst();
    const qint64 userRecords = qint64(entries.size());
    if (parser.isSet(aggregate)) {
        // One aggregate per open shard, as the KCL drops an aggregate holding another shard's records.
        const auto shards = await<QJsonArray>([&](auto done) { session->kinesis().listShards(stream, nullptr, done); });
        if (!shards.ok())
            return reportAwsError(shards.error);
        std::vector<std::pair<HashKeyRange, KplAggregator>> open;
        for (const QJsonValue &shard : shards.value)
            if (!shard["SequenceNumberRange"_L1].toObject().contains("EndingSequenceNumber"_L1))
                if (const auto range = shardHashRange(shard.toObject()))
                    open.emplace_back(*range, KplAggregator());
        std::vector<PutEntry> aggregates;
        const auto emitAggregate = [&aggregates](KplAggregator &aggregator) {
            if (auto finished = aggregator.finish())
                aggregates.push_back({finished->partitionKey, finished->data, finished->explicitHashKey.toString()});
        };
        for (const PutEntry &entry : entries) {
            const HashKey key = HashKey::fromPartitionKey(entry.partitionKey);
            const auto it = std::find_if(open.begin(), open.end(), [key](const auto &shard) { return shard.first.contains(key); });
            if (it == open.end())
                return reportError(tr("no open shard of stream %1 holds hash key %2").arg(stream, key.toString()), ExitFailure);
            auto added = it->second.add(entry.partitionKey, entry.data);
            if (added == KplAggregator::AddResult::Full) {
                emitAggregate(it->second);
                added = it->second.add(entry.partitionKey, entry.data);
            }
            if (added != KplAggregator::AddResult::Added)
                return reportError(tr("a record of %1 bytes with partition key '%2' cannot be aggregated")
                                       .arg(entry.data.size()).arg(QString::fromUtf8(entry.partitionKey)), ExitFailure);
        }
        for (auto &shard : open)
            emitAggregate(shard.second);
        entries = std::move(aggregates);
    }

    const qint64 kinesisRecords = qint64(entries.size());
    const auto put = await<PutOutcome>([&](auto done) { session->kinesis().putRecords(stream, std::move(entries), nullptr, done); });
    if (!put.ok())
        return reportAwsError(put.error);
    std::map<QString, std::tuple<qint64, QString, QString>> byShard;
    for (const QJsonValue &result : put.value.results) {
        if (result["ErrorCode"_L1].isString())
            continue;
        auto &[count, first, last] = byShard[result["ShardId"_L1].toString()];
        if (count++ == 0)
            first = result["SequenceNumber"_L1].toString();
        last = result["SequenceNumber"_L1].toString();
    }
    if (command.json()) {
        QJsonArray shards;
        for (const auto &[shard, tally] : byShard)
            shards.append(QJsonObject{{u"ShardId"_s, shard}, {u"RecordCount"_s, std::get<0>(tally)},
                                      {u"FirstSequenceNumber"_s, std::get<1>(tally)}, {u"LastSequenceNumber"_s, std::get<2>(tally)}});
        printJson({{u"StreamName"_s, stream}, {u"Region"_s, session->settings().region}, {u"RecordCount"_s, userRecords},
                   {u"StoredRecordCount"_s, kinesisRecords - put.value.failedRecordCount},
                   {u"FailedRecordCount"_s, put.value.failedRecordCount}, {u"Aggregated"_s, parser.isSet(aggregate)},
                   {u"Shards"_s, shards}, {u"Records"_s, put.value.results}});
    } else {
        standardOutput() << tr("put %1 records (%2 Kinesis records) to stream %3 in %4")
                                .arg(userRecords).arg(kinesisRecords).arg(stream, session->settings().region)
                         << '\n';
        if (!byShard.empty()) {
            TextTable table({tr("SHARD"), tr("RECORDS"), tr("FIRST SEQUENCE NUMBER"), tr("LAST SEQUENCE NUMBER")});
            table.setRightAligned(1);
            for (const auto &[shard, tally] : byShard)
                table.addRow({shard, QString::number(std::get<0>(tally)), std::get<1>(tally), std::get<2>(tally)});
            standardOutput() << '\n';
            table.print(standardOutput());
        }
    }
    if (put.value.failedRecordCount > 0)
        return reportError(tr("%1 records still failed after retries (see ErrorCode in --json)").arg(put.value.failedRecordCount),
                           ExitFailure);
    return ExitOk;
}

} // namespace

bool wantsAws(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    const QString subcommand = arguments.value(1);
    const bool supported = command == "capture"_L1
        || (command == "lease"_L1 && (subcommand == "list"_L1 || subcommand == "reset"_L1))
        || (command == "stream"_L1 && (subcommand == "list"_L1 || subcommand == "describe"_L1 || subcommand == "read"_L1
                                       || subcommand == "put"_L1));
    return supported && arguments.contains(u"--aws"_s);
}

int awsCommand(const QStringList &arguments)
{
    if (arguments.value(0) == "capture"_L1)
        return awsCaptureCommand(arguments);
    if (arguments.value(0) == "lease"_L1)
        return awsLeaseCommand(arguments);
    const QString subcommand = arguments.value(1);
    if (subcommand == "list"_L1)
        return listCommand(arguments);
    if (subcommand == "describe"_L1)
        return describeCommand(arguments);
    if (subcommand == "read"_L1)
        return readCommand(arguments);
    return putCommand(arguments);
}

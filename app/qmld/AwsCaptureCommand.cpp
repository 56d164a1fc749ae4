// qmld capture --stream NAME --aws: a capture of a Kinesis stream's shards,
// in the same format as an embedded one, so `qmld replay` runs it alike.

#include "AwsCommandSupport.h"
#include "AwsCommands.h"
#include "Commands.h"
#include "StreamCommandSupport.h"

#include <qmld/aws/ShardReader.h>

#include <qmld/CaptureFile.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::aws;
using namespace qmld::cli;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld aws", text);
}

CaptureHeader::Shard headerShard(const QJsonObject &shard)
{
    CaptureHeader::Shard entry;
    entry.shardId = shard["ShardId"_L1].toString();
    entry.parentShardId = shard["ParentShardId"_L1].toString();
    entry.adjacentParentShardId = shard["AdjacentParentShardId"_L1].toString();
    entry.startingHashKey = shard["HashKeyRange"_L1]["StartingHashKey"_L1].toString();
    entry.endingHashKey = shard["HashKeyRange"_L1]["EndingHashKey"_L1].toString();
    const QJsonObject range = shard["SequenceNumberRange"_L1].toObject();
    if (range.contains("StartingSequenceNumber"_L1))
        entry.startingSequenceNumber = range["StartingSequenceNumber"_L1].toString();
    if (range.contains("EndingSequenceNumber"_L1))
        entry.endingSequenceNumber = range["EndingSequenceNumber"_L1].toString();
    return entry;
}

} // namespace

int awsCaptureCommand(const QStringList &arguments)
{
    AwsCommandLine command(u"capture"_s,
                           u"capture --stream NAME --aws [--shard ID ...] [--from POSITION] [--to SEQ | --limit N] --out FILE [options]"_s,
                           tr("Record a Kinesis stream's shards into a capture file: records as the daemon delivers "
                              "them (KPL aggregates unpacked), after a header with the stream's shard layout; the same "
                              "format as an embedded capture, for 'qmld replay' and 'qmld stream import'. Shards are "
                              "read one after another (parents first), GetRecords paced per shard."));
    const QCommandLineOption streamOption(u"stream"_s, tr("The stream to capture."), u"NAME"_s);
    const QCommandLineOption shardOption(u"shard"_s, tr("A shard to capture (repeat for several; default: every shard)."), u"ID"_s);
    const QCommandLineOption fromOption(u"from"_s,
                                        tr("Where each shard starts: TRIM_HORIZON (default), LATEST, AT_TIMESTAMP:T, or, with "
                                           "one --shard, AT_SEQUENCE_NUMBER:SEQ or AFTER_SEQUENCE_NUMBER:SEQ."),
                                        u"POSITION"_s, u"TRIM_HORIZON"_s);
    const QCommandLineOption toOption(u"to"_s, tr("Stop each shard after the record with sequence number SEQ."), u"SEQ"_s);
    const QCommandLineOption limitOption(u"limit"_s, tr("Capture at most N records in all."), u"N"_s);
    const QCommandLineOption outOption(u"out"_s, tr("The capture file to write (replaced if it exists)."), u"FILE"_s);
    const QCommandLineOption gzipOption(u"gzip"_s, tr("Compress with gzip whatever the file name."));
    const QCommandLineOption rateOption = callsPerSecondOption();
    for (const auto *option : {&streamOption, &shardOption, &fromOption, &toOption, &limitOption, &outOption, &gzipOption, &rateOption})
        command.parser().addOption(*option);
    if (auto exit = command.parse(arguments, 1, 0))
        return *exit;
    QCommandLineParser &parser = command.parser();
    if (!parser.isSet(streamOption))
        return command.usageError(tr("--stream NAME is required"));
    if (!parser.isSet(outOption))
        return command.usageError(tr("--out FILE is required"));
    const auto position = StartingPosition::parse(parser.value(fromOption));
    if (!position)
        return command.usageError(tr("--from '%1' is not TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, "
                                     "AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T").arg(parser.value(fromOption)));
    QStringList shardIds;
    for (const QString &value : parser.values(shardOption))
        if (!shardIds.contains(shardIdArgument(value)))
            shardIds.append(shardIdArgument(value));
    if (!position->sequenceNumber.isEmpty() && shardIds.size() != 1)
        return command.usageError(tr("--from %1 names a record of one shard: give exactly one --shard").arg(parser.value(fromOption)));
    if (parser.isSet(toOption) && parser.isSet(limitOption))
        return command.usageError(tr("give --to SEQ or --limit N, not both"));
    ShardReadOptions options;
    options.from = *position;
    if (parser.isSet(toOption)) {
        options.to = SequenceNumber::parse(parser.value(toOption));
        if (!options.to || options.to->isSentinel())
            return command.usageError(tr("--to '%1' is not a sequence number").arg(parser.value(toOption)));
    }
    int invalid = ExitOk;
    const auto maybeLimit = recordLimit(command, limitOption, std::numeric_limits<qint64>::max(), &invalid);
    if (!maybeLimit)
        return invalid;
    const qint64 limit = *maybeLimit;
    const auto spacing = callSpacing(command, rateOption, &invalid);
    if (!spacing)
        return invalid;
    options.interval = *spacing;

    int exit = ExitOk;
    auto session = AwsSession::open(command.options(), &exit);
    if (!session)
        return exit;
    const QString stream = parser.value(streamOption);
    const auto shards = await<QJsonArray>([&](auto done) { session->kinesis().listShards(stream, nullptr, done); });
    if (!shards.ok())
        return reportAwsError(shards.error);

    CaptureHeader header;
    header.stream = stream;
    header.source = u"kinesis:"_s + session->settings().region;
    header.capturedAt = QDateTime::currentDateTimeUtc();
    std::vector<QJsonObject> selected;
    for (const QJsonValue &shard : shards.value) {
        header.shards.push_back(headerShard(shard.toObject()));
        if (shardIds.isEmpty() || shardIds.contains(shard["ShardId"_L1].toString()))
            selected.push_back(shard.toObject());
    }
    for (const QString &id : std::as_const(shardIds))
        if (std::none_of(selected.cbegin(), selected.cend(), [&id](const QJsonObject &s) { return s["ShardId"_L1].toString() == id; }))
            return reportError(tr("no shard %1 in stream %2 (%3)").arg(id, stream, session->settings().region), ExitConfiguration);
    // Shard ids count up as shards are made: id order puts parents first.
    std::sort(selected.begin(), selected.end(),
              [](const QJsonObject &a, const QJsonObject &b) { return a["ShardId"_L1].toString() < b["ShardId"_L1].toString(); });

    const QString outPath = parser.value(outOption);
    CaptureWriter writer;
    if (!writer.open(outPath, header, parser.isSet(gzipOption) ? CaptureWriter::Compression::Gzip : CaptureWriter::Compression::Auto))
        return reportError(writer.errorString(), ExitFailure);

    qint64 total = 0;
    int shardsWithRecords = 0;
    int getRecordsCalls = 0;
    for (const QJsonObject &shard : selected) {
        if (total >= limit)
            break;
        const QString shardId = shard["ShardId"_L1].toString();
        ShardReadOptions shardOptions = options;
        shardOptions.limit = limit - total;
        shardOptions.hashRange = shardHashRange(shard);
        ShardReader reader(&session->kinesis(), stream, shardId, shardOptions);
        QString writeError;
        QObject::connect(&reader, &ShardReader::recordsArrived, &reader, [&](const std::vector<StreamRecord> &records, qint64) {
            if (writeError.isEmpty() && !writer.append(shardId, records)) {
                writeError = writer.errorString();
                reader.stop();
            }
        });
        QObject::connect(&reader, &ShardReader::warning, &reader, [&shardId](const QString &message) {
            standardError() << QCoreApplication::applicationName() << ": " << shardId << ": " << message << '\n';
        });
        AwsError error;
        QEventLoop loop;
        QObject::connect(&reader, &ShardReader::finished, &loop, [&](const AwsError &e) {
            error = e;
            loop.quit();
        });
        reader.start();
        loop.exec();
        if (!writeError.isEmpty())
            return reportError(writeError, ExitFailure);
        if (error.isError())
            return reportAwsError(error);
        total += reader.recordsRead();
        getRecordsCalls += reader.getRecordsCalls();
        if (reader.recordsRead() > 0)
            ++shardsWithRecords;
        standardError() << tr("%1: %2 records").arg(shardId).arg(reader.recordsRead()) << '\n';
        standardError().flush();
    }
    if (!writer.close())
        return reportError(writer.errorString(), ExitFailure);
    if (command.json()) {
        const QJsonObject summary{{u"File"_s, outPath},          {u"StreamName"_s, stream},
                                  {u"Region"_s, session->settings().region}, {u"Records"_s, total},
                                  {u"Shards"_s, int(selected.size())}, {u"ShardsWithRecords"_s, shardsWithRecords},
                                  {u"Bytes"_s, qint64(writer.bytesWritten())}, {u"Compressed"_s, writer.isCompressed()},
                                  {u"GetRecordsCalls"_s, getRecordsCalls}};
        standardOutput() << QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    } else {
        standardOutput() << tr("captured %1 records from %2 shards of stream %3 (%4) into %5")
                                .arg(total).arg(selected.size()).arg(stream, session->settings().region, outPath)
                         << '\n';
    }
    return ExitOk;
}

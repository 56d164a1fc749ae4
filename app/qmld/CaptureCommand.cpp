// qmld capture: record what a stream's shards deliver, as the daemon delivers
// them (KPL aggregates unpacked), into a capture file for replay or import.

#include "Commands.h"
#include "InterruptFlag.h"
#include "PartialFile.h"
#include "StreamCommandSupport.h"

#include <qmld/CaptureFile.h>
#include <qmld/Kpl.h>
#include <qmld/StreamStore.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <csignal>
#include <limits>

using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::cli;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld capture", text);
}

constexpr int kReadBatch = 10000;

int usageError(const QString &message)
{
    standardError() << QCoreApplication::applicationName() << " capture: " << message << '\n'
                    << tr("Run '%1 capture --help' for its options.").arg(QCoreApplication::applicationName()) << '\n';
    standardError().flush();
    return ExitUsage;
}

QString sizeText(qint64 bytes)
{
    if (bytes < 10 * 1024)
        return tr("%1 bytes").arg(bytes);
    if (bytes < 10 * 1024 * 1024)
        return tr("%1 KiB").arg(bytes / 1024);
    return tr("%1 MiB").arg(bytes / (1024 * 1024));
}

} // namespace

int captureCommand(const QStringList &arguments)
{
    QLoggingCategory::setFilterRules(u"qmld.store.info=false"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Record a stream's shards from the embedded store into a capture file: records exactly as the daemon "
           "delivers them (KPL aggregates unpacked into their user records), after a header line with the stream's "
           "shard layout. The file is created with mode 0600; a name ending in .gz is gzip-compressed. Replay it "
           "with 'qmld replay FILE', or load it into a stream with 'qmld stream import FILE'. The capture is written "
           "to a temporary file beside FILE and takes its name only when complete: a capture that fails (a full "
           "disk, Ctrl+C) leaves an existing FILE as it was.\n\n"
           "Format: UTF-8 JSON lines. Line 1 is the header: {\"capture\":\"qmld\",\"formatVersion\":1,\"stream\","
           "\"source\",\"capturedAt\" (ISO 8601),\"shards\":[{\"shardId\",\"parentShardId\","
           "\"adjacentParentShardId\",\"startingHashKey\",\"endingHashKey\",\"startingSequenceNumber\","
           "\"endingSequenceNumber\" (null while open)}]}. Then one line per record, in delivery order per shard: "
           "{\"shardId\",\"sequenceNumber\",\"subSequenceNumber\",\"partitionKey\",\"data\" (base64),"
           "\"approximateArrivalTimestamp\" (epoch ms)}. Lines with an \"event\" field are skipped, so the output "
           "of 'qmld run --processor log' with a header line in front is a capture."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption streamOption(u"stream"_s, tr("The stream to capture."), u"NAME"_s);
    const QCommandLineOption shardOption(
        u"shard"_s, tr("A shard to capture: shardId-000000000000, or just 0. Repeat for several; default: every shard "
                       "(parents before children)."),
        u"ID"_s);
    const QCommandLineOption fromOption(
        u"from"_s,
        tr("Where each shard starts: TRIM_HORIZON (default), LATEST, AT_TIMESTAMP:T (T in ISO 8601 or epoch "
           "milliseconds), or, with one --shard, "
           "AT_SEQUENCE_NUMBER:SEQ or AFTER_SEQUENCE_NUMBER:SEQ."),
        u"POSITION"_s, u"TRIM_HORIZON"_s);
    const QCommandLineOption toOption(u"to"_s, tr("Stop each shard after the records with sequence number SEQ."),
                                      u"SEQ"_s);
    const QCommandLineOption limitOption(u"limit"_s, tr("Capture at most N records in all (default: every record up "
                                                        "to the tip of each shard)."),
                                         u"N"_s);
    const QCommandLineOption outOption(u"out"_s, tr("The capture file to write (replaced if it exists)."), u"FILE"_s);
    const QCommandLineOption gzipOption(u"gzip"_s, tr("Compress with gzip whatever the file name."));
    const QCommandLineOption storeOption(
        u"store"_s, tr("The store file (default: $QMLD_STORE, else %1).").arg(StreamStore::defaultPath()), u"PATH"_s);
    const QCommandLineOption jsonOption(u"json"_s, tr("Print the summary as JSON."));
    const QCommandLineOption helpOption(QStringList{u"h"_s, u"help"_s}, tr("Show this help."));
    for (const auto *option : {&streamOption, &shardOption, &fromOption, &toOption, &limitOption, &outOption,
                               &gzipOption, &storeOption, &jsonOption, &helpOption})
        parser.addOption(*option);

    if (!parser.parse(QStringList{QCoreApplication::applicationName()} + arguments.mid(1)))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        QString help = parser.helpText();
        help.replace(help.section(u'\n', 0, 0),
                     u"Usage: %1 capture --stream NAME [--shard ID ...] [--from POSITION] [--to SEQ | --limit N] "
                     "--out FILE [options]"_s.arg(QCoreApplication::applicationName()));
        standardOutput() << help
                         << tr("\nExit codes: 0 done, 1 failed (I/O, store busy), 2 bad command line, 3 unknown "
                               "stream or shard, unusable store.\n");
        standardOutput().flush();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(streamOption))
        return usageError(tr("--stream NAME is required"));
    if (!parser.isSet(outOption))
        return usageError(tr("--out FILE is required"));
    const auto position = parsePosition(parser.value(fromOption));
    if (!position)
        return usageError(tr("--from '%1' is not TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, "
                             "AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T")
                              .arg(parser.value(fromOption)));
    QStringList shardIds;
    for (const QString &value : parser.values(shardOption))
        shardIds.append(shardIdArgument(value));
    const bool bySequence = position->type == ShardPosition::Type::AtSequenceNumber
        || position->type == ShardPosition::Type::AfterSequenceNumber;
    if (bySequence && shardIds.size() != 1)
        return usageError(tr("--from %1 names a record of one shard: give exactly one --shard")
                              .arg(parser.value(fromOption)));
    if (parser.isSet(toOption) && parser.isSet(limitOption))
        return usageError(tr("give --to SEQ or --limit N, not both"));
    std::optional<SequenceNumber> to;
    if (parser.isSet(toOption)) {
        to = SequenceNumber::parse(parser.value(toOption));
        if (!to || to->isSentinel())
            return usageError(tr("--to '%1' is not a sequence number").arg(parser.value(toOption)));
    }
    qint64 limit = std::numeric_limits<qint64>::max();
    if (parser.isSet(limitOption)) {
        bool ok = false;
        limit = parser.value(limitOption).toLongLong(&ok);
        if (!ok || limit < 1)
            return usageError(tr("--limit must be a positive number, not '%1'").arg(parser.value(limitOption)));
    }

    auto opened = openStore(StreamStore::resolvePath(parser.value(storeOption)), StreamStore::OpenMode::MustExist);
    if (auto *exit = std::get_if<int>(&opened))
        return *exit;
    StreamStore &store = std::get<StreamStore>(opened);
    const QString stream = parser.value(streamOption);
    auto description = store.describeStream(stream);
    if (!description)
        return reportError(description.error());

    CaptureHeader header;
    header.stream = stream;
    header.source = u"embedded:"_s + store.path();
    header.capturedAt = QDateTime::currentDateTimeUtc();
    for (const ShardInfo &shard : description->shards)
        header.shards.push_back(CaptureHeader::Shard::of(shard));
    // Shard ids count up as shards are made: id order puts parents first.
    std::vector<const ShardInfo *> selected;
    for (const QString &shardId : shardIds) {
        const auto it = std::find_if(description->shards.cbegin(), description->shards.cend(),
                                     [&shardId](const ShardInfo &shard) { return shard.shardId == shardId; });
        if (it == description->shards.cend())
            return reportError({StoreError::Code::ShardNotFound,
                                tr("no shard \"%1\" in stream \"%2\" (store %3)").arg(shardId, stream, store.path())});
        if (std::find(selected.cbegin(), selected.cend(), &*it) == selected.cend())
            selected.push_back(&*it);
    }
    if (shardIds.isEmpty()) {
        for (const ShardInfo &shard : description->shards)
            selected.push_back(&shard);
    }
    std::sort(selected.begin(), selected.end(),
              [](const ShardInfo *a, const ShardInfo *b) { return a->shardId < b->shardId; });

    const QString outPath = parser.value(outOption);
    const bool gzip = parser.isSet(gzipOption) || outPath.endsWith(u".gz"_s, Qt::CaseInsensitive);
    PartialFile partial(outPath);
    CaptureWriter writer;
    const auto writeFailed = [&](const QString &reason) {
        writer.close();
        partial.remove();
        return reportError(tr("%1 was not written (any file of that name is left as it was): %2").arg(outPath, reason),
                           ExitFailure);
    };
    const InterruptFlag interrupt;
    if (!writer.open(partial.path(), header, gzip ? CaptureWriter::Compression::Gzip : CaptureWriter::Compression::None))
        return writeFailed(writer.errorString());

    QElapsedTimer clock;
    clock.start();
    qint64 lastProgress = 0;
    qint64 total = 0;
    int shardsWithRecords = 0;
    std::vector<StreamRecord> delivered;
    for (const ShardInfo *shard : selected) {
        DeaggregationOptions options;
        options.formats = kpl::Format::Standard; // as the embedded daemon, like the KCL
        options.shardHashRange = shard->hashKeyRange;
        std::optional<ShardPosition> next = *position;
        qint64 shardCount = 0;
        bool done = false;
        while (next && !done && total < limit) {
            auto read = store.readRecords(stream, shard->shardId, *next, kReadBatch);
            if (!read)
                return reportError(read.error());
            next = read->nextPosition;
            delivered.clear();
            for (StreamRecord &record : read->records) {
                if (to && SequenceNumber::compareDigits(record.sequenceNumber.toByteArray(), to->toByteArray()) > 0) {
                    done = true;
                    break;
                }
                DeaggregationWarning warning;
                const auto outcome = appendDeaggregated(std::move(record), delivered, options, &warning);
                if (outcome == DeaggregationOutcome::Malformed || outcome == DeaggregationOutcome::DroppedOutOfHashRange)
                    standardError() << QCoreApplication::applicationName() << ": " << shard->shardId << ": "
                                    << warning.message << '\n';
            }
            if (qint64(delivered.size()) > limit - total) {
                delivered.resize(std::size_t(limit - total));
                done = true;
            }
            if (!writer.append(shard->shardId, delivered))
                return writeFailed(writer.errorString());
            if (const int signalNumber = interrupt.received()) {
                writeFailed(tr("interrupted by %1 after %2 records")
                                .arg(signalNumber == SIGINT ? u"SIGINT"_s : u"SIGTERM"_s)
                                .arg(total));
                return 128 + signalNumber;
            }
            total += qint64(delivered.size());
            shardCount += qint64(delivered.size());
            if (clock.elapsed() - lastProgress >= 1000) {
                lastProgress = clock.elapsed();
                standardError() << tr("captured %1 records so far (%2, %3)…")
                                       .arg(total)
                                       .arg(shard->shardId, sizeText(writer.uncompressedBytes()))
                                << '\n';
                standardError().flush();
            }
            if (read->atTip)
                break;
        }
        if (shardCount > 0)
            ++shardsWithRecords;
    }
    if (!writer.close())
        return writeFailed(writer.errorString());
    if (!partial.commit())
        return writeFailed(partial.errorString());

    if (parser.isSet(jsonOption)) {
        const QJsonObject summary{{u"File"_s, outPath},
                                  {u"StreamName"_s, stream},
                                  {u"Records"_s, total},
                                  {u"Shards"_s, int(selected.size())},
                                  {u"ShardsWithRecords"_s, shardsWithRecords},
                                  {u"Bytes"_s, qint64(writer.bytesWritten())},
                                  {u"Compressed"_s, writer.isCompressed()},
                                  {u"Store"_s, store.path()}};
        standardOutput() << QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    } else {
        standardOutput() << tr("captured %1 records from %2 shards of stream %3 into %4 (%5)")
                                .arg(total)
                                .arg(selected.size())
                                .arg(stream, outPath, sizeText(writer.bytesWritten()))
                         << '\n';
    }
    return ExitOk;
}

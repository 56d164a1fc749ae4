// qmld stream import: load a capture file into a stream of the embedded store
// with the capture's shard ids, parents, hash key ranges and sequence numbers.

#include "Commands.h"
#include "StreamCommandSupport.h"

#include <qmld/CaptureImport.h>
#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>



using namespace Qt::StringLiterals;
using namespace qmld;
using namespace qmld::cli;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qmld stream", text);
}

// Imported records keep their arrival times, however old: keep them all.
constexpr std::chrono::milliseconds kImportRetention = std::chrono::hours(24 * 365 * 100);

} // namespace

SubcommandSpec qmld::cli::streamImportSpec()
{
    return {u"import"_s,
            tr("Load a capture file (qmld capture, a console export) into a new stream with the capture's shard ids, "
               "parents, hash key ranges, closed shards and sequence numbers. KPL user records go back into one "
               "aggregate per sequence number, so the daemon delivers them again with the same sub-sequence numbers. "
               "Imported records keep their arrival times and are not trimmed by retention unless "
               "--retention-hours is given."),
            u"FILE [--as NAME]"_s};
}

int streamImportCommand(const QStringList &arguments)
{
    QLoggingCategory::setFilterRules(u"qmld.store.info=false"_s);
    SubcommandParser command(streamImportSpec(), true);
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

    QString layoutError;
    const auto layoutOf = shardLayoutOf(header, path, &layoutError);
    if (!layoutOf)
        return reportError(layoutError, ExitConfiguration);
    const std::vector<ShardLayout> &layout = *layoutOf;

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

    CaptureImporter importer(store, name);
    const auto fail = [&](const QString &message, int exitCode) {
        // Leave no half-imported stream behind.
        store.deleteStream(name);
        return reportError(message, exitCode);
    };
    CaptureOrderCheck order(header);
    while (auto captured = reader.next()) {
        if (const auto misplaced = order.check(*captured))
            return fail(tr("%1:%2: %3").arg(QFileInfo(path).fileName()).arg(reader.lineNumber()).arg(*misplaced),
                        ExitConfiguration);
        if (auto error = importer.add(*captured))
            return fail(tr("%1:%2: %3").arg(QFileInfo(path).fileName()).arg(reader.lineNumber()).arg(error->message),
                        exitCodeFor(error->code));
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
                                  {u"Records"_s, qint64(importer.userRecords())},
                                  {u"StoredRecords"_s, qint64(importer.storedRecords())},
                                  {u"Aggregates"_s, qint64(importer.aggregates())},
                                  {u"Shards"_s, int(layout.size())},
                                  {u"ClosedShards"_s, closed},
                                  {u"Store"_s, store.path()}};
        standardOutput() << QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    } else {
        standardOutput() << tr("imported %1 records (%2 stored, %3 of them KPL aggregates) into %4 shards (%5 closed) "
                               "of stream \"%6\" in store %7")
                                .arg(importer.userRecords())
                                .arg(importer.storedRecords())
                                .arg(importer.aggregates())
                                .arg(layout.size())
                                .arg(closed)
                                .arg(name, store.path())
                         << '\n';
    }
    return ExitOk;
}

// qmld-bench-daemon: the embedded-daemon benchmark. Fills a temporary store
// with one stream of N records over S shards (putRecords in large
// transactions), splits every shard (closed, with open children), then runs qmld-daemon on it with
// qmld-bench-store-child as executableName and measures records/s from the
// first processRecords any child sees to the last shardEnded, i.e. until every
// record of every shard is delivered. See tests/bench/README.md.

#include <qmld/StreamStore.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

struct Options
{
    qint64 records = 1000000;
    int shards = 1;
    int payload = 100;
    int putChunk = 50000; // records per putRecords transaction
    QString daemon;
    QString child;
    QString result;
    QString label = u"daemon"_s;
    int timeoutSeconds = 120;
};

int failure(const QString &message)
{
    std::fprintf(stderr, "qmld-bench-daemon: %s\n", qUtf8Printable(message));
    return 1;
}

// The daemon's last lines, for a failure message.
QString logTail(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    return QString::fromUtf8(lines.mid(std::max<qsizetype>(0, lines.size() - 8)).join("\n    "));
}

const QString kUsage =
    u"usage: qmld-bench-daemon --daemon QMLD_DAEMON --child STORE_CHILD [--records N] [--shards S] "
    "[--payload BYTES] [--put-chunk N] [--label L] [--result R.json] [--timeout S]"_s;

std::optional<Options> parseOptions(const QStringList &arguments, QString *error)
{
    Options options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &name = arguments[i];
        if (i + 1 >= arguments.size()) {
            *error = u"%1 needs a value"_s.arg(name);
            return std::nullopt;
        }
        const QString value = arguments[++i];
        bool ok = true;
        if (name == u"--records")
            options.records = value.toLongLong(&ok);
        else if (name == u"--shards")
            options.shards = value.toInt(&ok);
        else if (name == u"--payload")
            options.payload = value.toInt(&ok);
        else if (name == u"--put-chunk")
            options.putChunk = value.toInt(&ok);
        else if (name == u"--timeout")
            options.timeoutSeconds = value.toInt(&ok);
        else if (name == u"--daemon")
            options.daemon = value;
        else if (name == u"--child")
            options.child = value;
        else if (name == u"--result")
            options.result = value;
        else if (name == u"--label")
            options.label = value;
        else
            ok = false;
        if (!ok) {
            *error = u"bad option %1 %2"_s.arg(name, value);
            return std::nullopt;
        }
    }
    if (options.daemon.isEmpty() || options.child.isEmpty() || options.records < 1 || options.shards < 1
        || options.payload < 1 || options.putChunk < 1) {
        *error = kUsage;
        return std::nullopt;
    }
    return options;
}

std::optional<qint64> peakRssKib(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return std::nullopt;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return std::nullopt;
}

struct ChildResult
{
    qint64 records = 0;
    qint64 batches = 0;
    quint64 firstBatchNs = 0;
    quint64 shardEndedNs = 0;
    qint64 peakRssKib = 0;
};

QList<ChildResult> childResults(const QString &dir)
{
    QList<ChildResult> results;
    for (const QString &name : QDir(dir).entryList({u"*.result"_s}, QDir::Files)) {
        QFile file(dir + u'/' + name);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> fields = file.readAll().trimmed().split(' ');
        if (fields.size() != 5)
            continue;
        results.append({fields[0].toLongLong(), fields[1].toLongLong(), fields[2].toULongLong(),
                        fields[3].toULongLong(), fields[4].toLongLong()});
    }
    return results;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().contains(u"--help"_s) || app.arguments().contains(u"-h"_s)) {
        QTextStream(stdout) << kUsage << "\n\nFills a temporary store with N records over S shards, splits every shard, runs\n"
                               "qmld-daemon on it with STORE_CHILD as executableName, and times from the first\n"
                               "processRecords to the last shardEnded. See tests/bench/README.md.\n";
        return 0;
    }
    QString error;
    const std::optional<Options> parsed = parseOptions(app.arguments().mid(1), &error);
    if (!parsed)
        return failure(error);
    const Options &options = *parsed;

    QTemporaryDir work(QDir::tempPath() + u"/qmld-bench-daemon.XXXXXX"_s);
    if (!work.isValid())
        return failure(u"cannot create a temporary folder"_s);
    const QString storePath = work.filePath(u"store.sqlite"_s);
    const QString stream = u"bench"_s;
    const QString resultDir = work.filePath(u"results"_s);
    QDir().mkpath(resultDir);

    // ---- the store: N records, S shards, every shard closed ----
    const auto fillStart = std::chrono::steady_clock::now();
    {
        auto store = qmld::StreamStore::open(storePath);
        if (!store)
            return failure(store.error().message);
        if (auto created = store->createStream(stream, options.shards); !created)
            return failure(created.error().message);
        const QByteArray data(options.payload, 'x');
        std::vector<qmld::PutRequest> requests;
        requests.reserve(size_t(options.putChunk));
        for (qint64 done = 0; done < options.records;) {
            requests.clear();
            const qint64 chunk = std::min<qint64>(options.putChunk, options.records - done);
            for (qint64 i = 0; i < chunk; ++i)
                requests.push_back({QByteArray::number(done + i), data, std::nullopt});
            if (auto put = store->putRecords(stream, requests); !put)
                return failure(put.error().message);
            done += chunk;
        }
        auto description = store->describeStream(stream);
        if (!description)
            return failure(description.error().message);
        // Split rather than just closed: KCL (and qmld-daemon) only lease a
        // closed shard as the ancestor of an open one. The empty children
        // start once their parent is at SHARD_END and stay idle.
        for (const qmld::ShardInfo &shard : description->shards) {
            if (auto split = store->splitShard(stream, shard.shardId); !split)
                return failure(split.error().message);
        }
    }
    const double fillSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - fillStart).count();

    // ---- the daemon: one worker holding every shard ----
    const QString properties = work.filePath(u"bench.properties"_s);
    {
        QFile file(properties);
        if (!file.open(QIODevice::WriteOnly))
            return failure(u"cannot write %1"_s.arg(properties));
        QTextStream out(&file);
        // java.util.Properties: a backslash escapes, so paths are written with forward slashes only.
        out << "applicationName = qmld-bench-daemon\n"
            << "streamName = " << stream << "\n"
            << "executableName = " << options.child << ' ' << resultDir << "\n"
            << "initialPositionInStream = TRIM_HORIZON\n"
            << "qmldStore = " << storePath << "\n";
    }
    QProcess daemon;
    daemon.setProcessChannelMode(QProcess::MergedChannels);
    daemon.setStandardOutputFile(work.filePath(u"daemon.log"_s));
    const auto daemonStart = std::chrono::steady_clock::now();
    daemon.start(options.daemon, {u"--properties-file"_s, properties});
    if (!daemon.waitForStarted())
        return failure(u"cannot start %1: %2"_s.arg(options.daemon, daemon.errorString()));

    QList<ChildResult> results;
    std::optional<qint64> daemonPeak;
    for (;;) {
        if (daemon.waitForFinished(20) || daemon.state() == QProcess::NotRunning)
            return failure(u"qmld-daemon exited (%1) before every shard ended; its log ends:\n    %2"_s
                               .arg(daemon.exitCode())
                               .arg(logTail(work.filePath(u"daemon.log"_s))));
        results = childResults(resultDir);
        results.removeIf([](const ChildResult &result) { return result.shardEndedNs == 0; });
        if (results.size() >= options.shards)
            break;
        if (std::chrono::steady_clock::now() - daemonStart > std::chrono::seconds(options.timeoutSeconds)) {
            daemon.kill();
            daemon.waitForFinished();
            return failure(u"%1 of %2 shards ended within %3 s; the daemon's log ends:\n    %4"_s.arg(results.size())
                               .arg(options.shards)
                               .arg(options.timeoutSeconds)
                               .arg(logTail(work.filePath(u"daemon.log"_s))));
        }
    }
    const double daemonSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - daemonStart).count();
    daemonPeak = peakRssKib(daemon.processId());
    daemon.terminate();
    if (!daemon.waitForFinished(15000)) {
        daemon.kill();
        return failure(u"qmld-daemon did not exit within 15 s of SIGTERM"_s);
    }
    if (daemon.exitStatus() != QProcess::NormalExit || daemon.exitCode() != 0)
        return failure(u"qmld-daemon exited with %1 after SIGTERM; its log ends:\n    %2"_s.arg(daemon.exitCode())
                           .arg(logTail(work.filePath(u"daemon.log"_s))));

    qint64 records = 0, batches = 0, childPeak = 0;
    quint64 first = std::numeric_limits<quint64>::max(), last = 0;
    for (const ChildResult &result : results) {
        records += result.records;
        batches += result.batches;
        childPeak = std::max(childPeak, result.peakRssKib);
        if (result.batches > 0)
            first = std::min(first, result.firstBatchNs);
        last = std::max(last, result.shardEndedNs);
    }
    if (records != options.records)
        return failure(u"the children counted %1 records, the store holds %2"_s.arg(records).arg(options.records));
    const double seconds = double(last - first) / 1e9;

    QJsonObject json{
        {u"label"_s, options.label},
        {u"shards"_s, options.shards},
        {u"payloadBytes"_s, options.payload},
        {u"records"_s, records},
        {u"batches"_s, batches},
        {u"seconds"_s, seconds},
        {u"recordsPerSecond"_s, double(records) / seconds},
        {u"payloadMBps"_s, double(records) * options.payload / seconds / 1e6},
        {u"fillSeconds"_s, fillSeconds},
        {u"daemonSecondsToLastShardEnd"_s, daemonSeconds},
        {u"daemonPeakRssKiB"_s, daemonPeak ? QJsonValue(*daemonPeak) : QJsonValue()},
        {u"childPeakRssKiB"_s, childPeak},
    };
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n';
    if (!options.result.isEmpty()) {
        QFile out(options.result);
        if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size())
            return failure(u"cannot write %1"_s.arg(options.result));
    } else {
        std::fputs(text.constData(), stdout);
    }
    return 0;
}

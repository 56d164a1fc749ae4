// An example processor plugin: counts the records of each shard by partition
// key and keeps a JSON file {"shardId": {"key": count, ...}, ...} up to date.
// The file is rewritten (atomically: a temporary file renamed over it) after
// every successful checkpoint, and when a shard ends or the daemon shuts
// down, so it always holds whole counts: never a half-written file.
//
//   qmld run --mld embedded --properties app.properties
//            --processor build/plugins/partition-key-counter.so --processor-arg counts.json
//
// It uses only the qmld headers (virtual calls and inline members) and
// QtCore, and so links no qmld library; see README.md.

#include <qmld/ProcessorPlugin.h>
#include <qmld/RecordProcessor.h>

#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QSaveFile>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The file and the counts of every shard, shared by the processors of all
// shards, which run on threads of their own.
class CountFile
{
public:
    explicit CountFile(QString path) : m_path(std::move(path)) {}

    const QString &path() const { return m_path; }

    // Replaces one shard's counts and rewrites the file. Returns false with a
    // one-line *error when the file cannot be written.
    bool publish(const QString &shardId, const QHash<QString, qint64> &counts, QString *error)
    {
        QJsonObject keys;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            keys.insert(it.key(), it.value());
        QMutexLocker lock(&m_mutex);
        if (!shardId.isEmpty())
            m_shards.insert(shardId, keys);
        return writeLocked(error);
    }

private:
    bool writeLocked(QString *error)
    {
        QSaveFile file(m_path);
        file.setDirectWriteFallback(false); // always a temporary file and a rename
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(m_shards).toJson()) < 0 || !file.commit()) {
            *error = u"cannot write %1: %2"_s.arg(m_path, file.errorString());
            return false;
        }
        return true;
    }

    const QString m_path;
    QMutex m_mutex;
    QJsonObject m_shards;
};

class PartitionKeyCounter final : public qmld::RecordProcessor
{
public:
    explicit PartitionKeyCounter(std::shared_ptr<CountFile> file) : m_file(std::move(file)) {}

    void initialize(const qmld::InitializationInput &input) override
    {
        m_shardId = input.shardId;
        publish(); // the shard appears in the file, with no keys yet
    }

    void processRecords(const qmld::ProcessRecordsInput &input, qmld::Checkpointer &) override
    {
        // Counting is done when this returns, so the checkpoint policy
        // (--checkpoint-every, --checkpoint-interval) may checkpoint every
        // record of the batch.
        for (const qmld::StreamRecord &record : input.records)
            ++m_counts[record.partitionKeyString()]; // "" for a null key (DynamoDB Streams)
    }

    void checkpointed(const qmld::CheckpointResult &result) override
    {
        if (result.ok())
            publish();
    }

    void shardEnded(qmld::Checkpointer &) override { publish(); } // the session then checkpoints SHARD_END
    void shutdownRequested(qmld::Checkpointer &) override { publish(); }

private:
    void publish()
    {
        QString error;
        if (!m_file->publish(m_shardId, m_counts, &error))
            qWarning("partition-key-counter: shard %s: %s", qUtf8Printable(m_shardId), qUtf8Printable(error));
    }

    const std::shared_ptr<CountFile> m_file;
    QString m_shardId;
    QHash<QString, qint64> m_counts;
};

} // namespace

class PartitionKeyCounterPlugin : public QObject, public qmld::ProcessorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QMLD_PROCESSOR_PLUGIN_IID FILE "PartitionKeyCounter.json")
    Q_INTERFACES(qmld::ProcessorPlugin)

public:
    QString name() const override { return u"partition-key-counter"_s; }
    QString description() const override
    {
        return u"Counts records per partition key per shard into the JSON file named by --processor-arg"_s;
    }

    qmld::RecordProcessorFactory createFactory(const QString &argument, QString *error) override
    {
        if (argument.isEmpty()) {
            *error = u"give the JSON file to write with --processor-arg FILE"_s;
            return {};
        }
        auto file = std::make_shared<CountFile>(QFileInfo(argument).absoluteFilePath());
        // Written once now, so that an unwritable path fails the load, not a shard.
        if (!file->publish(QString(), {}, error))
            return {};
        return [file] { return std::make_unique<PartitionKeyCounter>(file); };
    }
};

#include "PartitionKeyCounter.moc"

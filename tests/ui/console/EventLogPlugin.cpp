// A processor plugin that writes what each shard's processor is told, one
// line per call, to the file named by its argument, so that a test can see
// from outside a process that every child got shutdownRequested:
//   initialize SHARD
//   records SHARD LAST-SEQUENCE-NUMBER
//   shutdownRequested SHARD / leaseLost SHARD / shardEnded SHARD
// Every record counts as done on return, so the checkpoint policy may checkpoint it.

#include <qmld/ProcessorPlugin.h>
#include <qmld/RecordProcessor.h>

#include <QFile>
#include <QMutex>
#include <QObject>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

class EventFile
{
public:
    explicit EventFile(QString path) : m_path(std::move(path)) {}

    void write(const QString &line)
    {
        QMutexLocker lock(&m_mutex);
        QFile file(m_path);
        if (file.open(QIODevice::Append))
            file.write(line.toUtf8() + '\n');
    }

private:
    const QString m_path;
    QMutex m_mutex;
};

class EventLogProcessor final : public qmld::RecordProcessor
{
public:
    explicit EventLogProcessor(std::shared_ptr<EventFile> file) : m_file(std::move(file)) {}

    void initialize(const qmld::InitializationInput &input) override
    {
        m_shardId = input.shardId;
        m_file->write(u"initialize "_s + m_shardId);
    }
    void processRecords(const qmld::ProcessRecordsInput &input, qmld::Checkpointer &) override
    {
        if (!input.records.empty())
            m_file->write(u"records %1 %2"_s.arg(m_shardId, input.records.back().sequenceNumber.toString()));
    }
    void leaseLost() override { m_file->write(u"leaseLost "_s + m_shardId); }
    void shardEnded(qmld::Checkpointer &) override { m_file->write(u"shardEnded "_s + m_shardId); }
    void shutdownRequested(qmld::Checkpointer &) override { m_file->write(u"shutdownRequested "_s + m_shardId); }

private:
    const std::shared_ptr<EventFile> m_file;
    QString m_shardId;
};

} // namespace

class EventLogPlugin : public QObject, public qmld::ProcessorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QMLD_PROCESSOR_PLUGIN_IID)
    Q_INTERFACES(qmld::ProcessorPlugin)

public:
    QString name() const override { return u"event-log"_s; }
    QString description() const override { return u"Writes every call a shard's processor gets to a file (tests only)"_s; }

    qmld::RecordProcessorFactory createFactory(const QString &argument, QString *error) override
    {
        if (argument.isEmpty()) {
            *error = u"event-log needs a file to write to"_s;
            return {};
        }
        auto file = std::make_shared<EventFile>(argument);
        return [file]() -> std::unique_ptr<qmld::RecordProcessor> { return std::make_unique<EventLogProcessor>(file); };
    }
};

#include "EventLogPlugin.moc"

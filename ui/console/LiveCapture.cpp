#include "console/LiveCapture.h"

using namespace Qt::StringLiterals;

namespace qmld::ui {

CaptureWriterThread::Options LiveCapture::optionsFor(const StreamSettings &stream, const QStringList &shardIds,
                                                     const QString &path)
{
    CaptureWriterThread::Options options;
    options.path = path;
    options.header.stream = stream.streamName;
    options.header.source = u"console"_s;
    options.header.capturedAt = QDateTime::currentDateTimeUtc();
    for (const QString &id : shardIds) {
        CaptureHeader::Shard shard;
        shard.shardId = id;
        options.header.shards.push_back(shard);
    }
    if (stream.runsEmbedded())
        options.describeFromStore = StreamStore::resolvePath(stream.storePath);
    return options;
}

std::unique_ptr<LiveCapture> LiveCapture::start(std::shared_ptr<RecordTap> tap, CaptureWriterThread::Options options)
{
    std::unique_ptr<LiveCapture> capture(new LiveCapture);
    capture->m_tap = std::move(tap);
    for (const CaptureHeader::Shard &shard : options.header.shards)
        capture->m_shards.insert(shard.shardId);
    capture->m_writer = std::make_unique<CaptureWriterThread>(std::move(options));
    LiveCapture *self = capture.get();
    connect(self->m_writer.get(), &CaptureWriterThread::failed, self, &LiveCapture::failed);
    connect(self->m_writer.get(), &CaptureWriterThread::finished, self, [self](const QString &error) {
        self->m_finished = true;
        self->m_finishError = error;
        if (self->m_stopped)
            Q_EMIT self->finished(error);
    });
    // Under the tap's lock: only a copy into the writer's queue, never the disk.
    CaptureWriterThread *writer = self->m_writer.get();
    capture->m_tap->setRecorder([writer, shards = capture->m_shards](const QString &shardId,
                                                                     std::span<const StreamRecord> records) {
        if (shards.contains(shardId))
            writer->offer(shardId, records);
    });
    return capture;
}

LiveCapture::~LiveCapture()
{
    if (m_tap)
        m_tap->setRecorder({}); // after this, the recorder is never called again
}

void LiveCapture::stop()
{
    if (std::exchange(m_stopped, true))
        return;
    m_tap->setRecorder({});
    m_writer->finish();
    if (m_finished) // dropped before: the file is closed already
        Q_EMIT finished(m_finishError);
}

QStringList LiveCapture::shards() const
{
    QStringList list(m_shards.cbegin(), m_shards.cend());
    list.sort();
    return list;
}

} // namespace qmld::ui

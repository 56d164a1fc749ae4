#include "console/LiveCapture.h"

using namespace Qt::StringLiterals;

namespace qmld::ui {

CaptureHeader LiveCapture::headerFor(const StreamSettings &stream, const QStringList &shardIds)
{
    CaptureHeader header;
    header.stream = stream.streamName;
    header.source = u"console"_s;
    header.capturedAt = QDateTime::currentDateTimeUtc();
    std::optional<StreamDescription> description;
    if (stream.runsEmbedded()) {
        auto store = StreamStore::open(StreamStore::resolvePath(stream.storePath), StreamStore::OpenMode::MustExist,
                                       std::chrono::milliseconds(500));
        if (store) {
            if (auto described = store->describeStream(stream.streamName))
                description = std::move(described).value();
        }
    }
    for (const QString &id : shardIds) {
        CaptureHeader::Shard shard;
        shard.shardId = id;
        for (const ShardInfo &info : description ? description->shards : std::vector<ShardInfo>{}) {
            if (info.shardId == id)
                shard = CaptureHeader::Shard::of(info);
        }
        header.shards.push_back(shard);
    }
    return header;
}

std::unique_ptr<LiveCapture> LiveCapture::start(std::shared_ptr<RecordTap> tap, const QString &path,
                                                const CaptureHeader &header, QString *error)
{
    std::unique_ptr<LiveCapture> capture(new LiveCapture);
    capture->m_tap = std::move(tap);
    capture->m_path = path;
    for (const CaptureHeader::Shard &shard : header.shards)
        capture->m_shards.insert(shard.shardId);
    if (!capture->m_writer.open(path, header)) {
        *error = capture->m_writer.errorString();
        return nullptr;
    }
    LiveCapture *self = capture.get();
    capture->m_tap->setRecorder(
        [self](const QString &shardId, std::span<const StreamRecord> records) { self->record(shardId, records); });
    return capture;
}

LiveCapture::~LiveCapture()
{
    QString ignored;
    stop(&ignored);
}

void LiveCapture::record(const QString &shardId, std::span<const StreamRecord> records)
{
    if (!m_shards.contains(shardId))
        return;
    std::lock_guard lock(m_mutex);
    if (m_stopped || !m_writeError.isEmpty())
        return;
    if (!m_writer.append(shardId, records)) {
        m_writeError = m_writer.errorString();
        return;
    }
    m_records += std::int64_t(records.size());
    m_bytes = m_writer.bytesWritten();
}

bool LiveCapture::stop(QString *error)
{
    if (m_tap)
        m_tap->setRecorder({}); // after this, record() is never called again
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return m_writeError.isEmpty();
    m_stopped = true;
    if (!m_writer.close() && m_writeError.isEmpty())
        m_writeError = m_writer.errorString();
    *error = m_writeError;
    return m_writeError.isEmpty();
}

QStringList LiveCapture::shards() const
{
    QStringList list(m_shards.cbegin(), m_shards.cend());
    list.sort();
    return list;
}

QString LiveCapture::writeError() const
{
    std::lock_guard lock(m_mutex);
    return m_writeError;
}

} // namespace qmld::ui

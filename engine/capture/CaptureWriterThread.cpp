#include <qmld/CaptureWriterThread.h>

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QMetaObject>

#include <climits>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcCaptureWriter, "qmld.capture.writer")

namespace qmld {

namespace {
std::int64_t sizeOf(std::span<const StreamRecord> records)
{
    std::int64_t bytes = 0;
    for (const StreamRecord &record : records)
        bytes += record.data.size() + (record.partitionKey ? record.partitionKey->size() : 0) + 64;
    return bytes;
}
} // namespace

// Shared by the object and its thread, which may outlive it (stuck in write()).
struct CaptureWriterThread::State
{
    struct Batch
    {
        QString shardId;
        std::vector<StreamRecord> records;
        std::int64_t bytes = 0;
    };

    CaptureWriterThread::Options options;
    mutable std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable done;
    std::deque<Batch> pending;
    std::int64_t pendingBytes = 0;
    bool finishing = false;
    bool dropped = false;  // failed or fell behind: offers are refused
    bool finished = false; // the thread is done
    QString error;
    std::int64_t records = 0;
    std::int64_t bytes = 0;
    CaptureWriterThread *owner = nullptr; // null once the object is gone

    // Queued to the owner's thread; called with the mutex held.
    template <typename F>
    void notify(F f)
    {
        if (owner)
            QMetaObject::invokeMethod(owner, std::move(f), Qt::QueuedConnection);
    }

    void fail(const QString &message)
    {
        std::lock_guard lock(mutex);
        dropped = true;
        error = message;
        qCWarning(lcCaptureWriter).noquote() << message;
        notify([o = owner, message] { Q_EMIT o->failed(message); });
    }

    void run()
    {
        CaptureHeader header = options.header;
        if (!options.describeFromStore.isEmpty()) {
            // Without it the shards span the key space, as other daemons' shards do.
            if (auto store = StreamStore::open(options.describeFromStore, StreamStore::OpenMode::MustExist)) {
                if (auto described = store->describeStream(header.stream)) {
                    for (CaptureHeader::Shard &shard : header.shards) {
                        for (const ShardInfo &info : described->shards) {
                            if (info.shardId == shard.shardId)
                                shard = CaptureHeader::Shard::of(info);
                        }
                    }
                }
            }
        }
        CaptureWriter writer;
        if (!writer.open(options.path, header)) {
            fail(writer.errorString());
        } else {
            std::lock_guard lock(mutex);
            notify([o = owner] { Q_EMIT o->opened(); });
        }
        for (;;) {
            Batch batch;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return !pending.empty() || finishing || dropped; });
                if (dropped || pending.empty())
                    break;
                batch = std::move(pending.front());
                pending.pop_front();
                pendingBytes -= batch.bytes;
            }
            const bool ok = writer.append(batch.shardId, batch.records);
            if (!ok) {
                fail(writer.errorString());
                break;
            }
            std::lock_guard lock(mutex);
            records += std::int64_t(batch.records.size());
            bytes = writer.bytesWritten();
        }
        const bool closed = !writer.isOpen() || writer.close();
        std::lock_guard lock(mutex);
        if (!closed && error.isEmpty())
            error = writer.errorString();
        pending.clear();
        pendingBytes = 0;
        bytes = writer.bytesWritten();
        finished = true;
        notify([o = owner, e = error] { Q_EMIT o->finished(e); });
        done.notify_all();
    }
};

CaptureWriterThread::CaptureWriterThread(Options options, QObject *parent)
    : QObject(parent), m_state(std::make_shared<State>())
{
    m_state->options = std::move(options);
    m_state->owner = this;
    std::thread([state = m_state] { state->run(); }).detach();
}

CaptureWriterThread::~CaptureWriterThread()
{
    finish();
    std::unique_lock lock(m_state->mutex);
    if (!m_state->done.wait_for(lock, 2s, [this] { return m_state->finished; }))
        qCWarning(lcCaptureWriter).noquote() << "the writer of" << m_state->options.path
                                             << "is stuck on its disk; left to end on its own";
    m_state->owner = nullptr;
}

bool CaptureWriterThread::offer(const QString &shardId, std::span<const StreamRecord> records)
{
    const std::int64_t size = sizeOf(records);
    std::lock_guard lock(m_state->mutex);
    if (m_state->dropped || m_state->finishing)
        return false;
    if (m_state->pendingBytes + size > m_state->options.maxPendingBytes) {
        m_state->dropped = true;
        m_state->error = tr("the disk did not keep up (%1 waiting to be written): capture dropped after %n record(s)",
                            nullptr, int(std::min<std::int64_t>(m_state->records, INT_MAX)))
                             .arg(QLocale().formattedDataSize(m_state->pendingBytes));
        qCWarning(lcCaptureWriter).noquote() << m_state->options.path << m_state->error;
        m_state->notify([o = this, e = m_state->error] { Q_EMIT o->failed(e); });
        m_state->wake.notify_one();
        return false;
    }
    State::Batch batch{shardId, std::vector<StreamRecord>(records.begin(), records.end()), size};
    m_state->pendingBytes += size;
    m_state->pending.push_back(std::move(batch));
    m_state->wake.notify_one();
    return true;
}

void CaptureWriterThread::finish()
{
    std::lock_guard lock(m_state->mutex);
    m_state->finishing = true;
    m_state->wake.notify_one();
}

QString CaptureWriterThread::path() const
{
    return m_state->options.path;
}

std::int64_t CaptureWriterThread::records() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->records;
}

std::int64_t CaptureWriterThread::bytes() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->bytes;
}

QString CaptureWriterThread::error() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->error;
}

} // namespace qmld

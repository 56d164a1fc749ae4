#include <qmld/CaptureFile.h>

#include <QCoreApplication>
#include <QFile>

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

constexpr qsizetype kBufferBytes = 256 * 1024;

} // namespace

struct CaptureWriter::Private
{
    QString path;
    int fd = -1;
    bool gzip = false;
    z_stream zs{};
    bool zsInitialized = false;
    QByteArray pending; // uncompressed bytes not yet handed to the file or to zlib
    std::int64_t records = 0;
    std::int64_t fileBytes = 0;
    std::int64_t rawBytes = 0;
    QString error;

    bool fail(const QString &message)
    {
        error = message;
        return false;
    }

    bool writeAll(const char *data, qsizetype size)
    {
        while (size > 0) {
            const ssize_t written = ::write(fd, data, std::size_t(size));
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                return fail(QCoreApplication::translate("qmld::CaptureWriter", "cannot write %1: %2")
                                .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
            }
            data += written;
            size -= written;
            fileBytes += written;
        }
        return true;
    }

    bool deflateChunk(int flush)
    {
        zs.next_in = reinterpret_cast<Bytef *>(pending.data());
        zs.avail_in = uInt(pending.size());
        char out[64 * 1024];
        int status = Z_OK;
        do {
            zs.next_out = reinterpret_cast<Bytef *>(out);
            zs.avail_out = sizeof(out);
            status = deflate(&zs, flush);
            if (status == Z_STREAM_ERROR)
                return fail(QCoreApplication::translate("qmld::CaptureWriter", "cannot compress %1").arg(path));
            if (!writeAll(out, qsizetype(sizeof(out) - zs.avail_out)))
                return false;
        } while (zs.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END));
        pending.clear();
        return true;
    }

    bool drain(int flush)
    {
        if (fd < 0)
            return fail(QCoreApplication::translate("qmld::CaptureWriter", "capture file is not open"));
        if (!gzip) {
            const bool ok = writeAll(pending.constData(), pending.size());
            pending.clear();
            return ok;
        }
        return deflateChunk(flush);
    }

    void release()
    {
        if (zsInitialized) {
            deflateEnd(&zs);
            zsInitialized = false;
        }
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
};

CaptureWriter::CaptureWriter() : d(std::make_unique<Private>()) {}
CaptureWriter::CaptureWriter(CaptureWriter &&other) noexcept = default;
CaptureWriter &CaptureWriter::operator=(CaptureWriter &&other) noexcept = default;

CaptureWriter::~CaptureWriter()
{
    if (d && d->fd >= 0)
        close();
}

bool CaptureWriter::open(const QString &path, const CaptureHeader &header, Compression compression)
{
    if (d->fd >= 0)
        close();
    *d = Private();
    d->path = path;
    d->gzip = compression == Compression::Gzip
        || (compression == Compression::Auto && path.endsWith(u".gz"_s, Qt::CaseInsensitive));
    const QByteArray native = QFile::encodeName(path);
    // 0600 at creation (a umask only removes bits), then fchmod for a file
    // that already existed with other bits: nobody else reads the records.
    d->fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (d->fd < 0)
        return d->fail(QCoreApplication::translate("qmld::CaptureWriter", "cannot create %1: %2")
                           .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (::fchmod(d->fd, S_IRUSR | S_IWUSR) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        d->release();
        return d->fail(QCoreApplication::translate("qmld::CaptureWriter", "cannot make %1 private (mode 0600): %2")
                           .arg(path, reason));
    }
    if (d->gzip) {
        // windowBits 15 + 16: a gzip wrapper, as gzip(1) writes.
        if (deflateInit2(&d->zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            d->release();
            return d->fail(QCoreApplication::translate("qmld::CaptureWriter", "cannot start compressing %1").arg(path));
        }
        d->zsInitialized = true;
    }
    d->pending = header.toJsonLine();
    d->rawBytes = d->pending.size();
    if (!d->drain(Z_NO_FLUSH)) {
        d->release();
        return false;
    }
    return true;
}

bool CaptureWriter::isOpen() const
{
    return d->fd >= 0;
}

QString CaptureWriter::path() const
{
    return d->path;
}

bool CaptureWriter::append(const QString &shardId, std::span<const StreamRecord> records)
{
    if (d->fd < 0)
        return d->fail(QCoreApplication::translate("qmld::CaptureWriter", "capture file is not open"));
    for (const StreamRecord &record : records) {
        const QByteArray line = captureRecordLine(shardId, record);
        d->pending += line;
        d->rawBytes += line.size();
        d->records += 1;
        if (d->pending.size() >= kBufferBytes && !d->drain(Z_NO_FLUSH))
            return false;
    }
    return true;
}

bool CaptureWriter::flush()
{
    return d->drain(d->gzip ? Z_SYNC_FLUSH : Z_NO_FLUSH);
}

bool CaptureWriter::close()
{
    if (d->fd < 0)
        return d->error.isEmpty();
    bool ok = d->drain(Z_FINISH);
    if (ok && ::fsync(d->fd) != 0 && errno != EINVAL && errno != EROFS)
        ok = d->fail(QCoreApplication::translate("qmld::CaptureWriter", "cannot write %1: %2")
                         .arg(d->path, QString::fromLocal8Bit(std::strerror(errno))));
    const int fd = d->fd;
    d->fd = -1;
    if (d->zsInitialized) {
        deflateEnd(&d->zs);
        d->zsInitialized = false;
    }
    if (::close(fd) != 0 && ok)
        ok = d->fail(QCoreApplication::translate("qmld::CaptureWriter", "cannot write %1: %2")
                         .arg(d->path, QString::fromLocal8Bit(std::strerror(errno))));
    return ok;
}

std::int64_t CaptureWriter::recordCount() const
{
    return d->records;
}

std::int64_t CaptureWriter::bytesWritten() const
{
    return d->fileBytes;
}

std::int64_t CaptureWriter::uncompressedBytes() const
{
    return d->rawBytes;
}

bool CaptureWriter::isCompressed() const
{
    return d->gzip;
}

QString CaptureWriter::errorString() const
{
    return d->error;
}

} // namespace qmld

#include <qmld/CaptureFile.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <zlib.h>

#include <cmath>

using namespace Qt::StringLiterals;

namespace qmld {

namespace {

constexpr qint64 kReadBytes = 256 * 1024;
// A record is at most 1 MiB of data: 1.4 MiB of base64 plus its fields.
constexpr qsizetype kMaxLineBytes = 8 * 1024 * 1024;

bool isDecimal(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

std::optional<std::int64_t> integerOf(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number != std::floor(number) || std::fabs(number) > 9007199254740992.0)
        return std::nullopt;
    return std::int64_t(number);
}

} // namespace

struct CaptureReader::Private
{
    QString path;
    QString name; // the file name in messages
    QFile file;
    bool gzip = false;
    z_stream zs{};
    bool zsInitialized = false;
    bool gzipMemberEnded = false;
    bool eof = false;       // no more bytes from the file (after decompression)
    QByteArray buffer;      // decompressed bytes not yet split into lines
    qsizetype bufferPos = 0;
    std::int64_t line = 0;
    CaptureHeader header;
    QString error;
    bool finished = false;

    ~Private()
    {
        if (zsInitialized)
            inflateEnd(&zs);
    }

    std::nullopt_t fail(const QString &message)
    {
        error = message;
        finished = true;
        return std::nullopt;
    }
    std::nullopt_t failAtLine(const QString &message) { return fail(u"%1:%2: %3"_s.arg(name).arg(line).arg(message)); }

    // Appends more decompressed bytes to buffer; false at the end or on an error.
    bool fill()
    {
        if (eof)
            return false;
        const QByteArray raw = file.read(kReadBytes);
        if (raw.isEmpty()) {
            eof = true;
            if (file.error() != QFileDevice::NoError) {
                fail(QCoreApplication::translate("qmld::CaptureReader", "cannot read %1: %2")
                         .arg(name, file.errorString()));
                return false;
            }
            if (gzip && !gzipMemberEnded) {
                fail(QCoreApplication::translate("qmld::CaptureReader",
                                                 "%1: truncated gzip: the file ends inside the compressed stream, after line %2")
                         .arg(name).arg(line));
                return false;
            }
            return false;
        }
        if (!gzip) {
            buffer += raw;
            return true;
        }
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
        zs.avail_in = uInt(raw.size());
        char out[64 * 1024];
        while (zs.avail_in > 0) {
            if (gzipMemberEnded) {
                // Concatenated gzip members, as `cat a.gz b.gz` makes.
                inflateReset(&zs);
                gzipMemberEnded = false;
            }
            zs.next_out = reinterpret_cast<Bytef *>(out);
            zs.avail_out = sizeof(out);
            const int status = inflate(&zs, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
                fail(QCoreApplication::translate("qmld::CaptureReader", "%1: corrupt gzip after line %2 (%3)")
                         .arg(name)
                         .arg(line)
                         .arg(QString::fromLatin1(zs.msg ? zs.msg : "bad data")));
                return false;
            }
            buffer.append(out, qsizetype(sizeof(out) - zs.avail_out));
            if (status == Z_STREAM_END)
                gzipMemberEnded = true;
            if (status == Z_BUF_ERROR && zs.avail_out != 0)
                break;
        }
        return true;
    }

    // The next line without its '\n' (a last line without one counts);
    // nullopt at the end or on an error.
    std::optional<QByteArray> nextLine()
    {
        for (;;) {
            const qsizetype newline = buffer.indexOf('\n', bufferPos);
            if (newline >= 0) {
                QByteArray text = buffer.mid(bufferPos, newline - bufferPos);
                bufferPos = newline + 1;
                if (bufferPos > kReadBytes) {
                    buffer.remove(0, bufferPos);
                    bufferPos = 0;
                }
                ++line;
                return text;
            }
            if (buffer.size() - bufferPos > kMaxLineBytes) {
                ++line;
                return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "line longer than %1 bytes")
                                      .arg(kMaxLineBytes));
            }
            if (!fill()) {
                if (finished)
                    return std::nullopt;
                if (bufferPos < buffer.size()) {
                    QByteArray text = buffer.mid(bufferPos);
                    bufferPos = buffer.size();
                    ++line;
                    return text;
                }
                return std::nullopt;
            }
        }
    }

    std::optional<QJsonObject> parseObject(const QByteArray &text)
    {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "not JSON (%1)")
                                  .arg(parseError.error != QJsonParseError::NoError
                                           ? parseError.errorString()
                                           : QCoreApplication::translate("qmld::CaptureReader", "not an object")));
        return document.object();
    }

    bool readHeader();
    std::optional<CapturedRecord> parseRecord(const QJsonObject &object);
};

bool CaptureReader::Private::readHeader()
{
    std::optional<QByteArray> text;
    do {
        text = nextLine();
    } while (text && text->trimmed().isEmpty());
    if (!text) {
        if (!finished)
            fail(QCoreApplication::translate("qmld::CaptureReader", "%1: no header line: the file is empty").arg(name));
        return false;
    }
    const auto object = parseObject(*text);
    if (!object)
        return false;
    if (!object->contains(u"formatVersion"_s)) {
        if (object->contains(u"sequenceNumber"_s) || object->contains(u"event"_s))
            failAtLine(QCoreApplication::translate("qmld::CaptureReader",
                                                   "no header line: this is a record log, not a capture (a capture starts with a line "
                                                   "holding formatVersion, stream and shards; see 'qmld capture --help')"));
        else
            failAtLine(QCoreApplication::translate("qmld::CaptureReader",
                                                   "no header line: the first line has no formatVersion"));
        return false;
    }
    const auto version = integerOf(object->value(u"formatVersion"_s));
    if (!version || *version < 1) {
        failAtLine(QCoreApplication::translate("qmld::CaptureReader", "formatVersion is not a positive integer"));
        return false;
    }
    if (*version > CaptureHeader::kFormatVersion) {
        failAtLine(QCoreApplication::translate("qmld::CaptureReader",
                                               "unknown formatVersion %1: this qmld reads capture format %2; use a newer qmld")
                       .arg(*version)
                       .arg(CaptureHeader::kFormatVersion));
        return false;
    }
    header.formatVersion = int(*version);
    header.stream = object->value(u"stream"_s).toString();
    header.source = object->value(u"source"_s).toString();
    const QString at = object->value(u"capturedAt"_s).toString();
    header.capturedAt = QDateTime::fromString(at, Qt::ISODateWithMs);
    if (!at.isEmpty() && !header.capturedAt.isValid()) {
        failAtLine(QCoreApplication::translate("qmld::CaptureReader", "capturedAt \"%1\" is not an ISO 8601 time")
                       .arg(at));
        return false;
    }
    const QJsonValue shards = object->value(u"shards"_s);
    if (!shards.isArray()) {
        failAtLine(QCoreApplication::translate("qmld::CaptureReader", "the header has no shards array"));
        return false;
    }
    const auto optionalString = [](const QJsonValue &value) -> std::optional<QString> {
        if (value.isString())
            return value.toString();
        return std::nullopt;
    };
    for (const QJsonValue &value : shards.toArray()) {
        const QJsonObject shard = value.toObject();
        CaptureHeader::Shard entry;
        entry.shardId = shard.value(u"shardId"_s).toString();
        if (entry.shardId.isEmpty()) {
            failAtLine(QCoreApplication::translate("qmld::CaptureReader", "a shard in the header has no shardId"));
            return false;
        }
        if (header.shard(entry.shardId)) {
            failAtLine(QCoreApplication::translate("qmld::CaptureReader", "shard %1 is listed twice in the header")
                           .arg(entry.shardId));
            return false;
        }
        entry.parentShardId = shard.value(u"parentShardId"_s).toString();
        entry.adjacentParentShardId = shard.value(u"adjacentParentShardId"_s).toString();
        entry.startingHashKey = shard.value(u"startingHashKey"_s).toString();
        entry.endingHashKey = shard.value(u"endingHashKey"_s).toString();
        if ((!entry.startingHashKey.isEmpty() && !isDecimal(entry.startingHashKey))
            || (!entry.endingHashKey.isEmpty() && !isDecimal(entry.endingHashKey))) {
            failAtLine(QCoreApplication::translate("qmld::CaptureReader", "shard %1's hash key range is not decimal")
                           .arg(entry.shardId));
            return false;
        }
        entry.startingSequenceNumber = optionalString(shard.value(u"startingSequenceNumber"_s));
        entry.endingSequenceNumber = optionalString(shard.value(u"endingSequenceNumber"_s));
        for (const auto *sequence : {&entry.startingSequenceNumber, &entry.endingSequenceNumber}) {
            if (*sequence && !isDecimal(**sequence)) {
                failAtLine(QCoreApplication::translate("qmld::CaptureReader",
                                                       "shard %1 has a sequence number that is not decimal: \"%2\"")
                               .arg(entry.shardId, **sequence));
                return false;
            }
        }
        header.shards.push_back(std::move(entry));
    }
    return true;
}

std::optional<CapturedRecord> CaptureReader::Private::parseRecord(const QJsonObject &object)
{
    CapturedRecord captured;
    const QJsonValue shardId = object.value(u"shardId"_s);
    if (!shardId.isString() || shardId.toString().isEmpty())
        return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "missing shardId"));
    captured.shardId = shardId.toString();
    if (!header.shards.empty() && !header.shard(captured.shardId))
        return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "shard %1 is not in the header")
                              .arg(captured.shardId));

    const QJsonValue sequence = object.value(u"sequenceNumber"_s);
    if (sequence.isUndefined() || sequence.isNull())
        return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "missing sequenceNumber"));
    std::optional<std::int64_t> sub;
    const QJsonValue subValue = object.value(u"subSequenceNumber"_s);
    if (!subValue.isUndefined() && !subValue.isNull()) {
        sub = integerOf(subValue);
        if (!sub || *sub < 0)
            return failAtLine(QCoreApplication::translate("qmld::CaptureReader",
                                                          "subSequenceNumber is not a non-negative integer"));
    }
    const auto parsed = sequence.isString() ? SequenceNumber::parse(sequence.toString(), sub) : std::nullopt;
    if (!parsed || parsed->isSentinel())
        return failAtLine(QCoreApplication::translate("qmld::CaptureReader",
                                                      "sequenceNumber is not a decimal sequence number"));
    captured.record.sequenceNumber = *parsed;

    const QJsonValue key = object.value(u"partitionKey"_s);
    if (key.isString())
        captured.record.partitionKey = key.toString().toUtf8();
    else if (!key.isNull() && !key.isUndefined())
        return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "partitionKey is not a string"));

    const QJsonValue data = object.value(u"data"_s);
    if (!data.isString())
        return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "missing data"));
    auto decoded = QByteArray::fromBase64Encoding(data.toString().toLatin1(),
                                                  QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return failAtLine(QCoreApplication::translate("qmld::CaptureReader", "data is not base64"));
    captured.record.data = std::move(decoded.decoded);
    if (captured.record.data.isNull())
        captured.record.data = QByteArray(""_ba);

    const QJsonValue arrival = object.value(u"approximateArrivalTimestamp"_s);
    if (!arrival.isNull() && !arrival.isUndefined()) {
        const auto ms = integerOf(arrival);
        if (!ms)
            return failAtLine(QCoreApplication::translate("qmld::CaptureReader",
                                                          "approximateArrivalTimestamp is not an integer (epoch milliseconds)"));
        captured.record.approximateArrivalTimestamp = *ms;
    }
    return captured;
}

CaptureReader::CaptureReader() : d(std::make_unique<Private>()) {}
CaptureReader::CaptureReader(CaptureReader &&other) noexcept = default;
CaptureReader &CaptureReader::operator=(CaptureReader &&other) noexcept = default;
CaptureReader::~CaptureReader() = default;

bool CaptureReader::open(const QString &path)
{
    d = std::make_unique<Private>();
    d->path = path;
    d->name = QFileInfo(path).fileName();
    d->file.setFileName(path);
    if (!d->file.open(QIODevice::ReadOnly)) {
        d->fail(QCoreApplication::translate("qmld::CaptureReader", "cannot open %1: %2")
                    .arg(path, d->file.errorString()));
        return false;
    }
    const QByteArray magic = d->file.peek(2);
    d->gzip = magic.size() == 2 && uchar(magic[0]) == 0x1f && uchar(magic[1]) == 0x8b;
    if (d->gzip) {
        if (inflateInit2(&d->zs, 15 + 16) != Z_OK) {
            d->fail(QCoreApplication::translate("qmld::CaptureReader", "cannot start decompressing %1").arg(path));
            return false;
        }
        d->zsInitialized = true;
    }
    return d->readHeader();
}

const CaptureHeader &CaptureReader::header() const
{
    return d->header;
}

bool CaptureReader::isCompressed() const
{
    return d->gzip;
}

std::optional<CapturedRecord> CaptureReader::next()
{
    if (d->finished)
        return std::nullopt;
    for (;;) {
        const std::optional<QByteArray> text = d->nextLine();
        if (!text) {
            d->finished = true;
            return std::nullopt;
        }
        if (text->trimmed().isEmpty())
            continue;
        const auto object = d->parseObject(*text);
        if (!object)
            return std::nullopt;
        if (object->contains(u"event"_s))
            continue; // initialize, checkpointed, ... lines of a --processor log log
        return d->parseRecord(*object);
    }
}

bool CaptureReader::atEnd() const
{
    return d->finished && d->error.isEmpty();
}

bool CaptureReader::hasError() const
{
    return !d->error.isEmpty();
}

QString CaptureReader::errorString() const
{
    return d->error;
}

std::int64_t CaptureReader::lineNumber() const
{
    return d->line;
}

} // namespace qmld

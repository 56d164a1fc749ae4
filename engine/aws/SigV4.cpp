#include <qmld/aws/SigV4.h>

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTimeZone>

#include <algorithm>
#include <map>

namespace qmld::aws {

namespace {

bool unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == '~';
}

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// Trimmed, with every run of spaces inside folded to one.
QByteArray foldSpaces(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    bool space = false;
    for (char c : value.trimmed()) {
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

} // namespace

namespace sigv4 {

QByteArray uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (char c : bytes) {
        if (unreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

// RFC 3986 dot segments removed and empty segments dropped, as the AWS
// services (all but S3) normalise the path before they check the signature.
QByteArray canonicalUri(QByteArrayView path)
{
    QList<QByteArrayView> segments;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            segments.append(segment);
        }
        start = end + 1;
    }
    QByteArray out = "/";
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i)
            out += '/';
        out += uriEncode(segments.at(i), false);
    }
    if (!segments.isEmpty() && path.endsWith('/'))
        out += '/';
    return out;
}

QByteArray canonicalQuery(const HeaderList &query)
{
    QList<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto &[name, value] : query)
        encoded.append({uriEncode(name, false), uriEncode(value, false)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto &[name, value] : encoded) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

std::pair<QByteArray, QByteArray> canonicalHeaders(const HeaderList &headers)
{
    std::map<QByteArray, QByteArray> merged; // sorted by lower-case name
    for (const auto &[name, value] : headers) {
        QByteArray &slot = merged[name.trimmed().toLower()];
        if (!slot.isEmpty())
            slot += ',';
        slot += foldSpaces(value);
    }
    QByteArray names;
    QByteArray block;
    for (const auto &[name, value] : merged) {
        if (!names.isEmpty())
            names += ';';
        names += name;
        block += name + ':' + value + '\n';
    }
    return {names, block};
}

QByteArray canonicalRequest(const SignableRequest &request)
{
    const auto [names, block] = canonicalHeaders(request.headers);
    return request.method + '\n' + canonicalUri(request.path) + '\n' + canonicalQuery(request.query) + '\n' + block
        + '\n' + names + '\n' + sha256Hex(request.body);
}

QByteArray amzDate(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

static QByteArray credentialScope(const QByteArray &amzDate, const SigningScope &scope)
{
    return amzDate.left(8) + '/' + scope.region.toUtf8() + '/' + scope.service.toUtf8() + "/aws4_request";
}

QByteArray stringToSign(const QByteArray &amzDate, const SigningScope &scope, const QByteArray &canonicalRequest)
{
    return "AWS4-HMAC-SHA256\n" + amzDate + '\n' + credentialScope(amzDate, scope) + '\n' + sha256Hex(canonicalRequest);
}

QByteArray signature(const QByteArray &secretAccessKey, const QByteArray &amzDate, const SigningScope &scope,
                     const QByteArray &stringToSign)
{
    QByteArray key = hmac("AWS4" + secretAccessKey, amzDate.left(8));
    key = hmac(key, scope.region.toUtf8());
    key = hmac(key, scope.service.toUtf8());
    key = hmac(key, "aws4_request");
    return hmac(key, stringToSign).toHex();
}

void sign(SignableRequest &request, const AwsCredentials &credentials, const SigningScope &scope, const QDateTime &time)
{
    const QByteArray date = amzDate(time);
    const auto isNamed = [](const QByteArray &wanted) {
        return [wanted](const std::pair<QByteArray, QByteArray> &header) { return header.first.toLower() == wanted; };
    };
    request.headers.removeIf(isNamed("x-amz-date"));
    request.headers.removeIf(isNamed("x-amz-security-token"));
    request.headers.removeIf(isNamed("authorization"));
    request.headers.append({"X-Amz-Date", date});
    if (!credentials.sessionToken.isEmpty())
        request.headers.append({"X-Amz-Security-Token", credentials.sessionToken});
    const QByteArray names = canonicalHeaders(request.headers).first;
    const QByteArray toSign = stringToSign(date, scope, canonicalRequest(request));
    request.headers.append({"Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + '/'
                                                 + credentialScope(date, scope) + ", SignedHeaders=" + names
                                                 + ", Signature=" + signature(credentials.secretAccessKey, date, scope, toSign)});
}

} // namespace sigv4

HeaderList redactedHeaders(const HeaderList &headers)
{
    HeaderList out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization") {
            // The signature is no secret, but the scope and header names are all a reader needs.
            const qsizetype signature = value.indexOf(", Signature=");
            out.append({name, (signature < 0 ? QByteArray("AWS4-HMAC-SHA256") : value.left(signature)) + ", Signature=<redacted>"});
        } else if (lower == "x-amz-security-token" || lower == "x-amz-sso_bearer_token"
                   || lower == "x-aws-ec2-metadata-token" || lower == "cookie") {
            out.append({name, "<redacted>"});
        } else {
            out.append({name, value});
        }
    }
    return out;
}

} // namespace qmld::aws

#pragma once

// AWS Signature Version 4 for the JSON (Kinesis, DynamoDB) and query (STS)
// protocols: headers signing only, the payload always hashed.

#include <qmld/aws/Credentials.h>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace qmld::aws {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// A request as SigV4 sees it. The path and query are decoded (as a person
// writes them, "/example space/"); the signer encodes them.
struct SignableRequest
{
    QByteArray method = "POST";
    QByteArray path = "/";
    HeaderList query;   // names and values, decoded
    HeaderList headers; // as sent, Host included; names in any case
    QByteArray body;
};

struct SigningScope
{
    QString region;
    QString service; // signing name: "kinesis", "dynamodb", "sts"
};

namespace sigv4 {

// RFC 3986 unreserved characters kept, everything else %XX (upper-case hex).
QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
QByteArray canonicalUri(QByteArrayView path);
QByteArray canonicalQuery(const HeaderList &query);
// "host;x-amz-date" and the canonical header block (each line ends in \n).
std::pair<QByteArray, QByteArray> canonicalHeaders(const HeaderList &headers);
QByteArray canonicalRequest(const SignableRequest &request);
QByteArray amzDate(const QDateTime &time);
QByteArray stringToSign(const QByteArray &amzDate, const SigningScope &scope, const QByteArray &canonicalRequest);
QByteArray signature(const QByteArray &secretAccessKey, const QByteArray &amzDate, const SigningScope &scope,
                     const QByteArray &stringToSign);

// Adds X-Amz-Date (and, with a session token, X-Amz-Security-Token) to
// request.headers, signs them all, and adds the Authorization header.
void sign(SignableRequest &request, const AwsCredentials &credentials, const SigningScope &scope,
          const QDateTime &time);

} // namespace sigv4

// A copy of the headers fit for a debug log: Authorization keeps only its
// credential scope and signed header names; the session token is hidden.
HeaderList redactedHeaders(const HeaderList &headers);

} // namespace qmld::aws

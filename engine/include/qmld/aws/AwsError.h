#pragma once

#include <QString>

namespace qmld::aws {

// What went wrong in an AWS call, in terms a person can act on: the call, the
// resource it was about, and AWS's own code and message.
struct AwsError
{
    enum class Kind {
        None,
        Throttled,       // still throttled when the deadline or the attempts ran out
        AccessDenied,    // AWS refused the credentials or the permission
        NoCredentials,   // none found, or their source failed (expired SSO session, failing credential_process)
        NotFound,        // ResourceNotFoundException
        ConditionFailed, // a conditional write lost (ConditionalCheckFailedException)
        ExpiredIterator, // ExpiredIteratorException
        InvalidRequest,  // any other 4xx: the request itself is wrong
        ServiceError,    // 5xx after the retries
        NetworkError,    // no answer after the retries
        Timeout,         // the call's deadline passed
        BadResponse,     // an answer that is not what the API documents
    };

    Kind kind = Kind::None;
    QString service;    // "Kinesis"
    QString action;     // "DescribeStreamSummary"
    QString resource;   // "stream orders"
    QString region;
    QString code;       // AWS's error code, "ResourceNotFoundException"
    QString message;    // AWS's own message, or what the network layer said
    int httpStatus = 0;

    bool isError() const { return kind != Kind::None; }
    // Refused credentials or permission: `qmld` exits 4 for these.
    bool isAuthorization() const { return kind == Kind::AccessDenied || kind == Kind::NoCredentials; }
    static bool isRetryableCode(const QString &code);
    static Kind kindOfCode(const QString &code, int httpStatus);

    // "Kinesis DescribeStreamSummary on stream orders (eu-west-1): ResourceNotFoundException: Stream orders under account 1 not found."
    QString text() const;
};

} // namespace qmld::aws

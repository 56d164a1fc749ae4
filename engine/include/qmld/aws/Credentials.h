#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>

namespace qmld::aws {

// One set of AWS credentials. The secret parts are never logged, shown or
// written anywhere; describe() names only where they came from.
struct AwsCredentials
{
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // empty for long-term keys
    QDateTime expiration;    // invalid: does not expire
    QString source;          // "environment", "profile prod", "AssumeRole arn:…"

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool expiresWithin(std::chrono::seconds margin, const QDateTime &now = QDateTime::currentDateTimeUtc()) const
    {
        return expiration.isValid() && now.addSecs(margin.count()) >= expiration;
    }
    QString describe() const;
};

} // namespace qmld::aws

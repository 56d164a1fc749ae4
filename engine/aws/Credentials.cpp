#include <qmld/aws/Credentials.h>

namespace qmld::aws {

QString AwsCredentials::describe() const
{
    // The access key id is not secret (it appears in every request); it tells a person which key was used.
    return QStringLiteral("%1 (access key %2%3)")
        .arg(source, QString::fromLatin1(accessKeyId),
             expiration.isValid() ? QStringLiteral(", expires %1").arg(expiration.toString(Qt::ISODate)) : QString());
}

} // namespace qmld::aws

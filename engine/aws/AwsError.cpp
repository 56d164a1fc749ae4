#include <qmld/aws/AwsError.h>

#include <QCoreApplication>
#include <QSet>

namespace qmld::aws {

namespace {

class AwsText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::aws)
};

} // namespace

bool AwsError::isRetryableCode(const QString &code)
{
    static const QSet<QString> throttling{
        QStringLiteral("ProvisionedThroughputExceededException"), QStringLiteral("LimitExceededException"),
        QStringLiteral("ThrottlingException"), QStringLiteral("Throttling"), QStringLiteral("ThrottledException"),
        QStringLiteral("RequestLimitExceeded"), QStringLiteral("TooManyRequestsException"),
        QStringLiteral("RequestThrottled"), QStringLiteral("RequestThrottledException"),
        QStringLiteral("SlowDown"), QStringLiteral("TransactionInProgressException"),
        QStringLiteral("InternalFailure"), QStringLiteral("InternalServerError"), QStringLiteral("ServiceUnavailable"),
        QStringLiteral("IDPCommunicationError"),
    };
    return throttling.contains(code);
}

AwsError::Kind AwsError::kindOfCode(const QString &code, int httpStatus)
{
    static const QSet<QString> refused{
        QStringLiteral("AccessDeniedException"), QStringLiteral("AccessDenied"),
        QStringLiteral("UnrecognizedClientException"), QStringLiteral("InvalidClientTokenId"),
        QStringLiteral("ExpiredTokenException"), QStringLiteral("ExpiredToken"),
        QStringLiteral("MissingAuthenticationToken"), QStringLiteral("MissingAuthenticationTokenException"),
        QStringLiteral("InvalidSignatureException"), QStringLiteral("SignatureDoesNotMatch"),
        QStringLiteral("IncompleteSignatureException"), QStringLiteral("UnauthorizedOperation"),
        QStringLiteral("KMSAccessDeniedException"), QStringLiteral("InvalidIdentityToken"),
        QStringLiteral("RequestExpired"), QStringLiteral("UnauthorizedException"),
    };
    if (refused.contains(code) || httpStatus == 401 || httpStatus == 403)
        return Kind::AccessDenied;
    if (code == QLatin1StringView("ResourceNotFoundException"))
        return Kind::NotFound;
    if (code == QLatin1StringView("ConditionalCheckFailedException"))
        return Kind::ConditionFailed;
    if (code == QLatin1StringView("ExpiredIteratorException"))
        return Kind::ExpiredIterator;
    if (isRetryableCode(code) && httpStatus < 500)
        return Kind::Throttled;
    if (httpStatus >= 500)
        return Kind::ServiceError;
    return Kind::InvalidRequest;
}

QString AwsError::text() const
{
    QString where = service;
    if (!action.isEmpty())
        where += (where.isEmpty() ? QString() : QStringLiteral(" ")) + action;
    if (!resource.isEmpty())
        where += AwsText::tr(" on %1").arg(resource);
    if (!region.isEmpty())
        where += QStringLiteral(" (%1)").arg(region);
    QString what = code.isEmpty() ? message : (message.isEmpty() ? code : code + QStringLiteral(": ") + message);
    switch (kind) {
    case Kind::Timeout:
        what = AwsText::tr("no answer before the call's deadline") + (what.isEmpty() ? QString() : QStringLiteral(" (") + what + u')');
        break;
    case Kind::Throttled:
        what = AwsText::tr("still throttled after retrying: %1").arg(what);
        break;
    default:
        break;
    }
    return where.isEmpty() ? what : where + QStringLiteral(": ") + what;
}

} // namespace qmld::aws

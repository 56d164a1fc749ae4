#include <qmld/aws/AwsClient.h>

#include <qmld/aws/CredentialsProvider.h>
#include "aws/Logging.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLocale>
#include <QTimeZone>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QXmlStreamReader>

namespace qmld::aws {

namespace {

class AwsText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::aws)
};

bool isSkewCode(const QString &code)
{
    return code == QLatin1StringView("InvalidSignatureException") || code == QLatin1StringView("SignatureDoesNotMatch")
        || code == QLatin1StringView("RequestExpired") || code == QLatin1StringView("RequestTimeTooSkewed")
        || code == QLatin1StringView("RequestInTheFuture");
}

// The Host header as the request line's URL implies it.
QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1StringView("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

// <Error><Code>…</Code><Message>…</Message></Error> of the query protocol.
std::pair<QString, QString> xmlError(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    QString code;
    QString message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1StringView("Code"))
            code = xml.readElementText();
        else if (xml.isStartElement() && xml.name() == QLatin1StringView("Message"))
            message = xml.readElementText();
    }
    return {code, message};
}

} // namespace

ServiceEndpoint ServiceEndpoint::kinesis(const QUrl &url, const QString &region)
{
    return {QStringLiteral("Kinesis"), QStringLiteral("kinesis"), "Kinesis_20131202", "application/x-amz-json-1.1", url, region};
}

ServiceEndpoint ServiceEndpoint::dynamoDb(const QUrl &url, const QString &region)
{
    return {QStringLiteral("DynamoDB"), QStringLiteral("dynamodb"), "DynamoDB_20120810", "application/x-amz-json-1.0", url, region};
}

ServiceEndpoint ServiceEndpoint::sts(const QUrl &url, const QString &region)
{
    return {QStringLiteral("STS"), QStringLiteral("sts"), {}, "application/x-www-form-urlencoded; charset=utf-8", url, region};
}

std::chrono::milliseconds RetryPolicy::delayBefore(int retry) const
{
    const qint64 exponential = baseDelay.count() << qMin(retry, 20);
    const qint64 ceiling = qMin<qint64>(maxDelay.count(), exponential);
    return std::chrono::milliseconds(QRandomGenerator::global()->bounded(ceiling + 1));
}

// One call: its attempts, its deadline, its answer.
class AwsClient::Call : public QObject
{
public:
    Call(AwsClient *client, QObject *context, ResponseCallback done, const CallOptions &options)
        : QObject(client), m_client(client), m_context(context), m_hasContext(context != nullptr),
          m_done(std::move(done)), m_options(options), m_deadline(options.deadline)
    {
        if (context)
            connect(context, &QObject::destroyed, this, [this] { abandon(); });
        m_deadlineTimer.setSingleShot(true);
        connect(&m_deadlineTimer, &QTimer::timeout, this, [this] { timedOut(); });
        m_deadlineTimer.start(options.deadline);
        m_backoff.setSingleShot(true);
        connect(&m_backoff, &QTimer::timeout, this, [this] { attempt(); });
    }

    QString action;
    QByteArray target; // JSON protocols
    QByteArray body;
    bool query = false;
    bool sign = true;

    void attempt()
    {
        ++m_attempts;
        if (!sign) {
            send({});
            return;
        }
        if (!m_client->m_credentials) {
            fail(AwsError::Kind::NoCredentials, {}, AwsText::tr("no credentials provider"), 0);
            return;
        }
        QPointer<Call> self(this);
        m_client->m_credentials->credentials([self](const CredentialsResult &result) {
            if (!self)
                return;
            if (!result.ok())
                self->fail(AwsError::Kind::NoCredentials, {}, result.error.isEmpty() ? AwsText::tr("no credentials") : result.error, 0);
            else
                self->send(result.credentials);
        });
    }

private:
    void send(const AwsCredentials &credentials)
    {
        const ServiceEndpoint &endpoint = m_client->m_endpoint;
        SignableRequest signable;
        signable.method = "POST";
        signable.path = endpoint.url.path().isEmpty() ? QByteArray("/") : endpoint.url.path().toUtf8();
        signable.headers = {{"Host", hostHeader(endpoint.url)}, {"Content-Type", endpoint.contentType}};
        if (!target.isEmpty())
            signable.headers.append({"X-Amz-Target", target});
        signable.body = body;
        if (sign) {
            const QDateTime now = QDateTime::currentDateTimeUtc().addMSecs(m_client->m_skewMs);
            sigv4::sign(signable, credentials, {endpoint.region, endpoint.signingName}, now);
        }

        QNetworkRequest request(endpoint.url);
        for (const auto &[name, value] : std::as_const(signable.headers))
            request.setRawHeader(name, value);
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("qmld/" QMLD_VERSION));
        // HTTP/1.1 sends the Host header that was signed; HTTP/2 would send its own :authority.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(int(qBound(qint64(1), m_deadline.remainingTime(), qint64(600000))));
        if (lcAws().isDebugEnabled()) {
            QByteArray shown;
            for (const auto &[name, value] : redactedHeaders(signable.headers))
                shown += "\n  " + name + ": " + value;
            qCDebug(lcAws).noquote() << "POST" << endpoint.url.toString() << action << "attempt" << m_attempts
                                     << QString::fromUtf8(shown);
        }
        m_reply = m_client->m_network->post(request, body);
        connect(m_reply, &QNetworkReply::finished, this, [this] { answered(); });
    }

    void answered()
    {
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        reply->deleteLater();
        const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
        const QByteArray answer = reply->readAll();
        qCDebug(lcAws).noquote() << action << "answered HTTP" << status << "after attempt" << m_attempts
                                 << (status == 0 ? reply->errorString() : QString());

        if (status >= 200 && status < 300) {
            AwsResponse response;
            response.attempts = m_attempts;
            if (query) {
                response.body = answer;
            } else {
                QJsonParseError parseError;
                const QJsonDocument document = QJsonDocument::fromJson(answer.isEmpty() ? QByteArray("{}") : answer, &parseError);
                if (!document.isObject()) {
                    fail(AwsError::Kind::BadResponse, {},
                         AwsText::tr("the answer is not a JSON object: %1").arg(parseError.errorString()), status);
                    return;
                }
                response.json = document.object();
            }
            finish(response);
            return;
        }

        if (status == 0) {
            retryOrFail(AwsError::Kind::NetworkError, {}, reply->errorString(), 0, true);
            return;
        }

        QString code;
        QString message;
        if (query) {
            std::tie(code, message) = xmlError(answer);
        } else {
            const QJsonObject error = QJsonDocument::fromJson(answer).object();
            code = QString::fromLatin1(reply->rawHeader("x-amzn-ErrorType"));
            if (code.isEmpty())
                code = error.value(QLatin1StringView("__type")).toString();
            message = error.value(QLatin1StringView("message")).toString();
            if (message.isEmpty())
                message = error.value(QLatin1StringView("Message")).toString();
        }
        // Some refusals echo the Authorization header: its signature stays out of errors, as out of logs.
        static const QRegularExpression signature(QStringLiteral("Signature=[0-9a-fA-F]+"));
        message.replace(signature, QStringLiteral("Signature=<redacted>"));
        // "com.amazonaws.kinesis.v20131202#ResourceNotFoundException" and "Code:http://…" forms.
        code = code.section(u'#', -1).section(u':', 0, 0);
        if (code.isEmpty())
            code = QStringLiteral("HTTP %1").arg(status);

        if (isSkewCode(code) && !m_skewCorrected && correctSkew(reply->rawHeader("Date"))) {
            m_skewCorrected = true;
            attempt();
            return;
        }
        // Temporary credentials AWS calls expired before we thought: fetch new ones, once.
        if ((code == QLatin1StringView("ExpiredToken") || code == QLatin1StringView("ExpiredTokenException")) && !m_refreshed) {
            if (auto *refreshing = qobject_cast<RefreshingCredentialsProvider *>(m_client->m_credentials.data())) {
                m_refreshed = true;
                refreshing->invalidate();
                attempt();
                return;
            }
        }
        const bool retryable = status >= 500 || status == 429 || AwsError::isRetryableCode(code);
        retryOrFail(AwsError::kindOfCode(code, status), code, message, status, retryable);
    }

    // True when the server's clock is far enough from ours to explain the refusal.
    bool correctSkew(const QByteArray &date)
    {
        // HTTP's IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT".
        QDateTime server = QLocale::c().toDateTime(QString::fromLatin1(date).trimmed(),
                                                   QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        server.setTimeZone(QTimeZone::utc());
        if (!server.isValid())
            return false;
        const qint64 skew = QDateTime::currentDateTimeUtc().msecsTo(server);
        if (qAbs(skew - m_client->m_skewMs) < 60000)
            return false;
        qCInfo(lcAws).noquote() << AwsText::tr("%1: the local clock is %2 s off the server's; signing with the server's time")
                                       .arg(m_client->m_endpoint.displayName)
                                       .arg(-skew / 1000);
        m_client->m_skewMs = skew;
        return true;
    }

    void retryOrFail(AwsError::Kind kind, const QString &code, const QString &message, int status, bool retryable)
    {
        const auto delay = m_client->m_retry.delayBefore(m_attempts - 1);
        if (retryable && m_attempts < m_client->m_retry.maxAttempts && m_deadline.remainingTime() > delay.count()) {
            qCDebug(lcAws).noquote() << action << "retrying in" << delay.count() << "ms:" << code << message;
            m_lastError = makeError(kind, code, message, status);
            m_backoff.start(delay);
            return;
        }
        if (retryable && (kind == AwsError::Kind::InvalidRequest || kind == AwsError::Kind::ServiceError) && status < 500)
            kind = AwsError::Kind::Throttled;
        fail(kind, code, message, status);
    }

    AwsError makeError(AwsError::Kind kind, const QString &code, const QString &message, int status) const
    {
        AwsError error;
        error.kind = kind;
        error.service = m_client->m_endpoint.displayName;
        error.action = action;
        error.resource = m_options.resource;
        error.region = m_client->m_endpoint.region;
        error.code = code;
        error.message = message;
        error.httpStatus = status;
        return error;
    }

    void fail(AwsError::Kind kind, const QString &code, const QString &message, int status)
    {
        AwsResponse response;
        response.attempts = m_attempts;
        response.error = makeError(kind, code, message, status);
        finish(response);
    }

    void timedOut()
    {
        m_backoff.stop();
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
            m_reply = nullptr;
        }
        AwsResponse response;
        response.attempts = m_attempts;
        response.error = m_lastError.isError() ? m_lastError : makeError(AwsError::Kind::Timeout, {}, {}, 0);
        response.error.kind = m_lastError.kind == AwsError::Kind::Throttled ? AwsError::Kind::Throttled : AwsError::Kind::Timeout;
        finish(response);
    }

    void finish(const AwsResponse &response)
    {
        m_deadlineTimer.stop();
        m_backoff.stop();
        const ResponseCallback done = std::exchange(m_done, {});
        deleteLater();
        if (done && (!m_hasContext || m_context))
            done(response);
    }

    void abandon()
    {
        m_done = {};
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
            m_reply = nullptr;
        }
        deleteLater();
    }

    AwsClient *m_client;
    QPointer<QObject> m_context;
    bool m_hasContext;
    ResponseCallback m_done;
    CallOptions m_options;
    QDeadlineTimer m_deadline;
    QTimer m_deadlineTimer;
    QTimer m_backoff;
    QNetworkReply *m_reply = nullptr;
    AwsError m_lastError;
    int m_attempts = 0;
    bool m_skewCorrected = false;
    bool m_refreshed = false;
};

AwsClient::AwsClient(ServiceEndpoint endpoint, CredentialsProvider *credentials, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_credentials(credentials),
      m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

AwsClient::~AwsClient() = default;

void AwsClient::callJson(const QString &action, const QJsonObject &input, QObject *context, ResponseCallback done,
                         const CallOptions &options)
{
    auto *call = new Call(this, context, std::move(done), options);
    call->action = action;
    call->target = m_endpoint.targetPrefix + '.' + action.toLatin1();
    call->body = QJsonDocument(input).toJson(QJsonDocument::Compact);
    start(call);
}

void AwsClient::callQuery(const QString &action, const HeaderList &parameters, QObject *context, ResponseCallback done,
                          const CallOptions &options, Signing signing)
{
    auto *call = new Call(this, context, std::move(done), options);
    call->action = action;
    call->query = true;
    call->sign = signing == Signing::Signed;
    call->body = "Action=" + sigv4::uriEncode(action.toUtf8(), false) + "&Version=2011-06-15";
    for (const auto &[name, value] : parameters)
        call->body += '&' + sigv4::uriEncode(name, false) + '=' + sigv4::uriEncode(value, false);
    start(call);
}

void AwsClient::start(Call *call)
{
    // Started from the event loop, so `done` never runs inside callJson().
    QTimer::singleShot(0, call, [call] { call->attempt(); });
}

} // namespace qmld::aws

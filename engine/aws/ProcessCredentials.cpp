#include "aws/CredentialSources.h"
#include "aws/CredentialsText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

namespace qmld::aws {

CredentialsResult credentialsFromJson(const QByteArray &json, const QString &source)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    CredentialsResult result;
    result.credentials.accessKeyId = object.value(QLatin1StringView("AccessKeyId")).toString().toUtf8();
    result.credentials.secretAccessKey = object.value(QLatin1StringView("SecretAccessKey")).toString().toUtf8();
    result.credentials.sessionToken = object.value(QLatin1StringView("SessionToken")).toString().toUtf8();
    if (result.credentials.sessionToken.isEmpty())
        result.credentials.sessionToken = object.value(QLatin1StringView("Token")).toString().toUtf8();
    const QString expiration = object.value(QLatin1StringView("Expiration")).toString();
    if (!expiration.isEmpty())
        result.credentials.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs);
    result.credentials.source = source;
    if (!result.credentials.isValid())
        result.error = CredentialsText::tr("%1 gave no AccessKeyId and SecretAccessKey").arg(source);
    return result;
}

// The command line split as a POSIX shell would (quotes and backslashes), as
// the AWS CLI does with shlex; it is run without a shell.
static QStringList splitShellWords(const QString &command)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (quote.isNull() && c.isSpace()) {
            if (inWord)
                words.append(std::exchange(word, {}));
            inWord = false;
            continue;
        }
        inWord = true;
        if (!quote.isNull() && c == quote) {
            quote = {};
        } else if (quote.isNull() && (c == u'\'' || c == u'"')) {
            quote = c;
        } else if (c == u'\\' && quote != u'\'' && i + 1 < command.size()) {
            word += command.at(++i);
        } else {
            word += c;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

ProcessCredentialsProvider::ProcessCredentialsProvider(QString command, QString profile, QObject *parent)
    : RefreshingCredentialsProvider(parent), m_command(std::move(command)), m_profile(std::move(profile))
{
}

void ProcessCredentialsProvider::fetch(CredentialsCallback done)
{
    const QString source = CredentialsText::tr("credential_process of profile %1").arg(m_profile);
    QStringList arguments = splitShellWords(m_command);
    if (arguments.isEmpty()) {
        done({{}, CredentialsText::tr("%1 is empty").arg(source)});
        return;
    }
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, process, [process] { process->kill(); });
    auto finish = [process, source, done](const QString &failure) {
        if (!failure.isEmpty()) {
            done({{}, failure});
        } else {
            CredentialsResult result = credentialsFromJson(process->readAllStandardOutput(), source);
            done(result);
        }
        process->deleteLater();
    };
    connect(process, &QProcess::errorOccurred, this, [process, source, finish](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(CredentialsText::tr("%1 did not start: %2").arg(source, process->errorString()));
    });
    connect(process, &QProcess::finished, this, [process, source, finish](int code, QProcess::ExitStatus status) {
        if (status != QProcess::NormalExit || code != 0) {
            const QString why = QString::fromLocal8Bit(process->readAllStandardError()).trimmed().section(u'\n', 0, 0);
            finish(CredentialsText::tr("%1 failed (exit %2)%3").arg(source).arg(code).arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why));
            return;
        }
        finish({});
    });
    const QString program = arguments.takeFirst();
    process->start(program, arguments, QIODevice::ReadOnly);
    timeout->start(60000);
}

} // namespace qmld::aws

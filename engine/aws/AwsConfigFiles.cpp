#include <qmld/aws/AwsConfigFiles.h>

#include <QDir>
#include <QFile>

namespace qmld::aws {

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString home(const QProcessEnvironment &environment)
{
    const QString value = environment.value(QStringLiteral("HOME"));
    return value.isEmpty() ? QDir::homePath() : value;
}

} // namespace

AwsConfigFiles AwsConfigFiles::load(const QProcessEnvironment &environment)
{
    AwsConfigFiles files;
    files.m_configPath = environment.value(QStringLiteral("AWS_CONFIG_FILE"), home(environment) + QStringLiteral("/.aws/config"));
    files.m_credentialsPath = environment.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                                                home(environment) + QStringLiteral("/.aws/credentials"));
    files.m_config = parse(readAll(files.m_configPath));
    files.m_credentials = parse(readAll(files.m_credentialsPath));
    return files;
}

AwsConfigFiles AwsConfigFiles::fromText(const QByteArray &config, const QByteArray &credentials)
{
    AwsConfigFiles files;
    files.m_config = parse(config);
    files.m_credentials = parse(credentials);
    return files;
}

QMap<QString, AwsConfigFiles::Section> AwsConfigFiles::parse(const QByteArray &text)
{
    QMap<QString, Section> sections;
    QString current;
    QString parentKey; // a "key =" line with no value opens nested "sub = value" lines
    bool inSection = false;
    for (const QByteArray &rawLine : text.split('\n')) {
        const QString line = QString::fromUtf8(rawLine).remove(u'\r');
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u';'))
            continue;
        if (trimmed.startsWith(u'[') && trimmed.endsWith(u']')) {
            current = trimmed.mid(1, trimmed.size() - 2).simplified();
            sections[current];
            inSection = true;
            parentKey.clear();
            continue;
        }
        if (!inSection)
            continue;
        const qsizetype equals = trimmed.indexOf(u'=');
        if (equals < 0)
            continue;
        const QString key = trimmed.left(equals).trimmed().toLower();
        QString value = trimmed.mid(equals + 1).trimmed();
        const bool indented = line.startsWith(u' ') || line.startsWith(u'\t');
        if (indented && !parentKey.isEmpty()) {
            sections[current].insert(parentKey + u'.' + key, value);
            continue;
        }
        // Inline comments need a space before them (as botocore's parser).
        for (const QLatin1StringView marker : {QLatin1StringView(" #"), QLatin1StringView(" ;")}) {
            const qsizetype at = value.indexOf(marker);
            if (at >= 0)
                value = value.left(at).trimmed();
        }
        parentKey = value.isEmpty() ? key : QString();
        if (!value.isEmpty())
            sections[current].insert(key, value);
    }
    return sections;
}

bool AwsConfigFiles::hasProfile(const QString &name) const
{
    return m_credentials.contains(name) || m_config.contains(QStringLiteral("profile ") + name)
        || (name == QLatin1StringView("default") && m_config.contains(name));
}

AwsConfigFiles::Section AwsConfigFiles::profile(const QString &name) const
{
    Section merged = m_config.value(QStringLiteral("profile ") + name);
    if (name == QLatin1StringView("default") && merged.isEmpty())
        merged = m_config.value(name);
    const Section credentials = m_credentials.value(name);
    for (auto it = credentials.begin(); it != credentials.end(); ++it)
        merged.insert(it.key(), it.value());
    return merged;
}

QStringList AwsConfigFiles::profileNames() const
{
    QStringList names = m_credentials.keys();
    for (const QString &section : m_config.keys()) {
        if (section.startsWith(QLatin1StringView("profile ")))
            names.append(section.mid(8));
        else if (section == QLatin1StringView("default"))
            names.append(section);
    }
    names.removeDuplicates();
    names.sort();
    return names;
}

} // namespace qmld::aws

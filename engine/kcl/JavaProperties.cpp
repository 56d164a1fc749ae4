#include <qmld/JavaProperties.h>

#include <QFile>
#include <QStringDecoder>

namespace qmld {

namespace {

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\f';
}

bool isLineEnd(QChar c)
{
    return c == u'\n' || c == u'\r';
}

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// Undoes the escapes of a key or value; nullopt on a malformed \uXXXX.
std::optional<QString> unescape(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c != u'\\') {
            out.append(c);
            continue;
        }
        if (++i == text.size())
            break; // a lone trailing backslash is dropped, as Java does
        const QChar escaped = text[i];
        switch (escaped.unicode()) {
        case u't': out.append(u'\t'); break;
        case u'n': out.append(u'\n'); break;
        case u'r': out.append(u'\r'); break;
        case u'f': out.append(u'\f'); break;
        case u'u': {
            if (i + 4 >= text.size())
                return std::nullopt;
            char16_t code = 0;
            for (qsizetype k = i + 1; k <= i + 4; ++k) {
                const int digit = hexDigit(text[k]);
                if (digit < 0)
                    return std::nullopt;
                code = char16_t(code * 16 + digit);
            }
            out.append(QChar(code));
            i += 4;
            break;
        }
        default: out.append(escaped); break;
        }
    }
    return out;
}

void escapeInto(QByteArray &out, QStringView text, bool isKey)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        switch (c) {
        case u' ':
            if (isKey || i == 0)
                out.append('\\');
            out.append(' ');
            break;
        case u'\t': out.append("\\t"); break;
        case u'\n': out.append("\\n"); break;
        case u'\r': out.append("\\r"); break;
        case u'\f': out.append("\\f"); break;
        case u'=':
        case u':':
        case u'#':
        case u'!':
        case u'\\':
            out.append('\\');
            out.append(char(c));
            break;
        default:
            if (c < 0x20 || c > 0x7e) {
                out.append("\\u");
                out.append(hex[(c >> 12) & 0xf]);
                out.append(hex[(c >> 8) & 0xf]);
                out.append(hex[(c >> 4) & 0xf]);
                out.append(hex[c & 0xf]);
            } else {
                out.append(char(c));
            }
        }
    }
}

} // namespace

std::optional<JavaProperties> JavaProperties::load(const QString &path, QString *errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = tr("cannot read properties file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        if (errorMessage)
            *errorMessage = tr("cannot read properties file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return parse(bytes, path, errorMessage);
}

std::optional<JavaProperties> JavaProperties::parse(QByteArrayView bytes, const QString &sourceName,
                                                    QString *errorMessage)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        text = QString::fromLatin1(bytes);
    if (text.startsWith(QChar::ByteOrderMark))
        text.remove(0, 1);

    JavaProperties properties;
    properties.m_sourceName = sourceName;
    const qsizetype n = text.size();
    qsizetype pos = 0;
    int line = 1;

    auto skipLineEnd = [&] {
        if (pos < n && text[pos] == u'\r')
            ++pos;
        if (pos < n && text[pos] == u'\n')
            ++pos;
        ++line;
    };

    while (pos < n) {
        while (pos < n && isBlank(text[pos]))
            ++pos;
        if (pos == n)
            break;
        if (isLineEnd(text[pos])) {
            skipLineEnd();
            continue;
        }
        if (text[pos] == u'#' || text[pos] == u'!') {
            while (pos < n && !isLineEnd(text[pos]))
                ++pos;
            skipLineEnd();
            continue;
        }

        // One logical line: natural lines joined where one ends in an odd
        // number of backslashes; continuation lines lose their leading blanks.
        const int startLine = line;
        QString logical;
        for (;;) {
            const qsizetype begin = pos;
            while (pos < n && !isLineEnd(text[pos]))
                ++pos;
            QStringView segment = QStringView(text).sliced(begin, pos - begin);
            qsizetype backslashes = 0;
            while (backslashes < segment.size() && segment[segment.size() - 1 - backslashes] == u'\\')
                ++backslashes;
            const bool continues = backslashes % 2 == 1;
            if (continues)
                segment.chop(1);
            logical.append(segment);
            if (pos < n)
                skipLineEnd();
            if (!continues || pos == n)
                break;
            while (pos < n && isBlank(text[pos]))
                ++pos;
        }

        // The key ends at the first unescaped '=', ':' or blank; then blanks,
        // at most one separator, and blanks again precede the value.
        const qsizetype length = logical.size();
        qsizetype keyLength = 0;
        qsizetype valueStart = length;
        bool hasSeparator = false;
        bool precedingBackslash = false;
        while (keyLength < length) {
            const QChar c = logical[keyLength];
            if ((c == u'=' || c == u':') && !precedingBackslash) {
                valueStart = keyLength + 1;
                hasSeparator = true;
                break;
            }
            if (isBlank(c) && !precedingBackslash) {
                valueStart = keyLength + 1;
                break;
            }
            precedingBackslash = c == u'\\' ? !precedingBackslash : false;
            ++keyLength;
        }
        while (valueStart < length) {
            const QChar c = logical[valueStart];
            if (!isBlank(c)) {
                if (!hasSeparator && (c == u'=' || c == u':'))
                    hasSeparator = true;
                else
                    break;
            }
            ++valueStart;
        }

        const auto key = unescape(QStringView(logical).first(keyLength));
        const auto value = unescape(QStringView(logical).sliced(valueStart));
        if (!key || !value) {
            if (errorMessage)
                *errorMessage = tr("%1:%2: malformed \\uXXXX escape")
                                    .arg(sourceName.isEmpty() ? tr("<properties>") : sourceName)
                                    .arg(startLine);
            return std::nullopt;
        }
        const qsizetype existing = properties.indexOf(*key);
        if (existing >= 0)
            properties.m_entries[existing] = Entry{*key, *value, startLine};
        else
            properties.m_entries.append(Entry{*key, *value, startLine});
    }
    return properties;
}

qsizetype JavaProperties::indexOf(QStringView key) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].key == key)
            return i;
    }
    return -1;
}

bool JavaProperties::contains(QStringView key) const
{
    return indexOf(key) >= 0;
}

QString JavaProperties::value(QStringView key, const QString &fallback) const
{
    const qsizetype i = indexOf(key);
    return i >= 0 ? m_entries[i].value : fallback;
}

QString JavaProperties::location(QStringView key) const
{
    const QString source = m_sourceName.isEmpty() ? tr("<properties>") : m_sourceName;
    const qsizetype i = indexOf(key);
    if (i < 0 || m_entries[i].line <= 0)
        return source;
    return source + u':' + QString::number(m_entries[i].line);
}

QStringList JavaProperties::keys() const
{
    QStringList result;
    result.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        result.append(entry.key);
    return result;
}

void JavaProperties::set(const QString &key, const QString &value)
{
    const qsizetype i = indexOf(key);
    if (i >= 0)
        m_entries[i].value = value;
    else
        m_entries.append(Entry{key, value, 0});
}

bool JavaProperties::remove(QStringView key)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return false;
    m_entries.removeAt(i);
    return true;
}

QByteArray JavaProperties::toByteArray(const QString &headerComment) const
{
    QByteArray out;
    if (!headerComment.isEmpty()) {
        const QStringList lines = headerComment.split(u'\n');
        for (const QString &line : lines) {
            out.append("# ");
            for (const QChar c : line) {
                // A comment is never unescaped, so only keep it ASCII.
                out.append(c.unicode() >= 0x20 && c.unicode() <= 0x7e ? char(c.unicode()) : '?');
            }
            out.append('\n');
        }
    }
    for (const Entry &entry : m_entries) {
        escapeInto(out, entry.key, true);
        out.append('=');
        escapeInto(out, entry.value, false);
        out.append('\n');
    }
    return out;
}

bool JavaProperties::save(const QString &path, QFileDevice::Permissions permissions, QString *errorMessage,
                          const QString &headerComment) const
{
    QFile file(path);
    const QByteArray bytes = toByteArray(headerComment);
    // open(mode, permissions) applies them only when it creates the file.
    const bool ok = file.open(QIODevice::WriteOnly | QIODevice::Truncate, permissions)
        && file.setPermissions(permissions) && file.write(bytes) == bytes.size() && file.flush();
    if (!ok) {
        if (errorMessage)
            *errorMessage = tr("cannot write properties file %1: %2").arg(path, file.errorString());
        return false;
    }
    file.close();
    return true;
}

} // namespace qmld

#include "JavaProperties.h"

#include <QFile>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace qmld::peers {
namespace {

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\f';
}

// Joins continuation lines: a line ending in an odd number of backslashes
// continues on the next line, whose leading whitespace is dropped.
QStringList logicalLines(QStringView text)
{
    QStringList lines;
    QString current;
    bool continuing = false;
    for (QStringView raw : text.tokenize(u'\n')) {
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        if (continuing) {
            while (!raw.isEmpty() && isBlank(raw.front()))
                raw = raw.mid(1);
        }
        qsizetype backslashes = 0;
        while (backslashes < raw.size() && raw.at(raw.size() - 1 - backslashes) == u'\\')
            ++backslashes;
        const bool continues = backslashes % 2 == 1;
        current += continues ? raw.chopped(1) : raw;
        continuing = continues;
        if (!continues) {
            lines.append(current);
            current.clear();
        }
    }
    if (continuing)
        lines.append(current);
    return lines;
}

QString unescape(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const QChar next = text.at(++i);
        if (next == u't')
            out += u'\t';
        else if (next == u'n')
            out += u'\n';
        else if (next == u'r')
            out += u'\r';
        else if (next == u'f')
            out += u'\f';
        else if (next == u'u' && i + 4 < text.size()) {
            bool ok = false;
            const ushort code = text.mid(i + 1, 4).toUShort(&ok, 16);
            if (ok) {
                out += QChar(code);
                i += 4;
            } else {
                out += next;
            }
        } else
            out += next;
    }
    return out;
}

} // namespace

JavaProperties JavaProperties::parse(QStringView text)
{
    JavaProperties properties;
    const QStringList lines = logicalLines(text);
    for (const QString &line : lines) {
        qsizetype i = 0;
        while (i < line.size() && isBlank(line.at(i)))
            ++i;
        if (i == line.size() || line.at(i) == u'#' || line.at(i) == u'!')
            continue;
        const qsizetype keyStart = i;
        while (i < line.size()) {
            const QChar c = line.at(i);
            if (c == u'\\') {
                i += 2;
                continue;
            }
            if (c == u'=' || c == u':' || isBlank(c))
                break;
            ++i;
        }
        const qsizetype keyEnd = std::min(i, line.size());
        while (i < line.size() && isBlank(line.at(i)))
            ++i;
        if (i < line.size() && (line.at(i) == u'=' || line.at(i) == u':'))
            ++i;
        while (i < line.size() && isBlank(line.at(i)))
            ++i;
        properties.m_values.insert(unescape(QStringView(line).mid(keyStart, keyEnd - keyStart)),
                                   unescape(QStringView(line).mid(i)));
    }
    return properties;
}

JavaProperties JavaProperties::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read properties file %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    error->clear();
    return parse(QString::fromUtf8(file.readAll()));
}

} // namespace qmld::peers

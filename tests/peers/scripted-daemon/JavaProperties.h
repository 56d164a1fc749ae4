#pragma once

#include <QHash>
#include <QString>

namespace qmld::peers {

// The subset of java.util.Properties.load() a MultiLangDaemon properties file
// uses: '#'/'!' comments, '=' ':' or whitespace separators, backslash line
// continuations and escapes (\t \n \r \f \uXXXX, anything else literal).
// Leading whitespace of a value is dropped, trailing whitespace kept, as Java does.
class JavaProperties
{
public:
    // Empty error string on success; otherwise one line naming the file and why.
    static JavaProperties load(const QString &path, QString *error);
    static JavaProperties parse(QStringView text);

    QString value(const QString &key, const QString &fallback = {}) const { return m_values.value(key, fallback); }
    bool contains(const QString &key) const { return m_values.contains(key); }

private:
    QHash<QString, QString> m_values;
};

} // namespace qmld::peers

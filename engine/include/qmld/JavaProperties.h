#pragma once

#include <QCoreApplication>
#include <QFileDevice>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmld {

// A Java .properties file as the KCL MultiLangDaemon reads it: `key=value`,
// `key: value` and `key value`, # and ! comments, backslash line
// continuations and escapes (\t \n \r \f \uXXXX, escaped separators). Keys
// keep their file order; a repeated key keeps its first position and takes
// the last value, as java.util.Properties does.
class JavaProperties
{
    Q_DECLARE_TR_FUNCTIONS(JavaProperties)
public:
    struct Entry
    {
        QString key;
        QString value;
        int line = 0; // 1-based line where the entry starts; 0 when set in code
    };

    JavaProperties() = default;

    // Reads a file as UTF-8, or as ISO-8859-1 (what Properties.load(InputStream)
    // assumes) when it is not valid UTF-8. On failure returns nullopt and one
    // line naming the path (and line) in *errorMessage.
    static std::optional<JavaProperties> load(const QString &path, QString *errorMessage = nullptr);
    static std::optional<JavaProperties> parse(QByteArrayView text, const QString &sourceName = {},
                                               QString *errorMessage = nullptr);

    // The path the properties were read from; empty when built in memory.
    QString sourceName() const { return m_sourceName; }

    bool contains(QStringView key) const;
    // The value of `key`, or `fallback` when it is not set.
    QString value(QStringView key, const QString &fallback = {}) const;
    // "path:line" of the entry for messages; the path alone when the key has no line.
    QString location(QStringView key) const;
    QStringList keys() const;
    const QList<Entry> &entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }

    // Replaces the value in place, or appends the key.
    void set(const QString &key, const QString &value);
    bool remove(QStringView key);

    // The file text: ASCII only (everything else as \uXXXX, as Properties.store()
    // writes it), so that any JVM reads it the same whatever its default charset.
    QByteArray toByteArray(const QString &headerComment = {}) const;
    // Writes the file with exactly `permissions` (the file is created with them,
    // so it is never readable by others, not even for a moment).
    bool save(const QString &path, QFileDevice::Permissions permissions, QString *errorMessage = nullptr,
              const QString &headerComment = {}) const;

private:
    qsizetype indexOf(QStringView key) const;

    QList<Entry> m_entries; // a file holds dozens of keys: a linear search is the fastest lookup
    QString m_sourceName;
};

} // namespace qmld

#pragma once

#include <QString>

// A file written under a temporary name beside its target, which takes the
// target's name (atomically, replacing it) only when commit() is called: a
// write that fails or is interrupted leaves the target as it was. Removed if
// never committed.
class PartialFile
{
public:
    explicit PartialFile(const QString &target);
    ~PartialFile();
    PartialFile(const PartialFile &) = delete;
    PartialFile &operator=(const PartialFile &) = delete;

    QString path() const { return m_path; }
    bool commit();
    void remove();
    QString errorString() const { return m_error; }

private:
    QString m_target;
    QString m_path;
    QString m_error;
    bool m_committed = false;
};

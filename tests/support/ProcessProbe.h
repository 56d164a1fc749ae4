#pragma once

// Looks at processes through /proc, for tests that must prove nothing they
// started outlives them.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QString>

namespace qmld::test {

inline QByteArray procStat(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    return stat.open(QIODevice::ReadOnly) ? stat.readAll() : QByteArray();
}

// Alive and not a zombie: an orphan may be reaped late by an init that never does it.
inline bool isAlive(qint64 pid)
{
    const QByteArray text = procStat(pid);
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && close + 2 < text.size() && text[close + 2] != 'Z' && text[close + 2] != 'X';
}

inline qint64 parentOf(qint64 pid)
{
    const QByteArray text = procStat(pid);
    return text.mid(text.lastIndexOf(')') + 2).split(' ').value(1).toLongLong();
}

// Every live process below `root`, children first. Nothing for a root that is
// not a real process (0: a QProcess that is not running, or 1: every process).
inline QList<qint64> descendantsOf(qint64 root)
{
    if (root <= 1)
        return {};
    QList<qint64> found{root};
    bool grew = true;
    while (grew) {
        grew = false;
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        for (const QString &entry : entries) {
            bool numeric = false;
            const qint64 pid = entry.toLongLong(&numeric);
            if (numeric && !found.contains(pid) && found.contains(parentOf(pid)) && isAlive(pid)) {
                found << pid;
                grew = true;
            }
        }
    }
    found.removeFirst();
    return found;
}

} // namespace qmld::test

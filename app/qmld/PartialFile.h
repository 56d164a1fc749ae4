#pragma once

#include <QString>

#include <csignal>

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

// Notes SIGINT and SIGTERM instead of dying, for a loop that checks between
// steps and cleans up; the previous handlers come back on destruction.
class InterruptFlag
{
public:
    InterruptFlag();
    ~InterruptFlag();
    InterruptFlag(const InterruptFlag &) = delete;
    InterruptFlag &operator=(const InterruptFlag &) = delete;

    // The signal received, or 0.
    int received() const;

private:
    struct sigaction m_oldInt{};
    struct sigaction m_oldTerm{};
};

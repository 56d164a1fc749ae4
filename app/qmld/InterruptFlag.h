#pragma once

#include <csignal>

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

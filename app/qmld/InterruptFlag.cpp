#include "InterruptFlag.h"

namespace {
volatile std::sig_atomic_t interruptSignal = 0;
extern "C" void noteInterrupt(int signalNumber)
{
    interruptSignal = signalNumber;
}
} // namespace

InterruptFlag::InterruptFlag()
{
    interruptSignal = 0;
    struct sigaction action{};
    action.sa_handler = noteInterrupt;
    action.sa_flags = SA_RESTART; // a write in progress finishes; the loop checks between batches
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_oldInt);
    sigaction(SIGTERM, &action, &m_oldTerm);
}

InterruptFlag::~InterruptFlag()
{
    sigaction(SIGINT, &m_oldInt, nullptr);
    sigaction(SIGTERM, &m_oldTerm, nullptr);
}

int InterruptFlag::received() const
{
    return interruptSignal;
}

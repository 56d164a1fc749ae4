#include "PartialFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

PartialFile::PartialFile(const QString &target) : m_target(target)
{
    const QFileInfo info(target);
    m_path = info.dir().filePath(u"."_s + info.fileName() + u".partial-"_s
                                 + QString::number(QRandomGenerator::global()->generate(), 36));
}

PartialFile::~PartialFile()
{
    remove();
}

bool PartialFile::commit()
{
    if (std::rename(QFile::encodeName(m_path).constData(), QFile::encodeName(m_target).constData()) != 0) {
        m_error = QCoreApplication::translate("PartialFile", "cannot rename %1 to %2: %3")
                      .arg(m_path, m_target, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_committed = true;
    return true;
}

void PartialFile::remove()
{
    if (!m_committed)
        QFile::remove(m_path);
}

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

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

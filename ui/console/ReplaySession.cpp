#include "console/ReplaySession.h"

#include <qmld/CaptureFeeder.h>
#include <qmld/ReplayProgress.h>

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace qmld::ui {

ReplaySession::ReplaySession(const QString &capturePath, QString *error, QObject *parent)
    : QObject(parent), m_capturePath(capturePath), m_folder(QDir::temp().filePath(u"qmld-console-replay-XXXXXX"_s))
{
    if (!m_folder.isValid()) {
        *error = tr("cannot create a private folder for the replay: %1").arg(m_folder.errorString());
        return;
    }
    QFile::setPermissions(m_folder.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    CaptureFeeder::Options options;
    options.capturePath = capturePath;
    options.storePath = m_folder.filePath(u"replay.sqlite"_s);
    options.speed = 1;
    m_feeder = new CaptureFeeder(options);
    // Prepared here, before it moves: it reads the header and writes the
    // shards of a closed shard's history; quick next to the replay itself.
    if (!m_feeder->prepare(error)) {
        delete m_feeder;
        m_feeder = nullptr;
        return;
    }
    m_header = m_feeder->header();
    m_streamName = m_feeder->streamName();
    m_feeder->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_feeder, &QObject::deleteLater);
    connect(m_feeder, &CaptureFeeder::progress, this, &ReplaySession::progress);
    connect(m_feeder, &CaptureFeeder::failed, this, &ReplaySession::failed);
    connect(m_feeder, &CaptureFeeder::finished, this, [this](qint64 fed) {
        m_fedEverything = true;
        m_playing = false;
        Q_EMIT fedEverything(fed);
    });
    m_thread.setObjectName(u"replay feeder"_s);
    m_thread.start();
}

ReplaySession::~ReplaySession()
{
    m_thread.quit();
    m_thread.wait();
}

StreamSettings ReplaySession::stream() const
{
    StreamSettings settings;
    settings.name = tr("replay: %1").arg(QFileInfo(m_capturePath).fileName());
    settings.applicationName = u"qmld-replay"_s;
    settings.streamName = m_streamName;
    settings.region = u"local"_s;
    settings.initialPosition = u"TRIM_HORIZON"_s;
    settings.idleTimeBetweenReadsMillis = 100;
    settings.workerId = u"console-replay"_s;
    settings.storePath = m_folder.filePath(u"replay.sqlite"_s);
    settings.checkpointMode = StreamSettings::CheckpointMode::Off;
    return settings;
}

void ReplaySession::play()
{
    if (!m_feeder || m_fedEverything)
        return;
    m_playing = true;
    QMetaObject::invokeMethod(m_feeder, &CaptureFeeder::play);
}

void ReplaySession::pause()
{
    m_playing = false;
    if (m_feeder)
        QMetaObject::invokeMethod(m_feeder, &CaptureFeeder::pause);
}

void ReplaySession::step()
{
    m_playing = false;
    if (m_feeder)
        QMetaObject::invokeMethod(m_feeder, &CaptureFeeder::step);
}

void ReplaySession::setSpeed(double speed)
{
    if (m_feeder)
        QMetaObject::invokeMethod(m_feeder, [feeder = m_feeder, speed] { feeder->setSpeed(speed); });
}

void ReplaySession::onSnapshot(const MonitorSnapshotPtr &snapshot)
{
    if (!snapshot || !m_feeder || m_ended)
        return;
    if (m_fedEverything && !m_closing && openShardsLeased(*snapshot, m_header)) {
        m_closing = true;
        QMetaObject::invokeMethod(m_feeder, &CaptureFeeder::closeShards);
    }
    if (m_closing && allShardsEnded(*snapshot, m_header)) {
        m_ended = true;
        Q_EMIT ended();
    }
}

} // namespace qmld::ui

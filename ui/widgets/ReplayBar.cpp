#include "widgets/ReplayBar.h"

#include "console/ReplaySession.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace qmld::ui {

ReplayBar::ReplayBar(QWidget *parent) : QToolBar(tr("Replay"), parent)
{
    setObjectName(u"replayToolbar"_s);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
    m_play->setObjectName(u"replayPlay"_s);
    m_pause = addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pause->setObjectName(u"replayPause"_s);
    m_step = addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"));
    m_step->setObjectName(u"replayStep"_s);
    m_step->setToolTip(tr("Feed the next 500 records, then stay paused."));
    m_speed = new QComboBox(this);
    m_speed->setObjectName(u"replaySpeed"_s);
    m_speed->setToolTip(tr("How fast records go in: as they arrived, faster, or as fast as possible."));
    m_speed->addItem(tr("1x (as recorded)"), 1.0);
    m_speed->addItem(tr("10x"), 10.0);
    m_speed->addItem(tr("100x"), 100.0);
    m_speed->addItem(tr("max"), 0.0);
    addWidget(m_speed);
    m_status = new QLabel(this);
    m_status->setObjectName(u"replayStatus"_s);
    m_status->setContentsMargins(8, 0, 0, 0);
    addWidget(m_status);

    connect(m_play, &QAction::triggered, this, [this] {
        if (m_session) {
            m_session->play();
            updateState();
        }
    });
    connect(m_pause, &QAction::triggered, this, [this] {
        if (m_session) {
            m_session->pause();
            updateState();
        }
    });
    connect(m_step, &QAction::triggered, this, [this] {
        if (m_session) {
            m_session->step();
            updateState();
        }
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_session)
            m_session->setSpeed(m_speed->currentData().toDouble());
    });
    setSession(nullptr);
}

void ReplayBar::setSession(ReplaySession *session)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_session = session;
    m_fed = 0;
    m_phase.clear();
    setVisible(session != nullptr);
    if (session) {
        m_connections << connect(session, &ReplaySession::progress, this, [this](qint64 fed) {
            m_fed = fed;
            updateState();
        });
        m_connections << connect(session, &ReplaySession::fedEverything, this, [this](qint64 fed) {
            m_fed = fed;
            m_phase = tr("all records in; the shards end once the daemon holds them");
            updateState();
        });
        m_connections << connect(session, &ReplaySession::ended, this, [this] {
            m_phase = tr("replay complete: every shard reached SHARD_END");
            updateState();
        });
        m_connections << connect(session, &ReplaySession::failed, this, [this](const QString &reason) {
            m_phase = reason;
            updateState();
        });
        session->setSpeed(m_speed->currentData().toDouble());
    }
    updateState();
}

void ReplayBar::updateState()
{
    const bool playing = m_session && m_session->isPlaying();
    m_play->setEnabled(m_session && !playing);
    m_pause->setEnabled(playing);
    m_step->setEnabled(m_session != nullptr);
    const QString fed = tr("%1 records fed").arg(QLocale().toString(m_fed));
    m_status->setText(m_phase.isEmpty() ? fed : fed + u" · "_s + m_phase);
}

} // namespace qmld::ui

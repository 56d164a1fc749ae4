#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;

namespace qmld::ui {

class ReplaySession;

// Play, pause, step one batch and speed for the replay shown in the console.
class ReplayBar : public QToolBar
{
    Q_OBJECT
public:
    explicit ReplayBar(QWidget *parent = nullptr);

    // Null: no replay selected (the bar hides).
    void setSession(ReplaySession *session);

private:
    void updateState();

    ReplaySession *m_session = nullptr;
    QList<QMetaObject::Connection> m_connections;
    QAction *m_play = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_step = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_status = nullptr;
    qint64 m_fed = 0;
    QString m_phase;
};

} // namespace qmld::ui

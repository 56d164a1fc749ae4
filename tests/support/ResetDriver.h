#pragma once

// Goes through the console's Reset checkpoint as a user does: the target
// chosen in the dialog, "take the lease" ticked or not where it is offered,
// Reset…, then Yes in the confirmation. Any other message box is written
// down and closed. Polls for modal windows while it lives.

#include "widgets/ResetCheckpointDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTimer>

#include <functional>

namespace qmld::test {

class ResetDriver : public QObject
{
public:
    using ChooseTarget = std::function<void(ui::ResetCheckpointDialog *)>;

    ResetDriver(ChooseTarget choose, bool takeFromLiveOwner) : m_choose(std::move(choose)), m_take(takeFromLiveOwner)
    {
        connect(&m_timer, &QTimer::timeout, this, [this] { poll(); });
        m_timer.start(20);
    }

    // The dialog's kinds, in its order.
    static ChooseTarget trimHorizon() { return kind(0); }
    static ChooseTarget latest() { return kind(1); }
    static ChooseTarget sequenceNumber(const QString &sequence)
    {
        return [sequence](ui::ResetCheckpointDialog *dialog) {
            dialog->findChild<QComboBox *>(QStringLiteral("resetKind"))->setCurrentIndex(3);
            dialog->findChild<QLineEdit *>(QStringLiteral("resetSequence"))->setText(sequence);
        };
    }

    bool offeredToTakeTheLease = false;
    bool confirmed = false;
    QStringList warnings;

private:
    static ChooseTarget kind(int index)
    {
        return [index](ui::ResetCheckpointDialog *dialog) {
            dialog->findChild<QComboBox *>(QStringLiteral("resetKind"))->setCurrentIndex(index);
        };
    }

    void poll()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<ui::ResetCheckpointDialog *>(modal); dialog && dialog != m_answered) {
            m_answered = dialog;
            m_choose(dialog);
            if (auto *take = dialog->findChild<QCheckBox *>(QStringLiteral("resetForce"))) {
                offeredToTakeTheLease = true;
                take->setChecked(m_take);
            }
            QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            // Later, from the dialog's own loop: this timer must go on to answer the confirmation.
            if (ok->isEnabled())
                QTimer::singleShot(0, ok, &QPushButton::click);
            else
                QTimer::singleShot(0, dialog, &QDialog::reject);
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            if (box->objectName() == QStringLiteral("resetConfirmation")) {
                confirmed = true;
                box->button(QMessageBox::Yes)->click();
            } else {
                warnings << box->text();
                box->close();
            }
        }
    }

    ChooseTarget m_choose;
    bool m_take;
    QTimer m_timer;
    QPointer<QWidget> m_answered;
};

} // namespace qmld::test

#include "widgets/ResetCheckpointDialog.h"

#include <qmld/LeaseReset.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
enum Kind { TrimHorizon, Latest, AtTimestamp, Sequence };
}

ResetCheckpointDialog::ResetCheckpointDialog(QString application, QString shardId, QString oldValue,
                                             std::optional<QString> liveOwner, QWidget *parent)
    : QDialog(parent), m_application(std::move(application)), m_shardId(std::move(shardId)),
      m_oldValue(std::move(oldValue)), m_liveOwner(std::move(liveOwner))
{
    setWindowTitle(tr("Reset checkpoint of %1").arg(m_shardId));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"resetKind"_s);
    m_kind->addItem(tr("TRIM_HORIZON (the oldest record kept)"));
    m_kind->addItem(tr("LATEST (only new records)"));
    m_kind->addItem(tr("A time (the first record at or after it comes next)"));
    m_kind->addItem(tr("A sequence number"));
    m_time = new QDateTimeEdit(QDateTime::currentDateTimeUtc().addSecs(-3600), this);
    m_time->setObjectName(u"resetTime"_s);
    m_time->setTimeSpec(Qt::UTC);
    m_time->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    m_time->setCalendarPopup(true);
    m_sequence = new QLineEdit(this);
    m_sequence->setObjectName(u"resetSequence"_s);
    m_sequence->setPlaceholderText(tr("e.g. 49590338271490256608559692538361571095921575989136588898"));
    m_error = new QLabel(this);
    m_error->setObjectName(u"error_sequence"_s);
    m_error->setStyleSheet(u"color: #d93b3b"_s);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Reset…"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ResetCheckpointDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ResetCheckpointDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ResetCheckpointDialog::updateState);
    connect(m_sequence, &QLineEdit::textChanged, this, &ResetCheckpointDialog::updateState);

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("Application:"), new QLabel(m_application, this));
    layout->addRow(tr("Shard:"), new QLabel(m_shardId, this));
    layout->addRow(tr("Checkpoint now:"), new QLabel(m_oldValue, this));
    if (m_liveOwner) {
        m_force = new QCheckBox(tr("Take the lease from %1").arg(*m_liveOwner), this);
        m_force->setObjectName(u"resetForce"_s);
        m_force->setToolTip(tr("%1 is alive: its lease counter moved within the failover time. It loses the lease "
                               "and its current batch may be processed again by the next owner.")
                                .arg(*m_liveOwner));
        connect(m_force, &QCheckBox::toggled, this, &ResetCheckpointDialog::updateState);
        layout->addRow(tr("Held by:"), new QLabel(tr("%1 (a live worker)").arg(*m_liveOwner), this));
        layout->addRow(QString(), m_force);
    }
    layout->addRow(tr("Move it to:"), m_kind);
    layout->addRow(tr("Time:"), m_time);
    layout->addRow(tr("Sequence number:"), m_sequence);
    layout->addRow(QString(), m_error);
    layout->addRow(m_buttons);
    updateState();
}

QString ResetCheckpointDialog::targetText() const
{
    switch (m_kind->currentIndex()) {
    case TrimHorizon: return u"TRIM_HORIZON"_s;
    case Latest: return u"LATEST"_s;
    case AtTimestamp: return u"AT_TIMESTAMP:"_s + m_time->dateTime().toUTC().toString(Qt::ISODate);
    case Sequence: return m_sequence->text().trimmed();
    }
    return {};
}

std::optional<ShardPosition> ResetCheckpointDialog::target() const
{
    const auto parsed = LeaseReset::parseTarget(targetText());
    const auto *position = std::get_if<ShardPosition>(&parsed);
    // A sentinel typed as a sequence number is not one: it has its own choice.
    if (!position || (m_kind->currentIndex() == Sequence && position->type != ShardPosition::Type::AfterSequenceNumber))
        return std::nullopt;
    return *position;
}

bool ResetCheckpointDialog::force() const
{
    return m_force && m_force->isChecked();
}

void ResetCheckpointDialog::updateState()
{
    const bool sequence = m_kind->currentIndex() == Sequence;
    m_sequence->setEnabled(sequence);
    m_time->setEnabled(m_kind->currentIndex() == AtTimestamp);
    const bool ok = target().has_value();
    m_error->setText(sequence && !ok && !m_sequence->text().isEmpty()
                         ? tr("'%1' is not a sequence number: digits only, at most 129").arg(m_sequence->text())
                         : QString());
    QPushButton *okButton = m_buttons->button(QDialogButtonBox::Ok);
    okButton->setEnabled(ok && (!m_liveOwner || force()));
    okButton->setToolTip(m_liveOwner && !force()
                             ? tr("%1 holds this lease and is alive: tick \"Take the lease from %1\" to reset anyway.")
                                   .arg(*m_liveOwner)
                             : QString());
}

QString ResetCheckpointDialog::confirmationText(const QString &application, const QString &shardId,
                                                const QString &oldValue, const QString &newValue,
                                                const std::optional<QString> &liveOwner)
{
    QString text = tr("Move the checkpoint of shard %1 in application %2 from %3 to %4?\n\n"
                      "The next worker to take the lease resumes from there; records may be processed again or skipped.")
                       .arg(shardId, application, oldValue, newValue);
    if (liveOwner)
        text += u"\n\n"_s + tr("%1 holds the lease now and loses it.").arg(*liveOwner);
    return text;
}

void ResetCheckpointDialog::accept()
{
    if (!target() || (m_liveOwner && !force()))
        return;
    QMessageBox confirm(QMessageBox::Warning, tr("Reset checkpoint"),
                        confirmationText(m_application, m_shardId, m_oldValue, targetText(), force() ? m_liveOwner : std::nullopt),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(u"resetConfirmation"_s);
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() == QMessageBox::Yes)
        QDialog::accept();
}

} // namespace qmld::ui

#include "widgets/ResetCheckpointDialog.h"

#include <QComboBox>
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

ResetCheckpointDialog::ResetCheckpointDialog(QString application, QString shardId, QString oldValue, QWidget *parent)
    : QDialog(parent), m_application(std::move(application)), m_shardId(std::move(shardId)), m_oldValue(std::move(oldValue))
{
    setWindowTitle(tr("Reset checkpoint of %1").arg(m_shardId));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"resetKind"_s);
    m_kind->addItem(tr("TRIM_HORIZON (the oldest record kept)"));
    m_kind->addItem(tr("LATEST (only new records)"));
    m_kind->addItem(tr("AT_TIMESTAMP (the application's timestamp)"));
    m_kind->addItem(tr("A sequence number"));
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
    layout->addRow(tr("Move it to:"), m_kind);
    layout->addRow(tr("Sequence number:"), m_sequence);
    layout->addRow(QString(), m_error);
    layout->addRow(m_buttons);
    updateState();
}

std::optional<SequenceNumber> ResetCheckpointDialog::target() const
{
    switch (m_kind->currentIndex()) {
    case TrimHorizon: return SequenceNumber::trimHorizon();
    case Latest: return SequenceNumber::latest();
    case AtTimestamp: return SequenceNumber::atTimestamp();
    case Sequence: {
        const auto parsed = SequenceNumber::parse(m_sequence->text().trimmed());
        if (!parsed || parsed->isSentinel())
            return std::nullopt;
        return parsed;
    }
    }
    return std::nullopt;
}

void ResetCheckpointDialog::updateState()
{
    const bool sequence = m_kind->currentIndex() == Sequence;
    m_sequence->setEnabled(sequence);
    const bool ok = target().has_value();
    m_error->setText(sequence && !ok && !m_sequence->text().isEmpty()
                         ? tr("'%1' is not a sequence number: digits only, at most 129").arg(m_sequence->text())
                         : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

QString ResetCheckpointDialog::confirmationText(const QString &application, const QString &shardId,
                                                const QString &oldValue, const QString &newValue)
{
    return tr("Move the checkpoint of shard %1 in application %2 from %3 to %4?\n\n"
              "The next worker to take the lease resumes from there; records may be processed again or skipped.")
        .arg(shardId, application, oldValue, newValue);
}

void ResetCheckpointDialog::accept()
{
    const auto to = target();
    if (!to)
        return;
    QMessageBox confirm(QMessageBox::Warning, tr("Reset checkpoint"),
                        confirmationText(m_application, m_shardId, m_oldValue, to->display()),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(u"resetConfirmation"_s);
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() == QMessageBox::Yes)
        QDialog::accept();
}

} // namespace qmld::ui

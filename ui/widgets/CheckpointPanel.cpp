#include "widgets/CheckpointPanel.h"

#include "models/ShardTableModel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace qmld::ui {

CheckpointPanel::CheckpointPanel(QWidget *parent) : QWidget(parent)
{
    m_shard = new QLabel(tr("no shard selected"), this);
    m_policy = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setObjectName(u"checkpointStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_now = new QPushButton(tr("Checkpoint &now"), this);
    m_now->setObjectName(u"checkpointNow"_s);
    m_atRecord = new QPushButton(tr("Checkpoint at &record"), this);
    m_atRecord->setObjectName(u"checkpointAtRecord"_s);
    m_why = new QLabel(this);
    m_why->setObjectName(u"checkpointWhy"_s);
    m_why->setWordWrap(true);
    m_why->setEnabled(false); // greyed, as the buttons it explains
    connect(m_now, &QPushButton::clicked, this, [this] {
        m_status->setText(tr("asking for a checkpoint…"));
        Q_EMIT checkpointNowRequested(m_shardId);
    });
    connect(m_atRecord, &QPushButton::clicked, this, [this] {
        if (!m_record)
            return;
        m_status->setText(tr("asking for a checkpoint…"));
        Q_EMIT checkpointAtRequested(m_shardId, *m_record);
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_now);
    buttons->addWidget(m_atRecord);
    auto *layout = new QFormLayout(this);
    layout->addRow(tr("Shard:"), m_shard);
    layout->addRow(buttons);
    layout->addRow(m_why);
    layout->addRow(tr("Policy:"), m_policy);
    layout->addRow(tr("Last:"), m_status);
    updateButtons();
}

void CheckpointPanel::setPolicyText(const QString &text)
{
    m_policy->setText(text);
}

void CheckpointPanel::setShard(const ShardRow *row)
{
    const QString id = row ? row->shardId : QString();
    if (id != m_shardId)
        m_status->clear();
    m_shardId = id;
    m_sessionHere = row && row->sessionHere;
    m_owner = row && !row->sessionHere ? ShardTableModel::ownerText(*row) : QString();
    m_checkpoint = row && row->checkpoint && !row->checkpoint->isSentinel() ? row->checkpoint : std::nullopt;
    m_shard->setText(row ? row->shardId : tr("no shard selected"));
    if (row && row->lastCheckpoint.state != CheckpointStatus::State::None)
        m_status->setText(ShardTableModel::checkpointStatusText(row->lastCheckpoint));
    updateButtons();
}

void CheckpointPanel::setSelectedRecord(const std::optional<SequenceNumber> &record)
{
    m_record = record;
    updateButtons();
}

void CheckpointPanel::showRefusal(const QString &reason)
{
    m_status->setText(tr("not sent: %1").arg(reason));
}

void CheckpointPanel::updateButtons()
{
    const QString whyNow = m_shardId.isEmpty() ? tr("Select a shard first.")
                           : m_sessionHere     ? QString()
                                               : tr("No session in this process serves %1 (lease owner: %2): only its owner "
                                                    "can checkpoint it.")
                                                     .arg(m_shardId, m_owner);
    QString whyAt = whyNow;
    QString whyAtShort; // for the panel: no 56-digit number to widen it
    if (whyAt.isEmpty() && !m_record) {
        whyAt = tr("Select a record in the tail to checkpoint at it.");
    } else if (whyAt.isEmpty() && m_checkpoint && *m_record <= *m_checkpoint) {
        whyAt = tr("The selected record is at or before the shard's checkpoint %1: the daemon refuses to move a "
                   "checkpoint back (Stream → Reset checkpoint does that while no worker holds the shard).")
                    .arg(m_checkpoint->display());
        whyAtShort = tr("The selected record is at or before the shard's checkpoint: the daemon refuses to move a "
                        "checkpoint back.");
    }
    m_now->setEnabled(whyNow.isEmpty());
    m_atRecord->setEnabled(whyAt.isEmpty());
    m_now->setStatusTip(whyNow);
    m_atRecord->setStatusTip(whyAt);
    const QString nowTip = tr("Checkpoint the shard at the latest record processed here, at its next exchange with the daemon.");
    const QString atTip = tr("Checkpoint at the record selected in the tail: processing would resume after it.");
    m_now->setToolTip(whyNow.isEmpty() ? nowTip : nowTip + u"\n\n"_s + whyNow);
    m_atRecord->setToolTip(whyAt.isEmpty() ? atTip : atTip + u"\n\n"_s + whyAt);
    // The panel says the reason the user most needs: why nothing can be done, else why not "at record".
    const QString why = !whyNow.isEmpty() ? whyNow : (m_record ? (whyAtShort.isEmpty() ? whyAt : whyAtShort) : QString());
    m_why->setText(why);
    m_why->setVisible(!why.isEmpty());
}

} // namespace qmld::ui

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
    m_now->setToolTip(tr("Checkpoint the shard at the latest record processed here, at its next exchange with the daemon."));
    m_atRecord = new QPushButton(tr("Checkpoint at &record"), this);
    m_atRecord->setObjectName(u"checkpointAtRecord"_s);
    m_atRecord->setToolTip(tr("Checkpoint at the record selected in the tail: processing would resume after it."));
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
    m_now->setEnabled(m_sessionHere);
    m_atRecord->setEnabled(m_sessionHere && m_record.has_value());
    const QString why = m_shardId.isEmpty() ? tr("Select a shard first.")
                        : m_sessionHere     ? QString()
                                            : tr("No session in this process serves %1: only its owner can checkpoint it.").arg(m_shardId);
    m_now->setStatusTip(why);
    m_atRecord->setStatusTip(why);
}

} // namespace qmld::ui

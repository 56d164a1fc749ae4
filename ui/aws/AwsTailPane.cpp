#include "aws/AwsTailPane.h"

#include "aws/AwsShardTail.h"
#include "preview/RecordPreview.h"
#include "widgets/RecordTailView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
using Type = aws::StartingPosition::Type;
const Type kTypes[] = {Type::TrimHorizon, Type::Latest, Type::AtSequenceNumber, Type::AfterSequenceNumber, Type::AtTimestamp};

bool takesValue(Type type)
{
    return type == Type::AtSequenceNumber || type == Type::AfterSequenceNumber || type == Type::AtTimestamp;
}
} // namespace

AwsTailPane::AwsTailPane(QWidget *parent) : QWidget(parent)
{
    m_target = new QLabel(tr("Pick a shard to tail."), this);
    m_target->setObjectName(u"awsTailTarget"_s);
    m_type = new QComboBox(this);
    m_type->setObjectName(u"awsTailFrom"_s);
    for (Type type : kTypes) {
        aws::StartingPosition position;
        position.type = type;
        m_type->addItem(position.typeName(), int(type));
    }
    m_type->setToolTip(tr("Where the tail starts: the oldest record kept (TRIM_HORIZON), new records only (LATEST), "
                          "at or after a sequence number, or at a time."));
    m_value = new QLineEdit(this);
    m_value->setObjectName(u"awsTailValue"_s);
    m_value->setClearButtonEnabled(true);
    m_start = new QPushButton(tr("&Tail"), this);
    m_start->setObjectName(u"awsTailStart"_s);
    m_start->setToolTip(tr("Read the shard from the chosen position and keep reading new records, "
                           "at most one GetRecords call a second."));
    m_stop = new QPushButton(tr("St&op"), this);
    m_stop->setObjectName(u"awsTailStop"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"awsTailStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    connect(m_type, &QComboBox::currentIndexChanged, this, &AwsTailPane::updateControls);
    connect(m_value, &QLineEdit::returnPressed, this, &AwsTailPane::startTail);
    connect(m_start, &QPushButton::clicked, this, &AwsTailPane::startTail);
    connect(m_stop, &QPushButton::clicked, this, &AwsTailPane::stopTail);

    m_view = new RecordTailView(this);
    m_preview = new RecordPreview(this);
    connect(m_view, &RecordTailView::currentRecordChanged, this, [this](const StreamRecord *record) {
        if (record)
            m_preview->setRecord(m_view->shardId(), *record);
        else
            m_preview->clear();
    });
    // The view takes in what the tail read at its own pace, as the main window's tail does.
    m_pull = new QTimer(this);
    m_pull->setInterval(250);
    connect(m_pull, &QTimer::timeout, m_view, &RecordTailView::pull);
    connect(m_pull, &QTimer::timeout, this, &AwsTailPane::updateStatus);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("From"), this));
    bar->addWidget(m_type);
    bar->addWidget(m_value, 1);
    bar->addWidget(m_start);
    bar->addWidget(m_stop);
    auto *records = new QSplitter(Qt::Horizontal, this);
    records->setObjectName(u"awsTailSplitter"_s);
    records->addWidget(m_view);
    records->addWidget(m_preview);
    records->setStretchFactor(0, 3);
    records->setStretchFactor(1, 2);
    records->setSizes({700, 500});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_target);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(records, 1);
    updateControls();
}

AwsTailPane::~AwsTailPane() = default;

void AwsTailPane::setShard(aws::KinesisClient *kinesis, const QString &stream, const QJsonObject &shard)
{
    m_kinesis = kinesis;
    m_stream = stream;
    m_shard = shard;
    updateControls();
}

std::optional<aws::StartingPosition> AwsTailPane::position()
{
    const auto type = Type(m_type->currentData().toInt());
    aws::StartingPosition named;
    named.type = type;
    const QString value = m_value->text().trimmed();
    const auto position = aws::StartingPosition::parse(takesValue(type) ? named.typeName() + u':' + value : named.typeName());
    if (!position) {
        m_ending = type == Type::AtTimestamp
                       ? tr("AT_TIMESTAMP needs a time: ISO 8601 (2026-12-06T09:00:00Z) or epoch milliseconds, not '%1'").arg(value)
                       : tr("%1 needs a sequence number (digits only), not '%2'").arg(named.typeName(), value);
        updateStatus();
    }
    return position;
}

void AwsTailPane::setPosition(const aws::StartingPosition &position)
{
    m_type->setCurrentIndex(m_type->findData(int(position.type)));
    m_value->setText(position.type == Type::AtTimestamp ? position.timestamp.toString(Qt::ISODateWithMs) : position.sequenceNumber);
}

bool AwsTailPane::startTail()
{
    const QString shardId = m_shard["ShardId"_L1].toString();
    if (!m_kinesis || shardId.isEmpty())
        return false;
    const auto from = position();
    if (!from)
        return false;
    stopTail();
    delete m_tail;
    m_tail = new AwsShardTail(m_kinesis, m_stream, shardId, *from, aws::shardHashRange(m_shard), this);
    m_from = from->typeName() + (takesValue(from->type) ? u' ' + m_value->text().trimmed() : QString());
    m_ending.clear();
    connect(m_tail, &AwsShardTail::finished, this, &AwsTailPane::finished);
    connect(m_tail, &AwsShardTail::warning, this, [this](const QString &message) {
        m_ending = message;
        updateStatus();
    });
    connect(m_tail, &AwsShardTail::paused, this, [this](const QString &error, std::chrono::milliseconds pause) {
        m_ending = tr("%1: %2; reading on after %3 s")
                       .arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat), error)
                       .arg(pause.count() / 1000);
        updateStatus();
    });
    m_view->setEmptyText(tr("No records yet: the tail reads %1 of stream %2 from %3.").arg(shardId, m_stream, m_from));
    m_view->setSource(m_tail->tap(), shardId);
    m_tail->start();
    m_pull->start();
    updateControls();
    return true;
}

void AwsTailPane::stopTail()
{
    if (!m_tail || !m_tail->isRunning())
        return;
    m_tail->stop();
    m_view->pull();
    m_pull->stop();
    updateControls();
}

void AwsTailPane::finished(const QString &error, bool shardEnded)
{
    m_view->pull();
    m_pull->stop();
    m_ending = !error.isEmpty() ? error
               : shardEnded    ? tr("the shard is closed and read to its end")
                               : QString();
    updateControls();
}

QString AwsTailPane::statusText() const
{
    return m_status->text();
}

void AwsTailPane::updateStatus()
{
    QString text;
    if (m_tail) {
        const QLocale locale;
        text = tr("%1 of %2 from %3: %4 records, %5 GetRecords calls")
                   .arg(m_tail->shardId(), m_tail->stream(), m_from, locale.toString(m_tail->recordsRead()),
                        locale.toString(m_tail->getRecordsCalls()));
        if (m_tail->millisBehindLatest() >= 0)
            text += tr(", %1 ms behind the tip").arg(locale.toString(m_tail->millisBehindLatest()));
        if (m_tail->throttledCalls() > 0)
            text += tr(", throttled calls: %1 (reading slower)").arg(locale.toString(m_tail->throttledCalls()));
        text += m_tail->isRunning() ? tr(" · reading") : tr(" · stopped");
    }
    if (!m_ending.isEmpty())
        text += (text.isEmpty() ? QString() : u" · "_s) + m_ending;
    m_status->setText(text);
    m_status->setToolTip(text);
}

void AwsTailPane::updateControls()
{
    const QString shardId = m_shard["ShardId"_L1].toString();
    if (!shardId.isEmpty())
        m_target->setText(tr("Shard %1 of stream %2").arg(shardId, m_stream));
    const auto type = Type(m_type->currentData().toInt());
    m_value->setEnabled(takesValue(type));
    m_value->setPlaceholderText(type == Type::AtTimestamp ? tr("ISO 8601 time or epoch milliseconds")
                                : takesValue(type)        ? tr("sequence number")
                                                          : QString());
    const bool running = m_tail && m_tail->isRunning();
    m_start->setEnabled(m_kinesis && !shardId.isEmpty());
    m_stop->setEnabled(running);
    updateStatus();
}

} // namespace qmld::ui

#include "widgets/RecordTailView.h"

#include "models/RecordTableModel.h"

#include <qmld/CaptureFile.h>

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qmld::ui {

RecordTailView::RecordTailView(QWidget *parent) : QWidget(parent)
{
    m_model = new RecordTableModel(this);
    m_filter = new RecordFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_view = new QTableView(this);
    m_view->setObjectName(u"recordTail"_s);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(RecordTableModel::Sequence, 420);
    // No column narrower than its title, in any language ("Partitionsschlüssel").
    for (int column = 0; column < m_view->horizontalHeader()->count(); ++column)
        m_view->setColumnWidth(column, std::max(m_view->columnWidth(column), m_view->horizontalHeader()->sectionSizeHint(column)));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *copy = new QAction(tr("&Copy as JSON lines"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &RecordTailView::copySelection);
    auto *exportAction = new QAction(tr("&Export selection…"), this);
    connect(exportAction, &QAction::triggered, this, &RecordTailView::exportSelection);
    m_view->addActions({copy, exportAction});

    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter by text in the data"));
    m_text->setClearButtonEnabled(true);
    m_key = new QLineEdit(this);
    m_key->setPlaceholderText(tr("Partition key"));
    m_key->setClearButtonEnabled(true);
    connect(m_text, &QLineEdit::textChanged, m_filter, &RecordFilterModel::setTextFilter);
    connect(m_key, &QLineEdit::textChanged, m_filter, &RecordFilterModel::setPartitionKeyFilter);
    m_pause = new QToolButton(this);
    m_pause->setObjectName(u"pauseTail"_s);
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Stop taking in new records so that you can look at these (the shard goes on)."));
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        if (!paused)
            m_heldForSelection = false;
        m_pause->setToolTip(m_heldForSelection
                                ? tr("Paused while you look at the record you picked; Resume follows the tail again.")
                                : tr("Stop taking in new records so that you can look at these (the shard goes on)."));
    });
    m_count = new QLabel(this);
    m_empty = new QLabel(this);
    m_empty->setObjectName(u"tailEmpty"_s);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_empty->hide();
    // A record the user picks stays: new records would push it out of the view.
    connect(m_view, &QTableView::pressed, this, &RecordTailView::holdSelection);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        Q_EMIT currentRecordChanged(current.isValid() ? m_model->record(m_filter->mapToSource(current).row()) : nullptr);
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_text, 2);
    bar->addWidget(m_key, 1);
    bar->addWidget(m_pause);
    bar->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_empty);
    layout->addWidget(m_view, 1);
    updateCount();
}

void RecordTailView::setSource(std::shared_ptr<RecordTap> tap, const QString &shardId)
{
    if (tap == m_tap && shardId == m_shardId)
        return;
    m_tap = std::move(tap);
    m_shardId = shardId;
    m_next = 0;
    m_model->clear();
    if (m_heldForSelection)
        setPaused(false); // a record of another shard is not held
    Q_EMIT currentRecordChanged(nullptr);
    pull();
    updateCount();
}

void RecordTailView::setEmptyText(const QString &text)
{
    m_empty->setText(text);
    updateCount();
}

QString RecordTailView::emptyText() const
{
    return m_empty->text();
}

void RecordTailView::holdSelection()
{
    if (isPaused())
        return;
    m_heldForSelection = true;
    setPaused(true);
}

void RecordTailView::setPaused(bool paused)
{
    m_pause->setChecked(paused);
}

bool RecordTailView::isPaused() const
{
    return m_pause->isChecked();
}

void RecordTailView::setLimits(int maxRecords, qint64 maxBytes)
{
    m_model->setLimits(maxRecords, maxBytes);
    updateCount();
}

void RecordTailView::pull()
{
    if (!m_tap || m_shardId.isEmpty() || isPaused())
        return;
    RecordTap::Tail tail = m_tap->tail(m_shardId, m_next);
    if (tail.records.empty())
        return;
    m_next = tail.first + tail.records.size();
    m_model->append(tail.records);
    // A shard's first records: show the oldest in the preview rather than nothing.
    if (!m_view->selectionModel()->currentIndex().isValid() && m_filter->rowCount() > 0)
        m_view->setCurrentIndex(m_filter->index(0, 0));
    updateCount();
}

void RecordTailView::updateCount()
{
    m_empty->setVisible(m_model->rowCount() == 0 && !m_empty->text().isEmpty());
    m_count->setText(tr("%1 records · %2").arg(QLocale().toString(m_model->rowCount()),
                                               QLocale().formattedDataSize(m_model->bytesHeld())));
}

std::vector<StreamRecord> RecordTailView::selectedRecords() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows << m_filter->mapToSource(index).row();
    std::sort(rows.begin(), rows.end());
    std::vector<StreamRecord> records;
    for (int row : rows) {
        if (const StreamRecord *record = m_model->record(row))
            records.push_back(*record);
    }
    return records;
}

CaptureHeader RecordTailView::captureHeader(const QString &shardId)
{
    // The view knows the shard, not the stream's layout: `qmld stream import`
    // needs --as NAME for such a file and gives the shard the whole key space.
    CaptureHeader header;
    header.source = u"console"_s;
    header.capturedAt = QDateTime::currentDateTimeUtc();
    CaptureHeader::Shard shard;
    shard.shardId = shardId;
    header.shards.push_back(shard);
    return header;
}

QByteArray RecordTailView::toJsonLines(const QString &shardId, const std::vector<StreamRecord> &records)
{
    QByteArray lines = captureHeader(shardId).toJsonLine();
    for (const StreamRecord &record : records)
        lines += captureRecordLine(shardId, record);
    return lines;
}

void RecordTailView::copySelection()
{
    QApplication::clipboard()->setText(QString::fromUtf8(toJsonLines(m_shardId, selectedRecords())));
}

void RecordTailView::exportSelection()
{
    const std::vector<StreamRecord> records = selectedRecords();
    if (records.empty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export records"), m_shardId + u".jsonl"_s,
                                                      tr("Capture files (*.jsonl *.jsonl.gz);;All files (*)"));
    if (path.isEmpty())
        return;
    // A capture file: mode 0600, gzip for a name ending in .gz.
    CaptureWriter writer;
    if (!writer.open(path, captureHeader(m_shardId)) || !writer.append(m_shardId, records) || !writer.close()) {
        QMessageBox::warning(this, tr("Export records"), writer.errorString());
        return;
    }
}

} // namespace qmld::ui

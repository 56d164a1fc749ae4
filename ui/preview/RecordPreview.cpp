#include "RecordPreview.h"

#include "DynamoDbRecord.h"
#include "HexDump.h"
#include "HexView.h"

#include <qmld/Kpl.h>

#include <QCheckBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace qmld::ui {

using namespace Qt::StringLiterals;

namespace {

struct Utf8Text
{
    QString text;
    bool valid = true;
};

Utf8Text decodeUtf8(QByteArrayView data)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    Utf8Text result;
    result.text = decoder(data);
    result.valid = !decoder.hasError();
    return result;
}

bool isPrintable(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isPrint() || c == u'\n' || c == u'\t' || c == u'\r';
    });
}

// A short one-line preview of a payload: its text when it is printable UTF-8, else hex.
QString shortPreview(QByteArrayView data)
{
    constexpr qsizetype limit = 80;
    const Utf8Text utf8 = decodeUtf8(data.first(std::min(data.size(), limit * 4)));
    QString text = utf8.valid && isPrintable(utf8.text)
        ? utf8.text.simplified()
        : QString::fromLatin1(data.first(std::min(data.size(), limit / 2)).toByteArray().toHex(' '));
    if (text.size() > limit)
        text = text.left(limit) + u'…';
    return text;
}

QString byteCount(qsizetype bytes)
{
    return bytes == 1 ? RecordPreview::tr("1 byte") : RecordPreview::tr("%1 bytes").arg(bytes);
}

QPlainTextEdit *textView(bool monospace)
{
    auto *view = new QPlainTextEdit;
    view->setReadOnly(true);
    view->setLineWrapMode(monospace ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    if (monospace)
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

QLabel *note(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A tab page: a note over a view.
QWidget *page(QWidget *top, QWidget *view, QWidget *bottom = nullptr)
{
    auto *widget = new QWidget;
    auto *layout = new QVBoxLayout(widget);
    layout->addWidget(top);
    if (bottom)
        layout->addWidget(bottom);
    layout->addWidget(view, 1);
    return widget;
}

QString timeText(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

} // namespace

struct RecordPreview::Ui
{
    QLabel *header = nullptr;
    QTabWidget *tabs = nullptr;
    QLabel *textNote = nullptr;
    QPlainTextEdit *text = nullptr;
    QLabel *jsonNote = nullptr;
    QCheckBox *jsonRaw = nullptr;
    QPlainTextEdit *json = nullptr;
    QLabel *hexNote = nullptr;
    HexView *hex = nullptr;
    QLabel *kplNote = nullptr;
    QTableWidget *kplTable = nullptr;
    QLabel *dynamoNote = nullptr;
    QTreeWidget *dynamoTree = nullptr;

    QString jsonPretty;
    QString jsonRawText;
};

RecordPreview::RecordPreview(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui>())
{
    Ui &ui = *m_ui;
    ui.header = note(u"header"_s);
    ui.tabs = new QTabWidget;
    ui.tabs->setObjectName(u"tabs"_s);

    ui.textNote = note(u"textNote"_s);
    ui.text = textView(false);
    ui.text->setObjectName(u"text"_s);
    ui.tabs->addTab(page(ui.textNote, ui.text), tr("Text"));

    ui.jsonNote = note(u"jsonNote"_s);
    ui.jsonRaw = new QCheckBox(tr("&Raw"));
    ui.jsonRaw->setObjectName(u"jsonRaw"_s);
    ui.jsonRaw->setToolTip(tr("Show the JSON exactly as it arrived instead of pretty-printed."));
    ui.json = textView(true);
    ui.json->setObjectName(u"json"_s);
    ui.tabs->addTab(page(ui.jsonNote, ui.json, ui.jsonRaw), tr("JSON"));

    ui.hexNote = note(u"hexNote"_s);
    ui.hex = new HexView;
    ui.hex->setObjectName(u"hex"_s);
    ui.tabs->addTab(page(ui.hexNote, ui.hex), tr("Hex"));

    ui.kplNote = note(u"kplNote"_s);
    ui.kplTable = new QTableWidget(0, 4);
    ui.kplTable->setObjectName(u"kplTable"_s);
    ui.kplTable->setHorizontalHeaderLabels({tr("Partition key"), tr("Explicit hash key"), tr("Size"), tr("Data")});
    ui.kplTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    ui.kplTable->horizontalHeader()->setStretchLastSection(true);
    ui.tabs->addTab(page(ui.kplNote, ui.kplTable), tr("KPL"));

    ui.dynamoNote = note(u"dynamoNote"_s);
    ui.dynamoTree = new QTreeWidget;
    ui.dynamoTree->setObjectName(u"dynamoTree"_s);
    ui.dynamoTree->setHeaderLabels({tr("Attribute"), tr("Type"), tr("Value")});
    ui.tabs->addTab(page(ui.dynamoNote, ui.dynamoTree), tr("DynamoDB"));

    ui.header->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_copySequence = new QAction(tr("Copy the sequence number"), ui.header);
    m_copySequence->setObjectName(u"copySequence"_s);
    connect(m_copySequence, &QAction::triggered, this, [this] { QGuiApplication::clipboard()->setText(m_sequence); });
    ui.header->addAction(m_copySequence);
    ui.kplTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    ui.kplTable->horizontalHeader()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(ui.header);
    layout->addWidget(ui.tabs, 1);

    connect(ui.jsonRaw, &QCheckBox::toggled, this, [this](bool raw) {
        m_ui->json->setPlainText(raw ? m_ui->jsonRawText : m_ui->jsonPretty);
    });
    clear();
}

RecordPreview::~RecordPreview() = default;

void RecordPreview::clear()
{
    Ui &ui = *m_ui;
    ui.header->setText(tr("No record selected."));
    ui.header->setToolTip(QString());
    m_sequence.clear();
    if (m_copySequence)
        m_copySequence->setEnabled(false);
    for (QLabel *label : {ui.textNote, ui.jsonNote, ui.hexNote, ui.kplNote, ui.dynamoNote})
        label->clear();
    for (QPlainTextEdit *view : {ui.text, ui.json, static_cast<QPlainTextEdit *>(ui.hex)})
        view->clear();
    ui.jsonPretty.clear();
    ui.jsonRawText.clear();
    ui.jsonRaw->setEnabled(false);
    ui.kplTable->setRowCount(0);
    ui.dynamoTree->clear();
}

void RecordPreview::setRecord(const QString &shardId, const StreamRecord &record)
{
    clear();
    showHeader(shardId, record);
    showText(record.data);
    showJson(record.data);
    showHex(record.data);
    showKpl(record);
    showDynamoDb(record.data);
}

void RecordPreview::showHeader(const QString &shardId, const StreamRecord &record)
{
    const QString arrival = record.approximateArrivalTimestamp ? timeText(*record.approximateArrivalTimestamp)
                                                               : tr("unknown");
    const QString key = record.partitionKey ? record.partitionKeyString() : tr("(none)");
    const QString sub = record.sequenceNumber.rawSubSequence()
        ? QString::number(*record.sequenceNumber.rawSubSequence()) : tr("(none)");
    // A sequence number (56 digits today) elided in the middle, so that it
    // never pushes the pane wider; the whole of it on hover and in "Copy".
    const QString sequence = record.sequenceNumber.toString();
    const QString shown = sequence.size() > 24 ? sequence.first(10) + u'…' + sequence.last(10) : sequence;
    m_ui->header->setText(tr("Shard %1 · sequence %2 · sub-sequence %3 · partition key %4 · arrived %5 · %6")
                              .arg(shardId, shown, sub, key, arrival, byteCount(record.data.size())));
    m_ui->header->setToolTip(tr("Sequence number %1").arg(sequence));
    m_sequence = sequence;
    m_copySequence->setEnabled(true);
}

QString RecordPreview::sequenceNumber() const
{
    return m_sequence;
}

void RecordPreview::showText(const QByteArray &data)
{
    const Utf8Text utf8 = decodeUtf8(data);
    m_ui->text->setPlainText(utf8.text);
    m_ui->textNote->setText(utf8.valid ? tr("UTF-8 text.")
                                       : tr("Not valid UTF-8: invalid bytes are shown as \uFFFD; see the Hex tab."));
}

void RecordPreview::showJson(const QByteArray &data)
{
    Ui &ui = *m_ui;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        ui.jsonNote->setText(tr("Not JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset));
        return;
    }
    ui.jsonPretty = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    ui.jsonRawText = QString::fromUtf8(data);
    ui.jsonRaw->setEnabled(true);
    ui.jsonNote->setText(tr("Valid JSON; pretty-printed with object keys sorted."));
    ui.json->setPlainText(ui.jsonRaw->isChecked() ? ui.jsonRawText : ui.jsonPretty);
}

void RecordPreview::showHex(const QByteArray &data)
{
    m_ui->hex->setPlainText(hexDump(data));
    if (data.size() > kHexDumpLimit)
        m_ui->hexNote->setText(
            tr("Showing the first %1 KiB of %2.").arg(kHexDumpLimit / 1024).arg(byteCount(data.size())));
    else
        m_ui->hexNote->setText(byteCount(data.size()));
}

void RecordPreview::showKpl(const StreamRecord &record)
{
    Ui &ui = *m_ui;
    QStringList notes;
    if (record.aggregateIndex && record.aggregateCount)
        notes.append(tr("Sub-record %1 of %2 of a KPL aggregate (sub-sequence number %3).")
                         .arg(*record.aggregateIndex + 1)
                         .arg(*record.aggregateCount)
                         .arg(record.sequenceNumber.subSequence()));
    else if (record.aggregateIndex)
        notes.append(tr("Sub-record %1 of a KPL aggregate.").arg(*record.aggregateIndex + 1));
    else if (record.sequenceNumber.subSequence() > 0)
        // A replayed or imported record: only its sub-sequence number tells where it sat.
        notes.append(tr("Sub-record %1 of a KPL aggregate (sub-sequence number %2); the aggregate's size is not "
                        "known here.")
                         .arg(record.sequenceNumber.subSequence() + 1)
                         .arg(record.sequenceNumber.subSequence()));

    if (kpl::detectFormat(record.data)) {
        QString error;
        const auto aggregate = kpl::decode(record.data, &error);
        if (!aggregate) {
            notes.append(tr("The data looks like a KPL aggregate but does not decode: %1").arg(error));
        } else {
            notes.append(tr("The data is a KPL aggregate; records inside: %1.").arg(aggregate->records.size()));
            ui.kplTable->setRowCount(int(aggregate->records.size()));
            for (int row = 0; row < int(aggregate->records.size()); ++row) {
                const kpl::UserRecord &user = aggregate->records[size_t(row)];
                const QStringList cells{QString::fromUtf8(user.partitionKey),
                                        user.explicitHashKey ? QString::fromUtf8(*user.explicitHashKey) : QString(),
                                        QString::number(user.data.size()), shortPreview(user.data)};
                for (int column = 0; column < cells.size(); ++column) {
                    auto *item = new QTableWidgetItem(cells[column]);
                    item->setToolTip(cells[column]); // a 39-digit hash key, whole, however narrow the column
                    ui.kplTable->setItem(row, column, item);
                }
            }
        }
    } else if (notes.isEmpty()) {
        notes.append(tr("Not from a KPL aggregate."));
    }
    ui.kplNote->setText(notes.join(u'\n'));
}

void RecordPreview::showDynamoDb(const QByteArray &data)
{
    Ui &ui = *m_ui;
    QString error;
    const auto record = parseDynamoDbStreamRecord(data, &error);
    if (!record) {
        ui.dynamoNote->setText(tr("Not a DynamoDB stream record (%1).").arg(error));
        return;
    }
    QString created = tr("unknown");
    if (record->approximateCreationDateTime)
        created = timeText(qint64(*record->approximateCreationDateTime * 1000.0));
    ui.dynamoNote->setText(tr("%1 · sequence %2 · %3 · created %4")
                               .arg(record->eventName.isEmpty() ? tr("(no event name)") : record->eventName,
                                    record->sequenceNumber, record->streamViewType, created));

    const std::function<void(QTreeWidgetItem *, const QList<DynamoDbNode> &)> addNodes =
        [&addNodes](QTreeWidgetItem *parentItem, const QList<DynamoDbNode> &nodes) {
            for (const DynamoDbNode &node : nodes) {
                auto *item = new QTreeWidgetItem(parentItem, {node.name, node.type, node.value});
                addNodes(item, node.children);
            }
        };
    const std::pair<QString, const QList<DynamoDbNode> *> sections[] = {
        {tr("Keys"), &record->keys}, {tr("OldImage"), &record->oldImage}, {tr("NewImage"), &record->newImage}};
    for (const auto &[title, nodes] : sections) {
        if (nodes->isEmpty())
            continue;
        auto *section = new QTreeWidgetItem(ui.dynamoTree, {title});
        addNodes(section, *nodes);
        section->setExpanded(true);
    }
    ui.dynamoTree->resizeColumnToContents(0);
}

} // namespace qmld::ui

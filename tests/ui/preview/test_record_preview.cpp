#include "DynamoDbRecord.h"
#include "HexDump.h"
#include "RecordPreview.h"

#include <qmld/Kpl.h>

#include <QCheckBox>
#include <QLabel>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using qmld::StreamRecord;
using qmld::ui::RecordPreview;

namespace {

StreamRecord recordOf(const QByteArray &data)
{
    StreamRecord record;
    record.sequenceNumber = *qmld::SequenceNumber::parse(QByteArrayView("49590338271490256608559692538361571095921575989136588898"));
    record.partitionKey = QByteArray("user-7");
    record.approximateArrivalTimestamp = 1700000000123;
    record.data = data;
    return record;
}

const QByteArray insertRecord = R"({"eventID":"c81e728d","eventName":"INSERT","eventVersion":"1.1",
"eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1700000000,
"Keys":{"Id":{"N":"101"}},"NewImage":{"Id":{"N":"101"},"Message":{"S":"New item!"},"Tags":{"SS":["a","b"]},
"Meta":{"M":{"ok":{"BOOL":true},"none":{"NULL":true}}},"List":{"L":[{"S":"x"},{"N":"2"}]},"Blob":{"B":"aGk="}},
"SequenceNumber":"111000000000000000000001","SizeBytes":26,"StreamViewType":"NEW_AND_OLD_IMAGES"}})";

const qmld::ui::DynamoDbNode *child(const QList<qmld::ui::DynamoDbNode> &nodes, const QString &name)
{
    for (const auto &node : nodes) {
        if (node.name == name)
            return &node;
    }
    return nullptr;
}

} // namespace

class TestRecordPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hexDumpOfKnownBytes()
    {
        QByteArray data("Hello, world!\n");
        data.append('\0');
        data.append(char(0xff));
        data.append("AB");
        const QString expected =
            u"00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 ff  |Hello, world!...|\n"
            "00000010  41 42                                             |AB|\n"_s;
        QCOMPARE(qmld::ui::hexDump(data), expected);
        QCOMPARE(qmld::ui::hexDump(data, 2), u"00000000  48 65                                             |He|\n"_s);
        QCOMPARE(qmld::ui::hexDump({}), QString());
    }

    void hexTabCapsLargeRecords()
    {
        RecordPreview preview;
        preview.setRecord(u"shardId-000000000000"_s, recordOf(QByteArray(100 * 1024, 'x')));
        const auto *hex = preview.findChild<QPlainTextEdit *>(u"hex"_s);
        QCOMPARE(hex->toPlainText().count(u'\n'), 64 * 1024 / 16);
        QVERIFY(preview.findChild<QLabel *>(u"hexNote"_s)->text().contains(u"64 KiB"_s));
    }

    // The dock is narrow: whole 16-byte lines, ASCII column included, fit
    // without scrolling sideways, in a font that stays legible.
    void hexFitsThePane()
    {
        RecordPreview preview;
        preview.resize(430, 500);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        auto *tabs = preview.findChild<QTabWidget *>(u"tabs"_s);
        auto *hex = preview.findChild<QPlainTextEdit *>(u"hex"_s);
        QVERIFY(tabs && hex);
        tabs->setCurrentWidget(hex->parentWidget());
        preview.setRecord(u"shardId-000000000000"_s, recordOf(QByteArray(256, 'q')));
        QTRY_VERIFY(hex->isVisible());
        QTRY_COMPARE(hex->horizontalScrollBar()->maximum(), 0);
        QVERIFY(hex->font().pointSizeF() >= 5.5);
        QVERIFY(hex->toPlainText().contains(u"|qqqqqqqqqqqqqqqq|"_s));

        // With room to spare the font is the system's own size again.
        preview.resize(1000, 500);
        QTRY_COMPARE(hex->font().pointSizeF(), QFontDatabase::systemFont(QFontDatabase::FixedFont).pointSizeF());
        QCOMPARE(hex->horizontalScrollBar()->maximum(), 0);
    }

    void headerNamesTheRecord()
    {
        RecordPreview preview;
        preview.setRecord(u"shardId-000000000003"_s, recordOf("abc"));
        const QString header = preview.findChild<QLabel *>(u"header"_s)->text();
        QVERIFY2(header.contains(u"shardId-000000000003"_s), qPrintable(header));
        // The sequence number elided in the middle (it must not widen the pane), whole on hover and in Copy.
        QVERIFY2(header.contains(u"4959033827…9136588898"_s), qPrintable(header));
        const QString full = u"49590338271490256608559692538361571095921575989136588898"_s;
        QVERIFY(preview.findChild<QLabel *>(u"header"_s)->toolTip().contains(full));
        QCOMPARE(preview.sequenceNumber(), full);
        auto *copy = preview.findChild<QAction *>(u"copySequence"_s);
        QVERIFY(copy && copy->isEnabled());
        copy->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), full);
        QVERIFY2(header.contains(u"user-7"_s), qPrintable(header));
        QVERIFY2(header.contains(u"3 bytes"_s), qPrintable(header));
        preview.clear();
        QVERIFY(!preview.findChild<QLabel *>(u"header"_s)->text().contains(u"user-7"_s));
    }

    void textTabNotesInvalidUtf8()
    {
        RecordPreview preview;
        preview.setRecord(u"s"_s, recordOf("caf\xc3\xa9"));
        QCOMPARE(preview.findChild<QPlainTextEdit *>(u"text"_s)->toPlainText(), u"café"_s);
        QVERIFY(!preview.findChild<QLabel *>(u"textNote"_s)->text().contains(u"Not valid"_s));
        preview.setRecord(u"s"_s, recordOf("a\xff\xfe"));
        QVERIFY(preview.findChild<QLabel *>(u"textNote"_s)->text().contains(u"Not valid UTF-8"_s));
    }

    void jsonPrettyAndRaw()
    {
        RecordPreview preview;
        const QByteArray raw = R"({"b":[1,2],"a":"x"})";
        preview.setRecord(u"s"_s, recordOf(raw));
        auto *json = preview.findChild<QPlainTextEdit *>(u"json"_s);
        auto *rawToggle = preview.findChild<QCheckBox *>(u"jsonRaw"_s);
        QVERIFY(json && rawToggle);
        QVERIFY(rawToggle->isEnabled());
        const QString pretty = json->toPlainText();
        QVERIFY2(pretty.contains(u"\n    \"a\": \"x\",\n"_s), qPrintable(pretty));
        QVERIFY(pretty.contains(u"\"b\": [\n        1,\n        2\n    ]"_s));

        rawToggle->setChecked(true);
        QCOMPARE(json->toPlainText(), QString::fromUtf8(raw));
        rawToggle->setChecked(false);
        QCOMPARE(json->toPlainText(), pretty);

        preview.setRecord(u"s"_s, recordOf("not { json"));
        QVERIFY(preview.findChild<QLabel *>(u"jsonNote"_s)->text().startsWith(u"Not JSON"_s));
        QVERIFY(json->toPlainText().isEmpty());
        QVERIFY(!rawToggle->isEnabled());
    }

    void dynamoDbInsertDecodes()
    {
        QString error;
        const auto record = qmld::ui::parseDynamoDbStreamRecord(insertRecord, &error);
        QVERIFY2(record, qPrintable(error));
        QCOMPARE(record->eventName, u"INSERT"_s);
        QCOMPARE(record->sequenceNumber, u"111000000000000000000001"_s);
        QCOMPARE(record->streamViewType, u"NEW_AND_OLD_IMAGES"_s);
        QCOMPARE(record->sizeBytes, 26);
        QCOMPARE(record->keys.size(), 1);
        QCOMPARE(record->keys[0], (qmld::ui::DynamoDbNode{u"Id"_s, u"N"_s, u"101"_s, {}}));
        QVERIFY(record->oldImage.isEmpty());
        QCOMPARE(record->newImage.size(), 6);
        QCOMPARE(child(record->newImage, u"Message"_s)->value, u"New item!"_s);
        const auto *tags = child(record->newImage, u"Tags"_s);
        QCOMPARE(tags->type, u"SS"_s);
        QCOMPARE(tags->children.size(), 2);
        QCOMPARE(tags->children[1].value, u"b"_s);
        const auto *meta = child(record->newImage, u"Meta"_s);
        QCOMPARE(meta->type, u"M"_s);
        QCOMPARE(child(meta->children, u"ok"_s)->type, u"BOOL"_s);
        QCOMPARE(child(meta->children, u"ok"_s)->value, u"true"_s);
        QCOMPARE(child(meta->children, u"none"_s)->type, u"NULL"_s);
        const auto *list = child(record->newImage, u"List"_s);
        QCOMPARE(list->type, u"L"_s);
        QCOMPARE(list->children[1], (qmld::ui::DynamoDbNode{u"[1]"_s, u"N"_s, u"2"_s, {}}));
        QCOMPARE(child(record->newImage, u"Blob"_s)->type, u"B"_s);

        QVERIFY(!qmld::ui::parseDynamoDbStreamRecord(R"({"eventName":"INSERT"})", &error));
        QVERIFY(!qmld::ui::parseDynamoDbStreamRecord("[1,2", &error));
    }

    void dynamoDbTab()
    {
        RecordPreview preview;
        preview.setRecord(u"shardId-00000001700000000000-aaaa"_s, recordOf(insertRecord));
        QVERIFY(preview.findChild<QLabel *>(u"dynamoNote"_s)->text().contains(u"INSERT"_s));
        auto *tree = preview.findChild<QTreeWidget *>(u"dynamoTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 2); // Keys, NewImage
        QTreeWidgetItem *keys = tree->topLevelItem(0);
        QCOMPARE(keys->text(0), u"Keys"_s);
        QCOMPARE(keys->child(0)->text(0), u"Id"_s);
        QCOMPARE(keys->child(0)->text(1), u"N"_s);
        QCOMPARE(keys->child(0)->text(2), u"101"_s);
        QTreeWidgetItem *image = tree->topLevelItem(1);
        QCOMPARE(image->text(0), u"NewImage"_s);
        QCOMPARE(image->childCount(), 6);

        preview.setRecord(u"s"_s, recordOf(R"({"a":1})"));
        QCOMPARE(tree->topLevelItemCount(), 0);
        QVERIFY(preview.findChild<QLabel *>(u"dynamoNote"_s)->text().startsWith(u"Not a DynamoDB"_s));
    }

    void kplAggregateListsSubRecords()
    {
        qmld::KplAggregator aggregator;
        QCOMPARE(aggregator.add("pk-1", "first"), qmld::KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.add("pk-2", R"({"n":2})"), qmld::KplAggregator::AddResult::Added);
        QCOMPARE(aggregator.add("pk-3", QByteArray("\x01\x02", 2)), qmld::KplAggregator::AddResult::Added);
        const auto aggregate = aggregator.finish();
        QVERIFY(aggregate);

        RecordPreview preview;
        preview.setRecord(u"s"_s, recordOf(aggregate->data));
        auto *table = preview.findChild<QTableWidget *>(u"kplTable"_s);
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, 0)->text(), u"pk-1"_s);
        QCOMPARE(table->item(0, 3)->text(), u"first"_s);
        QCOMPARE(table->item(1, 0)->text(), u"pk-2"_s);
        QCOMPARE(table->item(1, 2)->text(), u"7"_s);
        QCOMPARE(table->item(2, 3)->text(), u"01 02"_s);
        QVERIFY(preview.findChild<QLabel *>(u"kplNote"_s)->text().contains(u"records inside: 3"_s));

        // A record that came out of an aggregate names its place in it.
        const std::vector<StreamRecord> parts = qmld::deaggregate(recordOf(aggregate->data));
        QCOMPARE(parts.size(), size_t(3));
        preview.setRecord(u"s"_s, parts[1]);
        QCOMPARE(table->rowCount(), 0);
        const QString note = preview.findChild<QLabel *>(u"kplNote"_s)->text();
        QVERIFY2(note.contains(u"2 of 3"_s), qPrintable(note));

        preview.setRecord(u"s"_s, recordOf("plain"));
        QVERIFY(preview.findChild<QLabel *>(u"kplNote"_s)->text().startsWith(u"Not from"_s));

        // The same user record replayed from a capture: no aggregate index, only its sub-sequence number.
        StreamRecord replayed = recordOf("second");
        replayed.sequenceNumber = parts[1].sequenceNumber;
        QVERIFY(!replayed.aggregateIndex);
        preview.setRecord(u"s"_s, replayed);
        const QString replayedNote = preview.findChild<QLabel *>(u"kplNote"_s)->text();
        QVERIFY2(replayedNote.contains(u"Sub-record 2 of a KPL aggregate (sub-sequence number 1)"_s), qPrintable(replayedNote));
    }

    // A hash key (up to 39 digits) is never clipped: the KPL columns fit their contents, and each cell has its text as tooltip.
    void kplCellsWhole()
    {
        qmld::KplAggregator aggregator;
        for (int i = 0; i < 2; ++i)
            QCOMPARE(aggregator.add("pk", "x", qmld::HashKey::max()), // 340282366920938463463374607431768211455
                     qmld::KplAggregator::AddResult::Added);
        const auto aggregate = aggregator.finish();
        QVERIFY(aggregate);
        RecordPreview preview;
        preview.resize(420, 400);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        preview.setRecord(u"s"_s, recordOf(aggregate->data));
        auto *table = preview.findChild<QTableWidget *>(u"kplTable"_s);
        QCOMPARE(table->item(0, 1)->toolTip(), u"340282366920938463463374607431768211455"_s);
        QVERIFY(table->columnWidth(1) >= table->fontMetrics().horizontalAdvance(u"340282366920938463463374607431768211455"_s));
    }
};

QTEST_MAIN(TestRecordPreview)
#include "test_record_preview.moc"

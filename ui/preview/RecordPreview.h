#pragma once

#include <qmld/StreamRecord.h>

#include <QString>
#include <QWidget>

#include <memory>

class QAction;

namespace qmld::ui {

// Shows one record: a header line (shard, sequence number, sub-sequence,
// partition key, arrival time, size) over tabs Text, JSON, Hex, KPL, DynamoDB.
class RecordPreview : public QWidget
{
    Q_OBJECT
public:
    explicit RecordPreview(QWidget *parent = nullptr);
    ~RecordPreview() override;

    void setRecord(const QString &shardId, const qmld::StreamRecord &record);
    void clear();
    // The whole sequence number of the record shown (the header elides it); empty when none.
    QString sequenceNumber() const;

private:
    QString m_sequence;
    QAction *m_copySequence = nullptr;
    void showHeader(const QString &shardId, const qmld::StreamRecord &record);
    void showText(const QByteArray &data);
    void showJson(const QByteArray &data);
    void showHex(const QByteArray &data);
    void showKpl(const qmld::StreamRecord &record);
    void showDynamoDb(const QByteArray &data);

    struct Ui;
    std::unique_ptr<Ui> m_ui;
};

} // namespace qmld::ui

#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace qmld::ui {

// One decoded DynamoDB attribute value, as a tree node.
struct DynamoDbNode
{
    QString name;  // attribute name, or "[i]" inside a list or set
    QString type;  // S, N, B, BOOL, NULL, M, L, SS, NS, BS
    QString value; // the scalar as text (B and BS: base64, as sent); empty for M, L and sets
    QList<DynamoDbNode> children; // M: its attributes; L, SS, NS, BS: the elements

    friend bool operator==(const DynamoDbNode &, const DynamoDbNode &) = default;
};

// A DynamoDB stream record as the DynamoDB Streams adapter (or a Lambda
// event) delivers it: {"eventName": ..., "dynamodb": {"Keys": ..., ...}}.
struct DynamoDbStreamRecord
{
    QString eventId;
    QString eventName; // INSERT, MODIFY, REMOVE
    QString eventSource;
    QString awsRegion;
    QString sequenceNumber;
    QString streamViewType; // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
    std::optional<double> approximateCreationDateTime; // epoch seconds, as sent
    std::optional<qint64> sizeBytes;
    QList<DynamoDbNode> keys;
    QList<DynamoDbNode> oldImage;
    QList<DynamoDbNode> newImage;
};

// Parses `json` as a DynamoDB stream record. Returns nullopt when it is not
// one (not JSON, or no "dynamodb" object), with a one-line reason in *error.
// Member names match case-insensitively (Jackson writes either spelling).
std::optional<DynamoDbStreamRecord> parseDynamoDbStreamRecord(QByteArrayView json, QString *error = nullptr);

} // namespace qmld::ui

#include "DynamoDbRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qmld::ui {

using namespace Qt::StringLiterals;

namespace {

// The member `name`, matched exactly first, then ignoring case.
QJsonValue member(const QJsonObject &object, QStringView name)
{
    const auto exact = object.constFind(name);
    if (exact != object.constEnd())
        return *exact;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return {}; // undefined, or an object or array where a scalar belongs
}

DynamoDbNode decodeValue(const QString &name, const QJsonValue &attribute);

QList<DynamoDbNode> decodeMap(const QJsonObject &object)
{
    QList<DynamoDbNode> nodes;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        nodes.append(decodeValue(it.key(), it.value()));
    return nodes;
}

// {"S": "x"}, {"M": {...}}, ...; Jackson may also write every type with
// nulls for the unused ones ({"s": "x", "n": null, ...}): the first non-null wins.
DynamoDbNode decodeValue(const QString &name, const QJsonValue &attribute)
{
    static const QStringList types{u"S"_s, u"N"_s, u"B"_s, u"BOOL"_s, u"NULL"_s, u"M"_s,
                                   u"L"_s, u"SS"_s, u"NS"_s, u"BS"_s};
    DynamoDbNode node;
    node.name = name;
    const QJsonObject object = attribute.toObject();
    for (const QString &type : types) {
        const QJsonValue value = member(object, type);
        if (value.isUndefined() || value.isNull())
            continue;
        if (type == u"NULL"_s && value.isBool() && !value.toBool())
            continue; // {"NULL": false} is Jackson's "not set"
        node.type = type;
        if (type == u"M"_s) {
            node.children = decodeMap(value.toObject());
        } else if (type == u"L"_s) {
            const QJsonArray items = value.toArray();
            for (qsizetype i = 0; i < items.size(); ++i)
                node.children.append(decodeValue(u'[' + QString::number(i) + u']', items[i]));
        } else if (type.endsWith(u'S') && type.size() == 2) { // SS, NS, BS
            const QJsonArray items = value.toArray();
            for (qsizetype i = 0; i < items.size(); ++i)
                node.children.append({u'[' + QString::number(i) + u']', type.left(1), scalarText(items[i]), {}});
        } else if (type == u"NULL"_s) {
            node.value = u"null"_s;
        } else {
            node.value = scalarText(value);
        }
        return node;
    }
    node.type = QCoreApplication::translate("qmld::ui::DynamoDbRecord", "?");
    node.value = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    return node;
}

} // namespace

std::optional<DynamoDbStreamRecord> parseDynamoDbStreamRecord(QByteArrayView json, QString *error)
{
    const auto fail = [&](const QString &message) -> std::optional<DynamoDbStreamRecord> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(QCoreApplication::translate("qmld::ui::DynamoDbRecord", "not a JSON object"));
    const QJsonObject root = document.object();
    const QJsonValue streamRecord = member(root, u"dynamodb");
    if (!streamRecord.isObject())
        return fail(QCoreApplication::translate("qmld::ui::DynamoDbRecord", "no \"dynamodb\" object: not a DynamoDB stream record"));
    const QJsonObject dynamodb = streamRecord.toObject();

    DynamoDbStreamRecord record;
    record.eventId = member(root, u"eventID").toString();
    record.eventName = member(root, u"eventName").toString();
    record.eventSource = member(root, u"eventSource").toString();
    record.awsRegion = member(root, u"awsRegion").toString();
    record.sequenceNumber = scalarText(member(dynamodb, u"SequenceNumber"));
    record.streamViewType = member(dynamodb, u"StreamViewType").toString();
    const QJsonValue created = member(dynamodb, u"ApproximateCreationDateTime");
    if (created.isDouble())
        record.approximateCreationDateTime = created.toDouble();
    const QJsonValue size = member(dynamodb, u"SizeBytes");
    if (size.isDouble())
        record.sizeBytes = qint64(size.toDouble());
    record.keys = decodeMap(member(dynamodb, u"Keys").toObject());
    record.oldImage = decodeMap(member(dynamodb, u"OldImage").toObject());
    record.newImage = decodeMap(member(dynamodb, u"NewImage").toObject());
    return record;
}

} // namespace qmld::ui

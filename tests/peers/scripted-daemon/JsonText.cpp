#include "JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qmld::peers::json {
namespace {

// Field order of the Java message classes (Jackson writes declared order).
QList<QLatin1StringView> declaredFields(QStringView action)
{
    if (action == u"initialize")
        return {"shardId"_L1, "sequenceNumber"_L1, "subSequenceNumber"_L1};
    if (action == u"processRecords")
        return {"records"_L1, "millisBehindLatest"_L1};
    if (action == u"checkpoint")
        return {"sequenceNumber"_L1, "subSequenceNumber"_L1, "error"_L1};
    if (action == u"shutdown")
        return {"reason"_L1};
    return {};
}

const QList<QLatin1StringView> recordFields = {
    "data"_L1, "partitionKey"_L1, "sequenceNumber"_L1, "approximateArrivalTimestamp"_L1,
    "subSequenceNumber"_L1, "action"_L1,
};

QByteArray renderOrdered(const QJsonObject &object, const QList<QLatin1StringView> &order,
                         QByteArray (*renderValue)(QLatin1StringView, const QJsonValue &))
{
    ObjectWriter writer;
    for (QLatin1StringView name : order) {
        const auto it = object.constFind(name);
        if (it != object.constEnd())
            writer.rawField(name, renderValue(name, it.value()));
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (std::find(order.begin(), order.end(), it.key()) == order.end()) {
            const QByteArray name = it.key().toUtf8();
            writer.rawField(QLatin1StringView(name), compact(it.value()));
        }
    }
    return writer.finish();
}

QByteArray renderMessageValue(QLatin1StringView name, const QJsonValue &value)
{
    if (name == "records"_L1 && value.isArray()) {
        QByteArray out = "["_ba;
        const QJsonArray records = value.toArray();
        for (qsizetype i = 0; i < records.size(); ++i) {
            if (i > 0)
                out += ',';
            const QJsonValue record = records.at(i);
            out += record.isObject() ? renderRecord(record.toObject()) : compact(record);
        }
        return out + ']';
    }
    return compact(value);
}

QByteArray renderPlainValue(QLatin1StringView, const QJsonValue &value)
{
    return compact(value);
}

} // namespace

void appendString(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (byte < 0x20) {
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

QByteArray compact(const QJsonValue &value)
{
    QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

ObjectWriter &ObjectWriter::string(QLatin1StringView name, QStringView value)
{
    key(name);
    appendString(m_text, value);
    return *this;
}

ObjectWriter &ObjectWriter::number(QLatin1StringView name, qint64 value)
{
    key(name);
    m_text += QByteArray::number(value);
    return *this;
}

ObjectWriter &ObjectWriter::rawField(QLatin1StringView name, QByteArrayView json)
{
    key(name);
    m_text += json;
    return *this;
}

QByteArray ObjectWriter::finish() const
{
    return m_text + '}';
}

void ObjectWriter::key(QLatin1StringView name)
{
    if (!m_empty)
        m_text += ',';
    m_empty = false;
    appendString(m_text, QString(name));
    m_text += ':';
}

QByteArray renderDaemonMessage(const QJsonObject &message)
{
    QList<QLatin1StringView> order{"action"_L1};
    order += declaredFields(message.value("action"_L1).toString());
    return renderOrdered(message, order, &renderMessageValue);
}

QByteArray renderRecord(const QJsonObject &record)
{
    return renderOrdered(record, recordFields, &renderPlainValue);
}

} // namespace qmld::peers::json

#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QStringView>

// Compact JSON written field by field, so the daemon's lines carry the field
// order the Java daemon's Jackson classes write (QJsonObject sorts its keys).
namespace qmld::peers::json {

void appendString(QByteArray &out, QStringView text);
QByteArray compact(const QJsonValue &value);

class ObjectWriter
{
public:
    ObjectWriter() : m_text(1, '{') {}

    ObjectWriter &field(QLatin1StringView key, const QJsonValue &value) { return rawField(key, compact(value)); }
    ObjectWriter &string(QLatin1StringView key, QStringView value);
    ObjectWriter &number(QLatin1StringView key, qint64 value);
    ObjectWriter &null(QLatin1StringView key) { return rawField(key, QByteArrayView("null")); }
    ObjectWriter &rawField(QLatin1StringView key, QByteArrayView json);
    QByteArray finish() const;

private:
    void key(QLatin1StringView key);

    QByteArray m_text;
    bool m_empty = true;
};

// A daemon message as the Java daemon would write it: "action" first, then the
// fields its message class declares in declaration order, then any other keys
// the scenario gave. Records inside processRecords get the record field order.
QByteArray renderDaemonMessage(const QJsonObject &message);
QByteArray renderRecord(const QJsonObject &record);

} // namespace qmld::peers::json

#include "RecordBatchGenerator.h"

#include "JsonText.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qmld::peers {
namespace {

QByteArray payload(qint64 recordIndex, qint64 size)
{
    static constexpr QByteArrayView filler = "abcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray bytes = "record-" + QByteArray::number(recordIndex) + ':';
    bytes.reserve(size);
    while (bytes.size() < size)
        bytes += filler.first(std::min<qsizetype>(filler.size(), size - bytes.size()));
    bytes.truncate(size);
    return bytes;
}

bool isUnsignedInteger(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() >= 0 && value.toDouble() == double(value.toInteger());
}

} // namespace

RecordBatchGenerator::Batch RecordBatchGenerator::generate(const QJsonObject &spec, QString *error)
{
    error->clear();
    if (spec.contains("records"_L1))
        return fromRecords(spec, error);
    return fromCounts(spec, error);
}

RecordBatchGenerator::Batch RecordBatchGenerator::fromRecords(const QJsonObject &spec, QString *error)
{
    const QJsonValue recordsValue = spec.value("records"_L1);
    if (!recordsValue.isArray()) {
        *error = u"\"records\" must be an array"_s;
        return {};
    }
    Batch batch;
    QJsonArray records;
    for (const QJsonValue &value : recordsValue.toArray()) {
        if (!value.isObject()) {
            records.append(value);
            continue;
        }
        QJsonObject record = value.toObject();
        if (!record.contains("approximateArrivalTimestamp"_L1))
            record.insert("approximateArrivalTimestamp"_L1, m_nextArrival++);
        if (!record.contains("subSequenceNumber"_L1))
            record.insert("subSequenceNumber"_L1, 0);
        if (!record.contains("action"_L1))
            record.insert("action"_L1, u"record"_s);
        const auto esn = ExtendedSequenceNumber::parse(record.value("sequenceNumber"_L1).toString(),
                                                       record.value("subSequenceNumber"_L1).toInteger());
        if (esn && esn->isDigits() && (!batch.largest || *esn > *batch.largest))
            batch.largest = esn;
        records.append(record);
        ++m_nextRecordIndex;
    }
    QJsonObject message = spec;
    message.insert("action"_L1, u"processRecords"_s);
    message.insert("records"_L1, records);
    if (!message.contains("millisBehindLatest"_L1))
        message.insert("millisBehindLatest"_L1, 0);
    batch.recordCount = records.size();
    batch.line = json::renderDaemonMessage(message);
    return batch;
}

RecordBatchGenerator::Batch RecordBatchGenerator::fromCounts(const QJsonObject &spec, QString *error)
{
    static const QStringList knownKeys = {
        u"count"_s, u"payloadBytes"_s, u"firstSequence"_s, u"sequenceStep"_s, u"aggregated"_s,
        u"recordsPerAggregate"_s, u"millisBehindLatest"_s, u"firstArrivalTimestamp"_s,
    };
    for (auto it = spec.constBegin(); it != spec.constEnd(); ++it) {
        if (!knownKeys.contains(it.key())) {
            *error = u"unknown processRecords generator key \"%1\" (known: %2, or \"records\")"_s.arg(
                it.key(), knownKeys.join(", "_L1));
            return {};
        }
    }
    for (const QString &key : {u"count"_s, u"payloadBytes"_s, u"sequenceStep"_s, u"recordsPerAggregate"_s,
                               u"firstArrivalTimestamp"_s}) {
        if (spec.contains(key) && !isUnsignedInteger(spec.value(key))) {
            *error = u"processRecords \"%1\" must be a non-negative integer"_s.arg(key);
            return {};
        }
    }
    if (spec.contains("firstSequence"_L1)) {
        const auto first = ExtendedSequenceNumber::parse(spec.value("firstSequence"_L1).toString());
        if (!first || !first->isDigits()) {
            *error = u"processRecords \"firstSequence\" must be a string of digits"_s;
            return {};
        }
        m_nextSequence = first->sequenceNumber;
    }
    if (spec.contains("firstArrivalTimestamp"_L1))
        m_nextArrival = spec.value("firstArrivalTimestamp"_L1).toInteger();

    const qint64 count = spec.value("count"_L1).toInteger(1);
    const qint64 payloadBytes = spec.value("payloadBytes"_L1).toInteger(16);
    const quint64 step = quint64(spec.value("sequenceStep"_L1).toInteger(1));
    const bool aggregated = spec.value("aggregated"_L1).toBool(false);
    const qint64 perAggregate = aggregated ? std::max<qint64>(1, spec.value("recordsPerAggregate"_L1).toInteger(count)) : 1;

    Batch batch;
    batch.recordCount = count;
    QByteArray &line = batch.line;
    line.reserve(count * (payloadBytes * 4 / 3 + 200) + 100);
    line += R"({"action":"processRecords","records":[)";
    QString sequence;
    for (qint64 i = 0; i < count; ++i) {
        const qint64 sub = i % perAggregate;
        if (sub == 0) {
            sequence = m_nextSequence;
            m_nextSequence = addToDecimal(m_nextSequence, step);
        }
        if (i > 0)
            line += ',';
        const QByteArray data = '"' + payload(m_nextRecordIndex, payloadBytes).toBase64() + '"';
        line += json::ObjectWriter()
                    .rawField("data"_L1, data)
                    .string("partitionKey"_L1, u"pk-%1"_s.arg(m_nextRecordIndex))
                    .string("sequenceNumber"_L1, sequence)
                    .number("approximateArrivalTimestamp"_L1, m_nextArrival)
                    .number("subSequenceNumber"_L1, aggregated ? sub : 0)
                    .string("action"_L1, u"record")
                    .finish();
        ++m_nextRecordIndex;
        if (sub + 1 == perAggregate || i + 1 == count)
            ++m_nextArrival;
        batch.largest = ExtendedSequenceNumber{sequence, aggregated ? sub : 0};
    }
    line += "],\"millisBehindLatest\":";
    line += json::compact(spec.value("millisBehindLatest"_L1).isUndefined() ? QJsonValue(0)
                                                                              : spec.value("millisBehindLatest"_L1));
    line += '}';
    return batch;
}

} // namespace qmld::peers

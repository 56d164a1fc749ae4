#pragma once

#include "ExtendedSequenceNumber.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace qmld::peers {

// Builds one shard's processRecords lines: either from records the scenario
// lists (missing fields filled as the v2 daemon would), or from a compact spec
// such as {"count":10000,"payloadBytes":100} that expands to Kinesis-style
// records: 56-digit sequence numbers increasing per record, base64 data,
// distinct partition keys, increasing arrival timestamps.
class RecordBatchGenerator
{
public:
    struct Batch
    {
        QByteArray line;
        qsizetype recordCount = 0;
        std::optional<ExtendedSequenceNumber> largest;
    };

    // Empty error on success.
    Batch generate(const QJsonObject &spec, QString *error);

private:
    Batch fromRecords(const QJsonObject &spec, QString *error);
    Batch fromCounts(const QJsonObject &spec, QString *error);

    QString m_nextSequence = QStringLiteral("49590338271490256608559692538361571095921575989136588898");
    qint64 m_nextRecordIndex = 0;
    qint64 m_nextArrival = 1700000000000;
};

} // namespace qmld::peers

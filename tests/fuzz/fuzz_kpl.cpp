// Feeds arbitrary bytes to the KPL decoder as a record's data, as a daemon
// (or a producer) could deliver it: detection, decoding, de-aggregation with
// and without a shard hash range. Any crash, sanitizer report or broken
// invariant is a finding.

#include "Quiet.h"

#include <qmld/Kpl.h>

#include <cstdlib>

using namespace qmld;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    qmld::fuzz::silenceLogs();
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto aggregate = kpl::decode(bytes, &error);
    if (!aggregate && kpl::detectFormat(bytes))
        check(!error.isEmpty()); // a malformed aggregate says why
    if (aggregate)
        for (const kpl::UserRecord &user : aggregate->records)
            (void)user.effectiveHashKey();

    StreamRecord record;
    record.sequenceNumber = *SequenceNumber::parse(QByteArrayView("49590338271490256608559692538361571095921575989136588898"));
    record.partitionKey = QByteArray("pk");
    record.data = bytes;
    for (const bool ranged : {false, true}) {
        DeaggregationOptions options;
        if (ranged)
            options.shardHashRange = HashKeyRange{HashKey(0), HashKey(HashKey::Value(1) << 127)};
        std::vector<StreamRecord> out;
        DeaggregationWarning warning;
        const DeaggregationOutcome outcome = appendDeaggregated(record, out, options, &warning);
        switch (outcome) {
        case DeaggregationOutcome::NotAggregated:
        case DeaggregationOutcome::Malformed:
            check(out.size() == 1 && out.front().data == bytes);
            break;
        case DeaggregationOutcome::Deaggregated:
            check(aggregate && out.size() == aggregate->records.size());
            for (std::size_t i = 0; i < out.size(); ++i) {
                check(out[i].aggregateIndex == std::int32_t(i) && out[i].aggregateCount == std::int32_t(out.size()));
                check(out[i].sequenceNumber.subSequence() == std::int64_t(i));
            }
            break;
        case DeaggregationOutcome::DroppedOutOfHashRange:
            check(ranged && out.empty());
            break;
        }
    }
    return 0;
}

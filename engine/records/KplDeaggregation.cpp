#include <qmld/Kpl.h>

#include "records/Logging.h"
#include "records/Tr.h"


namespace qmld {

namespace {

using records::KplText;

QString formatName(kpl::Format format)
{
    switch (format) {
    case kpl::Format::Standard: return KplText::tr("KPL aggregate");
    case kpl::Format::Erlmld: return KplText::tr("erlmld aggregate");
    case kpl::Format::ErlmldDeflated: return KplText::tr("deflated erlmld aggregate");
    }
    return {};
}

void report(DeaggregationOutcome outcome, const QString &message, DeaggregationWarning *warning)
{
    qCWarning(records::lcRecords).noquote() << message;
    if (warning)
        *warning = DeaggregationWarning{outcome, message};
}

} // namespace

namespace detail {

DeaggregationOutcome appendAggregated(StreamRecord &&record, kpl::Format format, std::vector<StreamRecord> &out,
                                      const DeaggregationOptions &options, DeaggregationWarning *warning)
{
    QString error;
    auto aggregate = kpl::decode(record.data, &error);
    if (!aggregate) {
        report(DeaggregationOutcome::Malformed,
               KplText::tr("Record %1: malformed %2 (%3); delivered as one record")
                   .arg(record.sequenceNumber.display(), formatName(format), error),
               warning);
        out.push_back(std::move(record));
        return DeaggregationOutcome::Malformed;
    }

    if (options.shardHashRange && !kpl::allWithinHashRange(*aggregate, *options.shardHashRange)) {
        report(DeaggregationOutcome::DroppedOutOfHashRange,
               QCoreApplication::translate("qmld::kpl",
                                           "Record %1: %2 holds user records outside the shard's hash key "
                                           "range [%3, %4]; dropped, as the KCL does")
                   .arg(record.sequenceNumber.display(), formatName(format),
                        options.shardHashRange->starting.toString(), options.shardHashRange->ending.toString()),
               warning);
        return DeaggregationOutcome::DroppedOutOfHashRange;
    }

    const auto count = std::int32_t(aggregate->records.size());
    for (std::int32_t i = 0; i < count; ++i) {
        kpl::UserRecord &user = aggregate->records[size_t(i)];
        StreamRecord sub;
        sub.sequenceNumber = record.sequenceNumber.withSubSequence(i);
        sub.partitionKey = std::move(user.partitionKey);
        sub.data = std::move(user.data);
        sub.approximateArrivalTimestamp = record.approximateArrivalTimestamp;
        sub.aggregateIndex = i;
        sub.aggregateCount = count;
        out.push_back(std::move(sub));
    }
    return DeaggregationOutcome::Deaggregated;
}

} // namespace detail

std::vector<StreamRecord> deaggregate(const StreamRecord &record, DeaggregationWarning *warning)
{
    std::vector<StreamRecord> out;
    appendDeaggregated(record, out, {}, warning);
    return out;
}

} // namespace qmld

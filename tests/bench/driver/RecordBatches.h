#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qmld::bench {

// processRecords lines encoded before the clock starts, byte for byte as the
// Java daemon writes them. A few distinct batches are encoded once; sending
// batch k reuses batch k % variants and stamps k into every record's sequence
// number, so sequence numbers keep increasing across the whole run at the
// cost of one 10-byte copy per record.
//
// Sequence numbers have 56 digits, as Kinesis's do today:
//   40-digit fixed prefix | 10-digit batch number | 6-digit record index
class RecordBatches
{
public:
    RecordBatches(std::size_t payloadBytes, std::size_t batchSize);

    // The line (with its '\n') for the k-th batch of the run.
    const std::string &line(std::uint64_t k);

    std::size_t batchSize() const { return m_batchSize; }
    std::size_t payloadBytes() const { return m_payloadBytes; }
    std::size_t variantCount() const { return m_variants.size(); }

private:
    struct Variant
    {
        std::string line;
        std::vector<std::uint32_t> batchDigitOffsets; // where each record's batch number sits
    };

    std::size_t m_payloadBytes;
    std::size_t m_batchSize;
    std::vector<Variant> m_variants;
};

std::string base64(const unsigned char *data, std::size_t size);

} // namespace qmld::bench

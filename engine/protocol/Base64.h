#pragma once

// Standard base64 (RFC 4648 alphabet, "=" padding, no line breaks): the
// MIME_NO_LINEFEEDS variant Jackson uses for byte[] in the MLD protocol.

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace qmld::protocol::base64 {

constexpr qsizetype encodedSize(qsizetype bytes)
{
    return (bytes + 2) / 3 * 4;
}

// Writes encodedSize(bytes.size()) characters to out.
void encode(QByteArrayView bytes, char *out);

// Decodes padded or unpadded base64; nullopt on any other character, on
// misplaced padding, or on an impossible length.
std::optional<QByteArray> decode(QByteArrayView text);

// The same into `out`, whose allocation is reused when no copy shares it and
// it is large enough. On false, `out` holds garbage.
bool decodeInto(QByteArrayView text, QByteArray &out);

// The ways decodeInto can run; it takes the fastest this CPU has. The others
// are there for CPUs without it, and for the tests, which run each of
// decodePathsOfThisCpu() (only those: another would stop on an illegal instruction).
enum class DecodePath { Portable, Avx2, Avx512Vbmi };
std::vector<DecodePath> decodePathsOfThisCpu();
bool decodeInto(QByteArrayView text, QByteArray &out, DecodePath path);

} // namespace qmld::protocol::base64

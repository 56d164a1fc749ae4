// Feeds arbitrary bytes to the Java properties parser (the MultiLangDaemon
// properties file every daemon and qmld run read). Whatever parses must write
// back to text that parses to the same entries. Any crash, sanitizer report
// or broken invariant is a finding.

#include "Quiet.h"

#include <qmld/JavaProperties.h>

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
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<JavaProperties> parsed = JavaProperties::parse(text, QStringLiteral("fuzz.properties"), &error);
    check(parsed.has_value() == error.isEmpty());
    if (!parsed)
        return 0;
    for (const JavaProperties::Entry &entry : parsed->entries())
        check(parsed->contains(entry.key) && parsed->value(entry.key) == entry.value);

    const QByteArray written = parsed->toByteArray();
    const std::optional<JavaProperties> again = JavaProperties::parse(written, QStringLiteral("again.properties"), &error);
    check(again.has_value());
    check(again->size() == parsed->size());
    for (qsizetype i = 0; i < parsed->size(); ++i) {
        check(again->entries().at(i).key == parsed->entries().at(i).key);
        check(again->entries().at(i).value == parsed->entries().at(i).value);
    }
    return 0;
}

#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qmld::bench {

// One JSON value of a child's message, kept both as written and decoded.
struct JsonScalar
{
    enum class Kind { String, Number, Boolean, Null };
    Kind kind = Kind::Null;
    std::string_view raw; // the JSON text as it appeared on the line
    std::string text;     // decoded string contents (String only)
};

// A child's line: a flat JSON object, which is all the protocol lets a child
// send. Nested objects or arrays make the line unreadable (nullopt), as they
// would make it undecodable for the Java daemon.
struct ChildMessage
{
    std::vector<std::pair<std::string, JsonScalar>> fields;
    // Jackson reads the first value of a line and ignores the rest, so a
    // second message on the same line is lost.
    bool trailingContent = false;

    static std::optional<ChildMessage> parse(std::string_view line);
    const JsonScalar *find(std::string_view key) const;
    // The first key outside `allowed`, if any.
    std::optional<std::string> unexpectedKey(std::initializer_list<std::string_view> allowed) const;
};

} // namespace qmld::bench

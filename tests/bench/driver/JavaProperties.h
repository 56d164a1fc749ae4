#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qmld::bench {

// Reads one key from a Java .properties file with java.util.Properties.load
// rules: '#'/'!' comments, '=' ':' or whitespace separators, backslash line
// continuations and escapes (\uXXXX becomes UTF-8), last occurrence wins.
// Bytes outside escapes pass through unchanged.
bool readJavaProperty(const std::string &path, std::string_view key, std::string *value,
                      std::string *error);

// The MultiLangDaemon's command split: String.split(" +"), no shell, no
// quoting; a leading empty piece is kept and trailing empty pieces dropped,
// as Java does.
std::vector<std::string> splitCommandLikeJavaDaemon(std::string_view command);

} // namespace qmld::bench

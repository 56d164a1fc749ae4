#include "JavaProperties.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

namespace qmld::bench {
namespace {

bool isPropertiesSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

void appendUtf8(std::string *out, unsigned codePoint)
{
    if (codePoint < 0x80) {
        out->push_back(char(codePoint));
    } else if (codePoint < 0x800) {
        out->push_back(char(0xC0 | (codePoint >> 6)));
        out->push_back(char(0x80 | (codePoint & 0x3F)));
    } else {
        out->push_back(char(0xE0 | (codePoint >> 12)));
        out->push_back(char(0x80 | ((codePoint >> 6) & 0x3F)));
        out->push_back(char(0x80 | (codePoint & 0x3F)));
    }
}

std::optional<std::string> unescape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out.push_back(text[i]);
            continue;
        }
        const char c = text[++i];
        switch (c) {
        case 't': out.push_back('\t'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 'f': out.push_back('\f'); break;
        case 'u': {
            if (i + 4 >= text.size())
                return std::nullopt;
            unsigned codePoint = 0;
            for (int k = 1; k <= 4; ++k) {
                const char h = text[i + k];
                codePoint <<= 4;
                if (h >= '0' && h <= '9')
                    codePoint |= unsigned(h - '0');
                else if (h >= 'a' && h <= 'f')
                    codePoint |= unsigned(h - 'a' + 10);
                else if (h >= 'A' && h <= 'F')
                    codePoint |= unsigned(h - 'A' + 10);
                else
                    return std::nullopt;
            }
            appendUtf8(&out, codePoint);
            i += 4;
            break;
        }
        default: out.push_back(c); break;
        }
    }
    return out;
}

// Splits the file into logical lines: natural lines joined where one ends in
// an odd number of backslashes, with the continuation's leading white space
// dropped. Comment and blank natural lines are left out.
std::vector<std::string> logicalLines(const std::string &content)
{
    std::vector<std::string> lines;
    std::string current;
    bool continuing = false;
    std::size_t pos = 0;
    while (pos < content.size()) {
        std::size_t end = content.find_first_of("\r\n", pos);
        if (end == std::string::npos)
            end = content.size();
        std::string_view natural(content.data() + pos, end - pos);
        pos = end;
        if (pos < content.size())
            pos += content.compare(pos, 2, "\r\n") == 0 ? 2 : 1;

        std::size_t first = 0;
        while (first < natural.size() && isPropertiesSpace(natural[first]))
            ++first;
        natural.remove_prefix(first);
        if (!continuing && (natural.empty() || natural.front() == '#' || natural.front() == '!'))
            continue;

        std::size_t backslashes = 0;
        while (backslashes < natural.size() && natural[natural.size() - 1 - backslashes] == '\\')
            ++backslashes;
        continuing = backslashes % 2 == 1;
        if (continuing)
            natural.remove_suffix(1);
        current.append(natural);
        if (!continuing) {
            lines.push_back(std::move(current));
            current.clear();
        }
    }
    if (continuing)
        lines.push_back(std::move(current));
    return lines;
}

} // namespace

bool readJavaProperty(const std::string &path, std::string_view key, std::string *value,
                      std::string *error)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        *error = "cannot read properties file " + path + ": " + std::strerror(errno);
        return false;
    }
    std::ostringstream content;
    content << file.rdbuf();

    bool found = false;
    for (const std::string &line : logicalLines(content.str())) {
        std::size_t keyEnd = 0;
        while (keyEnd < line.size()) {
            const char c = line[keyEnd];
            if (c == '\\') {
                keyEnd += 2;
                continue;
            }
            if (c == '=' || c == ':' || isPropertiesSpace(c))
                break;
            ++keyEnd;
        }
        keyEnd = std::min(keyEnd, line.size());
        std::size_t valueStart = keyEnd;
        while (valueStart < line.size() && isPropertiesSpace(line[valueStart]))
            ++valueStart;
        if (valueStart < line.size() && (line[valueStart] == '=' || line[valueStart] == ':')) {
            ++valueStart;
            while (valueStart < line.size() && isPropertiesSpace(line[valueStart]))
                ++valueStart;
        }
        const auto lineKey = unescape(std::string_view(line).substr(0, keyEnd));
        const auto lineValue = unescape(std::string_view(line).substr(valueStart));
        if (!lineKey || !lineValue) {
            *error = "malformed \\u escape in properties file " + path;
            return false;
        }
        if (*lineKey == key) {
            *value = *lineValue;
            found = true;
        }
    }
    if (!found) {
        *error = "properties file " + path + " has no " + std::string(key);
        return false;
    }
    return true;
}

std::vector<std::string> splitCommandLikeJavaDaemon(std::string_view command)
{
    std::vector<std::string> pieces;
    std::size_t pos = 0;
    while (true) {
        const std::size_t space = command.find(' ', pos);
        pieces.emplace_back(command.substr(pos, space == std::string_view::npos ? command.npos : space - pos));
        if (space == std::string_view::npos)
            break;
        pos = command.find_first_not_of(' ', space);
        if (pos == std::string_view::npos)
            break;
    }
    while (!pieces.empty() && pieces.back().empty())
        pieces.pop_back();
    return pieces;
}

} // namespace qmld::bench

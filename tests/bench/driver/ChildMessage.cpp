#include "ChildMessage.h"

#include <algorithm>

namespace qmld::bench {
namespace {

class Scanner
{
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    void skipSpace()
    {
        while (m_pos < m_text.size()
               && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\r' || m_text[m_pos] == '\n'))
            ++m_pos;
    }
    bool consume(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        skipSpace();
        return m_pos == m_text.size();
    }
    char peek()
    {
        skipSpace();
        return m_pos < m_text.size() ? m_text[m_pos] : '\0';
    }

    std::optional<std::string> string()
    {
        if (!consume('"'))
            return std::nullopt;
        std::string out;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return out;
            if (static_cast<unsigned char>(c) < 0x20)
                return std::nullopt;
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (m_pos >= m_text.size())
                return std::nullopt;
            const char e = m_text[m_pos++];
            switch (e) {
            case '"': case '\\': case '/': out.push_back(e); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                // Keys and values the driver compares are ASCII; any other
                // escaped character only has to be skipped correctly.
                if (m_pos + 4 > m_text.size())
                    return std::nullopt;
                unsigned codePoint = 0;
                for (int k = 0; k < 4; ++k) {
                    const char h = m_text[m_pos++];
                    codePoint <<= 4;
                    if (h >= '0' && h <= '9') codePoint |= unsigned(h - '0');
                    else if (h >= 'a' && h <= 'f') codePoint |= unsigned(h - 'a' + 10);
                    else if (h >= 'A' && h <= 'F') codePoint |= unsigned(h - 'A' + 10);
                    else return std::nullopt;
                }
                out.push_back(codePoint < 0x80 ? char(codePoint) : '?');
                break;
            }
            default: return std::nullopt;
            }
        }
        return std::nullopt;
    }

    std::optional<JsonScalar> scalar()
    {
        skipSpace();
        const std::size_t start = m_pos;
        JsonScalar value;
        const char c = peek();
        if (c == '"') {
            auto text = string();
            if (!text)
                return std::nullopt;
            value.kind = JsonScalar::Kind::String;
            value.text = std::move(*text);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            while (m_pos < m_text.size()
                   && std::string_view("0123456789+-.eE").find(m_text[m_pos]) != std::string_view::npos)
                ++m_pos;
            value.kind = JsonScalar::Kind::Number;
        } else if (literal("null")) {
            value.kind = JsonScalar::Kind::Null;
        } else if (literal("true") || literal("false")) {
            value.kind = JsonScalar::Kind::Boolean;
        } else {
            return std::nullopt;
        }
        value.raw = m_text.substr(start, m_pos - start);
        return value;
    }

private:
    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

std::optional<ChildMessage> ChildMessage::parse(std::string_view line)
{
    Scanner scanner(line);
    ChildMessage message;
    if (!scanner.consume('{'))
        return std::nullopt;
    if (!scanner.consume('}')) {
        do {
            auto key = scanner.string();
            if (!key || !scanner.consume(':'))
                return std::nullopt;
            auto value = scanner.scalar();
            if (!value)
                return std::nullopt;
            message.fields.emplace_back(std::move(*key), std::move(*value));
        } while (scanner.consume(','));
        if (!scanner.consume('}'))
            return std::nullopt;
    }
    message.trailingContent = !scanner.atEnd();
    return message;
}

const JsonScalar *ChildMessage::find(std::string_view key) const
{
    for (const auto &[name, value] : fields) {
        if (name == key)
            return &value;
    }
    return nullptr;
}

std::optional<std::string> ChildMessage::unexpectedKey(std::initializer_list<std::string_view> allowed) const
{
    for (const auto &field : fields) {
        if (std::find(allowed.begin(), allowed.end(), field.first) == allowed.end())
            return field.first;
    }
    return std::nullopt;
}

} // namespace qmld::bench

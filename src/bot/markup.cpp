#include "markup.hpp"

namespace paperboy::bot::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Appends `inner` (the text between '<' and '>') the way plain_text() documents.
void append_markup(std::string& out, std::string_view inner, bool keep_labels) {
    if (inner.empty() || inner.front() == '@' || inner.front() == '#' || inner.front() == '!') {
        out.push_back(' ');
        return;
    }
    auto bar = inner.find('|');
    out.push_back(' ');
    out.append(inner.substr(0, bar));
    if (keep_labels && bar != std::string_view::npos) {
        out.push_back(' ');
        out.append(inner.substr(bar + 1));
    }
    out.push_back(' ');
}

// Folds full-width ASCII and wide spaces; everything else is copied byte for byte.
std::string fold_width(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
            out.push_back(' ');  // U+00A0 NO-BREAK SPACE
            ++i;
            continue;
        }
        if ((b0 == 0xE3 || b0 == 0xEF) && i + 2 < s.size()) {
            auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
            unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
            if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
                if (cp == 0x3000) {  // IDEOGRAPHIC SPACE
                    out.push_back(' ');
                    i += 2;
                    continue;
                }
                if (cp >= 0xFF01 && cp <= 0xFF5E) {  // FULLWIDTH ! .. ~
                    out.push_back(static_cast<char>(cp - 0xFF00 + 0x20));
                    i += 2;
                    continue;
                }
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

}  // namespace

std::string plain_text(std::string_view text, bool keep_labels) {
    // Markup first: a '<' the user typed arrives as "&lt;", so every raw '<' is Slack's.
    std::string folded = fold_width(text);
    std::string_view s = folded;
    std::string stripped;
    stripped.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '<') {
            auto close = s.find('>', i + 1);
            auto next_open = s.find('<', i + 1);
            if (close != std::string_view::npos && (next_open == std::string_view::npos || close < next_open)) {
                append_markup(stripped, s.substr(i + 1, close - i - 1), keep_labels);
                i = close;
                continue;
            }
        }
        stripped.push_back(s[i]);
    }
    std::string out;
    out.reserve(stripped.size());
    for (std::size_t i = 0; i < stripped.size(); ++i) {
        std::string_view rest = std::string_view(stripped).substr(i);
        if (rest.starts_with("&lt;")) {
            out.push_back('<');
            i += 3;
        } else if (rest.starts_with("&gt;")) {
            out.push_back('>');
            i += 3;
        } else if (rest.starts_with("&amp;")) {
            out.push_back('&');
            i += 4;
        } else {
            out.push_back(stripped[i]);
        }
    }
    return out;
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

std::string_view trim_punctuation(std::string_view word) {
    constexpr std::string_view leading = "([{\"'";
    constexpr std::string_view trailing = ")]}\"'.,!?;:";
    while (!word.empty() && leading.find(word.front()) != std::string_view::npos) word.remove_prefix(1);
    while (!word.empty() && trailing.find(word.back()) != std::string_view::npos) word.remove_suffix(1);
    return word;
}

}  // namespace paperboy::bot::detail

#include "markup.hpp"

namespace paperboy::bot::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

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

std::string plain_text(std::string_view text) { return fold_width(text); }

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

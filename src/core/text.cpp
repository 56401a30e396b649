#include "paperboy/core/text.hpp"

namespace paperboy::core {

std::string collapse_whitespace(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    const std::size_t n = text.size();
    // Copies whole words at a time: parsers call this on every title and abstract.
    while (i < n) {
        while (i < n && is_space(text[i])) ++i;
        if (i == n) break;
        const std::size_t start = i;
        while (i < n && !is_space(text[i])) ++i;
        if (!out.empty()) out.push_back(' ');
        out.append(text.data() + start, i - start);
    }
    return out;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text.size();
    std::size_t n = max_bytes;
    // Step back over continuation bytes (10xxxxxx) to the start of the cut sequence.
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return n;
}

}  // namespace paperboy::core

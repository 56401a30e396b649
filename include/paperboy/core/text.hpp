#pragma once
// Small UTF-8-aware text helpers shared by parsers and renderers.
#include <string>
#include <string_view>

namespace paperboy::core {

// Trims and folds every run of ASCII white space (space, tab, CR, LF) into one space.
std::string collapse_whitespace(std::string_view text);

// Lower-cases ASCII letters only; other bytes (UTF-8 sequences) are kept as they are.
std::string ascii_lower(std::string_view text);

// Length of the longest prefix of `text` that is at most `max_bytes` long and does not end inside a
// UTF-8 sequence.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes);

}  // namespace paperboy::core

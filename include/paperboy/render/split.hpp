#pragma once
// Splitting long text for chat platforms: never inside a UTF-8 sequence, preferring natural
// boundaries. Limits are in the units of utf8.hpp (UTF-16 code units by default; see there why).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/render/utf8.hpp"

namespace paperboy::render {

// Pieces of `text`, each costing at most `max_length`, that concatenate exactly to `text`
// (nothing is trimmed or added). A cut goes, in order of preference, after a line break, after
// a sentence end (". ", "! ", "? ", "。", "！", "？"), after white space, else between code points
// (not before a combining mark, variation selector or joiner when that can be avoided). A
// preferred boundary is only used when it keeps the piece at least half full, so pieces never
// degenerate into fragments. A single code point costing more than `max_length` gets a piece of
// its own (it cannot be split). Invalid bytes are kept and count as one U+FFFD each.
// Empty text gives no pieces.
std::vector<std::string> split_text(std::string_view text, std::size_t max_length,
                                    char_cost cost = utf16_cost);

// `text` itself when it fits in `max_length`; else its longest natural-boundary prefix (as
// split_text) with trailing white space removed and "…" appended, the whole within `max_length`.
std::string truncate_text(std::string_view text, std::size_t max_length, char_cost cost = utf16_cost);

// The first sentence of `text` (white space collapsed) when it has at least a few words and
// fits `max_length`; else `text` truncated to `max_length`. For one-line previews of a summary.
std::string first_sentence(std::string_view text, std::size_t max_length, char_cost cost = utf16_cost);

}  // namespace paperboy::render

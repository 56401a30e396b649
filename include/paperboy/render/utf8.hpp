#pragma once
// Measuring UTF-8 text the way chat platforms count it.
//
// Unit of every limit in render: Slack and Discord state limits in "characters" without saying
// whether they mean code points or UTF-16 units. We count UTF-16 code units (a code point above
// U+FFFF, such as an emoji, counts 2). That is never less than the code point count, so a text
// within our count is within the limit under either reading; message builders also stay a little
// under each limit. Bytes are never the unit: they would cut Japanese text to a third of what fits.
#include <cstddef>
#include <string>
#include <string_view>

namespace paperboy::render {

// What one code point costs against a limit. Escaping renderers pass a cost that includes the
// escape ('&' costs 5 as "&amp;"), so the limit holds for the escaped text.
using char_cost = std::size_t (*)(char32_t);

// 2 for code points above U+FFFF, else 1.
std::size_t utf16_cost(char32_t c) noexcept;

// One decoded code point and its length in bytes. An invalid or truncated sequence decodes as
// U+FFFD with length 1, so callers always make progress and never cut inside a valid sequence.
struct decoded {
    char32_t code_point;
    std::size_t length;
};
decoded decode_utf8(std::string_view text, std::size_t pos) noexcept;

// Sum of `cost` over the code points of `text`.
std::size_t text_length(std::string_view text, char_cost cost = utf16_cost) noexcept;

// Strict UTF-8: no overlong forms, surrogates or code points above U+10FFFF.
bool is_valid_utf8(std::string_view text) noexcept;

// `text` with every invalid byte replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

}  // namespace paperboy::render

#pragma once
// Chat text clean-up shared by command and reply parsing (private to paperboy_bot).
#include <string>
#include <string_view>
#include <vector>

namespace paperboy::bot::detail {

// Folds look-alike characters, so parsers see plain ASCII where the user typed ASCII-ish text:
// full-width ASCII (U+FF01..U+FF5E, e.g. "３", "＃") becomes ASCII; U+3000 and U+00A0 become a
// space. Chat markup is the adapters' business: they hand the bot plain text.
std::string plain_text(std::string_view text);

// Splits on ASCII white space.
std::vector<std::string_view> split_words(std::string_view text);

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_alnum(char c) { return is_ascii_digit(c) || is_ascii_alpha(c); }

// Trims ASCII punctuation that wraps a word in prose: ( [ { " ' before, and ) ] } " ' . , ! ? ; :
// after.
std::string_view trim_punctuation(std::string_view word);

}  // namespace paperboy::bot::detail

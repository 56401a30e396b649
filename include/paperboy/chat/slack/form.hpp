#pragma once
// application/x-www-form-urlencoded bodies (slash commands, interactivity).
#include <map>
#include <string>
#include <string_view>

namespace paperboy::chat::slack {

// "a=1&b=x+y%21" → {a: "1", b: "x y!"}. '+' is a space, %XX (either case) a byte; a malformed
// escape ("%", "%4", "%zz") is kept literally. A pair without '=' is a key with an empty value;
// empty pairs ("a=1&&b=2") are skipped. For a repeated key the first value wins. Keys are decoded
// the same way. Never throws except bad_alloc.
std::map<std::string, std::string> parse_form(std::string_view body);

// %XX/'+' decoding of one component, as parse_form does it.
std::string form_decode(std::string_view text);

}  // namespace paperboy::chat::slack

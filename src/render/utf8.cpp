#include "paperboy/render/utf8.hpp"

namespace paperboy::render {

std::size_t utf16_cost(char32_t c) noexcept { return c > 0xFFFF ? 2 : 1; }

decoded decode_utf8(std::string_view text, std::size_t pos) noexcept {
    constexpr decoded invalid{U'\uFFFD', 1};
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return {lead, 1};
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, cp = lead & 0x07, min = 0x10000;
    } else {
        return invalid;
    }
    if (pos + length > text.size()) return invalid;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) return invalid;
        cp = (cp << 6) | (byte(pos + i) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return invalid;
    return {cp, length};
}

std::size_t text_length(std::string_view text, char_cost cost) noexcept {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const auto d = decode_utf8(text, pos);
        n += cost(d.code_point);
        pos += d.length;
    }
    return n;
}

bool is_valid_utf8(std::string_view text) noexcept {
    for (std::size_t pos = 0; pos < text.size();) {
        const auto d = decode_utf8(text, pos);
        // A genuine U+FFFD is three bytes long; length 1 means the byte was invalid.
        if (d.code_point == U'\uFFFD' && d.length == 1) return false;
        pos += d.length;
    }
    return true;
}

std::string to_valid_utf8(std::string_view text) {
    if (is_valid_utf8(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t pos = 0; pos < text.size();) {
        const auto d = decode_utf8(text, pos);
        if (d.code_point == U'\uFFFD' && d.length == 1)
            out += "\xEF\xBF\xBD";
        else
            out.append(text.substr(pos, d.length));
        pos += d.length;
    }
    return out;
}

}  // namespace paperboy::render

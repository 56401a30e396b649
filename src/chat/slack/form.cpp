#include "paperboy/chat/slack/form.hpp"

namespace paperboy::chat::slack {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string form_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(c);  // includes a malformed escape, kept as sent
        }
    }
    return out;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
    std::map<std::string, std::string> fields;
    std::size_t start = 0;
    while (start <= body.size()) {
        auto amp = body.find('&', start);
        auto pair = body.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
        if (!pair.empty()) {
            auto eq = pair.find('=');
            auto key = form_decode(pair.substr(0, eq));
            auto value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
            fields.emplace(std::move(key), std::move(value));  // keeps the first value of a repeated key
        }
        if (amp == std::string_view::npos) break;
        start = amp + 1;
    }
    return fields;
}

}  // namespace paperboy::chat::slack

#include "paperboy/net/http.hpp"

#include <cstdio>

namespace paperboy::net {

std::optional<std::string_view> find_header(const headers& h, std::string_view name) {
    auto equal = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            char x = a[i], y = b[i];
            if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
            if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
            if (x != y) return false;
        }
        return true;
    };
    for (const auto& f : h)
        if (equal(f.name, name)) return std::string_view(f.value);
    return std::nullopt;
}

std::string json_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

response response::json(unsigned status, std::string body) {
    return response{status, "application/json", std::move(body), {}};
}

response response::text(unsigned status, std::string body, std::string content_type) {
    return response{status, std::move(content_type), std::move(body), {}};
}

response response::error(unsigned status, std::string_view message) {
    return json(status, "{\"error\":\"" + json_escape(message) + "\"}");
}

}  // namespace paperboy::net

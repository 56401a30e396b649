#include "paperboy/chat/slack/markup.hpp"

namespace paperboy::chat::slack {
namespace {

// Appends `inner` (the text between '<' and '>') the way plain_text() documents.
void append_markup(std::string& out, std::string_view inner, bool keep_labels) {
    if (inner.empty() || inner.front() == '@' || inner.front() == '#' || inner.front() == '!') {
        out.push_back(' ');
        return;
    }
    auto bar = inner.find('|');
    out.push_back(' ');
    out.append(inner.substr(0, bar));
    if (keep_labels && bar != std::string_view::npos) {
        out.push_back(' ');
        out.append(inner.substr(bar + 1));
    }
    out.push_back(' ');
}

}  // namespace

std::string plain_text(std::string_view s, bool keep_labels) {
    std::string stripped;
    stripped.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '<') {
            auto close = s.find('>', i + 1);
            auto next_open = s.find('<', i + 1);
            if (close != std::string_view::npos && (next_open == std::string_view::npos || close < next_open)) {
                append_markup(stripped, s.substr(i + 1, close - i - 1), keep_labels);
                i = close;
                continue;
            }
        }
        stripped.push_back(s[i]);
    }
    std::string out;
    out.reserve(stripped.size());
    for (std::size_t i = 0; i < stripped.size(); ++i) {
        std::string_view rest = std::string_view(stripped).substr(i);
        if (rest.starts_with("&lt;")) {
            out.push_back('<');
            i += 3;
        } else if (rest.starts_with("&gt;")) {
            out.push_back('>');
            i += 3;
        } else if (rest.starts_with("&amp;")) {
            out.push_back('&');
            i += 4;
        } else {
            out.push_back(stripped[i]);
        }
    }
    return out;
}

}  // namespace paperboy::chat::slack

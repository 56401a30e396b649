#include "slack_blocks.hpp"

#include <charconv>

#include "paperboy/core/time.hpp"
#include "paperboy/render/split.hpp"

namespace paperboy::render {

std::string mrkdwn_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string format_button_value(const summary_button& b) {
    return core::format_ymd(b.date) + "|" + b.profile + "|" + std::to_string(b.number) + "|" + b.arxiv_id;
}

std::optional<summary_button> parse_button_value(std::string_view value) {
    const auto first = value.find('|');
    const auto last = value.rfind('|');
    if (first == std::string_view::npos || first == last) return std::nullopt;
    const auto number_bar = value.rfind('|', last - 1);
    if (number_bar == first) return std::nullopt;  // only two bars: no profile field
    const auto date = core::parse_ymd(value.substr(0, first));
    const std::string_view number = value.substr(number_bar + 1, last - number_bar - 1);
    int n = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (!date || ec != std::errc{} || end != number.data() + number.size() || n <= 0) return std::nullopt;
    return summary_button{*date, std::string(value.substr(first + 1, number_bar - first - 1)), n,
                          std::string(value.substr(last + 1))};
}

namespace detail {

std::size_t mrkdwn_cost(char32_t c) {
    if (c == U'&') return 5;
    if (c == U'<' || c == U'>') return 4;
    return utf16_cost(c);
}

std::string mrkdwn_fit(std::string_view raw, std::size_t max_length) {
    return mrkdwn_escape(truncate_text(raw, max_length, mrkdwn_cost));
}

std::string mrkdwn_link(const std::string& url, const std::string& escaped_label) {
    constexpr std::size_t max_url = 1000;  // Slack allows 3000 in buttons; keeps sections bounded
    if (url.empty() || url.size() > max_url) return escaped_label;
    std::string target;
    for (char c : url) {
        if (c == '|') target += "%7C";  // the first '|' ends the URL
        else target += c;
    }
    return "<" + mrkdwn_escape(target) + "|" + escaped_label + ">";
}

namespace {
slack_block text_block(const char* type, std::string_view text_type, std::string text) {
    slack_block b;
    b.text_length = text_length(text);
    b.json = {{"type", type}, {"text", {{"type", text_type}, {"text", std::move(text)}}}};
    return b;
}
}  // namespace

slack_block header_block(std::string_view plain_text) {
    slack_block b = text_block("header", "plain_text", truncate_text(plain_text, slack_max_header_text));
    b.json["text"]["emoji"] = true;
    return b;
}

slack_block section_block(std::string mrkdwn) { return text_block("section", "mrkdwn", std::move(mrkdwn)); }

slack_block context_block(std::string mrkdwn) {
    slack_block b;
    b.text_length = text_length(mrkdwn);
    b.json = {{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", std::move(mrkdwn)}}}}};
    return b;
}

std::vector<slack_block> text_sections(std::string_view heading, std::string_view raw) {
    const std::string head = "*" + mrkdwn_escape(heading) + "*\n";
    std::vector<slack_block> blocks;
    for (const auto& piece : split_text(raw, slack_max_section_text - text_length(head), mrkdwn_cost)) {
        // Slack rejects an empty section; a piece of nothing but white space carries nothing.
        if (piece.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        blocks.push_back(section_block((blocks.empty() ? head : std::string()) + mrkdwn_escape(piece)));
    }
    return blocks;
}

std::vector<slack_message> pack_messages(const std::vector<slack_block>& blocks, const std::string& title) {
    std::vector<std::vector<const slack_block*>> groups;
    std::size_t text = 0;
    for (const auto& b : blocks) {
        if (groups.empty() || groups.back().size() >= slack_max_blocks || text + b.text_length > slack_max_block_text) {
            groups.emplace_back();
            text = 0;
        }
        groups.back().push_back(&b);
        text += b.text_length;
    }
    std::vector<slack_message> messages;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        std::string fallback = title;
        if (groups.size() > 1) fallback += " (" + std::to_string(i + 1) + "/" + std::to_string(groups.size()) + ")";
        nlohmann::ordered_json array = nlohmann::ordered_json::array();
        for (const slack_block* b : groups[i]) {
            if (!b->fallback.empty()) fallback += "\n" + b->fallback;
            array.push_back(b->json);
        }
        messages.push_back({mrkdwn_fit(fallback, slack_max_fallback_text),
                            array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
    }
    return messages;
}

}  // namespace detail
}  // namespace paperboy::render

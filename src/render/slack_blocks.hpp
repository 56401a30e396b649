#pragma once
// Block builders and the message packer shared by the Slack renderers.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "paperboy/render/slack.hpp"

namespace paperboy::render::detail {

struct slack_block {
    nlohmann::ordered_json json;
    std::size_t text_length = 0;  // characters of text it adds to the message
    std::string fallback;         // its line in the notification text, mrkdwn; may be empty
};

// What one raw character costs once mrkdwn-escaped, in UTF-16 units.
std::size_t mrkdwn_cost(char32_t c);

// `raw` escaped and cut (with "…") so the escaped text costs at most `max_length`.
std::string mrkdwn_fit(std::string_view raw, std::size_t max_length);

// "<url|label>" with the label already escaped; just the label when the URL is unusable.
std::string mrkdwn_link(const std::string& url, const std::string& escaped_label);

slack_block header_block(std::string_view plain_text);
slack_block section_block(std::string mrkdwn);
slack_block context_block(std::string mrkdwn);

// Sections for a long text: the first starts with the escaped `heading`, every one within
// slack_max_section_text; cut at sentence boundaries.
std::vector<slack_block> text_sections(std::string_view heading, std::string_view raw);

// Fills messages in order with whole blocks under the block and text limits. Each message's
// text is `title` (with " (i/n)" when there are several) and the fallback lines of its blocks.
std::vector<slack_message> pack_messages(const std::vector<slack_block>& blocks, const std::string& title);

}  // namespace paperboy::render::detail

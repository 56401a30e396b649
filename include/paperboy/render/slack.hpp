#pragma once
// The digest as Slack messages (chat.postMessage / response_url bodies): Block Kit JSON plus the
// notification text. Limits (external-apis.md f.5, f.6) are kept here, where messages are built,
// in the units of utf8.hpp and a little under Slack's numbers: every message has at most
// slack_max_blocks blocks and slack_max_block_text characters of block text, every section at
// most slack_max_section_text, the header at most slack_max_header_text. Long digests become
// several messages, cut at paper boundaries; long texts become several sections, cut at sentence
// boundaries (split.hpp). Text from papers and summaries is mrkdwn-escaped.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/core/digest.hpp"

namespace paperboy::render {

inline constexpr std::size_t slack_max_blocks = 50;
inline constexpr std::size_t slack_max_block_text = 11000;  // Slack fails near 12-13k (msg_blocks_too_long)
inline constexpr std::size_t slack_max_section_text = 2900;  // of 3000
inline constexpr std::size_t slack_max_header_text = 150;
inline constexpr std::size_t slack_max_fallback_text = 3900;  // of ~4000

// full: the channel message carries a short line per paper and slack_thread() the full texts;
// compact: the same channel message, full texts only on request (the Summary button).
enum class slack_layout { full, compact };

struct slack_message {
    std::string text;         // notification fallback, mrkdwn
    std::string blocks_json;  // the JSON array for "blocks"
};

// The channel message(s): a header, a section per paper (number, linked title, authors,
// published/source/arXiv, the summary's first sentence, its note) with a Summary button, and a
// context footer in the last message.
std::vector<slack_message> slack_digest(const core::digest& d, slack_layout layout);

// One paper in full for a thread reply: title, authors, links, note, the whole summary and the
// original abstract, labelled in `language`.
std::vector<slack_message> slack_entry(const core::digest_entry& e, const std::string& language);

// Layout full: every entry's slack_entry, in order. No messages for an empty digest.
std::vector<slack_message> slack_thread(const core::digest& d);

// & → &amp;, < → &lt;, > → &gt;; nothing else.
std::string mrkdwn_escape(std::string_view text);

// The Summary button on each paper: action_id summary_action_id and value
// "<YYYY-MM-DD>|<profile>|<number>|<arxiv_id>". A profile may contain '|' (the value is read from
// both ends); a button whose value would exceed Slack's 2000 characters is left out.
inline constexpr std::string_view summary_action_id = "paper_summary";
struct summary_button {
    std::chrono::sys_days date;
    std::string profile;
    int number = 0;
    std::string arxiv_id;
    bool operator==(const summary_button&) const = default;
};
std::string format_button_value(const summary_button& b);
std::optional<summary_button> parse_button_value(std::string_view value);

}  // namespace paperboy::render

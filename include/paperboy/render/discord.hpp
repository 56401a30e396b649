#pragma once
// The digest as Discord messages: each string is a complete JSON body for
// POST /channels/{id}/messages (or a webhook / interaction follow-up):
//   {"content": "...", "embeds": [...], "allowed_mentions": {"parse": []}}
// Mentions are never parsed, so LLM output cannot ping anyone. Limits (external-apis.md g.3) are
// kept here, in the units of utf8.hpp and a little under Discord's numbers: content ≤
// discord_max_content, ≤ discord_max_embeds embeds and ≤ discord_max_embed_total characters of
// embed text per message (title + description + field names and values + footer), title ≤
// discord_max_title, description ≤ discord_max_description, field values ≤ discord_max_field.
// Long digests become several messages, cut at paper boundaries; long texts several embeds, cut
// at sentence boundaries. Descriptions and field values are Markdown-escaped.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "paperboy/core/digest.hpp"

namespace paperboy::render {

inline constexpr std::size_t discord_max_content = 1900;       // of 2000
inline constexpr std::size_t discord_max_embeds = 10;
inline constexpr std::size_t discord_max_embed_total = 5900;   // of 6000
inline constexpr std::size_t discord_max_title = 250;          // of 256
inline constexpr std::size_t discord_max_description = 4000;   // of 4096
inline constexpr std::size_t discord_max_field = 1000;         // of 1024

// The channel message(s): the title as content, one embed per paper (numbered title linked to
// arXiv, the summary — cut to discord_digest_summary, the full text is in discord_entry — with
// its note, fields Authors / Published / Source / arXiv), the footer on the last embed.
inline constexpr std::size_t discord_digest_summary = 1000;
std::vector<std::string> discord_digest(const core::digest& d);

// One paper in full for a thread reply: the whole summary, note, links and original abstract,
// over as many embeds and messages as the limits need.
std::vector<std::string> discord_entry(const core::digest_entry& e, const std::string& language);

// Backslash before \ * _ ~ ` | [ ] < > # so paper text shows as written.
std::string discord_escape(std::string_view text);

}  // namespace paperboy::render

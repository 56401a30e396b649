#pragma once
// The help and usage messages for `/papers` (CONTRACT.md "Chat commands"), in English and Japanese.
// Plain text with `code` spans and "•" bullets, which Slack mrkdwn and Discord Markdown both show.
// The fixed text contains no '&', '<' or '>', so an adapter may escape the whole string for its
// markup (Slack: render::mrkdwn_escape) without breaking it.
#include <string>
#include <string_view>

namespace paperboy::bot {

// "ja", "ja-JP", "ja_JP": the bot's answers are written in Japanese; anything else → English.
bool is_japanese(const std::string& language);

// language "ja" (or "ja-JP", ...) → Japanese; anything else → English.
std::string help_text(const std::string& language);

// "I did not understand: <problem>" followed by help_text(language). An empty problem gives a
// generic first line.
std::string usage_text(const std::string& language, std::string_view problem);

}  // namespace paperboy::bot

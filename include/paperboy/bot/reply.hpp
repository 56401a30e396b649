#pragma once
// Which paper a reply in a digest's thread names (CONTRACT.md: "its number (3, #3), its arXiv id,
// or its title words"). Pure, platform-neutral: the message is plain text (adapters remove their
// platform's markup first, keeping link labels: chat::slack::plain_text(text, true)).
#include <optional>
#include <string>
#include <string_view>

#include "paperboy/core/digest.hpp"

namespace paperboy::bot {

// The `number` of the entry of `d` the message names, or nothing. Tried in this order:
//  1. arXiv ids and arxiv.org URLs (with or without version): the entry with that id. If the
//     message names an id that is not in the digest, or ids of two different entries → nothing
//     (see mentioned_arxiv_id for the former).
//  2. Numbers: "3", "#3", "no. 3", "number 3", "paper 3", "summarize #2", "3番", "3番目", "第3",
//     "３" (full-width digits); a bare number counts only after such a keyword or in a message of
//     at most 3 words ("3", "3 please"), so "I read 3 of these" names nothing. Numbers glued to
//     other text ("GPT-4", "7B", "3.5", "10:30", "v2") are not paper numbers. Two different
//     numbers ("#2 or #3"), or a number that is not an entry's ("10" in a 5-paper digest) →
//     nothing.
//  3. Title words: the message's significant words (ASCII words, case-folded, a trailing plural
//     "s" dropped, stop words and words every LLM paper uses such as "language" or "models"
//     ignored) matched against each title's; the entry with the most matches wins if it has at
//     least 2 (or all of a title's significant words, for one-word titles) and no other entry has
//     as many.
std::optional<int> resolve_reply(std::string_view message_text, const core::digest& d);

// The first arXiv id (version-less) the message mentions, as a bare id, "arXiv:" id or arxiv.org
// URL, whether or not it is in a digest. Callers use it after resolve_reply found nothing, to
// fetch that paper.
std::optional<std::string> mentioned_arxiv_id(std::string_view message_text);

}  // namespace paperboy::bot

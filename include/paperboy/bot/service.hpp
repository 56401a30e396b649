#pragma once
// The platform-neutral bot: what to answer to a command or a thread reply, whatever the chat
// platform. Adapters (Slack, Discord) turn chat requests into commands, call this, and render and
// post the answer their own way.
//
// Threads: may be called concurrently. Errors: never throws for expected failures; an answer of
// kind text with ephemeral=true explains them to the user.
#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "paperboy/bot/command.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/core/digest.hpp"
#include "paperboy/digest/digest_service.hpp"

namespace paperboy::bot {

struct answer {
    enum class kind { text, digest, entry };
    kind what = kind::text;
    bool ephemeral = true;  // kind text: only the asker sees it
    std::string text;
    core::digest digest;       // kind digest; for kind entry the context (date, profile, language)
    core::digest_entry entry;  // kind entry
};

class service {
public:
    service(digest::digest_service& digests, store::database& db, const config::config& cfg);

    // The language answers are written in when a chat gives no other.
    const std::string& default_language() const;

    // Commands that need no work (help, usage, subscribe, unsubscribe, a date after today) are
    // answered at once; nullopt for those that need the pipeline.
    std::optional<answer> immediate(const command& c, const std::string& language) const;

    // today, yesterday, a date or a paper: the digest or the paper's full entry.
    boost::asio::awaitable<answer> answer_command(command c, std::string language);

    // A reply in the thread of the digest `key` shows: the entry it names by number, id or title
    // words, or a paper it names by id that the digest does not carry (fetched and summarised).
    // nullopt when the reply names no paper (people chat in threads too).
    boost::asio::awaitable<std::optional<answer>> answer_thread_reply(store::digest_key key, std::string text);

    // The entry `number` of the digest `key` (for buttons).
    boost::asio::awaitable<std::optional<answer>> entry_of(store::digest_key key, int number);

    // The stored digest `key`, if any.
    boost::asio::awaitable<std::optional<core::digest>> stored(store::digest_key key);

private:
    digest::digest_service& digests_;
    store::database& db_;
    const config::config& cfg_;
};

}  // namespace paperboy::bot

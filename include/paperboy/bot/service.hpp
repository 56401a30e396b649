#pragma once
// The platform-neutral bot: what to answer to a command or a thread reply in a conversation,
// whatever the chat platform. Each channel has its own settings (profile, language, layout) in the
// store; the configuration gives the defaults. Adapters turn chat requests into commands and
// conversations, call this, and hand the answer to the publisher.
//
// Threads: may be called concurrently. Errors: never throws for expected failures; an answer of
// kind text explains them to the user in a sentence, without upstream details (those are logged).
#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "paperboy/bot/answer.hpp"
#include "paperboy/bot/command.hpp"
#include "paperboy/bot/conversation.hpp"
#include "paperboy/config/config.hpp"
#include "paperboy/core/clock.hpp"
#include "paperboy/digest/digest_service.hpp"

namespace paperboy::bot {

class service {
public:
    service(digest::digest_service& digests, store::database& db, const config::config& cfg, const core::clock& clock);

    // The language answers are written in when nothing else says.
    const std::string& default_language() const;

    // The channel's settings with the defaults filled in; the requester's locale decides the
    // language when the channel has none.
    boost::asio::awaitable<resolved_settings> settings_of(const conversation& where);

    // Commands that need neither the store nor the pipeline (help, usage, a date after today) are
    // answered at once; nullopt for the others.
    std::optional<answer> immediate(const command& c, const std::string& language) const;

    // True when answering `c` may take long (a digest build, an arXiv lookup): adapters acknowledge
    // first and answer in the background. Settings and subscriptions are quick (the store only).
    static bool needs_work(const command& c);

    // Any command in `where`: today, yesterday, a date or a paper in the channel's profile and
    // language; settings shown or changed; the channel's subscription made or removed.
    boost::asio::awaitable<answer> answer_command(command c, conversation where);

    // A reply in the thread of the digest `key` shows: the entry it names by number, id or title
    // words, or a paper it names by id that the digest does not carry (fetched and summarised).
    // nullopt when the reply names no paper (people chat in threads too). `text` is plain text.
    boost::asio::awaitable<std::optional<answer>> answer_thread_reply(store::digest_key key, std::string text);

    // The entry `number` of the digest `key` (for buttons).
    boost::asio::awaitable<std::optional<answer>> entry_of(store::digest_key key, int number);

    // What a person is told when their request failed unexpectedly.
    static std::string failure_text(const std::string& language);

private:
    boost::asio::awaitable<answer> digest_answer(std::chrono::sys_days day, const resolved_settings& s);
    boost::asio::awaitable<answer> settings_answer(const command& c, const conversation& where);
    boost::asio::awaitable<answer> subscription_answer(const command& c, const conversation& where,
                                                       const std::string& language);
    std::chrono::sys_days today() const;

    digest::digest_service& digests_;
    store::database& db_;
    const config::config& cfg_;
    const core::clock& clock_;
};

}  // namespace paperboy::bot

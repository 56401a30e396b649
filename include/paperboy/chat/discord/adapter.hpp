#pragma once
// Discord's side of paperboy: POST /discord/interactions (slash commands and buttons) and the
// messages the Gateway delivers (replies in a digest's thread, mentions of the bot).
//
// Interactions are verified (Ed25519 over timestamp + raw body, 5-minute window) before they are
// parsed; anything unverified gets 401 and changes nothing. Every interaction is answered at once
// (Discord allows 3 s): PING → PONG; help, usage and settings → the answer itself (type 4); a
// digest or a paper → a deferred response (type 5) that the answer replaces through the
// interaction's webhook; a button → a deferred update (type 6) and the paper's summary in the
// thread of the digest message. The work goes through the publisher and the outbox.
// Gateway messages are answered once each: the message id is marked processed with its answer.
//
// Threads: handlers run on connection strands or the Gateway's; background work on the executor.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "paperboy/bot/service.hpp"
#include "paperboy/chat/discord/interactions.hpp"
#include "paperboy/chat/discord/rest.hpp"
#include "paperboy/chat/discord/signature.hpp"
#include "paperboy/chat/publisher.hpp"
#include "paperboy/core/clock.hpp"
#include "paperboy/net/router.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::chat::discord {

class adapter {
public:
    // Without `key` (no DISCORD_PUBLIC_KEY) only Gateway messages are answered.
    adapter(boost::asio::any_io_executor executor, std::optional<verifier> key, const core::clock& clock,
            bot::service& bot, chat::publisher& out, store::database& db, rest_client& rest, metrics::registry& metrics);

    // POST /discord/interactions, when there is a key.
    void add_routes(net::router& routes);
    int jobs_in_flight() const { return jobs_.load(); }

    boost::asio::awaitable<net::response> on_interaction(net::request& req);

    // Gateway dispatches. `bot_user` is the bot's own user id (READY).
    void on_message(nlohmann::json message, std::string bot_user);
    // A thread and the channel it lives in (GUILD_CREATE threads, THREAD_CREATE).
    void remember_thread(const std::string& thread, const std::string& parent);

private:
    boost::asio::awaitable<void> run_command(bot::command cmd, bot::conversation where, std::string key);
    boost::asio::awaitable<void> run_button(summary_button button, std::string message_id, bot::conversation where,
                                            std::string key);
    boost::asio::awaitable<void> run_message(nlohmann::json message, std::string bot_user);
    boost::asio::awaitable<std::string> parent_of(std::string channel);
    template <class Job>
    void spawn(Job job, bot::conversation where, std::string key);

    boost::asio::any_io_executor executor_;
    std::optional<verifier> key_;
    const core::clock& clock_;
    bot::service& bot_;
    chat::publisher& out_;
    store::database& db_;
    rest_client& rest_;
    metrics::registry& metrics_;
    std::atomic<int> jobs_{0};
    std::mutex mutex_;
    std::set<std::string> messages_running_;      // message ids being answered now
    std::map<std::string, std::string> parents_;  // thread id → parent channel id ("" for a channel)
};

}  // namespace paperboy::chat::discord

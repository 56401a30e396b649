#pragma once
// Slack's side of paperboy: POST /slack/commands, /slack/events and /slack/interactivity.
// Every request is verified (HMAC over the raw body, 5-minute window) before it is parsed;
// anything unsigned, forged or stale gets 401 and changes nothing. Each request is acknowledged at
// once; the digest or summary it asks for is built in the background and posted afterwards:
// with SLACK_BOT_TOKEN into the channel (chat.postMessage, the papers' full texts in the digest's
// thread for layout "full"), else through the command's response_url.
//
// Threads: handlers run on connection strands; background work on the given executor.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "paperboy/bot/service.hpp"
#include "paperboy/chat/slack/delivery.hpp"
#include "paperboy/net/router.hpp"
#include "paperboy/render/slack.hpp"

namespace paperboy::chat::slack {

struct adapter_options {
    std::string signing_secret;
    render::slack_layout layout = render::slack_layout::full;
    std::function<std::chrono::system_clock::time_point()> clock = [] { return std::chrono::system_clock::now(); };
};

class adapter {
public:
    adapter(boost::asio::any_io_executor executor, adapter_options options, bot::service& bot, delivery& out,
            store::database& db, metrics::registry& metrics);

    void add_routes(net::router& routes);

    // Background jobs still running (for graceful shutdown and tests).
    int jobs_in_flight() const { return jobs_.load(); }

    // Request handlers (public for the routes; each verifies the signature first).
    boost::asio::awaitable<net::response> on_command(net::request& req);
    boost::asio::awaitable<net::response> on_event(net::request& req);
    boost::asio::awaitable<net::response> on_interactivity(net::request& req);

    // Background work, spawned by the handlers.
    boost::asio::awaitable<void> run_command(bot::command cmd, std::string channel, std::string response_url,
                                             std::string key_prefix);
    boost::asio::awaitable<void> run_thread_reply(std::string channel, std::string thread_ts, std::string text,
                                                  std::string key_prefix, bool mention);
    boost::asio::awaitable<void> run_button(std::string channel, std::string message_ts, std::string value,
                                            std::string response_url, std::string key_prefix);

private:
    std::optional<net::response> reject_unsigned(const net::request& req);
    template <class Job>
    void spawn(Job job);
    boost::asio::awaitable<void> post_answer(const bot::answer& a, std::string channel, std::string thread_ts,
                                             std::string response_url, std::string key_prefix);

    boost::asio::any_io_executor executor_;
    adapter_options options_;
    bot::service& bot_;
    delivery& out_;
    store::database& db_;
    metrics::registry& metrics_;
    std::atomic<int> jobs_{0};
    net::response help_ack_;
};

}  // namespace paperboy::chat::slack

#pragma once
// Slack's side of paperboy over HTTP: POST /slack/commands, /slack/events and /slack/interactivity.
// Every request is verified (HMAC over the raw body, 5-minute window) before it is parsed;
// anything unsigned, forged or stale gets 401 and changes nothing. Each request is turned into a
// bot::conversation and plain text (Slack markup removed) and acknowledged at once; answers that
// need work are made in the background and handed to the publisher, which enqueues them in the
// outbox for the delivery worker. An event is marked processed only together with its answer, so
// a redelivery of an event whose job died is answered; one still being answered is not answered
// twice.
//
// Threads: handlers run on connection strands; background work on the given executor.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <string>

#include "paperboy/bot/service.hpp"
#include "paperboy/chat/publisher.hpp"
#include "paperboy/chat/slack/payloads.hpp"
#include "paperboy/core/clock.hpp"
#include "paperboy/net/router.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::chat::slack {

struct adapter_options {
    std::string signing_secret;
    const core::clock* clock = &core::clock::system();  // for the signature's 5-minute window
};

class adapter {
public:
    adapter(boost::asio::any_io_executor executor, adapter_options options, bot::service& bot, chat::publisher& out,
            store::database& db, metrics::registry& metrics);

    void add_routes(net::router& routes);

    // Background jobs still running (for graceful shutdown and tests).
    int jobs_in_flight() const { return jobs_.load(); }

    // Request handlers (public for the routes; each verifies the signature first).
    boost::asio::awaitable<net::response> on_command(net::request& req);
    boost::asio::awaitable<net::response> on_event(net::request& req);
    boost::asio::awaitable<net::response> on_interactivity(net::request& req);

private:
    boost::asio::awaitable<void> run_command(bot::command cmd, bot::conversation where, std::string key);
    boost::asio::awaitable<void> run_event(event e, bool mention);
    boost::asio::awaitable<void> run_button(block_action action, bot::conversation where, std::string key);
    std::optional<net::response> reject_unsigned(const net::request& req);
    template <class Job>
    void spawn(Job job, std::function<void()> on_failure);
    void tell_failure(const bot::conversation& where, const std::string& key);

    boost::asio::any_io_executor executor_;
    adapter_options options_;
    bot::service& bot_;
    chat::publisher& out_;
    store::database& db_;
    metrics::registry& metrics_;
    std::atomic<int> jobs_{0};
    net::response help_ack_;
    std::mutex events_mutex_;
    std::set<std::string> events_running_;  // event ids being answered now
};

}  // namespace paperboy::chat::slack

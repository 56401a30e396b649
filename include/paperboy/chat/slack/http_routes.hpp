#pragma once
// Slack over HTTP: POST /slack/commands, /slack/events and /slack/interactivity. Every request is
// verified (HMAC over the raw body, 5-minute window) before it is parsed; anything unsigned,
// forged or stale gets 401 and changes nothing. What is left is parsed (form or JSON), handed to
// the dispatcher and acknowledged with what it says.
//
// Threads: handlers run on the server's connection strands.
#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "paperboy/chat/slack/dispatcher.hpp"
#include "paperboy/core/clock.hpp"
#include "paperboy/net/router.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::chat::slack {

class http_routes {
public:
    // `clock` is for the signature's 5-minute window.
    http_routes(std::string signing_secret, const core::clock& clock, dispatcher& handle, metrics::registry& metrics);

    void add_routes(net::router& routes);

    boost::asio::awaitable<net::response> on_command(net::request& req);
    boost::asio::awaitable<net::response> on_event(net::request& req);
    boost::asio::awaitable<net::response> on_interactivity(net::request& req);

private:
    std::optional<net::response> reject_unsigned(const net::request& req);
    void count(const net::request& req, const char* outcome);

    std::string signing_secret_;
    const core::clock& clock_;
    dispatcher& handle_;
    metrics::registry& metrics_;
};

}  // namespace paperboy::chat::slack

#pragma once
// Slack over Socket Mode (external-apis.md i): paperboy connects out, so it needs no public URL.
// Each connection: POST apps.connections.open with the app-level token (SLACK_APP_TOKEN) → a
// one-time wss:// URL (ws:// accepted for loopback fakes) → Beast WebSocket over the http_client's
// TLS and proxy code → `hello` → envelopes, each handed to the dispatcher and acknowledged with its
// envelope_id (a slash command's immediate answer in the ack's payload).
//  - several connections at once (Slack sends each envelope to any one of them), so a reconnect
//    never leaves paperboy unreachable;
//  - `disconnect` (refresh_requested, warning, or a reason we do not know): a new connection is
//    opened first; the old one is closed once the new one said hello and its envelopes are acked;
//  - `link_disabled` (Socket Mode switched off), a rejected token: stop, logged, and reported by
//    problem() (/readyz); `too_many_websockets`: this connection closes and waits longer;
//  - dead connections: no hello within hello_timeout, or no frame (a pong counts) for
//    idle_timeout while we ping → dropped and replaced, with backoff and jitter while it fails.
// Redeliveries of an event (retry_attempt > 0, maybe on another connection) are deduplicated by
// the dispatcher on event_id.
//
// Threads: run() on any executor (its work runs on a strand of it); stop() and the getters from
// any thread.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "paperboy/chat/slack/dispatcher.hpp"
#include "paperboy/chat/slack/socket_frames.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::chat::slack {

struct socket_mode_options {
    std::string api_base;   // PAPERBOY_SLACK_URL
    std::string app_token;  // SLACK_APP_TOKEN (xapp-...)
    int connections = 2;    // slack.socket_connections (1-10)
    std::chrono::milliseconds backoff_base{1000};
    std::chrono::milliseconds backoff_max{60'000};
    std::chrono::milliseconds hello_timeout{10'000};
    std::chrono::milliseconds idle_timeout{30'000};  // pinged after half of it
};

class socket_mode {
public:
    socket_mode(boost::asio::any_io_executor executor, net::http_client& http, dispatcher& handle,
                metrics::registry& metrics, socket_mode_options options);
    ~socket_mode();

    // Keeps `connections` connections open until stop(), link_disabled or a rejected token.
    boost::asio::awaitable<void> run();
    // Envelopes being handled are acknowledged first, then every connection closes.
    void stop();

    // Why Socket Mode is down for good, else empty.
    std::string problem() const;
    int ready() const { return ready_.load(); }    // connections that said hello and are open
    int opened() const { return opened_.load(); }  // connections opened so far
    int envelopes_in_flight() const { return in_flight_.load(); }

private:
    struct link;
    enum class ended { dropped, handed_over, crowded, stopped };

    boost::asio::awaitable<void> keep_connection(std::weak_ptr<link> predecessor);
    boost::asio::awaitable<std::string> open_url();  // "" when it failed (problem set when for good)
    boost::asio::awaitable<ended> serve(std::shared_ptr<link> l, std::weak_ptr<link>& predecessor);
    boost::asio::awaitable<void> handle(std::shared_ptr<link> l, socket_frame f);
    boost::asio::awaitable<std::string> answer(const socket_frame& f);
    boost::asio::awaitable<void> watch_hello(std::shared_ptr<link> l);
    static boost::asio::awaitable<void> close_link(std::shared_ptr<link> l);
    void retire(const std::shared_ptr<link>& l);  // close once idle
    void close_if_idle(const std::shared_ptr<link>& l);
    boost::asio::awaitable<void> pause(std::chrono::milliseconds d);
    std::chrono::milliseconds backoff(int failures) const;
    void start_connection(std::weak_ptr<link> predecessor);
    void fail_for_good(std::string why);
    void shut_down();  // on the strand

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    net::http_client& http_;
    dispatcher& handle_;
    metrics::registry& metrics_;
    socket_mode_options options_;

    // On the strand:
    std::set<std::shared_ptr<link>> links_;
    std::set<boost::asio::steady_timer*> pauses_;
    int keepers_ = 0;  // keep_connection coroutines running
    boost::asio::steady_timer all_done_;
    int next_id_ = 0;

    mutable std::mutex problem_mutex_;
    std::string problem_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> ready_{0}, opened_{0}, in_flight_{0};
};

// True for apps.connections.open errors that retrying cannot fix (a wrong or revoked token).
bool fatal_open_error(const std::string& error);

}  // namespace paperboy::chat::slack

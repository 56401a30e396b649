#pragma once
// The Discord Gateway client (external-apis.md h.1-h.4): how paperboy sees messages in threads.
// GET /gateway/bot → WebSocket (Beast, over the http_client's TLS and proxy code) → Hello →
// heartbeats every heartbeat_interval (the first after a random part of it) → Identify (GUILDS,
// GUILD_MESSAGES, MESSAGE_CONTENT) → READY; the sequence number of every dispatch is kept, so a
// dropped connection is resumed at resume_gateway_url and Discord replays what was missed.
//  - zombie: no Heartbeat ACK between two heartbeats → drop the connection, resume;
//  - op 7 Reconnect, op 9 Invalid Session (true: resume; false: identify anew after 1-5 s);
//  - close 4004 and 4010-4014: stop, logged and reported by problem() (/readyz); 4007/4009: a new
//    session; anything else: resume, with backoff and jitter while it keeps failing;
//  - Identify at most once per identify_interval and within session_start_limit (the daily budget).
// MESSAGE_CREATE goes to the adapter; threads seen (GUILD_CREATE, THREAD_*) tell it their parents.
//
// Threads: run() on one executor (a one-thread io_context); stop() and the getters from any thread.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "paperboy/chat/discord/adapter.hpp"
#include "paperboy/chat/discord/rest.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::net {
class websocket;
}

namespace paperboy::chat::discord {

inline constexpr int intent_guilds = 1 << 0, intent_guild_messages = 1 << 9, intent_message_content = 1 << 15;

struct gateway_options {
    std::string token;  // DISCORD_BOT_TOKEN
    int intents = intent_guilds | intent_guild_messages | intent_message_content;
    std::chrono::milliseconds backoff_base{1000};
    std::chrono::milliseconds backoff_max{60'000};
    std::chrono::milliseconds identify_interval{5000};  // max_concurrency 1: one Identify per 5 s
};

class gateway {
public:
    gateway(boost::asio::any_io_executor executor, net::http_client& http, rest_client& rest, adapter& messages,
            gateway_options options);
    ~gateway();

    // Connects and stays connected until stop() or a close code that says not to reconnect.
    boost::asio::awaitable<void> run();
    void stop();

    // Why the Gateway is down for good (a bad token, a disallowed intent), else empty.
    std::string problem() const;
    bool connected() const { return connected_.load(); }  // READY or RESUMED on the current connection
    int identifies() const { return identifies_.load(); }
    int resumes() const { return resumes_.load(); }

private:
    enum class next { resume, identify, stop };
    struct beat;
    boost::asio::awaitable<next> session(std::string url, bool resume);
    boost::asio::awaitable<bool> fetch_gateway();
    boost::asio::awaitable<void> before_identify();
    void dispatch(const std::string& type, nlohmann::json& data);
    void fail_for_good(std::string why);

    boost::asio::any_io_executor executor_;
    net::http_client& http_;
    rest_client& rest_;
    adapter& messages_;
    gateway_options options_;

    std::string gateway_url_, resume_url_, session_id_, bot_user_;
    long long seq_ = -1;  // -1: none yet
    int identify_budget_ = 1;
    std::chrono::milliseconds budget_reset_{0};
    std::chrono::steady_clock::time_point last_identify_{};
    std::shared_ptr<net::websocket> current_;

    mutable std::mutex problem_mutex_;
    std::string problem_;
    std::atomic<bool> stopping_{false}, connected_{false};
    std::atomic<int> identifies_{0}, resumes_{0};
};

// What a Gateway close code means (h.2): true when reconnecting cannot help.
bool fatal_close(int code);
std::string describe_close(int code);

}  // namespace paperboy::chat::discord

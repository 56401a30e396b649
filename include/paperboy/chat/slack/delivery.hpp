#pragma once
// Everything paperboy posts to Slack goes through here: each post is written to the outbox first,
// then sent, then marked sent with its ts. A post whose idempotency key was already sent is not
// sent again (Slack retries, restarts). chat.postMessage is paced to about one message per second
// per channel, as Slack asks; 429 Retry-After is honoured by the HTTP client.
//
// Threads: may be called concurrently. Errors: result errors carry Slack's error code
// ("not_in_channel", "channel_not_found", "invalid_blocks", ...) or the transport failure.
#include <boost/asio/awaitable.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "paperboy/core/result.hpp"
#include "paperboy/net/client.hpp"
#include "paperboy/net/retry.hpp"
#include "paperboy/store/database.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::chat::slack {

class delivery {
public:
    delivery(net::http_client& http, store::database& db, metrics::registry& metrics, std::string api_base,
             std::optional<std::string> bot_token, std::vector<std::string> response_hosts,
             std::chrono::milliseconds per_channel_interval = std::chrono::milliseconds(1000));

    bool has_bot_token() const { return token_.has_value(); }

    // chat.postMessage into `channel` (a thread reply when thread_ts is set); returns the message ts.
    boost::asio::awaitable<result<std::string>> post(std::string channel, std::string thread_ts, std::string text,
                                                     std::string blocks_json, std::string idempotency_key);

    // A message through a slash command's or button's response_url (only to allowed hosts).
    boost::asio::awaitable<result<bool>> respond(std::string response_url, std::string text, std::string blocks_json,
                                                 bool in_channel, std::string idempotency_key);

    // Sends outbox items left pending by a crash or a failed attempt. Returns how many were sent.
    boost::asio::awaitable<int> redeliver_pending();

private:
    boost::asio::awaitable<result<std::string>> send(store::outbox_item item);
    boost::asio::awaitable<void> pace(const std::string& channel);

    net::http_client& http_;
    store::database& db_;
    metrics::registry& metrics_;
    std::string base_;
    std::optional<std::string> token_;
    std::vector<std::string> response_hosts_;
    std::chrono::milliseconds interval_;
    std::mutex pacing_mutex_;
    std::map<std::string, net::pacer> per_channel_;
};

}  // namespace paperboy::chat::slack

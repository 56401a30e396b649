#pragma once
// Discord's REST API (external-apis.md g): one call = one request on the shared http_client,
// with the bot's Authorization and the User-Agent Discord requires, under the rate limits of
// rate_limits.hpp. Never retries by itself: the outbox (or the caller) does, with its own claim.
//
// Threads: call() may run concurrently from any coroutine.
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "paperboy/chat/discord/rate_limits.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::chat::discord {

struct rest_options {
    std::string api_base;                  // PAPERBOY_DISCORD_URL
    std::optional<std::string> bot_token;  // DISCORD_BOT_TOKEN
    // A bucket that frees within this long is waited for; a longer wait is returned as a 429.
    std::chrono::milliseconds max_wait{5000};
};

struct rest_reply {
    unsigned status = 0;     // 0: not sent (route paused)
    bool sent = true;        // false: refused here, before anything went out (paused, bucket empty)
    nlohmann::json body;     // parsed JSON, null when the body is not JSON
    int code = 0;            // Discord's JSON error code (10003, 50035, 160004, ...)
    std::string message;     // Discord's error message, or why it was not sent
    std::optional<std::chrono::milliseconds> retry_after;  // 429 (or an empty bucket)
    bool ok() const { return status >= 200 && status < 300; }
};

class rest_client {
public:
    rest_client(net::http_client& http, rest_options options);

    bool has_token() const { return options_.bot_token.has_value(); }
    const std::string& api_base() const { return options_.api_base; }

    // `path` starts with "/" ("/channels/123/messages"); `body` is JSON or empty. `with_token`
    // false for interaction webhooks (their token is in the path). Transport failures are errors
    // (net::failure_of tells whether the request may have arrived).
    boost::asio::awaitable<result<rest_reply>> call(std::string method, std::string path, std::string body,
                                                    bool with_token = true);

private:
    net::http_client& http_;
    rest_options options_;
    std::mutex mutex_;
    rate_limits limits_;
};

// Discord's error as one short line: "50035 Invalid Form Body (embeds.0.title: Must be 256 or fewer
// in length.)", or "HTTP 502" when the body says nothing.
std::string describe(const rest_reply& r);

}  // namespace paperboy::chat::discord

#pragma once
// Discord's REST rate limits (external-apis.md g.4) as a pure value: buckets learned from
// X-RateLimit-Bucket / -Remaining / -Reset-After per route and major parameter (the channel, the
// webhook), 429 with `retry_after` (fractional seconds) for one bucket or, when `global`, for
// everything; and a guard against invalid-request storms (401/403 count against 10,000 per 10
// minutes per IP): a route refused `storm_limit` times in a row is paused instead of hammered.
// No clock of its own: callers pass steady times, so tests use made-up ones.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "paperboy/net/http.hpp"

namespace paperboy::chat::discord {

// "POST /channels/123/messages/456/threads" → the route ("POST /channels/123/messages/:id/threads",
// the major parameter kept, other snowflakes and tokens replaced) that buckets are keyed by.
std::string route_of(std::string_view method, std::string_view path);

class rate_limits {
public:
    using time_point = std::chrono::steady_clock::time_point;
    static constexpr int storm_limit = 10;
    static constexpr std::chrono::minutes storm_pause{10};

    // How long a request on `route` must wait before it may go (zero: now).
    std::chrono::milliseconds wait(const std::string& route, time_point now) const;
    // Whether the route is paused after a storm of 401/403 answers.
    bool paused(const std::string& route, time_point now) const;

    // Learns from an answer. For a 429, returns how long to wait (the body's retry_after, else the
    // Retry-After header, else one second).
    std::optional<std::chrono::milliseconds> update(const std::string& route, unsigned status,
                                                    const net::headers& headers, std::string_view body,
                                                    time_point now);

private:
    struct bucket_state {
        int remaining = 1;
        time_point reset_at{};
    };
    std::string state_key(const std::string& route) const;

    std::map<std::string, std::string> bucket_of_;  // route template → Discord's bucket id
    std::map<std::string, bucket_state> buckets_;   // bucket id + major parameter (or route) → state
    std::map<std::string, std::pair<int, time_point>> refused_;  // route → (401/403 in a row, paused until)
    time_point global_until_{};
};

}  // namespace paperboy::chat::discord

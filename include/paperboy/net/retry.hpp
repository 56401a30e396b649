#pragma once
// Outbound retry and pacing rules as pure values (no sockets, no clocks of their own), so they are
// unit-tested with made-up times. http_client applies them.
#include <chrono>
#include <optional>
#include <string_view>

namespace paperboy::net {

// What went wrong with one attempt.
enum class failure_class {
    none,          // 2xx/3xx
    network,       // refused, reset, DNS, closed early: retried
    timeout,       // deadline passed: retried
    tls,           // certificate or handshake failure: never retried (it will not fix itself)
    too_large,     // response over the size cap: never retried
    rate_limited,  // 429: retried after Retry-After or backoff
    server,        // 5xx (incl. Anthropic's 529): retried
    client,        // other 4xx: never retried
    cancelled,     // the caller gave up (cancellation): never retried
};

failure_class classify_status(unsigned status);
bool is_retryable(failure_class f);
const char* to_string(failure_class f);

// Retry-After as delta-seconds (fractional allowed, as Discord sends) or an HTTP-date.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

struct retry_policy {
    int max_retries = 3;
    std::chrono::milliseconds base{500};
    std::chrono::milliseconds cap{30'000};
    std::chrono::milliseconds retry_after_max{120'000};

    // Delay before retry number `retry` (1-based) after failure `f`, or nothing when we must not retry:
    // not retryable, retries used up, or the server asks to wait longer than retry_after_max.
    // Backoff is "full jitter": uniform in [0, min(cap, base * 2^(retry-1))]; `random01` in [0, 1).
    // A Retry-After wins over the backoff.
    std::optional<std::chrono::milliseconds> delay(int retry, failure_class f,
                                                   std::optional<std::chrono::milliseconds> retry_after,
                                                   double random01) const;
};

// Start-to-start spacing of requests to one host ("one request every three seconds").
class pacer {
public:
    using time_point = std::chrono::steady_clock::time_point;
    explicit pacer(std::chrono::milliseconds interval) : interval_(interval) {}
    // Reserves the next slot for a request that wants to start at `now`; returns when it may start.
    time_point reserve(time_point now);

private:
    std::chrono::milliseconds interval_;
    std::optional<time_point> next_;
};

}  // namespace paperboy::net

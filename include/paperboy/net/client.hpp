#pragma once
// The one outbound HTTP client every integration uses. HTTPS is verified (system trust store plus
// an optional extra CA file; host name and SNI), plain http is allowed for loopback fakes and local
// models. Per upstream: connection reuse, a deadline per attempt, a response size cap, pacing
// (minimum interval between request starts, maximum concurrent connections), retries with capped
// exponential backoff and jitter for network errors, timeouts, 429 and 5xx, honouring Retry-After.
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (CONNECT tunnels for https).
//
// Threads: send() may be called from any number of coroutines at once on any executor.
// Errors: HTTP statuses are responses (the caller decides); transport failures are result errors
// whose code is a transport_failure (failure_of()).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <map>

#include "paperboy/net/settings.hpp"
#include "paperboy/core/result.hpp"
#include "paperboy/net/http.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::net {

namespace detail {
struct connection;
}

struct client_request {
    std::string method = "GET";
    std::string url;  // absolute http:// or https:// URL
    net::headers headers;
    std::string body;
    std::string upstream;  // config name ("arxiv", "slack", ...): pacing, limits, metrics label
    std::optional<int> max_retries;  // overrides the upstream's
    // false for calls that must not be repeated once the server may have acted on them (posting a
    // chat message): then only failures that prove the request was not processed are retried
    // (429, 503, and anything before the request was sent), never a timeout or a lost response.
    bool idempotent = true;
};

struct client_response {
    unsigned status = 0;
    net::headers headers;
    std::string body;
    int attempts = 1;
    std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
};

// What went wrong when no HTTP response arrived: the `code` of send()'s error. What matters to a
// caller that must not act twice is whether the request may have reached the server.
enum class transport_failure : int {
    unspecified = 0,
    invalid_request,      // bad URL or method: nothing was sent
    connect,              // DNS, refused, proxy or connect timeout: nothing was sent
    tls,                  // handshake or certificate: nothing was sent
    reset_before_send,    // the connection failed while writing the request
    timeout_before_send,  // the deadline passed while writing the request
    reset_after_send,     // the request was written, then the connection failed: it may have arrived
    timeout_after_send,   // the request was written, no answer in time: it may have arrived
    too_large,            // the response exceeded the size cap (the request did arrive)
    cancelled,             // given up (shutdown) before the request was written
    cancelled_after_send,  // given up after the request was written: it may have arrived
};

transport_failure failure_of(const error& e);
const char* to_string(transport_failure f);
// True when the server may have received (and acted on) the request.
bool may_have_arrived(transport_failure f);

struct proxy_settings {
    std::string http_proxy;   // http://[user:pass@]host:port
    std::string https_proxy;  // proxy for https:// targets (CONNECT)
    std::string no_proxy;     // "localhost,.example.com,10.0.0.1" or "*"

    static proxy_settings from_environment(const environment& env);
    // The proxy URL to use for `host`, or empty for a direct connection.
    std::string proxy_for(std::string_view scheme, std::string_view host) const;
};

class http_client {
public:
    // `upstreams`: per-upstream limits by name ("arxiv", "slack", ...); others get the defaults.
    http_client(boost::asio::any_io_executor executor, http_client_config settings,
                std::map<std::string, upstream_config> upstreams, metrics::registry& metrics, proxy_settings proxy = {});
    ~http_client();
    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;

    boost::asio::awaitable<result<client_response>> send(client_request req);

    // A connection to `url`'s host, through the proxy and with TLS for https:// as for requests,
    // for a protocol that takes the connection over (WebSocket: net/websocket.hpp). The deadline is
    // the upstream's timeout.
    boost::asio::awaitable<result<std::shared_ptr<detail::connection>>> open(std::string url, std::string upstream);

    // Shutdown: every send in flight ends soon with transport_failure::cancelled (no retry), and so
    // does every later one.
    void cancel_all();

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace paperboy::net

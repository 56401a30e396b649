#pragma once
// Internal to http_client: one pooled connection and one request/response exchange over it.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <optional>
#include <string>

#include "paperboy/net/client.hpp"
#include "paperboy/net/retry.hpp"

namespace paperboy::net::detail {

struct target {
    std::string scheme;  // http | https
    std::string host;    // without brackets for IPv6
    std::string port;
    std::string path_query;  // origin-form ("/api/query?x=1")
    bool tls() const { return scheme == "https"; }
    std::string authority() const;
};

// Parses an absolute http(s) URL; error message says why it was refused.
result<target> parse_target(std::string_view url);

// All I/O of a connection runs on its strand; the pool hands it to one request at a time.
struct connection {
    explicit connection(boost::asio::any_io_executor ex) : strand(boost::asio::make_strand(ex)) {}
    boost::asio::strand<boost::asio::any_io_executor> strand;
    std::optional<boost::beast::tcp_stream> plain;
    std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls;
    boost::beast::flat_buffer buffer;
    std::chrono::steady_clock::time_point idle_since;
    bool established() const { return plain.has_value() || tls.has_value(); }
    boost::beast::tcp_stream& tcp() { return tls ? boost::beast::get_lowest_layer(*tls) : *plain; }
};

struct exchange_request {
    target to;
    std::string proxy;  // proxy URL or empty
    client_request req;
    std::string user_agent;
    std::size_t max_response_bytes = 0;
    std::chrono::steady_clock::time_point deadline;
};

struct exchange_outcome {
    failure_class failure = failure_class::none;
    std::string error;                        // set when failure is a transport failure
    std::optional<client_response> response;  // set when an HTTP response arrived
    bool reusable = false;                    // connection may go back to the pool
    bool nothing_received = false;            // failed before any response byte (stale keep-alive)
    bool request_sent = false;                // the request left completely: the server may have acted
    bool connected = false;                   // the connection (and TLS) was up before the request
};

// Opens the TCP connection (to the proxy when there is one) and, for https, the CONNECT tunnel and
// TLS; nullopt when it is up, else the failure. Must run on c.strand.
boost::asio::awaitable<std::optional<exchange_outcome>> establish(connection& c, boost::asio::ssl::context& tls_ctx,
                                                                  const exchange_request& x);

// Connects (through the proxy and TLS when needed) if `c` is new, then sends one request and reads
// the response. Must run on c->strand.
boost::asio::awaitable<exchange_outcome> exchange(std::shared_ptr<connection> c, boost::asio::ssl::context& tls_ctx,
                                                  exchange_request x);

}  // namespace paperboy::net::detail

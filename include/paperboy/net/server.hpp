#pragma once
// The HTTP/1.1 server: Beast with C++20 coroutines, one strand per connection, keep-alive, limits
// (header size → 431, body size → 413, slow requests → closed, too many connections → 503) and a
// staged graceful shutdown. Handlers come from a router and run on the connection's strand.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>

#include "paperboy/config/config.hpp"
#include "paperboy/net/router.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::net {

class http_server {
public:
    // `executor` is the io_context's; connections get strands of it. `metrics` must outlive the server.
    http_server(boost::asio::any_io_executor executor, config::server_config cfg, router routes,
                metrics::registry& metrics);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    // Binds, listens and starts accepting. Throws boost::system::system_error when the address is taken.
    void start();
    // The bound port (useful with port 0 in tests).
    unsigned short port() const;
    // Number of open connections.
    std::size_t connections() const;

    // Staged shutdown: stop accepting, close idle keep-alive connections, let in-flight requests finish
    // within cfg.shutdown_grace, then close what is left. Completes when every connection has ended.
    boost::asio::awaitable<void> shutdown();

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace paperboy::net

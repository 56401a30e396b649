#pragma once
// The HTTP/1.1 server: Beast with C++20 coroutines on cfg.io_threads worker threads, each with its
// own io_context (a connection stays on one worker: no strands, no cross-thread wake-ups),
// keep-alive, limits (header size → 431, body size → 413, slow requests → closed, too many
// connections → 503) and a staged graceful shutdown. Handlers come from a router and run on their
// connection's worker thread; they must not block it.
#include <boost/asio/awaitable.hpp>

#include <memory>

#include "paperboy/net/settings.hpp"
#include "paperboy/net/router.hpp"

namespace paperboy::metrics {
class registry;
}

namespace paperboy::net {

class http_server {
public:
    // `metrics` must outlive the server. The worker threads start with start() and end with the
    // server (or when shutdown() has finished).
    http_server(server_config cfg, router routes, metrics::registry& metrics);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    // Binds, listens, starts the worker threads and accepts. Throws boost::system::system_error when
    // the address is taken.
    void start();
    // The bound port (useful with port 0 in tests).
    unsigned short port() const;
    // Number of open connections.
    std::size_t connections() const;

    // Staged shutdown: stop accepting, close idle keep-alive connections, let in-flight requests finish
    // within cfg.shutdown_grace, then close what is left. Completes when every connection has ended.
    // Runs on the caller's executor (not a worker's).
    boost::asio::awaitable<void> shutdown();

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace paperboy::net

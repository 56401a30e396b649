#pragma once
// A WebSocket client connection (Beast) over the http_client's connect, proxy and TLS code: one
// text message in, one out, a close with a code. ws:// is accepted like http:// (loopback fakes).
//
// Threads: one read() and one write() may be outstanding at once, from coroutines on one thread.
// Errors: read() fails when the connection ends; the error's `code` is the peer's close code when
// it sent one (1000, 4004, ...), else 0.
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "paperboy/core/result.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::net {

class websocket {
public:
    // Connects to `url` (ws:// or wss://) and completes the handshake.
    static boost::asio::awaitable<result<std::unique_ptr<websocket>>> connect(http_client& http, std::string url,
                                                                              std::string upstream);
    ~websocket();

    boost::asio::awaitable<result<std::string>> read();
    // nullopt on success.
    boost::asio::awaitable<std::optional<error>> write(std::string text);
    // Sends a close frame with `code` and waits (briefly) for the peer's.
    boost::asio::awaitable<void> close(std::uint16_t code);
    // Pings the peer after idle/2 without a frame from it and fails the read (a dead connection)
    // when nothing, not even a pong, came for `idle`. Call before the first read.
    void keep_alive(std::chrono::milliseconds idle);
    // Drops the connection at once (no close frame): a read or write in flight fails.
    void abort();

private:
    struct impl;
    explicit websocket(std::unique_ptr<impl> i);
    std::unique_ptr<impl> impl_;
};

}  // namespace paperboy::net

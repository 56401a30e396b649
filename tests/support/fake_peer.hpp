#pragma once
// A scripted HTTP(S) peer on 127.0.0.1:0 that stands in for an external service in tests. It runs
// its own io_context thread, records every request, and answers from a handler or a FIFO script:
// any status, headers and body, after a delay, or by dropping the connection.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "paperboy/net/http.hpp"

namespace paperboy::test {

struct recorded_request {
    std::string method;
    std::string target;
    net::headers headers;
    std::string body;
    int connection = 0;  // which accepted connection carried it (keep-alive checks)
    std::chrono::steady_clock::time_point arrived;
    std::optional<std::string_view> header(std::string_view name) const { return net::find_header(headers, name); }
};

struct scripted_reply {
    unsigned status = 200;
    std::string body;
    std::string content_type = "application/json";
    net::headers headers;
    std::chrono::milliseconds delay{0};
    bool drop = false;  // close the connection without answering
};

class fake_peer {
public:
    struct tls_identity {
        std::string cert_pem;
        std::string key_pem;
    };
    explicit fake_peer(std::optional<tls_identity> tls = std::nullopt);
    ~fake_peer();
    fake_peer(const fake_peer&) = delete;
    fake_peer& operator=(const fake_peer&) = delete;

    unsigned short port() const;
    std::string base_url() const;  // "http://127.0.0.1:PORT" (https:// with TLS)

    // Replies used in order for the next requests; when the script is empty the handler answers.
    void push(scripted_reply reply);
    void set_handler(std::function<scripted_reply(const recorded_request&)> handler);

    std::vector<recorded_request> requests() const;
    std::size_t request_count() const;
    int connections_accepted() const;
    int max_concurrent_requests() const;

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

// Reads a file (fixtures) whole; throws when it is missing.
std::string read_file(const std::string& path);

}  // namespace paperboy::test

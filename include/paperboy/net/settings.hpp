#pragma once
// The network settings the HTTP server and client take (config::config carries them, documented in
// config/README.md): plain values, so the net libraries need nothing of the configuration loader.
#include <chrono>
#include <cstddef>
#include <map>
#include <string>

namespace paperboy::net {

struct server_config {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    int io_threads = 2;
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::milliseconds request_timeout{10'000};     // whole request must arrive within this
    std::chrono::milliseconds keep_alive_timeout{60'000};  // idle keep-alive connection is closed after
    int max_connections = 1024;
    std::chrono::milliseconds shutdown_grace{10'000};
};

struct upstream_config {
    std::string base_url;
    std::chrono::milliseconds timeout{30'000};
    std::chrono::milliseconds min_interval{0};  // pacing between request starts to this host
    int max_connections = 4;
    int max_retries = 3;
};

struct http_client_config {
    std::string user_agent;  // empty: "paperboy/<version> (LLM paper digests for team chat)"
    std::size_t max_response_bytes = 64 * 1024 * 1024;
    std::string ca_file;  // extra trust anchors (PEM) besides the system store
    std::chrono::milliseconds backoff_base{500};
    std::chrono::milliseconds backoff_max{30'000};
    std::chrono::milliseconds retry_after_max{120'000};
};

// Environment variables by name (proxy settings are read from them).
using environment = std::map<std::string, std::string>;

}  // namespace paperboy::net

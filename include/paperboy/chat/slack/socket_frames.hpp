#pragma once
// What travels over a Slack Socket Mode connection (external-apis.md i.2, i.3), as plain values:
// hello, disconnect, and envelopes (events_api, slash_commands, interactive) whose payload is the
// body the HTTP routes would get. Pure functions; JSON is parsed without exceptions.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "paperboy/core/result.hpp"

namespace paperboy::chat::slack {

struct socket_frame {
    std::string type;  // hello | disconnect | events_api | slash_commands | interactive | ...
    // hello
    int num_connections = 0;
    long long approximate_connection_time = 0;  // seconds until Slack refreshes this connection
    // disconnect: warning | refresh_requested | link_disabled | too_many_websockets | ...
    std::string reason;
    // envelopes
    std::string envelope_id;
    nlohmann::json payload;
    bool accepts_response_payload = false;
    int retry_attempt = 0;
    std::string retry_reason;

    bool is_envelope() const { return !envelope_id.empty(); }
};

// Errors for invalid JSON, a non-object and a frame without a type. A frame of another type with
// an envelope_id is an envelope too (it must still be acknowledged).
result<socket_frame> parse_socket_frame(std::string_view text);

// {"envelope_id":ID} or, with a payload (a JSON object's text), {"envelope_id":ID,"payload":{...}}.
std::string ack_frame(const std::string& envelope_id, std::string_view payload_json = {});

}  // namespace paperboy::chat::slack

#include "paperboy/chat/slack/socket_frames.hpp"

#include "paperboy/json/fields.hpp"

namespace paperboy::chat::slack {

using namespace paperboy::json_fields;

result<socket_frame> parse_socket_frame(std::string_view text) {
    auto doc = json_fields::parse(text);
    if (doc.is_discarded()) return error{"Socket Mode frame: invalid JSON"};
    if (!doc.is_object()) return error{"Socket Mode frame: not a JSON object"};
    socket_frame f;
    f.type = text_at(doc, "type");
    if (f.type.empty()) return error{"Socket Mode frame: missing type"};
    f.envelope_id = text_at(doc, "envelope_id");
    if (f.type == "hello") {
        f.num_connections = int_at(doc, "num_connections").value_or(0);
        if (const json* debug = object_at(doc, "debug_info"))
            f.approximate_connection_time = int_at(*debug, "approximate_connection_time").value_or(0);
    } else if (f.type == "disconnect") {
        f.reason = text_at(doc, "reason");
    }
    if (f.is_envelope()) {
        f.accepts_response_payload = bool_at(doc, "accepts_response_payload");
        f.retry_attempt = int_at(doc, "retry_attempt").value_or(0);
        f.retry_reason = text_at(doc, "retry_reason");
        if (auto it = doc.find("payload"); it != doc.end()) f.payload = std::move(*it);
    }
    return f;
}

std::string ack_frame(const std::string& envelope_id, std::string_view payload_json) {
    std::string out = R"({"envelope_id":)" + json(envelope_id).dump();
    if (!payload_json.empty()) {
        out += R"(,"payload":)";
        out += payload_json;
    }
    return out + "}";
}

}  // namespace paperboy::chat::slack

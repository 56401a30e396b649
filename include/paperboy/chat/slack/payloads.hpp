#pragma once
// What Slack sends us (external-apis.md f.2-f.5), as plain values. Pure parsers: bytes in, values
// out; JSON is parsed without exceptions and fields of an unexpected type read as absent.
// Call them only after verify_signature() accepted the raw body (over HTTP) or on what a Socket
// Mode connection delivered (pre-authenticated; the `*_from` forms take the envelope's payload).
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "paperboy/core/result.hpp"

namespace paperboy::chat::slack {

// f.2: a slash command invocation (form body).
struct slash_command {
    std::string team_id, channel_id, user_id, command, text, response_url, trigger_id;
    bool operator==(const slash_command&) const = default;
};
// Errors when channel_id or command is missing or empty.
result<slash_command> parse_slash_command(std::string_view form_body);
// The same fields as a JSON object (a Socket Mode slash_commands payload); the same errors.
result<slash_command> slash_command_from(const nlohmann::json& fields);

// f.3: an Events API request. `type` is the envelope's: "url_verification" (challenge set),
// "event_callback" (event_* fields set from the inner event) or "app_rate_limited"; other types
// parse too, with the common fields, so the caller can acknowledge and ignore them.
struct event {
    std::string type;  // url_verification | event_callback | app_rate_limited
    std::string challenge;
    std::string event_id;  // dedupe on it (Slack retries)
    std::string team_id;
    std::string api_app_id;
    std::string event_type;  // message | app_mention | ...
    std::string subtype;     // bot_message, message_changed, ... ; empty for a plain user message
    std::string channel;
    std::string user;
    std::string bot_id;
    std::string text;
    std::string ts;
    std::string thread_ts;  // set for replies in a thread (and mentions inside one)
    std::vector<std::string> authorization_user_ids;
    bool operator==(const event&) const = default;
};
// Errors for invalid JSON, a non-object, a missing type, url_verification without a challenge,
// and event_callback without an event object.
result<event> parse_event(std::string_view json_body);
result<event> event_from(const nlohmann::json& body);  // a Socket Mode events_api payload

// f.4: a button press (block_actions) — the first action. channel_id falls back to the
// container's; thread_ts is the thread of the message the button is on (empty when that message is
// not in a thread: reply in thread message_ts then).
struct block_action {
    std::string user_id, channel_id, message_ts, thread_ts, response_url, action_id, value, trigger_id;
    std::string team_id;
    bool ephemeral = false;  // the button was on an ephemeral message (no message object)
    bool operator==(const block_action&) const = default;
};
// Errors when the form has no `payload`, it is not a JSON object, its type is not block_actions,
// or it has no action.
result<block_action> parse_interactivity(std::string_view form_body);
// The payload itself (a Socket Mode interactive payload); the same errors after the form's.
result<block_action> block_action_from(const nlohmann::json& payload);

// f.5: the answer to chat.postMessage / chat.update (HTTP 200 either way; check ok).
struct api_reply {
    bool ok = false;
    std::string error;  // "channel_not_found", "ratelimited", ...; "invalid_response" when the body
                        // is not a JSON object with a boolean "ok"; "unknown_error" for ok:false
                        // without an error
    std::string ts;
    std::string channel;
    std::vector<std::string> warnings;  // "warning" and response_metadata.warnings
    bool operator==(const api_reply&) const = default;
};
api_reply parse_api_reply(std::string_view body);

// Events the bot must not answer (never answer yourself, external-apis.md f.3): anything from a
// bot (bot_id set, subtype bot_message), every subtype except thread_broadcast (edits, deletions,
// joins, ...; a thread_broadcast is a person's thread reply also shown in the channel), events
// without a user, and messages from `bot_user_id` (when not empty).
bool is_own_or_ignored(const event& e, std::string_view bot_user_id);

}  // namespace paperboy::chat::slack

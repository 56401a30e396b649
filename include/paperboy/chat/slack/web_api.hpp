#pragma once
// Request bodies for the Slack Web API and response_url (external-apis.md f.2, f.5), and the
// response_url allow-list. Pure; the HTTP calls live in the adapter.
#include <string>
#include <string_view>
#include <vector>

namespace paperboy::chat::slack {

// chat.postMessage JSON: {"channel","text","unfurl_links":false,"unfurl_media":false} plus
// "blocks" (the array `blocks_json`, when not empty) and "thread_ts" (when not empty). Text is
// sent as given (the caller escapes mrkdwn); invalid UTF-8 becomes U+FFFD.
// Throws std::invalid_argument when blocks_json is not empty and not a JSON array: our renderer
// made it, so that is a bug, not an input error.
std::string post_message_body(std::string_view channel, std::string_view text, std::string_view blocks_json,
                              std::string_view thread_ts);

// A response_url message: {"response_type":"in_channel"|"ephemeral","text",["blocks"],
// "replace_original":false}. replace_original is spelled out so that answering a button on a
// digest adds a message instead of overwriting the digest. Same rules for blocks_json.
std::string response_url_body(std::string_view text, std::string_view blocks_json, bool in_channel);

// May we POST to this response_url? A response_url arrives inside the (signed) request, but we
// still only send to hosts the operator allowed (PAPERBOY_SLACK_RESPONSE_HOSTS, "host" or
// "host:port", default hooks.slack.com), so a leaked signing secret cannot turn the server into a
// request proxy.
//  - https://HOST[:PORT]/...: allowed when an entry "HOST" matches (PORT absent or 443) or an entry
//    "HOST:PORT" matches exactly (PORT absent counts as 443). Hosts compare case-insensitively.
//  - http://HOST:PORT/...: allowed only when an entry names exactly HOST:PORT and HOST is
//    loopback (127.0.0.1, localhost, [::1]). Component tests point response_url at a fake peer on
//    127.0.0.1 without TLS; in production a response_url is always https, and plain http would send
//    the reply (and its token-bearing URL) in clear text, so no other http URL is ever allowed.
//  - Anything else is refused: other schemes, user info ("https://hooks.slack.com@evil/"), empty or
//    malformed hosts, control characters or spaces anywhere in the URL.
bool response_url_allowed(std::string_view url, const std::vector<std::string>& allowed_hosts);

}  // namespace paperboy::chat::slack

#pragma once
// Discord interactions (external-apis.md g.1, g.2, h.6): what arrives at POST /discord/interactions
// turned into typed values, and the `/papers` application command as Discord registers it. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "paperboy/bot/conversation.hpp"

namespace paperboy::chat::discord {

struct interaction {
    int type = 0;  // 1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 autocomplete, 5 modal
    std::string id, application_id, token;
    std::string guild_id, channel_id;
    std::string thread_parent;  // when the channel is a thread (types 10-12): its parent channel
    std::string user_id;
    std::string locale;          // the requester's ("ja", "en-US")
    std::string command_name;    // type 2: "papers"
    std::string command_text;    // type 2: the sub-command as /papers text ("subscribe 07:30 Asia/Tokyo")
    std::string custom_id;       // type 3
    std::string message_id;      // type 3: the message the component is on
    std::string message_channel; // type 3: that message's channel
};

// nullopt when the body is not an interaction (not JSON, no type, id or token).
std::optional<interaction> parse_interaction(std::string_view body);

// The interaction webhook an answer goes to, as bot::conversation::private_reply:
// "<application_id>/<received unix ms>/<c|u>/<token>" (the token last: it may hold any character).
// c: the interaction was answered with a deferred message (type 5), which the answer's first
// message replaces; u: with a deferred update (type 6, a button), whose message is not ours to
// edit: every answer is a follow-up. The token is valid for 15 minutes.
struct webhook_address {
    std::string application_id, token;
    std::int64_t received_ms = 0;
    bool deferred_message = true;  // c
};
std::string format_address(const webhook_address& a);
std::optional<webhook_address> parse_address(std::string_view address);

// Where the interaction came from: channel = the parent channel when it came from a thread (its
// settings are the channel's), thread = that thread; private_reply = its webhook address.
bot::conversation conversation_of(const interaction& i, std::int64_t received_ms, bool deferred_message);

// The /papers command for PUT /applications/{id}/commands: a JSON array with one CHAT_INPUT
// command whose sub-commands are CONTRACT.md's (today, yesterday, date, paper, subscribe,
// unsubscribe, settings, help) with typed options.
std::string papers_command_definitions();

// Summary buttons (h.6): custom_id "sum|<YYYY-MM-DD>|<number>|<arxiv id>|<profile>", at most 100
// characters; nothing when it would be longer.
struct summary_button {
    std::string day;
    int number = 0;
    std::string arxiv_id;
    std::string profile;
};
std::optional<std::string> format_custom_id(const summary_button& b);
std::optional<summary_button> parse_custom_id(std::string_view custom_id);

}  // namespace paperboy::chat::discord

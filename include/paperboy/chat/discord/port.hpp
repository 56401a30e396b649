#pragma once
// Discord's implementation of chat::port (external-apis.md g.1, g.3, h.5-h.7).
//
// Outbox platforms:
//  - "discord": a channel message. channel = the channel id, thread = the thread to post in
//    (Discord's thread under a message has that message's id; the thread is started from the
//    message when it does not exist yet). Sent with POST /channels/{id}/messages and the row's key
//    hashed into `nonce` with `enforce_nonce: true`, so a re-send after an unclear attempt returns
//    the message made the first time (within Discord's nonce window of a few minutes). A channel
//    message that answers an interaction (answering()) goes, as the first message of the answer
//    and while the token lasts (15 minutes), into the interaction's own deferred response
//    (PATCH /webhooks/{app}/{token}/messages/@original).
//  - "discord-interaction": an answer only the requester sees (or visible, without a bot token):
//    channel = the interaction address (interactions.hpp); the first message edits the deferred
//    response, the others are follow-ups (POST /webhooks/{app}/{token}).
// Every payload carries allowed_mentions {"parse": []}: paper and LLM text never pings anyone.
// A payload may carry a "paperboy" object of hints for this port (stripped before sending).
//
// Threads: send() and find_sent() may run concurrently.
#include <atomic>
#include <string>
#include <vector>

#include "paperboy/chat/discord/interactions.hpp"
#include "paperboy/chat/discord/rest.hpp"
#include "paperboy/chat/port.hpp"
#include "paperboy/core/clock.hpp"

namespace paperboy::chat::discord {

inline constexpr const char* interaction_platform = "discord-interaction";
// The token of an interaction lasts 15 minutes; past this, answers are posted in the channel.
inline constexpr std::chrono::minutes interaction_window{14};

// 25 characters derived from an outbox key (Discord's nonce limit).
std::string nonce_of(const std::string& idempotency_key);

class discord_port final : public chat::port {
public:
    discord_port(rest_client& rest, const core::clock& clock);

    std::string platform() const override { return "discord"; }
    bool delivers(const std::string& outbox_platform) const override;
    bool can_post() const override { return rest_.has_token(); }

    std::vector<std::string> digest_messages(const core::digest& d, const std::string& layout) const override;
    std::vector<std::string> thread_messages(const core::digest& d) const override;
    std::vector<std::string> entry_messages(const core::digest_entry& e, const std::string& language) const override;
    std::string text_message(const std::string& text) const override;
    std::optional<store::outbox_item> private_row(const std::string& address, const std::string& payload, bool visible,
                                                  std::size_t index) const override;
    std::string answering(std::string payload, const std::string& private_reply, std::size_t index) const override;
    int private_limit() const override { return 10; }
    std::string failure_note(const std::string& error, const std::string& language) const override;

    boost::asio::awaitable<send_outcome> send(store::outbox_item item) override;
    boost::asio::awaitable<result<lookup>> find_sent(store::outbox_item item) override;

private:
    boost::asio::awaitable<send_outcome> post_in_channel(const store::outbox_item& item, nlohmann::json body,
                                                         const std::string& thread_name);
    boost::asio::awaitable<send_outcome> post_to_webhook(webhook_address address, bool original, nlohmann::json body);
    boost::asio::awaitable<bool> start_thread(const std::string& channel, const std::string& message,
                                              const std::string& name);

    rest_client& rest_;
    const core::clock& clock_;
};

}  // namespace paperboy::chat::discord

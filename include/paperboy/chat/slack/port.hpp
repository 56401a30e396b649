#pragma once
// Slack's implementation of chat::port (external-apis.md f.2, f.5, j.1, j.2): chat.postMessage for
// channel and thread messages (paced to about one per second per channel, as Slack asks), the
// response_url for answers only the requester sees (only to PAPERBOY_SLACK_RESPONSE_HOSTS), and
// conversations.history / conversations.replies to find an earlier attempt by the metadata every
// message carries: {"event_type":"paperboy_post","event_payload":{"key":<outbox key>}}.
//
// Outbox platforms: "slack" (channel is the channel id) and "slack-response" (channel is the URL).
// Threads: send() and find_sent() may run concurrently.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "paperboy/chat/port.hpp"
#include "paperboy/net/client.hpp"

namespace paperboy::chat::slack {

struct port_options {
    std::string api_base;                  // PAPERBOY_SLACK_URL
    std::optional<std::string> bot_token;  // SLACK_BOT_TOKEN; without it, answers go to response_urls only
    std::vector<std::string> response_hosts;
    std::chrono::milliseconds per_channel_interval{1000};
    int history_limit = 100;  // how many recent messages are searched for an earlier attempt
};

// How Slack says a message failed for good, and what to tell the requester.
bool permanent_error(const std::string& error);

class slack_port final : public chat::port {
public:
    slack_port(net::http_client& http, port_options options);

    std::string platform() const override { return "slack"; }
    bool delivers(const std::string& outbox_platform) const override;
    bool can_post() const override { return options_.bot_token.has_value(); }

    std::vector<std::string> digest_messages(const core::digest& d, const std::string& layout) const override;
    std::vector<std::string> thread_messages(const core::digest& d) const override;
    std::vector<std::string> entry_messages(const core::digest_entry& e, const std::string& language) const override;
    std::string text_message(const std::string& text) const override;
    std::optional<store::outbox_item> private_row(const std::string& address, const std::string& payload,
                                                  bool visible, std::size_t index) const override;
    int private_limit() const override { return 5; }  // a response_url takes 5 messages in 30 minutes
    std::string failure_note(const std::string& error, const std::string& language) const override;

    boost::asio::awaitable<send_outcome> send(store::outbox_item item) override;
    boost::asio::awaitable<result<lookup>> find_sent(store::outbox_item item) override;

private:
    // Waits until `channel` may get its next post; done(channel) after each post. A channel's posts
    // go out one at a time (the outbox sends one row per conversation), so spacing them from the
    // previous one's end keeps the gap at Slack at least the interval, however long a post waited
    // for a connection.
    boost::asio::awaitable<void> pace(const std::string& channel);
    void done(const std::string& channel);
    boost::asio::awaitable<send_outcome> post_message(const store::outbox_item& item);
    boost::asio::awaitable<send_outcome> post_response(const store::outbox_item& item);

    net::http_client& http_;
    port_options options_;
    std::mutex pacing_mutex_;
    std::map<std::string, std::chrono::steady_clock::time_point> free_at_;  // by channel
};

}  // namespace paperboy::chat::slack

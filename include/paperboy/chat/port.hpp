#pragma once
// What a chat platform must do for the publisher and the delivery worker (DESIGN.md "one
// publisher over a small port"): render an answer as messages, send one outbox row, and tell
// whether an earlier attempt of a row reached the platform. Slack and Discord each implement it;
// the flow around it (what to post where, retries, reconciliation) is written once.
//
// Threads: send() and find_sent() may be called concurrently for different conversations.
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "paperboy/core/digest.hpp"
#include "paperboy/core/result.hpp"
#include "paperboy/store/store.hpp"

namespace paperboy::chat {

// The outcome of one attempt to send an outbox row.
struct send_outcome {
    enum class status {
        sent,     // remote_id is the message's id
        retry,    // surely not delivered (rate limit, refused before sending): try again later
        unclear,  // may have been delivered (timeout after sending): look before sending again
        failed,   // the platform refused it for good (not_in_channel, invalid_blocks, 403, ...)
    };
    status what = status::failed;
    std::string remote_id;
    std::string error;  // short: a platform code ("not_in_channel") or a failure class, never a secret
    std::optional<std::chrono::milliseconds> retry_after;  // the platform asked to wait this long
};

// Whether an earlier attempt of a row is on the platform.
struct lookup {
    enum class status { found, absent, cannot_tell };
    status what = status::cannot_tell;
    std::string remote_id;  // found
};

class port {
public:
    virtual ~port() = default;

    // bot::conversation::platform of the conversations this port serves ("slack").
    virtual std::string platform() const = 0;
    // Whether this port sends outbox rows of `outbox_platform` ("slack", "slack-response").
    virtual bool delivers(const std::string& outbox_platform) const = 0;
    // Whether it can post into channels; without that, answers go to private addresses only.
    virtual bool can_post() const = 0;

    // Rendering: each string is one message's payload, as send() expects it.
    // layout "full": a short line per paper (thread_messages() carry the full texts); "compact":
    // the papers on request only.
    virtual std::vector<std::string> digest_messages(const core::digest& d, const std::string& layout) const = 0;
    virtual std::vector<std::string> thread_messages(const core::digest& d) const = 0;
    virtual std::vector<std::string> entry_messages(const core::digest_entry& e, const std::string& language) const = 0;
    virtual std::string text_message(const std::string& text) const = 0;

    // A row that shows `payload` to the person at `address` (bot::conversation::private_reply)
    // only, or to the channel when `visible`; nullopt when the address cannot be used. `index`:
    // the message's place in the answer (0 first).
    virtual std::optional<store::outbox_item> private_row(const std::string& address, const std::string& payload,
                                                          bool visible, std::size_t index) const = 0;
    // The channel message `index` of an answer to a request that has the private address
    // `private_reply`: a platform may deliver it as that request's own reply (Discord's deferred
    // interaction response) instead of a new post. Default: unchanged.
    virtual std::string answering(std::string payload, const std::string& /*private_reply*/,
                                  std::size_t /*index*/) const {
        return payload;
    }
    // How many messages one private address takes.
    virtual int private_limit() const = 0;
    // What to tell the requester when a post failed for good with `error`.
    virtual std::string failure_note(const std::string& error, const std::string& language) const = 0;

    virtual boost::asio::awaitable<send_outcome> send(store::outbox_item item) = 0;
    virtual boost::asio::awaitable<result<lookup>> find_sent(store::outbox_item item) = 0;
};

}  // namespace paperboy::chat

#pragma once
// The publisher: "post the digest, remember which message shows which digest, post each paper in
// its thread, answer a thread reply", once for every platform. It turns a bot::answer for a
// conversation into outbox rows through the platform's port and enqueues them in one transaction
// (with the event that caused them, when there is one); the delivery worker sends them.
//
// Threads: may be called concurrently. Errors: store failures throw.
#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>
#include <vector>

#include "paperboy/bot/answer.hpp"
#include "paperboy/bot/conversation.hpp"
#include "paperboy/chat/port.hpp"
#include "paperboy/store/database.hpp"

namespace paperboy::chat {

struct publication {
    bot::answer answer;
    bot::conversation where;
    std::string key;       // idempotency key prefix, from the platform's own ids ("slack:event:Ev123")
    std::string thread;    // the thread to answer in (a reply's thread, a button's message), else the channel
    std::string event_id;  // when set, marked processed in the same transaction
    // Instead of `thread`: the thread the row with this idempotency key starts, once it is sent
    // (papers that follow a digest posted earlier).
    std::string parent_key;
};

class publisher {
public:
    // `wake` is called after rows were enqueued (the delivery worker's wake()).
    publisher(store::database& db, std::function<void()> wake);

    void add_port(port& p);
    port* port_for(const std::string& platform) const;

    // The rows that show `p` (pure; empty when there is nowhere to show it).
    std::vector<store::outbox_item> rows_for(const publication& p) const;

    // Enqueues rows_for(p). False when p.event_id was already processed (nothing enqueued).
    boost::asio::awaitable<bool> publish(publication p);

    // Marks an event that needs no answer as processed.
    boost::asio::awaitable<void> mark_processed(std::string platform, std::string event_id);

private:
    store::database& db_;
    std::function<void()> wake_;
    std::vector<port*> ports_;
};

}  // namespace paperboy::chat

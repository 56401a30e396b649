#include "paperboy/chat/publisher.hpp"

#include <spdlog/spdlog.h>

#include "paperboy/core/time.hpp"

namespace paperboy::chat {

using boost::asio::awaitable;

publisher::publisher(store::database& db, std::function<void()> wake) : db_(db), wake_(std::move(wake)) {}

void publisher::add_port(port& p) { ports_.push_back(&p); }

port* publisher::port_for(const std::string& platform) const {
    for (auto* p : ports_)
        if (p->platform() == platform) return p;
    return nullptr;
}

std::vector<store::outbox_item> publisher::rows_for(const publication& p) const {
    std::vector<store::outbox_item> rows;
    auto* out = port_for(p.where.platform);
    if (!out) {
        spdlog::error("publisher: no port for platform {}", p.where.platform);
        return rows;
    }
    const auto& a = p.answer;
    const bool digest = a.what == bot::answer::kind::digest;
    const bool papers_in_thread = digest && a.layout == "full" && p.thread.empty() && p.parent_key.empty();
    std::vector<std::string> messages;
    if (digest) messages = out->digest_messages(a.digest, a.layout);
    else if (a.what == bot::answer::kind::entry) messages = out->entry_messages(a.entry, a.digest.language);
    else messages.push_back(out->text_message(a.text));
    const std::string language = a.what == bot::answer::kind::text ? "" : a.digest.language;

    const bool privately = (a.what == bot::answer::kind::text && a.ephemeral) || !out->can_post();
    if (privately) {
        if (p.where.private_reply.empty()) {
            spdlog::warn("{}: nowhere to answer in {}: {}", p.where.platform, p.where.channel,
                         out->can_post() ? "no private address for an ephemeral answer" : "cannot post and no private address");
            return rows;
        }
        const int limit = std::min<int>(out->private_limit(), static_cast<int>(messages.size()));
        for (int i = 0; i < limit; ++i) {
            const auto index = static_cast<std::size_t>(i);
            auto row = out->private_row(p.where.private_reply, messages[index], !a.ephemeral, index);
            if (!row) return {};
            row->idempotency_key = p.key + ":r" + std::to_string(i);
            rows.push_back(std::move(*row));
        }
        return rows;
    }
    const store::digest_key shows{core::format_ymd(a.digest.date), a.digest.profile, a.digest.language};
    for (std::size_t i = 0; i < messages.size(); ++i) {
        store::outbox_item row;
        row.platform = p.where.platform;
        row.channel = p.where.channel;
        row.thread = p.thread;
        row.parent_key = p.parent_key;
        row.payload = p.where.private_reply.empty() ? std::move(messages[i])
                                                    : out->answering(std::move(messages[i]), p.where.private_reply, i);
        row.idempotency_key = p.key + ":m" + std::to_string(i);
        if (digest) row.shows = shows;
        // Only the first message tells the requester when it fails: the others fail the same way.
        if (i == 0) row.requester = p.where.private_reply;
        row.language = language;
        rows.push_back(std::move(row));
    }
    if (papers_in_thread) {
        auto thread = out->thread_messages(a.digest);
        for (std::size_t i = 0; i < thread.size(); ++i) {
            store::outbox_item row;
            row.platform = p.where.platform;
            row.channel = p.where.channel;
            row.parent_key = p.key + ":m0";  // the thread of the digest's first message, once it exists
            row.payload = std::move(thread[i]);
            row.idempotency_key = p.key + ":t" + std::to_string(i);
            row.language = language;
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

awaitable<bool> publisher::publish(publication p) {
    auto rows = rows_for(p);
    bool fresh = true;
    if (p.event_id.empty()) {
        auto enqueue = [rows](store::store& s) { return s.enqueue(rows); };
        co_await db_.run(enqueue);
    } else {
        auto enqueue = [rows, platform = p.where.platform, id = p.event_id](store::store& s) {
            return s.enqueue_for_event(platform, id, rows);
        };
        fresh = co_await db_.run(enqueue);
    }
    if (!rows.empty() && wake_) wake_();
    co_return fresh;
}

awaitable<void> publisher::mark_processed(std::string platform, std::string event_id) {
    auto mark = [platform, event_id](store::store& s) { return s.enqueue_for_event(platform, event_id, {}); };
    co_await db_.run(mark);
}

}  // namespace paperboy::chat

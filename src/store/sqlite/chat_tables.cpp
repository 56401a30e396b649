// The chat tables of sqlite_store: outbox, digest messages, processed events.
#include "sqlite_store.hpp"

namespace paperboy::store {



namespace {

outbox_item read_item(statement& s) {
    outbox_item it;
    it.id = s.column_int(0);
    it.platform = s.column_text(1);
    it.channel = s.column_text(2);
    it.thread = s.column_text(3);
    it.payload = s.column_text(4);
    it.idempotency_key = s.column_text(5);
    it.state = s.column_text(6);
    it.attempts = static_cast<int>(s.column_int(7));
    it.remote_id = s.column_text(8);
    it.last_error = s.column_text(9);
    return it;
}

constexpr const char* item_columns =
    "id, platform, channel, thread, payload, idempotency_key, state, attempts, remote_id, last_error";

}  // namespace

outbox_item sqlite_store::enqueue(const outbox_item& item) {
    std::lock_guard lock(mutex_);
    statement(db_.get(),
              "INSERT INTO outbox (platform, channel, thread, payload, idempotency_key) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (idempotency_key) DO NOTHING")
        .bind(1, item.platform)
        .bind(2, item.channel)
        .bind(3, item.thread)
        .bind(4, item.payload)
        .bind(5, item.idempotency_key)
        .step();
    statement s(db_.get(), std::string("SELECT ") + item_columns + " FROM outbox WHERE idempotency_key = ?");
    s.bind(1, item.idempotency_key);
    if (!s.step()) throw store_error("outbox: item vanished after insert");
    return read_item(s);
}

void sqlite_store::mark_sent(std::int64_t id, const std::string& remote_id) {
    std::lock_guard lock(mutex_);
    statement(db_.get(),
              "UPDATE outbox SET state = 'sent', remote_id = ?, attempts = attempts + 1, "
              "sent_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?")
        .bind(1, remote_id)
        .bind(2, static_cast<long long>(id))
        .step();
}

void sqlite_store::mark_attempt_failed(std::int64_t id, const std::string& error, bool final) {
    std::lock_guard lock(mutex_);
    statement(db_.get(), "UPDATE outbox SET attempts = attempts + 1, last_error = ?, state = ? WHERE id = ?")
        .bind(1, error)
        .bind(2, final ? "failed" : "pending")
        .bind(3, static_cast<long long>(id))
        .step();
}

std::vector<outbox_item> sqlite_store::pending_outbox(int limit) {
    std::lock_guard lock(mutex_);
    statement s(db_.get(), std::string("SELECT ") + item_columns + " FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?");
    s.bind(1, static_cast<long long>(limit));
    std::vector<outbox_item> items;
    while (s.step()) items.push_back(read_item(s));
    return items;
}

void sqlite_store::remember_digest_message(const std::string& platform, const std::string& channel,
                                           const std::string& message_id, const digest_key& d) {
    std::lock_guard lock(mutex_);
    statement(db_.get(),
              "INSERT OR REPLACE INTO digest_messages (platform, channel, message_id, day, profile, language) "
              "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, platform)
        .bind(2, channel)
        .bind(3, message_id)
        .bind(4, d.day)
        .bind(5, d.profile)
        .bind(6, d.language)
        .step();
}

std::optional<digest_key> sqlite_store::digest_for_message(const std::string& platform, const std::string& channel,
                                                           const std::string& message_id) {
    std::lock_guard lock(mutex_);
    statement s(db_.get(),
                "SELECT day, profile, language FROM digest_messages WHERE platform = ? AND channel = ? AND message_id = ?");
    s.bind(1, platform).bind(2, channel).bind(3, message_id);
    if (!s.step()) return std::nullopt;
    return digest_key{s.column_text(0), s.column_text(1), s.column_text(2)};
}

bool sqlite_store::first_delivery(const std::string& platform, const std::string& event_id) {
    std::lock_guard lock(mutex_);
    statement(db_.get(), "INSERT OR IGNORE INTO processed_events (platform, event_id) VALUES (?, ?)")
        .bind(1, platform)
        .bind(2, event_id)
        .step();
    return sqlite3_changes(db_.get()) == 1;
}

}  // namespace paperboy::store

// The chat tables of sqlite_store: outbox, digest messages, processed events, channel settings and
// digest build claims.
#include "sqlite_store.hpp"

namespace paperboy::store {

namespace {

constexpr const char* item_columns =
    "id, platform, channel, thread, payload, idempotency_key, parent_key, shows_day, shows_profile, shows_language, "
    "requester, language, state, attempts, unclear, owner, lease_until, next_attempt_at, remote_id, last_error";

outbox_item read_item(statement& s) {
    outbox_item it;
    it.id = s.column_int(0);
    it.platform = s.column_text(1);
    it.channel = s.column_text(2);
    it.thread = s.column_text(3);
    it.payload = s.column_text(4);
    it.idempotency_key = s.column_text(5);
    it.parent_key = s.column_text(6);
    if (auto day = s.column_text(7); !day.empty()) it.shows = digest_key{day, s.column_text(8), s.column_text(9)};
    it.requester = s.column_text(10);
    it.language = s.column_text(11);
    it.state = s.column_text(12);
    it.attempts = static_cast<int>(s.column_int(13));
    it.unclear = s.column_int(14) != 0;
    it.owner = s.column_text(15);
    it.lease_until = s.column_int(16);
    it.next_attempt_at = s.column_int(17);
    it.remote_id = s.column_text(18);
    it.last_error = s.column_text(19);
    return it;
}

std::optional<outbox_item> item_by(sqlite3* db, const char* where, const std::string& value) {
    statement s(db, std::string("SELECT ") + item_columns + " FROM outbox WHERE " + where + " = ?");
    s.bind(1, value);
    if (!s.step()) return std::nullopt;
    return read_item(s);
}

std::optional<outbox_item> item_by_id(sqlite3* db, std::int64_t id) {
    statement s(db, std::string("SELECT ") + item_columns + " FROM outbox WHERE id = ?");
    s.bind(1, static_cast<long long>(id));
    if (!s.step()) return std::nullopt;
    return read_item(s);
}

bool changed(sqlite3* db) { return sqlite3_changes(db) > 0; }

void insert_digest_message(sqlite3* db, const std::string& platform, const std::string& channel,
                           const std::string& message_id, const digest_key& d) {
    statement(db,
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

}  // namespace

void sqlite_store::insert_items(sqlite3* db, const std::vector<outbox_item>& items) {
    statement insert(db,
                     "INSERT INTO outbox (platform, channel, thread, payload, idempotency_key, parent_key, shows_day, "
                     "shows_profile, shows_language, requester, language, next_attempt_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING");
    for (const auto& item : items) {
        const digest_key none;
        const auto& shows = item.shows ? *item.shows : none;
        insert.bind(1, item.platform)
            .bind(2, item.channel)
            .bind(3, item.thread)
            .bind(4, item.payload)
            .bind(5, item.idempotency_key)
            .bind(6, item.parent_key)
            .bind(7, shows.day)
            .bind(8, shows.profile)
            .bind(9, shows.language)
            .bind(10, item.requester)
            .bind(11, item.language)
            .bind(12, static_cast<long long>(item.next_attempt_at));
        insert.step();
        insert.reset();
    }
}

std::vector<outbox_item> sqlite_store::read_items(sqlite3* db, const std::vector<outbox_item>& items) {
    std::vector<outbox_item> stored;
    for (const auto& item : items) {
        auto row = item_by(db, "idempotency_key", item.idempotency_key);
        if (!row) throw store_error("outbox: item vanished after insert");
        stored.push_back(std::move(*row));
    }
    return stored;
}

std::vector<outbox_item> sqlite_store::enqueue(const std::vector<outbox_item>& items) {
    auto c = conn();
    transaction tx(c);
    insert_items(c, items);
    auto stored = read_items(c, items);
    tx.commit();
    return stored;
}

bool sqlite_store::enqueue_for_event(const std::string& platform, const std::string& event_id,
                                     const std::vector<outbox_item>& items) {
    auto c = conn();
    transaction tx(c);
    statement(c, "INSERT OR IGNORE INTO processed_events (platform, event_id) VALUES (?, ?)")
        .bind(1, platform)
        .bind(2, event_id)
        .step();
    if (!changed(c)) return false;
    insert_items(c, items);
    tx.commit();
    return true;
}

std::vector<outbox_item> sqlite_store::claim_outbox(const outbox_claim& claim) {
    auto c = conn();
    transaction tx(c);
    const auto now = static_cast<long long>(claim.now_ms);
    // Replies whose thread will never exist.
    exec(c,
         "UPDATE outbox SET state = 'failed', last_error = 'the message it replies to was not posted' "
         "WHERE state IN ('pending', 'unknown') AND parent_key IN "
         "(SELECT idempotency_key FROM outbox WHERE state = 'failed')",
         "outbox: failing orphans");
    // The oldest unfinished row of each conversation (SQLite takes the other columns from the row
    // with MIN(id)), due, and with its thread's first message sent. Only indexes are read.
    statement due(c,
                  "SELECT h.id FROM (SELECT MIN(id) AS id, state, next_attempt_at, lease_until, parent_key "
                  "FROM outbox WHERE state IN ('pending', 'claimed', 'unknown') GROUP BY platform, channel) h "
                  "WHERE ((h.state IN ('pending', 'unknown') AND h.next_attempt_at <= ?1) "
                  "OR (h.state = 'claimed' AND h.lease_until < ?1)) "
                  "AND (h.parent_key = '' OR EXISTS (SELECT 1 FROM outbox p INDEXED BY outbox_key_state "
                  "WHERE p.idempotency_key = h.parent_key "
                  "AND p.state = 'sent')) ORDER BY h.id LIMIT ?2");
    due.bind(1, now).bind(2, static_cast<long long>(claim.limit));
    std::vector<std::int64_t> ids;
    while (due.step()) ids.push_back(due.column_int(0));
    statement take(c,
                   "UPDATE outbox SET unclear = CASE WHEN state IN ('claimed', 'unknown') THEN 1 ELSE unclear END, "
                   "state = 'claimed', owner = ?, lease_until = ?, attempts = attempts + 1, "
                   "thread = CASE WHEN parent_key = '' THEN thread ELSE (SELECT p.remote_id FROM outbox p "
                   "WHERE p.idempotency_key = outbox.parent_key) END WHERE id = ?");
    std::vector<outbox_item> claimed;
    for (auto id : ids) {
        take.bind(1, claim.owner).bind(2, now + static_cast<long long>(claim.lease_ms)).bind(3, static_cast<long long>(id));
        take.step();
        take.reset();
        if (auto row = item_by_id(c, id)) claimed.push_back(std::move(*row));
    }
    tx.commit();
    return claimed;
}

bool sqlite_store::mark_sent(std::int64_t id, const std::string& owner, const std::string& remote_id) {
    auto c = conn();
    transaction tx(c);
    statement(c,
              "UPDATE outbox SET state = 'sent', remote_id = ?, owner = '', last_error = '', "
              "sent_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ? AND state = 'claimed' AND owner = ?")
        .bind(1, remote_id)
        .bind(2, static_cast<long long>(id))
        .bind(3, owner)
        .step();
    if (!changed(c)) return false;
    // Which digest it shows, straight from the row (its payload is not read).
    statement(c,
              "INSERT OR REPLACE INTO digest_messages (platform, channel, message_id, day, profile, language) "
              "SELECT platform, channel, remote_id, shows_day, shows_profile, shows_language FROM outbox "
              "WHERE id = ? AND shows_day <> ''")
        .bind(1, static_cast<long long>(id))
        .step();
    tx.commit();
    return true;
}

bool sqlite_store::mark_retry(std::int64_t id, const std::string& owner, const std::string& error,
                              std::int64_t next_attempt_at, bool unclear, bool refund_attempt) {
    auto c = conn();
    statement(c,
              "UPDATE outbox SET state = ?, unclear = ?, owner = '', last_error = ?, next_attempt_at = ?, "
              "attempts = attempts - ? WHERE id = ? AND state = 'claimed' AND owner = ?")
        .bind(1, unclear ? "unknown" : "pending")
        .bind(2, unclear ? 1LL : 0LL)
        .bind(3, error)
        .bind(4, static_cast<long long>(next_attempt_at))
        .bind(5, refund_attempt ? 1LL : 0LL)
        .bind(6, static_cast<long long>(id))
        .bind(7, owner)
        .step();
    return changed(c);
}

bool sqlite_store::mark_failed(std::int64_t id, const std::string& owner, const std::string& error) {
    auto c = conn();
    statement(c, "UPDATE outbox SET state = 'failed', owner = '', last_error = ? WHERE id = ? AND state = 'claimed' AND owner = ?")
        .bind(1, error)
        .bind(2, static_cast<long long>(id))
        .bind(3, owner)
        .step();
    return changed(c);
}

int sqlite_store::release_claims(const std::string& owner) {
    auto c = conn();
    // A released row was claimed but its send did not finish: it may have reached the platform.
    statement(c, "UPDATE outbox SET state = 'unknown', unclear = 1, owner = '', lease_until = 0 "
                 "WHERE state = 'claimed' AND owner = ?")
        .bind(1, owner)
        .step();
    return sqlite3_changes(c);
}

std::vector<outbox_item> sqlite_store::list_outbox(const std::string& state, int limit) {
    auto c = conn();
    statement s(c, std::string("SELECT ") + item_columns + " FROM outbox WHERE ? = '' OR state = ? ORDER BY id LIMIT ?");
    s.bind(1, state).bind(2, state).bind(3, static_cast<long long>(limit));
    std::vector<outbox_item> items;
    while (s.step()) items.push_back(read_item(s));
    return items;
}

int sqlite_store::prune(const std::string& before) {
    auto c = conn();
    transaction tx(c);
    statement(c, "DELETE FROM outbox WHERE state IN ('sent', 'failed') AND created_at < ?").bind(1, before).step();
    int removed = sqlite3_changes(c);
    statement(c, "DELETE FROM processed_events WHERE received_at < ?").bind(1, before).step();
    removed += sqlite3_changes(c);
    tx.commit();
    return removed;
}

void sqlite_store::remember_digest_message(const std::string& platform, const std::string& channel,
                                           const std::string& message_id, const digest_key& d) {
    insert_digest_message(conn(), platform, channel, message_id, d);
}

std::optional<digest_key> sqlite_store::digest_for_message(const std::string& platform, const std::string& channel,
                                                           const std::string& message_id) {
    auto c = conn();
    statement s(c, "SELECT day, profile, language FROM digest_messages WHERE platform = ? AND channel = ? AND message_id = ?");
    s.bind(1, platform).bind(2, channel).bind(3, message_id);
    if (!s.step()) return std::nullopt;
    return digest_key{s.column_text(0), s.column_text(1), s.column_text(2)};
}

bool sqlite_store::event_processed(const std::string& platform, const std::string& event_id) {
    auto c = conn();
    statement s(c, "SELECT 1 FROM processed_events WHERE platform = ? AND event_id = ?");
    s.bind(1, platform).bind(2, event_id);
    return s.step();
}

std::optional<channel_settings> sqlite_store::load_channel_settings(const std::string& platform,
                                                                    const std::string& workspace,
                                                                    const std::string& channel) {
    auto c = conn();
    statement s(c, "SELECT profile, language, layout FROM channel_settings WHERE platform = ? AND workspace = ? AND channel = ?");
    s.bind(1, platform).bind(2, workspace).bind(3, channel);
    if (!s.step()) return std::nullopt;
    return channel_settings{platform, workspace, channel, s.column_text(0), s.column_text(1), s.column_text(2)};
}

void sqlite_store::save_channel_settings(const channel_settings& cs) {
    statement(conn(),
              "INSERT INTO channel_settings (platform, workspace, channel, profile, language, layout) "
              "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, workspace, channel) DO UPDATE SET "
              "profile = excluded.profile, language = excluded.language, layout = excluded.layout, "
              "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')")
        .bind(1, cs.platform)
        .bind(2, cs.workspace)
        .bind(3, cs.channel)
        .bind(4, cs.profile)
        .bind(5, cs.language)
        .bind(6, cs.layout)
        .step();
}

bool sqlite_store::claim_digest_build(const digest_key& k, const std::string& owner, std::int64_t now_ms,
                                      std::int64_t lease_ms) {
    auto c = conn();
    statement(c,
              "INSERT INTO digest_builds (day, profile, language, owner, lease_until) VALUES (?1, ?2, ?3, ?4, ?5) "
              "ON CONFLICT (day, profile, language) DO UPDATE SET owner = excluded.owner, "
              "lease_until = excluded.lease_until WHERE digest_builds.owner = excluded.owner OR "
              "digest_builds.lease_until < ?6")
        .bind(1, k.day)
        .bind(2, k.profile)
        .bind(3, k.language)
        .bind(4, owner)
        .bind(5, static_cast<long long>(now_ms + lease_ms))
        .bind(6, static_cast<long long>(now_ms))
        .step();
    return changed(c);
}

void sqlite_store::release_digest_build(const digest_key& k, const std::string& owner) {
    statement(conn(), "DELETE FROM digest_builds WHERE day = ? AND profile = ? AND language = ? AND owner = ?")
        .bind(1, k.day)
        .bind(2, k.profile)
        .bind(3, k.language)
        .bind(4, owner)
        .step();
}

std::vector<std::string> sqlite_store::claim_owners() {
    auto c = conn();
    statement s(c, "SELECT owner FROM outbox WHERE state = 'claimed' UNION SELECT owner FROM digest_builds "
                   "UNION SELECT owner FROM schedule_runs WHERE state = 'claimed'");
    std::vector<std::string> owners;
    while (s.step()) owners.push_back(s.column_text(0));
    return owners;
}

int sqlite_store::release_digest_builds(const std::string& owner) {
    auto c = conn();
    statement(c, "DELETE FROM digest_builds WHERE owner = ?").bind(1, owner).step();
    return sqlite3_changes(c);
}

}  // namespace paperboy::store

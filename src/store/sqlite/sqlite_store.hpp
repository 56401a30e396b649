#pragma once
// The SQLite store (internal to paperboy_store). Digests and summaries are in sqlite_store.cpp, the
// chat tables (outbox, digest messages, events, settings, build claims) in chat_tables.cpp,
// subscriptions and schedule runs in schedule_tables.cpp.
#include <map>
#include <mutex>
#include <thread>

#include "paperboy/store/migrations.hpp"
#include "paperboy/store/store.hpp"
#include "sqlite_handle.hpp"

namespace paperboy::store {

using sqlite::db_ptr;
using sqlite::exec;
using sqlite::fail;
using sqlite::statement;
using sqlite::transaction;

// One connection per calling thread (store::database's workers), so readers never wait for each
// other; SQLite in WAL mode serialises writers, and every read-modify-write runs in a BEGIN
// IMMEDIATE transaction. An in-memory database is private to its connection, so ":memory:" uses
// one connection behind a mutex instead.
class sqlite_store final : public store {
public:
    explicit sqlite_store(std::string path);

    std::string backend() const override { return "sqlite"; }
    int migrate() override;
    int schema_version() override;
    int latest_schema_version() const override { return sqlite_migrations().back().version; }
    void ping() override;

    std::set<std::string> posted_papers(const std::string& profile, const std::string& before_day) override;
    void record_digest_papers(const std::string& profile, const std::string& day,
                              const std::vector<std::string>& arxiv_ids) override;
    std::optional<std::string> load_digest(const digest_key& key) override;
    void save_digest(const digest_key& key, int papers, const std::string& json,
                     const std::vector<std::string>* history) override;
    std::vector<digest_row> list_digests(int limit) override;
    std::optional<std::string> load_summary(const summary_key& key) override;
    void save_summary(const summary_key& key, const std::string& text) override;

    std::vector<outbox_item> enqueue(const std::vector<outbox_item>& items) override;
    bool enqueue_for_event(const std::string& platform, const std::string& event_id,
                           const std::vector<outbox_item>& items) override;
    std::vector<outbox_item> claim_outbox(const outbox_claim& claim) override;
    bool mark_sent(std::int64_t id, const std::string& owner, const std::string& remote_id) override;
    bool mark_retry(std::int64_t id, const std::string& owner, const std::string& error, std::int64_t next_attempt_at,
                    bool unclear, bool refund_attempt) override;
    bool mark_failed(std::int64_t id, const std::string& owner, const std::string& error) override;
    int release_claims(const std::string& owner) override;
    std::vector<outbox_item> list_outbox(const std::string& state, int limit) override;
    int prune(const std::string& before) override;

    void remember_digest_message(const std::string& platform, const std::string& channel,
                                 const std::string& message_id, const digest_key& digest) override;
    std::optional<digest_key> digest_for_message(const std::string& platform, const std::string& channel,
                                                 const std::string& message_id) override;
    bool event_processed(const std::string& platform, const std::string& event_id) override;

    std::optional<channel_settings> load_channel_settings(const std::string& platform, const std::string& workspace,
                                                          const std::string& channel) override;
    void save_channel_settings(const channel_settings& settings) override;
    bool claim_digest_build(const digest_key& key, const std::string& owner, std::int64_t now_ms,
                            std::int64_t lease_ms) override;
    void release_digest_build(const digest_key& key, const std::string& owner) override;
    std::vector<std::string> claim_owners() override;
    int release_digest_builds(const std::string& owner) override;

    subscription save_subscription(const subscription& s) override;
    bool remove_subscription(const std::string& platform, const std::string& workspace,
                             const std::string& channel) override;
    std::optional<subscription> load_subscription(const std::string& platform, const std::string& workspace,
                                                  const std::string& channel) override;
    std::vector<subscription> list_subscriptions() override;
    std::int64_t earliest_next_run() override;
    std::vector<schedule_run> claim_schedule_runs(const schedule_claim& claim, const schedule_advance& advance) override;
    bool finish_schedule_run(std::int64_t subscription_id, const std::string& local_date, const std::string& owner,
                             const schedule_result& result, const std::vector<outbox_item>& posts) override;
    int release_schedule_runs(const std::string& owner) override;
    std::vector<schedule_run> list_schedule_runs(std::int64_t subscription_id, int limit) override;

private:
    // The calling thread's connection (and, for ":memory:", the lock that makes it exclusive).
    struct connection {
        sqlite3* db;
        std::unique_lock<std::mutex> exclusive;
        operator sqlite3*() const { return db; }
    };
    connection conn();
    db_ptr open_connection() const;
    static int current_version(sqlite3* db);
    static void insert_items(sqlite3* db, const std::vector<outbox_item>& items);
    static std::vector<outbox_item> read_items(sqlite3* db, const std::vector<outbox_item>& items);

    std::string path_;
    bool in_memory_;
    std::mutex memory_mutex_;               // in_memory_: guards the one connection
    std::mutex connections_mutex_;          // guards connections_
    std::map<std::thread::id, db_ptr> connections_;
};

}  // namespace paperboy::store

#pragma once
// The SQLite store (internal to paperboy_store). Chat tables are defined in chat_tables.cpp.
#include <filesystem>
#include <mutex>

#include "paperboy/store/migrations.hpp"
#include "paperboy/store/store.hpp"
#include "sqlite_handle.hpp"

namespace paperboy::store {

using sqlite::db_ptr;
using sqlite::exec;
using sqlite::fail;
using sqlite::statement;

// One connection guarded by a mutex: SQLite in WAL mode serialises writers anyway, and paperboy's
// database work is small next to its network work.
class sqlite_store final : public store {
public:
    explicit sqlite_store(const std::string& path) {
        if (path != ":memory:") {
            auto dir = std::filesystem::path(path).parent_path();
            std::error_code ec;
            if (!dir.empty()) std::filesystem::create_directories(dir, ec);
            if (ec) throw store_error("sqlite:" + path + ": cannot create directory " + dir.string() + ": " + ec.message());
        }
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
        db_.reset(raw);
        if (rc != SQLITE_OK) fail(raw, "sqlite:" + path);
        sqlite3_busy_timeout(db_.get(), 5000);
        exec(db_.get(), "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
             "sqlite: setting pragmas");
        exec(db_.get(),
             "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
             "sqlite: creating schema_migrations");
    }

    std::string backend() const override { return "sqlite"; }

    int migrate() override {
        std::lock_guard lock(mutex_);
        int applied = 0;
        for (const auto& m : sqlite_migrations()) {
            // BEGIN IMMEDIATE takes the write lock first, so two processes cannot apply the same version.
            exec(db_.get(), "BEGIN IMMEDIATE", "sqlite: begin migration");
            try {
                if (current_version() >= m.version) {
                    exec(db_.get(), "COMMIT", "sqlite: commit");
                    continue;
                }
                exec(db_.get(), std::string(m.sql).c_str(), ("migration " + std::to_string(m.version)).c_str());
                statement(db_.get(), "INSERT INTO schema_migrations (version, name) VALUES (?, ?)")
                    .bind(1, static_cast<long long>(m.version))
                    .bind(2, m.name)
                    .step();
                exec(db_.get(), "COMMIT", "sqlite: commit migration");
                ++applied;
            } catch (...) {
                sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
        }
        return applied;
    }

    int schema_version() override {
        std::lock_guard lock(mutex_);
        return current_version();
    }

    int latest_schema_version() const override { return sqlite_migrations().back().version; }

    void ping() override {
        std::lock_guard lock(mutex_);
        statement(db_.get(), "SELECT 1").step();
    }

    std::set<std::string> posted_papers(const std::string& profile, const std::string& before_day) override {
        std::lock_guard lock(mutex_);
        statement s(db_.get(), "SELECT DISTINCT arxiv_id FROM digest_papers WHERE profile = ? AND day < ?");
        s.bind(1, profile).bind(2, before_day);
        std::set<std::string> ids;
        while (s.step()) ids.insert(s.column_text(0));
        return ids;
    }

    void record_digest_papers(const std::string& profile, const std::string& day,
                              const std::vector<std::string>& arxiv_ids) override {
        std::lock_guard lock(mutex_);
        exec(db_.get(), "BEGIN IMMEDIATE", "sqlite: begin");
        try {
            statement(db_.get(), "DELETE FROM digest_papers WHERE profile = ? AND day = ?").bind(1, profile).bind(2, day).step();
            statement insert(db_.get(), "INSERT INTO digest_papers (profile, day, position, arxiv_id) VALUES (?, ?, ?, ?)");
            for (std::size_t i = 0; i < arxiv_ids.size(); ++i) {
                insert.bind(1, profile).bind(2, day).bind(3, static_cast<long long>(i + 1)).bind(4, arxiv_ids[i]);
                insert.step();
                insert.reset();
            }
            exec(db_.get(), "COMMIT", "sqlite: commit");
        } catch (...) {
            sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

    std::optional<std::string> load_digest(const digest_key& k) override {
        std::lock_guard lock(mutex_);
        statement s(db_.get(), "SELECT body FROM digests WHERE day = ? AND profile = ? AND language = ?");
        s.bind(1, k.day).bind(2, k.profile).bind(3, k.language);
        if (!s.step()) return std::nullopt;
        return s.column_text(0);
    }

    void save_digest(const digest_key& k, int papers, const std::string& json) override {
        std::lock_guard lock(mutex_);
        statement(db_.get(),
                  "INSERT INTO digests (day, profile, language, papers, body) VALUES (?, ?, ?, ?, ?) "
                  "ON CONFLICT (day, profile, language) DO UPDATE SET papers = excluded.papers, body = excluded.body, "
                  "created_at = excluded.created_at")
            .bind(1, k.day)
            .bind(2, k.profile)
            .bind(3, k.language)
            .bind(4, static_cast<long long>(papers))
            .bind(5, json)
            .step();
    }

    std::vector<digest_row> list_digests(int limit) override {
        std::lock_guard lock(mutex_);
        statement s(db_.get(),
                    "SELECT day, profile, language, papers, created_at FROM digests "
                    "ORDER BY day DESC, profile, language LIMIT ?");
        s.bind(1, static_cast<long long>(limit));
        std::vector<digest_row> rows;
        while (s.step())
            rows.push_back({{s.column_text(0), s.column_text(1), s.column_text(2)},
                            static_cast<int>(s.column_int(3)),
                            s.column_text(4)});
        return rows;
    }

    std::optional<std::string> load_summary(const summary_key& k) override {
        std::lock_guard lock(mutex_);
        statement s(db_.get(),
                    "SELECT body FROM summaries WHERE arxiv_id = ? AND model = ? AND language = ? AND prompt_version = ?");
        s.bind(1, k.arxiv_id).bind(2, k.model).bind(3, k.language).bind(4, k.prompt_version);
        if (!s.step()) return std::nullopt;
        return s.column_text(0);
    }

    void save_summary(const summary_key& k, const std::string& text) override {
        std::lock_guard lock(mutex_);
        statement(db_.get(),
                  "INSERT OR REPLACE INTO summaries (arxiv_id, model, language, prompt_version, body) "
                  "VALUES (?, ?, ?, ?, ?)")
            .bind(1, k.arxiv_id)
            .bind(2, k.model)
            .bind(3, k.language)
            .bind(4, k.prompt_version)
            .bind(5, text)
            .step();
    }

    outbox_item enqueue(const outbox_item& item) override;
    void mark_sent(std::int64_t id, const std::string& remote_id) override;
    void mark_attempt_failed(std::int64_t id, const std::string& error, bool final) override;
    std::vector<outbox_item> pending_outbox(int limit) override;
    void remember_digest_message(const std::string& platform, const std::string& channel,
                                 const std::string& message_id, const digest_key& digest) override;
    std::optional<digest_key> digest_for_message(const std::string& platform, const std::string& channel,
                                                 const std::string& message_id) override;
    bool first_delivery(const std::string& platform, const std::string& event_id) override;

private:
    int current_version() {
        statement s(db_.get(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        s.step();
        return static_cast<int>(s.column_int(0));
    }

    std::mutex mutex_;
    db_ptr db_;
};


}  // namespace paperboy::store

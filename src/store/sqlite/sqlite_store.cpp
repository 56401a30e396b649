#include "sqlite_store.hpp"

#include <filesystem>

namespace paperboy::store {

std::unique_ptr<store> open_store(const std::string& url) {
    if (url.starts_with("sqlite:")) return std::make_unique<sqlite_store>(url.substr(7));
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        throw store_error("PostgreSQL is not supported by this build yet; use sqlite:PATH");
    throw store_error("unsupported database URL scheme (expected sqlite:PATH)");
}

sqlite_store::sqlite_store(std::string path) : path_(std::move(path)), in_memory_(path_ == ":memory:") {
    if (!in_memory_) {
        auto dir = std::filesystem::path(path_).parent_path();
        std::error_code ec;
        if (!dir.empty()) std::filesystem::create_directories(dir, ec);
        if (ec) throw store_error("sqlite:" + path_ + ": cannot create directory " + dir.string() + ": " + ec.message());
    }
    auto c = conn();
    exec(c, "PRAGMA journal_mode=WAL", "sqlite: setting WAL mode");
    exec(c,
         "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
         "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
         "sqlite: creating schema_migrations");
}

db_ptr sqlite_store::open_connection() const {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    db_ptr db(raw);
    if (rc != SQLITE_OK) fail(raw, "sqlite:" + path_);
    sqlite3_busy_timeout(db.get(), 5000);
    exec(db.get(), "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", "sqlite: setting pragmas");
    return db;
}

sqlite_store::connection sqlite_store::conn() {
    std::unique_lock<std::mutex> exclusive;
    if (in_memory_) exclusive = std::unique_lock(memory_mutex_);
    const auto id = in_memory_ ? std::thread::id{} : std::this_thread::get_id();
    std::lock_guard lock(connections_mutex_);
    auto& slot = connections_[id];
    if (!slot) slot = open_connection();
    return {slot.get(), std::move(exclusive)};
}

int sqlite_store::current_version(sqlite3* db) {
    statement s(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    s.step();
    return static_cast<int>(s.column_int(0));
}

int sqlite_store::migrate() {
    auto c = conn();
    int applied = 0;
    for (const auto& m : sqlite_migrations()) {
        // The write lock first, so two processes cannot apply the same version.
        transaction tx(c);
        if (current_version(c) >= m.version) continue;
        exec(c, std::string(m.sql).c_str(), ("migration " + std::to_string(m.version)).c_str());
        statement(c, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)")
            .bind(1, static_cast<long long>(m.version))
            .bind(2, m.name)
            .step();
        tx.commit();
        ++applied;
    }
    return applied;
}

int sqlite_store::schema_version() { return current_version(conn()); }

void sqlite_store::ping() { statement(conn(), "SELECT 1").step(); }

std::set<std::string> sqlite_store::posted_papers(const std::string& profile, const std::string& before_day) {
    auto c = conn();
    statement s(c, "SELECT DISTINCT arxiv_id FROM digest_papers WHERE profile = ? AND day < ?");
    s.bind(1, profile).bind(2, before_day);
    std::set<std::string> ids;
    while (s.step()) ids.insert(s.column_text(0));
    return ids;
}

namespace {

void replace_history(sqlite3* db, const std::string& profile, const std::string& day,
                     const std::vector<std::string>& arxiv_ids) {
    statement(db, "DELETE FROM digest_papers WHERE profile = ? AND day = ?").bind(1, profile).bind(2, day).step();
    statement insert(db, "INSERT INTO digest_papers (profile, day, position, arxiv_id) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < arxiv_ids.size(); ++i) {
        insert.bind(1, profile).bind(2, day).bind(3, static_cast<long long>(i + 1)).bind(4, arxiv_ids[i]);
        insert.step();
        insert.reset();
    }
}

}  // namespace

void sqlite_store::record_digest_papers(const std::string& profile, const std::string& day,
                                        const std::vector<std::string>& arxiv_ids) {
    auto c = conn();
    transaction tx(c);
    replace_history(c, profile, day, arxiv_ids);
    tx.commit();
}

std::optional<std::string> sqlite_store::load_digest(const digest_key& k) {
    auto c = conn();
    statement s(c, "SELECT body FROM digests WHERE day = ? AND profile = ? AND language = ?");
    s.bind(1, k.day).bind(2, k.profile).bind(3, k.language);
    if (!s.step()) return std::nullopt;
    return s.column_text(0);
}

void sqlite_store::save_digest(const digest_key& k, int papers, const std::string& json,
                               const std::vector<std::string>* history) {
    auto c = conn();
    transaction tx(c);
    statement(c,
              "INSERT INTO digests (day, profile, language, papers, body) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (day, profile, language) DO UPDATE SET papers = excluded.papers, body = excluded.body, "
              "created_at = excluded.created_at")
        .bind(1, k.day)
        .bind(2, k.profile)
        .bind(3, k.language)
        .bind(4, static_cast<long long>(papers))
        .bind(5, json)
        .step();
    if (history) replace_history(c, k.profile, k.day, *history);
    tx.commit();
}

std::vector<digest_row> sqlite_store::list_digests(int limit) {
    auto c = conn();
    statement s(c,
                "SELECT day, profile, language, papers, created_at FROM digests "
                "ORDER BY day DESC, profile, language LIMIT ?");
    s.bind(1, static_cast<long long>(limit));
    std::vector<digest_row> rows;
    while (s.step())
        rows.push_back(
            {{s.column_text(0), s.column_text(1), s.column_text(2)}, static_cast<int>(s.column_int(3)), s.column_text(4)});
    return rows;
}

std::optional<std::string> sqlite_store::load_summary(const summary_key& k) {
    auto c = conn();
    statement s(c, "SELECT body FROM summaries WHERE arxiv_id = ? AND model = ? AND language = ? AND prompt_version = ?");
    s.bind(1, k.arxiv_id).bind(2, k.model).bind(3, k.language).bind(4, k.prompt_version);
    if (!s.step()) return std::nullopt;
    return s.column_text(0);
}

void sqlite_store::save_summary(const summary_key& k, const std::string& text) {
    statement(conn(),
              "INSERT OR REPLACE INTO summaries (arxiv_id, model, language, prompt_version, body) VALUES (?, ?, ?, ?, ?)")
        .bind(1, k.arxiv_id)
        .bind(2, k.model)
        .bind(3, k.language)
        .bind(4, k.prompt_version)
        .bind(5, text)
        .step();
}

}  // namespace paperboy::store

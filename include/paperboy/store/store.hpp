#pragma once
// The persistence interface. SQLite implements it for one process; PostgreSQL will implement the
// same interface for several replicas. Methods are blocking: call them through store::database,
// which runs them on a worker pool, never on an I/O thread.
//
// Errors: store_error for anything the database refuses or cannot do (unreachable, locked, corrupt).
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace paperboy::store {

struct store_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct digest_key {
    std::string day;  // YYYY-MM-DD
    std::string profile;
    std::string language;
};

struct digest_row {
    digest_key key;
    int papers = 0;
    std::string created_at;  // RFC 3339, UTC
};

struct summary_key {
    std::string arxiv_id;  // version-less
    std::string model;     // summarizer id: "anthropic:claude-sonnet-4-5", "extractive"
    std::string language;
    std::string prompt_version;
};

// One outbound chat post. It is written before it is sent; a crash between the two re-sends it.
struct outbox_item {
    std::int64_t id = 0;
    std::string platform;  // "slack", "discord"
    std::string channel;
    std::string thread;           // parent message id for a thread reply, else empty
    std::string payload;          // the request body, ready to send
    std::string idempotency_key;  // unique: enqueueing the same key twice yields the first item
    std::string state = "pending";  // pending | sent | failed
    int attempts = 0;
    std::string remote_id;  // the platform's message id (Slack ts) once sent
    std::string last_error;
};

class store {
public:
    virtual ~store() = default;

    // "sqlite" or "postgresql".
    virtual std::string backend() const = 0;

    // Applies every migration newer than the database's version, each in its own transaction.
    // Returns how many were applied.
    virtual int migrate() = 0;
    // The newest applied migration (0 for an empty database).
    virtual int schema_version() = 0;
    // The newest migration this build knows.
    virtual int latest_schema_version() const = 0;
    // Throws store_error when the database cannot answer a trivial query.
    virtual void ping() = 0;

    // History: the version-less arXiv ids that `profile`'s digests carried on days before `before_day`
    // (YYYY-MM-DD). Days before, not any day: the same day's digest in another language, or a
    // rebuild of it, must be free to carry the same papers.
    virtual std::set<std::string> posted_papers(const std::string& profile, const std::string& before_day) = 0;
    // Records the papers of `profile`'s digest for `day` (YYYY-MM-DD) in order (1-based positions).
    // Replaces what was recorded for that day, so rebuilding a day does not add duplicates.
    virtual void record_digest_papers(const std::string& profile, const std::string& day,
                                      const std::vector<std::string>& arxiv_ids) = 0;

    // Built digests, stored as their JSON form (render::to_json), one per (day, profile, language).
    virtual std::optional<std::string> load_digest(const digest_key& key) = 0;
    virtual void save_digest(const digest_key& key, int papers, const std::string& json) = 0;
    // The newest `limit` digests, newest first.
    virtual std::vector<digest_row> list_digests(int limit) = 0;

    // Summaries paid for once per (paper, model, language, prompt version).
    virtual std::optional<std::string> load_summary(const summary_key& key) = 0;
    virtual void save_summary(const summary_key& key, const std::string& text) = 0;

    // Outbox. enqueue returns the stored item: a new one, or the existing one with the same key
    // (whatever its state), so a retried request never posts twice.
    virtual outbox_item enqueue(const outbox_item& item) = 0;
    virtual void mark_sent(std::int64_t id, const std::string& remote_id) = 0;
    // Counts an attempt; `final` moves the item to failed (it will not be retried).
    virtual void mark_attempt_failed(std::int64_t id, const std::string& error, bool final) = 0;
    virtual std::vector<outbox_item> pending_outbox(int limit) = 0;

    // Which digest a posted chat message shows, so replies in its thread can name its papers.
    virtual void remember_digest_message(const std::string& platform, const std::string& channel,
                                         const std::string& message_id, const digest_key& digest) = 0;
    virtual std::optional<digest_key> digest_for_message(const std::string& platform, const std::string& channel,
                                                         const std::string& message_id) = 0;

    // True the first time (platform, event_id) is seen; false for a redelivery.
    virtual bool first_delivery(const std::string& platform, const std::string& event_id) = 0;
};

// Opens the store named by a database URL ("sqlite:var/paperboy.db"). Creates the SQLite file and its
// directory when missing. Throws store_error with a message naming the URL (never its password).
std::unique_ptr<store> open_store(const std::string& url);

}  // namespace paperboy::store

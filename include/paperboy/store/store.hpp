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
    bool operator==(const digest_key&) const = default;
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

// One outbound chat message (DESIGN.md "Every outbound post goes through the outbox"). Written first
// (with whatever caused it, in one transaction), claimed by a delivery worker, sent, and marked.
// States (docs/delivery.md):
//   pending --claim--> claimed (owner, lease_until) --> sent | failed | pending (retry later)
//                                                  \--> unknown (the request may have arrived)
// An `unknown` row, and a `claimed` row whose lease expired (its owner died mid-send), is claimed
// again with `unclear` set: the worker first looks for it on the platform, and sends only when it
// is not there. The attempt is counted when the row is claimed, before anything goes out.
struct outbox_item {
    std::int64_t id = 0;
    std::string platform;  // port name: "slack", "slack-response" (a response_url), "discord"
    std::string channel;   // the conversation (or the response_url for "slack-response")
    std::string thread;    // parent message id for a thread reply, else empty
    std::string payload;   // the message as the port rendered it (a JSON object)
    std::string idempotency_key;  // unique: enqueueing the same key twice yields the first item
    // The key of the row whose message starts the thread this one replies in: the row waits until
    // that one is sent and takes its message id as `thread`; if that one failed, so does this one.
    std::string parent_key;
    std::optional<digest_key> shows;  // the digest this message shows: remembered when it is sent
    std::string requester;            // where to tell the person who asked when it fails for good
    std::string language;             // of that note
    std::string state = "pending";    // pending | claimed | sent | failed | unknown
    int attempts = 0;
    bool unclear = false;  // an earlier attempt may have reached the platform
    std::string owner;
    std::int64_t lease_until = 0;      // unix ms
    std::int64_t next_attempt_at = 0;  // unix ms
    std::string remote_id;             // the platform's message id (Slack ts) once sent
    std::string last_error;
};

// A delivery worker's claim: up to `limit` due rows, at most one per conversation (so a channel's
// messages go out in order), leased to `owner` until now + lease. The worker decides what to do
// with a row claimed too often (delivery.max_attempts).
struct outbox_claim {
    std::string owner;
    std::int64_t now_ms = 0;
    std::int64_t lease_ms = 60'000;
    int limit = 16;
};

// Per-channel settings; empty fields fall back to the configuration.
struct channel_settings {
    std::string platform, workspace, channel;
    std::string profile, language, layout;
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
    // Stores the digest and, when `history` is given, records its papers (record_digest_papers) in
    // the same transaction.
    virtual void save_digest(const digest_key& key, int papers, const std::string& json,
                             const std::vector<std::string>* history = nullptr) = 0;
    // The newest `limit` digests, newest first.
    virtual std::vector<digest_row> list_digests(int limit) = 0;

    // Summaries paid for once per (paper, model, language, prompt version).
    virtual std::optional<std::string> load_summary(const summary_key& key) = 0;
    virtual void save_summary(const summary_key& key, const std::string& text) = 0;

    // Outbox. enqueue stores every item (one transaction) and returns the stored rows: new ones, or
    // the existing ones with the same keys (whatever their state), so a retried request never posts
    // twice.
    virtual std::vector<outbox_item> enqueue(const std::vector<outbox_item>& items) = 0;
    // Marks (platform, event_id) processed and enqueues `items` in one transaction. False, and
    // nothing enqueued, when the event was already processed.
    virtual bool enqueue_for_event(const std::string& platform, const std::string& event_id,
                                   const std::vector<outbox_item>& items) = 0;
    // Claims due rows (see outbox_claim); rows of conversations with an older unfinished row wait.
    virtual std::vector<outbox_item> claim_outbox(const outbox_claim& claim) = 0;
    // The marks below change the row only while `owner` still holds its claim; false otherwise
    // (the lease ran out and someone else took it). mark_sent also remembers `shows`.
    virtual bool mark_sent(std::int64_t id, const std::string& owner, const std::string& remote_id) = 0;
    // Back to pending (or unknown when `unclear`: the request may have arrived) until
    // `next_attempt_at`. `refund_attempt`: the platform surely did not act (a rate limit, a row
    // given back unsent), so the attempt does not count towards max_attempts.
    virtual bool mark_retry(std::int64_t id, const std::string& owner, const std::string& error,
                            std::int64_t next_attempt_at, bool unclear, bool refund_attempt = false) = 0;
    virtual bool mark_failed(std::int64_t id, const std::string& owner, const std::string& error) = 0;
    // Hands back the rows `owner` holds (shutdown): a row that may have been sent becomes unknown.
    virtual int release_claims(const std::string& owner) = 0;
    // Every row, oldest first (operators, tests), optionally only those in `state`.
    virtual std::vector<outbox_item> list_outbox(const std::string& state, int limit) = 0;
    // Deletes sent and failed rows and processed events older than `before` (RFC 3339 UTC).
    virtual int prune(const std::string& before) = 0;

    // Channel settings (profile, language, layout).
    virtual std::optional<channel_settings> load_channel_settings(const std::string& platform,
                                                                  const std::string& workspace,
                                                                  const std::string& channel) = 0;
    virtual void save_channel_settings(const channel_settings& settings) = 0;

    // Digest builds are claimed, so two callers (two replicas) never build the same digest: true
    // when `owner` now holds the build of `key` (it was free, expired, or already its own).
    virtual bool claim_digest_build(const digest_key& key, const std::string& owner, std::int64_t now_ms,
                                    std::int64_t lease_ms) = 0;
    virtual void release_digest_build(const digest_key& key, const std::string& owner) = 0;

    // Owners that hold outbox rows or digest builds now (to recover those of a dead process).
    virtual std::vector<std::string> claim_owners() = 0;
    // Drops every digest build `owner` holds.
    virtual int release_digest_builds(const std::string& owner) = 0;

    // Which digest a posted chat message shows, so replies in its thread can name its papers.
    virtual void remember_digest_message(const std::string& platform, const std::string& channel,
                                         const std::string& message_id, const digest_key& digest) = 0;
    virtual std::optional<digest_key> digest_for_message(const std::string& platform, const std::string& channel,
                                                         const std::string& message_id) = 0;

    // Whether (platform, event_id) was processed (its answer is in the outbox, or it needed none).
    virtual bool event_processed(const std::string& platform, const std::string& event_id) = 0;
};

// Opens the store named by a database URL ("sqlite:var/paperboy.db"). Creates the SQLite file and its
// directory when missing. Throws store_error with a message naming the URL (never its password).
std::unique_ptr<store> open_store(const std::string& url);

}  // namespace paperboy::store

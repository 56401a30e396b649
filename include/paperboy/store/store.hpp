#pragma once
// The persistence interface. SQLite implements it for one process; PostgreSQL will implement the
// same interface for several replicas. Methods are blocking: call them through store::database,
// which runs them on a worker pool, never on an I/O thread.
//
// Errors: store_error for anything the database refuses or cannot do (unreachable, locked, corrupt).
#include <cstdint>
#include <functional>
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

// A scheduled digest for one place: a channel, or the web archive (platform "archive"). At most one
// per (platform, workspace, channel). `next_run_at` and `next_local_date` name the next fire; the
// scheduler computes them (time zones are not the database's business).
struct subscription {
    std::int64_t id = 0;
    std::string platform, workspace, channel;
    std::string time = "08:00";  // HH:MM, local
    std::string time_zone;       // IANA name
    std::string language;        // empty: the channel's
    std::string profile;         // empty: the channel's
    unsigned weekdays = 0b0111110;  // bit 0 = Sunday (schedule::weekday_set); default Monday–Friday
    bool quiet_empty_days = false;  // post nothing on a day with nothing new
    std::string origin;             // chat | config | cli | archive
    std::int64_t next_run_at = 0;   // unix ms
    std::string next_local_date;    // YYYY-MM-DD in time_zone
};

// One run of a subscription: one row per (subscription, local date), so a run can never fire twice.
//   due --claim--> claimed (owner, lease) --> done | skipped | failed
//                                        \--> due again (not_before): waiting for a source, or a
//                                             posted partial digest whose missing papers may follow
// A claimed run whose lease ran out (its owner died) is claimed again; its posts have fixed
// idempotency keys, so doing it again never posts twice. `attempts` counts claims since the run
// last ended or was postponed (a run that keeps failing is given up).
struct schedule_run {
    subscription sub;  // the subscription as it is now
    std::string local_date;
    std::int64_t scheduled_at = 0;  // unix ms
    std::string state = "due";      // due | claimed | done | skipped | failed
    std::string phase = "post";     // post: the digest is not posted yet; follow_up: it was, partial
    int attempts = 0;
    std::string owner;
    std::int64_t lease_until = 0;
    std::int64_t not_before = 0;
    std::string outcome;     // what happened, in a few words (logs, `subscriptions list`)
    std::string digest_day;  // the digest it posted (YYYY-MM-DD), once posted
    int posted = 0;          // how many of that digest's entries were posted
};

struct schedule_claim {
    std::string owner;
    std::int64_t now_ms = 0;
    std::int64_t lease_ms = 60'000;
    int limit = 64;
};

// The scheduler's answer for a due subscription: the run to create (the latest fire not after now)
// and the subscription's next fire after that.
struct schedule_slot {
    std::int64_t run_at = 0;
    std::string run_local_date;
    std::int64_t next_at = 0;
    std::string next_local_date;
};
using schedule_advance = std::function<schedule_slot(const subscription&, std::int64_t now_ms)>;

// How a claimed run ends (finish_schedule_run).
struct schedule_result {
    std::string state;  // done | skipped | failed | due (again, after not_before)
    std::string phase = "post";
    std::int64_t not_before = 0;
    std::string outcome;
    std::string digest_day;
    int posted = 0;
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

    // Owners that hold outbox rows, digest builds or schedule runs now (to recover those of a dead process).
    virtual std::vector<std::string> claim_owners() = 0;
    // Drops every digest build `owner` holds.
    virtual int release_digest_builds(const std::string& owner) = 0;

    // Which digest a posted chat message shows, so replies in its thread can name its papers.
    virtual void remember_digest_message(const std::string& platform, const std::string& channel,
                                         const std::string& message_id, const digest_key& digest) = 0;
    virtual std::optional<digest_key> digest_for_message(const std::string& platform, const std::string& channel,
                                                         const std::string& message_id) = 0;

    // Subscriptions. save_subscription inserts or replaces the one of (platform, workspace, channel)
    // and returns it with its id.
    virtual subscription save_subscription(const subscription& s) = 0;
    virtual bool remove_subscription(const std::string& platform, const std::string& workspace,
                                     const std::string& channel) = 0;
    // The channel's subscription: the one of (platform, workspace, channel), else one of the same
    // channel where either side names no workspace (the configuration and the CLI may not know a
    // Slack team id; chat always does).
    virtual std::optional<subscription> load_subscription(const std::string& platform, const std::string& workspace,
                                                          const std::string& channel) = 0;
    virtual std::vector<subscription> list_subscriptions() = 0;
    // The earliest next_run_at of all subscriptions (unix ms), 0 when there are none.
    virtual std::int64_t earliest_next_run() = 0;

    // In one transaction: every subscription due at claim.now_ms gets its run (from `advance`;
    // nothing new when that run exists already) and its next fire; then up to claim.limit runs
    // that are due (not_before passed) or whose claim expired are claimed for claim.owner, oldest
    // first. Runs of removed subscriptions are not claimed.
    virtual std::vector<schedule_run> claim_schedule_runs(const schedule_claim& claim,
                                                          const schedule_advance& advance) = 0;
    // Ends (or postpones) a run `owner` holds and enqueues `posts`, in one transaction. False, and
    // nothing enqueued, when the claim is no longer owner's.
    virtual bool finish_schedule_run(std::int64_t subscription_id, const std::string& local_date,
                                     const std::string& owner, const schedule_result& result,
                                     const std::vector<outbox_item>& posts) = 0;
    // Hands back the runs `owner` holds (shutdown, a dead process): due again at once.
    virtual int release_schedule_runs(const std::string& owner) = 0;
    // The newest `limit` runs, newest first (operators, tests), optionally of one subscription.
    virtual std::vector<schedule_run> list_schedule_runs(std::int64_t subscription_id, int limit) = 0;

    // Whether (platform, event_id) was processed (its answer is in the outbox, or it needed none).
    virtual bool event_processed(const std::string& platform, const std::string& event_id) = 0;
};

// Opens the store named by a database URL ("sqlite:var/paperboy.db"). Creates the SQLite file and its
// directory when missing. Throws store_error with a message naming the URL (never its password).
std::unique_ptr<store> open_store(const std::string& url);

}  // namespace paperboy::store

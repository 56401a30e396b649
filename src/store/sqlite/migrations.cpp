#include "paperboy/store/migrations.hpp"

namespace paperboy::store {
namespace {

constexpr migration all[] = {
    {1, "digest history",
     R"sql(
CREATE TABLE digest_papers (
    profile   TEXT NOT NULL,
    day       TEXT NOT NULL,            -- YYYY-MM-DD of the digest that carried the paper
    position  INTEGER NOT NULL,         -- 1-based number in that digest
    arxiv_id  TEXT NOT NULL,            -- version-less
    PRIMARY KEY (profile, day, position)
);
CREATE INDEX digest_papers_by_paper ON digest_papers (profile, arxiv_id);
)sql"},
    {2, "digests and summaries",
     R"sql(
CREATE TABLE digests (
    day        TEXT NOT NULL,
    profile    TEXT NOT NULL,
    language   TEXT NOT NULL,
    papers     INTEGER NOT NULL,
    body       TEXT NOT NULL,            -- the digest's JSON form
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (day, profile, language)
);
CREATE TABLE summaries (
    arxiv_id       TEXT NOT NULL,
    model          TEXT NOT NULL,
    language       TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (arxiv_id, model, language, prompt_version)
);
)sql"},
    {3, "chat outbox, digest messages and processed events",
     R"sql(
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    platform        TEXT NOT NULL,
    channel         TEXT NOT NULL,
    thread          TEXT NOT NULL DEFAULT '',
    payload         TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL DEFAULT 'pending',   -- pending | sent | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    remote_id       TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    sent_at         TEXT
);
CREATE INDEX outbox_pending ON outbox (state, id);
CREATE TABLE digest_messages (
    platform   TEXT NOT NULL,
    channel    TEXT NOT NULL,
    message_id TEXT NOT NULL,
    day        TEXT NOT NULL,
    profile    TEXT NOT NULL,
    language   TEXT NOT NULL,
    PRIMARY KEY (platform, channel, message_id)
);
CREATE TABLE processed_events (
    platform    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (platform, event_id)
);
)sql"},
    {4, "outbox claims and leases, channel settings, digest build claims",
     R"sql(
ALTER TABLE outbox ADD COLUMN parent_key TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN shows_day TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN shows_profile TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN shows_language TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN requester TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN unclear INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;      -- unix ms
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;  -- unix ms
CREATE INDEX outbox_by_conversation ON outbox (platform, channel, state, id);
CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);
CREATE TABLE channel_settings (
    platform   TEXT NOT NULL,
    workspace  TEXT NOT NULL,
    channel    TEXT NOT NULL,
    profile    TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    layout     TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (platform, workspace, channel)
);
CREATE TABLE digest_builds (
    day         TEXT NOT NULL,
    profile     TEXT NOT NULL,
    language    TEXT NOT NULL,
    owner       TEXT NOT NULL,
    lease_until INTEGER NOT NULL,  -- unix ms
    PRIMARY KEY (day, profile, language)
);
)sql"},
    {5, "subscriptions, schedule runs, covering indexes for outbox claims",
     R"sql(
CREATE TABLE subscriptions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
    platform         TEXT NOT NULL,
    workspace        TEXT NOT NULL,
    channel          TEXT NOT NULL,
    time_of_day      TEXT NOT NULL,            -- HH:MM, local
    time_zone        TEXT NOT NULL,            -- IANA name
    language         TEXT NOT NULL DEFAULT '',
    profile          TEXT NOT NULL DEFAULT '',
    weekdays         INTEGER NOT NULL,         -- bit 0 = Sunday
    quiet_empty_days INTEGER NOT NULL DEFAULT 0,
    origin           TEXT NOT NULL,            -- chat | config | cli | archive
    next_run_at      INTEGER NOT NULL,         -- unix ms
    next_local_date  TEXT NOT NULL,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (platform, workspace, channel)
);
CREATE INDEX subscriptions_due ON subscriptions (next_run_at);
CREATE INDEX subscriptions_by_channel ON subscriptions (platform, channel);
CREATE TABLE schedule_runs (
    subscription_id INTEGER NOT NULL,
    local_date      TEXT NOT NULL,
    scheduled_at    INTEGER NOT NULL,          -- unix ms
    state           TEXT NOT NULL DEFAULT 'due',
    phase           TEXT NOT NULL DEFAULT 'post',
    attempts        INTEGER NOT NULL DEFAULT 0,
    owner           TEXT NOT NULL DEFAULT '',
    lease_until     INTEGER NOT NULL DEFAULT 0,
    not_before      INTEGER NOT NULL DEFAULT 0,
    outcome         TEXT NOT NULL DEFAULT '',
    digest_day      TEXT NOT NULL DEFAULT '',
    posted          INTEGER NOT NULL DEFAULT 0,   -- digest entries posted so far
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (subscription_id, local_date)
);
CREATE INDEX schedule_runs_by_state ON schedule_runs (state, not_before);
-- Claims read only these indexes, never the rows (whose payloads come before these columns).
CREATE INDEX outbox_open ON outbox (state, platform, channel, id, next_attempt_at, lease_until, parent_key);
CREATE INDEX outbox_key_state ON outbox (idempotency_key, state, remote_id);
)sql"},
};

}  // namespace

std::span<const migration> sqlite_migrations() { return all; }

}  // namespace paperboy::store

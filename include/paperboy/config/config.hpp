#pragma once
// paperboy's configuration: typed structs with the defaults documented in config/README.md.
// Sources, in order: built-in defaults, the JSON file (--config or $PAPERBOY_CONFIG), environment
// variables (CONTRACT.md). Secrets come only from the environment or NAME_FILE, never the file.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "paperboy/net/settings.hpp"
#include "paperboy/pipeline/profile.hpp"

namespace paperboy::config {

// Thrown for any bad configuration; what() names the key's path ("server.io_threads: expected integer").
struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A secret value: never printed, only revealed where it is used.
class secret {
public:
    secret() = default;
    explicit secret(std::string value) : value_(std::move(value)) {}
    const std::string& reveal() const { return value_; }
    bool empty() const { return value_.empty(); }

private:
    std::string value_;
};

using net::http_client_config;
using net::server_config;
using net::upstream_config;

struct database_config {
    std::string url = "sqlite:var/paperboy.db";
    int workers = 2;  // threads for blocking database work
};

struct log_config {
    std::string level = "info";
    std::string format = "text";  // text | json
};

struct summarizer_config {
    std::string kind;  // anthropic | openai | extractive; empty = chosen from the keys present
    std::string model;
    std::string language = "en";
    int concurrency = 4;      // summaries computed at once while a digest is built
    std::string prompts_dir;  // overrides the built-in prompt templates (<dir>/<lang>.txt); empty: built-in
};

struct slack_config {
    std::vector<std::string> response_hosts{"hooks.slack.com"};
    std::string layout = "full";  // full: papers' full texts in the digest's thread; compact: on request
    int socket_connections = 2;   // Socket Mode connections kept open (with SLACK_APP_TOKEN), 1-10
};

struct discord_config {
    std::string layout = "full";  // as slack.layout, for Discord channels
    bool gateway = true;          // with DISCORD_BOT_TOKEN: connect the Gateway (thread replies, mentions)
    bool message_content = true;  // request the privileged MESSAGE_CONTENT intent (must be on in the portal)
};

// Where chat questions are answered from.
struct chat_config {
    int max_backfill_days = 30;  // a chat request builds digests at most this many days back; older: stored only
};

struct digest_config {
    std::chrono::milliseconds retry_partial_after{30 * 60'000};  // a digest built while a source failed is rebuilt after
    std::chrono::milliseconds build_lease{15 * 60'000};          // a digest build's claim in the store lasts this long
};

// The outbox's delivery workers (README "How a post is delivered").
struct delivery_config {
    std::chrono::milliseconds lease{120'000};       // a claimed row is taken again by anyone after this
    std::chrono::milliseconds poll_interval{1'000}; // how often the store is asked for due rows when nothing wakes the worker
    int max_attempts = 5;                           // claims of one row before it fails ("gave up")
    int batch = 64;                                 // rows claimed at once (at most one per conversation)
    int concurrency = 2048;                          // rows in flight at once (channels served side by side)
    std::chrono::milliseconds backoff_base{1'000};  // first retry delay; doubles per attempt
    std::chrono::milliseconds backoff_max{300'000};
};

// Scheduled digests (README "Morning digests").
struct schedule_config {
    std::chrono::milliseconds catch_up{6 * 3'600'000};     // a run missed by at most this is delivered late; older: skipped
    std::chrono::milliseconds source_wait{2 * 3'600'000};  // a source down at run time is waited for this long
    std::chrono::milliseconds source_retry{120'000};       // first retry while waiting for a source; doubles
    std::chrono::milliseconds poll_interval{30'000};       // how often due runs are looked for
    std::chrono::milliseconds lease{15 * 60'000};          // a claimed run is taken again by anyone after this
    int concurrency = 128;                                 // runs worked on at once
};

// A subscription declared in the file (`subscriptions: [...]`); chat and the CLI add others.
struct subscription_config {
    std::string platform;   // slack | discord
    std::string workspace;  // Slack team id / Discord guild id; empty when one workspace is served
    std::string channel;
    std::string time = "08:00";
    std::string time_zone;  // empty: the configured time_zone
    std::string language;   // empty: the channel's
    std::string profile;    // empty: the channel's
    std::string weekdays = "mon-fri";
    bool quiet_empty_days = false;
};

// The web archive as a subscriber: the day's digest is built on schedule and published on / and
// /feed.atom even with no chat connected.
struct archive_config {
    bool enabled = true;
    std::string time = "08:00";  // in time_zone
    std::string weekdays = "mon-fri";
};

struct store_config {
    int retention_days = 30;  // sent/failed outbox rows and processed events are deleted after this
};

struct secrets {
    std::optional<secret> slack_signing_secret, slack_bot_token, slack_app_token;
    std::optional<secret> discord_public_key, discord_bot_token, discord_application_id;
    std::optional<secret> anthropic_api_key, openai_api_key, semantic_scholar_api_key, hf_token;
};

struct config {
    std::string time_zone = "UTC";  // IANA zone that decides which calendar day "today" is
    std::map<std::string, pipeline::profile> profiles;  // by name; defaults: {"llm"}
    std::string default_profile = "llm";
    server_config server;
    database_config database;
    log_config log;
    http_client_config http_client;
    std::map<std::string, upstream_config> upstreams;  // arxiv, huggingface, semantic_scholar, ...
    summarizer_config summarizer;
    slack_config slack;
    discord_config discord;
    chat_config chat;
    digest_config digest;
    delivery_config delivery;
    schedule_config schedule;
    std::vector<subscription_config> subscriptions;
    archive_config archive;
    store_config store;
    secrets secret;

    const upstream_config& upstream(const std::string& name) const { return upstreams.at(name); }
};

using environment = net::environment;

// The built-in defaults (what paperboy runs on with no file and no environment).
config defaults();

// Applies a JSON document over `cfg`. Unknown keys and wrongly typed values throw config_error.
void apply_json(config& cfg, std::string_view json_text, const std::string& origin);

// Applies PAPERBOY_* variables and reads secrets (NAME or NAME_FILE) from `env`.
void apply_environment(config& cfg, const environment& env);

// Checks cross-field rules and value ranges; throws config_error naming the key.
void validate(const config& cfg);

// defaults() + file (explicit path, else env PAPERBOY_CONFIG, else none) + environment + validate.
config load(const std::optional<std::string>& file, const environment& env);

// The process environment as a map.
environment process_environment();

}  // namespace paperboy::config

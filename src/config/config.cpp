#include <boost/url/parse.hpp>
#include <date/tz.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "listen.hpp"
#include "paperboy/schedule/timing.hpp"

extern char** environ;

namespace paperboy::config {
namespace {

std::string read_file(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw config_error(what + ": cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::vector<std::string> log_levels = {"trace", "debug", "info", "warn", "error", "critical", "off"};

std::optional<std::string> lookup(const environment& env, const std::string& name) {
    auto it = env.find(name);
    if (it == env.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

// NAME, else the contents of the file NAME_FILE (trailing newlines dropped, as editors add them).
std::optional<secret> read_secret(const environment& env, const std::string& name) {
    if (auto v = lookup(env, name)) return secret(*v);
    if (auto path = lookup(env, name + "_FILE")) {
        auto text = read_file(*path, name + "_FILE");
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        if (text.empty()) throw config_error(name + "_FILE: " + *path + " is empty");
        return secret(std::move(text));
    }
    return std::nullopt;
}

void check_url(const std::string& path, const std::string& url) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https") || parsed->host().empty())
        throw config_error(path + ": expected an http:// or https:// URL, got \"" + url + "\"");
}

}  // namespace

void parse_listen(const std::string& text, server_config& server, const std::string& path) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        throw config_error(path + ": expected host:port, got \"" + text + "\"");
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string port = text.substr(colon + 1);
    if (!std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) || port.size() > 5 ||
        std::stoi(port) > 65535)
        throw config_error(path + ": port must be a number from 0 to 65535, got \"" + port + "\"");
    server.host = host;
    server.port = static_cast<unsigned short>(std::stoi(port));
}

config defaults() {
    config cfg;
    cfg.profiles.emplace("llm", pipeline::default_llm_profile());
    cfg.http_client.user_agent = std::string("paperboy/") + PAPERBOY_VERSION + " (LLM paper digests for team chat)";
    using std::chrono::milliseconds;
    cfg.upstreams = {
        // arXiv's terms: one connection at a time, at least 3 s between requests.
        {"arxiv", {"https://export.arxiv.org", milliseconds(60'000), milliseconds(3'000), 1, 3}},
        {"huggingface", {"https://huggingface.co", milliseconds(30'000), milliseconds(0), 4, 3}},
        // Semantic Scholar: 1 request per second with a key; exponential backoff on 429 required.
        {"semantic_scholar", {"https://api.semanticscholar.org", milliseconds(30'000), milliseconds(1'000), 1, 5}},
        {"anthropic", {"https://api.anthropic.com", milliseconds(120'000), milliseconds(0), 4, 4}},
        {"openai", {"https://api.openai.com/v1", milliseconds(120'000), milliseconds(0), 4, 4}},
        {"slack", {"https://slack.com/api", milliseconds(15'000), milliseconds(0), 4, 3}},
        {"discord", {"https://discord.com/api/v10", milliseconds(15'000), milliseconds(0), 4, 3}},
    };
    return cfg;
}

void apply_environment(config& cfg, const environment& env) {
    if (auto v = lookup(env, "PAPERBOY_LISTEN")) parse_listen(*v, cfg.server, "PAPERBOY_LISTEN");
    if (auto v = lookup(env, "PAPERBOY_DATABASE")) cfg.database.url = *v;
    if (auto v = lookup(env, "PAPERBOY_LANGUAGE")) cfg.summarizer.language = *v;
    if (auto v = lookup(env, "PAPERBOY_SUMMARIZER")) cfg.summarizer.kind = *v;
    if (auto v = lookup(env, "PAPERBOY_MODEL")) cfg.summarizer.model = *v;
    if (auto v = lookup(env, "PAPERBOY_LOG_FORMAT")) cfg.log.format = *v;
    if (auto v = lookup(env, "PAPERBOY_LOG_LEVEL")) cfg.log.level = *v;
    if (auto v = lookup(env, "PAPERBOY_TIME_ZONE")) cfg.time_zone = *v;
    const std::pair<const char*, const char*> urls[] = {
        {"PAPERBOY_ARXIV_URL", "arxiv"},         {"PAPERBOY_HF_URL", "huggingface"},
        {"PAPERBOY_S2_URL", "semantic_scholar"}, {"PAPERBOY_ANTHROPIC_URL", "anthropic"},
        {"PAPERBOY_OPENAI_URL", "openai"},       {"PAPERBOY_SLACK_URL", "slack"},
        {"PAPERBOY_DISCORD_URL", "discord"},
    };
    for (const auto& [var, name] : urls)
        if (auto v = lookup(env, var)) cfg.upstreams[name].base_url = *v;
    if (auto v = lookup(env, "PAPERBOY_SLACK_RESPONSE_HOSTS")) {
        cfg.slack.response_hosts.clear();
        std::stringstream ss(*v);
        for (std::string host; std::getline(ss, host, ',');) {
            host.erase(0, host.find_first_not_of(' '));
            host.erase(host.find_last_not_of(' ') + 1);
            if (!host.empty()) cfg.slack.response_hosts.push_back(host);
        }
    }
    auto& s = cfg.secret;
    s.slack_signing_secret = read_secret(env, "SLACK_SIGNING_SECRET");
    s.slack_bot_token = read_secret(env, "SLACK_BOT_TOKEN");
    s.slack_app_token = read_secret(env, "SLACK_APP_TOKEN");
    s.discord_public_key = read_secret(env, "DISCORD_PUBLIC_KEY");
    s.discord_bot_token = read_secret(env, "DISCORD_BOT_TOKEN");
    s.discord_application_id = read_secret(env, "DISCORD_APPLICATION_ID");
    s.anthropic_api_key = read_secret(env, "ANTHROPIC_API_KEY");
    s.openai_api_key = read_secret(env, "OPENAI_API_KEY");
    s.semantic_scholar_api_key = read_secret(env, "SEMANTIC_SCHOLAR_API_KEY");
    s.hf_token = read_secret(env, "HF_TOKEN");
    for (auto& [name, p] : cfg.profiles)
        if (p.language.empty()) p.language = cfg.summarizer.language;
    if (cfg.summarizer.kind.empty())
        cfg.summarizer.kind = s.anthropic_api_key ? "anthropic" : s.openai_api_key ? "openai" : "extractive";
    if (cfg.summarizer.model.empty() && cfg.summarizer.kind == "anthropic") cfg.summarizer.model = "claude-sonnet-4-5";
    if (cfg.summarizer.model.empty() && cfg.summarizer.kind == "openai") cfg.summarizer.model = "gpt-4o-mini";
}

namespace {

bool language_tag(const std::string& lang) {
    return !lang.empty() && lang.size() <= 16 &&
           std::all_of(lang.begin(), lang.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

template <class Require>
void validate_schedules(const config& cfg, Require require) {
    const auto& sc = cfg.schedule;
    require(sc.poll_interval.count() >= 100, "schedule.poll_interval_ms", "must be at least 100");
    require(sc.lease.count() >= 10'000, "schedule.lease_ms", "must be at least 10000");
    require(sc.concurrency >= 1 && sc.concurrency <= 256, "schedule.concurrency", "must be between 1 and 256");
    require(sc.source_retry.count() >= 1000, "schedule.source_retry_ms", "must be at least 1000");
    // A run that waits for a source must not be skipped as missed while it waits.
    require(sc.source_wait <= sc.catch_up, "schedule.source_wait_ms", "must not be longer than schedule.catch_up_ms");
    auto check_timing = [&](const std::string& path, const std::string& time, const std::string& weekdays) {
        require(schedule::parse_time_of_day(time).has_value(), path + ".time",
                "expected HH:MM between 00:00 and 23:59, got \"" + time + "\"");
        require(schedule::parse_weekdays(weekdays).has_value(), path + ".weekdays",
                "expected mon-fri, daily or a list such as mon,wed,fri; got \"" + weekdays + "\"");
    };
    check_timing("archive", cfg.archive.time, cfg.archive.weekdays);
    for (std::size_t i = 0; i < cfg.subscriptions.size(); ++i) {
        const auto& sub = cfg.subscriptions[i];
        const std::string path = "subscriptions[" + std::to_string(i) + "]";
        require(sub.platform == "slack" || sub.platform == "discord", path + ".platform", "expected slack or discord");
        require(!sub.channel.empty(), path + ".channel", "must name the channel (its id)");
        check_timing(path, sub.time, sub.weekdays);
        if (!sub.time_zone.empty() && !schedule::known_zone(sub.time_zone)) {
            std::string hint;
            for (const auto& z : schedule::close_zones(sub.time_zone)) hint += (hint.empty() ? " (did you mean " : ", ") + z;
            require(false, path + ".time_zone", "unknown time zone \"" + sub.time_zone + "\"" + (hint.empty() ? "" : hint + "?)"));
        }
        require(sub.profile.empty() || cfg.profiles.count(sub.profile), path + ".profile",
                "no profile named \"" + sub.profile + "\"");
        require(sub.language.empty() || language_tag(sub.language), path + ".language",
                "expected a language tag such as en or ja");
        for (std::size_t j = 0; j < i; ++j) {
            const auto& other = cfg.subscriptions[j];
            // A workspace left out matches any (as the store does).
            const bool same_workspace =
                other.workspace == sub.workspace || other.workspace.empty() || sub.workspace.empty();
            require(other.platform != sub.platform || !same_workspace || other.channel != sub.channel,
                    path + ".channel", "subscriptions[" + std::to_string(j) + "] already schedules this channel");
        }
    }
}

}  // namespace

void validate(const config& cfg) {
    auto require = [](bool ok, const std::string& path, const std::string& message) {
        if (!ok) throw config_error(path + ": " + message);
    };
    try {
        date::locate_zone(cfg.time_zone);
    } catch (const std::exception&) {
        throw config_error("time_zone: unknown time zone \"" + cfg.time_zone + "\" (expected an IANA name such as Asia/Tokyo)");
    }
    require(cfg.profiles.count(cfg.default_profile) == 1, "default_profile", "no profile named \"" + cfg.default_profile + "\"");
    for (const auto& [name, p] : cfg.profiles) {
        const std::string path = "profiles." + name;
        require(!p.categories.empty() || !p.strong_keywords.empty() || !p.include_keywords.empty(), path,
                "needs categories or keywords");
        require(p.lookback_days >= 1 && p.lookback_days <= 14, path + ".lookback_days", "must be between 1 and 14");
        require(p.papers >= 1 && p.papers <= 50, path + ".papers", "must be between 1 and 50");
        require(!p.language.empty(), path + ".language", "must not be empty");
        const auto& w = p.w;
        require(w.upvotes >= 0 && w.citations >= 0 && w.recency >= 0 && w.keyword >= 0 &&
                    w.upvotes + w.citations + w.recency + w.keyword > 0,
                path + ".weights", "must be non-negative and not all zero");
    }
    const auto& sv = cfg.server;
    require(sv.io_threads >= 1 && sv.io_threads <= 256, "server.io_threads", "must be between 1 and 256");
    require(sv.max_body_bytes >= 1024, "server.max_body_bytes", "must be at least 1024");
    require(sv.max_header_bytes >= 1024, "server.max_header_bytes", "must be at least 1024");
    require(sv.request_timeout.count() >= 100, "server.request_timeout_ms", "must be at least 100");
    require(sv.keep_alive_timeout.count() >= 100, "server.keep_alive_timeout_ms", "must be at least 100");
    require(sv.max_connections >= 1, "server.max_connections", "must be at least 1");
    const auto& db = cfg.database.url;
    require(db.starts_with("sqlite:") || db.starts_with("postgresql://") || db.starts_with("postgres://"),
            "database.url", "expected sqlite:PATH or a postgresql:// URI");
    require(!db.starts_with("sqlite:") || db.size() > 7, "database.url", "sqlite: needs a path");
    require(cfg.database.workers >= 1 && cfg.database.workers <= 64, "database.workers", "must be between 1 and 64");
    require(std::find(log_levels.begin(), log_levels.end(), cfg.log.level) != log_levels.end(), "log.level",
            "expected one of trace, debug, info, warn, error, critical, off");
    require(cfg.log.format == "text" || cfg.log.format == "json", "log.format", "expected text or json");
    require(!cfg.http_client.user_agent.empty(), "http_client.user_agent", "must not be empty");
    require(cfg.http_client.max_response_bytes >= 1024, "http_client.max_response_bytes", "must be at least 1024");
    for (const auto& [name, u] : cfg.upstreams) {
        const std::string path = "upstreams." + name;
        check_url(path + ".base_url", u.base_url);
        require(u.timeout.count() >= 1, path + ".timeout_ms", "must be at least 1");
        require(u.max_connections >= 1, path + ".max_connections", "must be at least 1");
        require(u.max_retries >= 0 && u.max_retries <= 20, path + ".max_retries", "must be between 0 and 20");
    }
    const auto& k = cfg.summarizer.kind;
    require(k == "anthropic" || k == "openai" || k == "extractive", "summarizer.kind",
            "expected anthropic, openai or extractive");
    require(cfg.summarizer.concurrency >= 1 && cfg.summarizer.concurrency <= 64, "summarizer.concurrency",
            "must be between 1 and 64");
    require(language_tag(cfg.summarizer.language), "summarizer.language", "expected a language tag such as en or ja");
    require(k != "anthropic" || cfg.secret.anthropic_api_key, "summarizer.kind",
            "anthropic needs ANTHROPIC_API_KEY in the environment");
    require(cfg.slack.layout == "full" || cfg.slack.layout == "compact", "slack.layout", "expected full or compact");
    require(cfg.slack.socket_connections >= 1 && cfg.slack.socket_connections <= 10, "slack.socket_connections",
            "must be between 1 and 10 (Slack allows 10 per app)");
    if (cfg.secret.slack_app_token)
        require(cfg.secret.slack_app_token->reveal().starts_with("xapp-"), "SLACK_APP_TOKEN",
                "expected an app-level token (xapp-...; Basic Information > App-Level Tokens), not a bot token");
    require(cfg.discord.layout == "full" || cfg.discord.layout == "compact", "discord.layout", "expected full or compact");
    require(cfg.chat.max_backfill_days >= 0 && cfg.chat.max_backfill_days <= 3650, "chat.max_backfill_days",
            "must be between 0 and 3650");
    require(cfg.digest.build_lease.count() >= 1000, "digest.build_lease_ms", "must be at least 1000");
    require(cfg.delivery.max_attempts >= 1 && cfg.delivery.max_attempts <= 100, "delivery.max_attempts",
            "must be between 1 and 100");
    require(cfg.delivery.batch >= 1 && cfg.delivery.batch <= 1000, "delivery.batch", "must be between 1 and 1000");
    require(cfg.delivery.concurrency >= 1 && cfg.delivery.concurrency <= 10000, "delivery.concurrency",
            "must be between 1 and 10000");
    require(cfg.delivery.poll_interval.count() >= 10, "delivery.poll_interval_ms", "must be at least 10");
    require(cfg.delivery.backoff_base.count() >= 1 && cfg.delivery.backoff_base <= cfg.delivery.backoff_max,
            "delivery.backoff_base_ms", "must be at least 1 and at most delivery.backoff_max_ms");
    // A claim must outlive the request it covers, or a second worker could send the same row while
    // the first is still waiting for Slack's answer.
    for (const char* chat : {"slack", "discord"}) {
        auto it = cfg.upstreams.find(chat);
        const bool used = chat == std::string("slack") || cfg.secret.discord_bot_token || cfg.secret.discord_public_key;
        if (it != cfg.upstreams.end() && used)
            require(cfg.delivery.lease >= it->second.timeout * 2, "delivery.lease_ms",
                    std::string("must be at least twice upstreams.") + chat + ".timeout_ms");
    }
    require(cfg.store.retention_days >= 1 && cfg.store.retention_days <= 3650, "store.retention_days",
            "must be between 1 and 3650");
    for (const auto& host : cfg.slack.response_hosts)
        require(!host.empty() && host.find_first_of("/ ") == std::string::npos, "slack.response_hosts",
                "expected host or host:port, got \"" + host + "\"");
    if (cfg.secret.discord_public_key) {
        const auto key = cfg.secret.discord_public_key->reveal();
        require(key.size() == 64 && key.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos,
                "DISCORD_PUBLIC_KEY", "expected the application's public key: 64 hexadecimal digits");
    }
    if (cfg.secret.discord_application_id) {
        const auto id = cfg.secret.discord_application_id->reveal();
        require(!id.empty() && id.find_first_not_of("0123456789") == std::string::npos, "DISCORD_APPLICATION_ID",
                "expected the application id (digits)");
    }
    validate_schedules(cfg, require);
}

config load(const std::optional<std::string>& file, const environment& env) {
    config cfg = defaults();
    std::optional<std::string> path = file;
    if (!path) path = lookup(env, "PAPERBOY_CONFIG");
    if (path) apply_json(cfg, read_file(*path, "config"), *path);
    apply_environment(cfg, env);
    validate(cfg);
    return cfg;
}

environment process_environment() {
    environment env;
    for (char** e = environ; e && *e; ++e) {
        std::string_view kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string_view::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return env;
}

}  // namespace paperboy::config

// The JSON file → config mapping. Every object is read by a reader that remembers which keys it
// consumed, so an unknown key (a typo, or a secret put in the file) is refused with its path.
#include <nlohmann/json.hpp>

#include <set>

#include "listen.hpp"

namespace paperboy::config {
namespace {

using json = nlohmann::json;

// Secrets that people may try to put in the file: say where they belong instead of "unknown key".
const std::map<std::string, std::string> secret_keys = {
    {"slack_signing_secret", "SLACK_SIGNING_SECRET"}, {"signing_secret", "SLACK_SIGNING_SECRET"},
    {"bot_token", "SLACK_BOT_TOKEN or DISCORD_BOT_TOKEN"}, {"app_token", "SLACK_APP_TOKEN"},
    {"public_key", "DISCORD_PUBLIC_KEY"}, {"api_key", "ANTHROPIC_API_KEY, OPENAI_API_KEY or SEMANTIC_SCHOLAR_API_KEY"},
    {"token", "the matching *_TOKEN environment variable"}, {"hf_token", "HF_TOKEN"},
};

class reader {
public:
    reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
        if (!j_.is_object()) fail(path_.empty() ? "(top level)" : path_, "expected object");
    }

    void read(const char* key, std::string& out) {
        if (auto* v = take(key)) {
            if (!v->is_string()) fail(at(key), "expected string");
            out = v->get<std::string>();
        }
    }
    void read(const char* key, int& out) {
        if (auto* v = take(key)) out = static_cast<int>(integer(*v, key, INT32_MIN, INT32_MAX));
    }
    void read(const char* key, unsigned short& out) {
        if (auto* v = take(key)) out = static_cast<unsigned short>(integer(*v, key, 1, 65535));
    }
    void read(const char* key, std::size_t& out) {
        if (auto* v = take(key)) out = static_cast<std::size_t>(integer(*v, key, 0, INT64_MAX));
    }
    void read(const char* key, std::chrono::milliseconds& out) {
        if (auto* v = take(key)) out = std::chrono::milliseconds(integer(*v, key, 0, INT64_MAX));
    }
    void read(const char* key, bool& out) {
        if (auto* v = take(key)) {
            if (!v->is_boolean()) fail(at(key), "expected true or false");
            out = v->get<bool>();
        }
    }
    // Calls f(reader, index) for every object of the array `key`.
    template <class F>
    void array_of_objects(const char* key, F&& f) {
        if (auto* v = take(key)) {
            if (!v->is_array()) fail(at(key), "expected array of objects");
            for (std::size_t i = 0; i < v->size(); ++i) {
                reader item((*v)[i], at(key) + "[" + std::to_string(i) + "]");
                f(item, i);
                item.finish();
            }
        }
    }
    void read(const char* key, double& out) {
        if (auto* v = take(key)) {
            if (!v->is_number()) fail(at(key), "expected number");
            out = v->get<double>();
        }
    }
    void read(const char* key, std::vector<std::string>& out) {
        if (auto* v = take(key)) {
            if (!v->is_array()) fail(at(key), "expected array of strings");
            out.clear();
            for (const auto& item : *v) {
                if (!item.is_string()) fail(at(key), "expected array of strings");
                out.push_back(item.get<std::string>());
            }
        }
    }
    // Calls f(reader) when `key` is present.
    template <class F>
    void object(const char* key, F&& f) {
        if (auto* v = take(key)) {
            reader sub(*v, at(key));
            f(sub);
            sub.finish();
        }
    }
    // Every key of this object, for maps such as "upstreams".
    std::vector<std::string> keys() const {
        std::vector<std::string> out;
        for (const auto& [k, v] : j_.items()) out.push_back(k);
        return out;
    }

    void finish() const {
        for (const auto& [key, value] : j_.items()) {
            if (seen_.count(key)) continue;
            auto secret = secret_keys.find(key);
            if (secret != secret_keys.end())
                fail(at(key.c_str()), "secrets are never read from the file; set " + secret->second +
                                          " in the environment (or NAME_FILE)");
            fail(at(key.c_str()), "unknown key");
        }
    }

    std::string at(const char* key) const { return path_.empty() ? std::string(key) : path_ + "." + key; }

private:
    const json* take(const char* key) {
        auto it = j_.find(key);
        if (it == j_.end()) return nullptr;
        seen_.insert(key);
        return &*it;
    }
    std::int64_t integer(const json& v, const char* key, std::int64_t min, std::int64_t max) const {
        if (!v.is_number_integer()) fail(at(key), "expected integer");
        auto n = v.get<std::int64_t>();
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            fail(at(key), "out of range");
        if (n < min || n > max)
            fail(at(key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return n;
    }
    [[noreturn]] static void fail(const std::string& path, const std::string& message) {
        throw config_error(path + ": " + message);
    }

    const json& j_;
    std::string path_;
    std::set<std::string> seen_;
};

void read_upstream(reader& r, upstream_config& u) {
    r.read("base_url", u.base_url);
    r.read("timeout_ms", u.timeout);
    r.read("min_interval_ms", u.min_interval);
    r.read("max_connections", u.max_connections);
    r.read("max_retries", u.max_retries);
}

void read_profile(reader& r, pipeline::profile& p) {
    r.read("categories", p.categories);
    r.read("include_keywords", p.include_keywords);
    r.read("strong_keywords", p.strong_keywords);
    r.read("exclude_keywords", p.exclude_keywords);
    r.read("lookback_days", p.lookback_days);
    r.read("papers", p.papers);
    r.read("language", p.language);
    r.object("weights", [&](reader& w) {
        w.read("upvotes", p.w.upvotes);
        w.read("citations", p.w.citations);
        w.read("recency", p.w.recency);
        w.read("keyword", p.w.keyword);
    });
}

}  // namespace

void apply_json(config& cfg, std::string_view json_text, const std::string& origin) {
    auto doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw config_error(origin + ": not valid JSON");
    reader top(doc, "");
    top.read("time_zone", cfg.time_zone);
    top.read("default_profile", cfg.default_profile);
    top.object("profiles", [&](reader& r) {
        for (const auto& name : r.keys()) {
            // A new profile starts from the built-in "llm" one and changes what it names.
            auto it = cfg.profiles.try_emplace(name, pipeline::default_llm_profile()).first;
            it->second.name = name;
            r.object(name.c_str(), [&](reader& p) { read_profile(p, it->second); });
        }
    });
    top.object("server", [&](reader& r) {
        std::string listen;
        r.read("listen", listen);
        if (!listen.empty()) parse_listen(listen, cfg.server, r.at("listen"));
        r.read("io_threads", cfg.server.io_threads);
        r.read("max_body_bytes", cfg.server.max_body_bytes);
        r.read("max_header_bytes", cfg.server.max_header_bytes);
        r.read("request_timeout_ms", cfg.server.request_timeout);
        r.read("keep_alive_timeout_ms", cfg.server.keep_alive_timeout);
        r.read("max_connections", cfg.server.max_connections);
        r.read("shutdown_grace_ms", cfg.server.shutdown_grace);
    });
    top.object("database", [&](reader& r) {
        r.read("url", cfg.database.url);
        r.read("workers", cfg.database.workers);
    });
    top.object("log", [&](reader& r) {
        r.read("level", cfg.log.level);
        r.read("format", cfg.log.format);
    });
    top.object("http_client", [&](reader& r) {
        r.read("user_agent", cfg.http_client.user_agent);
        r.read("max_response_bytes", cfg.http_client.max_response_bytes);
        r.read("ca_file", cfg.http_client.ca_file);
        r.read("backoff_base_ms", cfg.http_client.backoff_base);
        r.read("backoff_max_ms", cfg.http_client.backoff_max);
        r.read("retry_after_max_ms", cfg.http_client.retry_after_max);
    });
    top.object("upstreams", [&](reader& r) {
        for (const auto& name : r.keys()) {
            auto it = cfg.upstreams.find(name);
            if (it == cfg.upstreams.end()) continue;  // left for finish() to report as unknown
            r.object(name.c_str(), [&](reader& u) { read_upstream(u, it->second); });
        }
    });
    top.object("summarizer", [&](reader& r) {
        r.read("kind", cfg.summarizer.kind);
        r.read("model", cfg.summarizer.model);
        r.read("language", cfg.summarizer.language);
        r.read("concurrency", cfg.summarizer.concurrency);
        r.read("prompts_dir", cfg.summarizer.prompts_dir);
    });
    top.object("slack", [&](reader& r) {
        r.read("response_hosts", cfg.slack.response_hosts);
        r.read("layout", cfg.slack.layout);
        r.read("socket_connections", cfg.slack.socket_connections);
    });
    top.object("discord", [&](reader& r) {
        r.read("layout", cfg.discord.layout);
        r.read("gateway", cfg.discord.gateway);
        r.read("message_content", cfg.discord.message_content);
    });
    top.object("chat", [&](reader& r) { r.read("max_backfill_days", cfg.chat.max_backfill_days); });
    top.object("digest", [&](reader& r) {
        r.read("retry_partial_after_ms", cfg.digest.retry_partial_after);
        r.read("build_lease_ms", cfg.digest.build_lease);
    });
    top.object("delivery", [&](reader& r) {
        r.read("lease_ms", cfg.delivery.lease);
        r.read("poll_interval_ms", cfg.delivery.poll_interval);
        r.read("max_attempts", cfg.delivery.max_attempts);
        r.read("batch", cfg.delivery.batch);
        r.read("concurrency", cfg.delivery.concurrency);
        r.read("backoff_base_ms", cfg.delivery.backoff_base);
        r.read("backoff_max_ms", cfg.delivery.backoff_max);
    });
    top.object("schedule", [&](reader& r) {
        r.read("catch_up_ms", cfg.schedule.catch_up);
        r.read("source_wait_ms", cfg.schedule.source_wait);
        r.read("source_retry_ms", cfg.schedule.source_retry);
        r.read("poll_interval_ms", cfg.schedule.poll_interval);
        r.read("lease_ms", cfg.schedule.lease);
        r.read("concurrency", cfg.schedule.concurrency);
    });
    top.array_of_objects("subscriptions", [&](reader& r, std::size_t) {
        subscription_config sub;
        r.read("platform", sub.platform);
        r.read("workspace", sub.workspace);
        r.read("channel", sub.channel);
        r.read("time", sub.time);
        r.read("time_zone", sub.time_zone);
        r.read("language", sub.language);
        r.read("profile", sub.profile);
        r.read("weekdays", sub.weekdays);
        r.read("quiet_empty_days", sub.quiet_empty_days);
        cfg.subscriptions.push_back(std::move(sub));
    });
    top.object("archive", [&](reader& r) {
        r.read("enabled", cfg.archive.enabled);
        r.read("time", cfg.archive.time);
        r.read("weekdays", cfg.archive.weekdays);
    });
    top.object("store", [&](reader& r) { r.read("retention_days", cfg.store.retention_days); });
    top.finish();
}

}  // namespace paperboy::config

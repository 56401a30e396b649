#include "archive.hpp"

#include <boost/url/parse.hpp>

#include <cstring>

#include "paperboy/core/time.hpp"
#include "paperboy/render/html.hpp"
#include "paperboy/render/json.hpp"
#include "paperboy/render/markdown.hpp"
#include "paperboy/schedule/subscriptions.hpp"

namespace paperboy::app {
namespace {

using boost::asio::awaitable;

// A query parameter's decoded value, or `fallback`.
std::string query_param(const net::request& req, std::string_view name, std::string fallback) {
    const std::string ref = "?" + req.query;
    auto url = boost::urls::parse_relative_ref(ref);
    if (!url) return fallback;
    for (auto p : url->params())
        if (p.key == name && !p.value.empty()) return std::string(p.value);
    return fallback;
}

std::vector<store::digest_row> list(store::store& s) { return s.list_digests(366); }

awaitable<net::response> index_page(store::database& db, const config::config& cfg) {
    auto rows = co_await db.run(list);
    std::vector<render::index_row> index;
    for (const auto& r : rows)
        if (auto day = core::parse_ymd(r.key.day)) index.push_back({*day, r.key.profile, r.papers});
    render::index_notes notes;
    auto archive_schedule = [](store::store& s) { return s.load_subscription("archive", "", "web"); };
    if (auto sub = co_await db.run(archive_schedule))
        notes.next_digest = "Next digest: " + schedule::describe_next_run(*sub) + ".";
    const auto& sec = cfg.secret;
    if (!sec.slack_signing_secret && !sec.slack_bot_token && !sec.discord_public_key && !sec.discord_bot_token)
        notes.connect = "Get these digests in team chat: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (Slack) or "
                        "DISCORD_PUBLIC_KEY and DISCORD_BOT_TOKEN (Discord) and restart; then type /papers subscribe "
                        "in a channel. The README explains each step.";
    co_return net::response::text(200, render::html_index(index, notes), "text/html; charset=utf-8");
}

awaitable<net::response> digest_page(store::database& db, const config::config& cfg, net::request& req) {
    std::string day = req.path_params["date"];
    std::string format = "html";
    for (const char* suffix : {".md", ".json", ".html"}) {
        if (day.ends_with(suffix)) {
            format = std::string(suffix + 1);
            day.resize(day.size() - std::strlen(suffix));
        }
    }
    if (!core::parse_ymd(day)) co_return net::response::error(404, "not found");
    const auto profile = query_param(req, "profile", cfg.default_profile);
    const auto profile_it = cfg.profiles.find(profile);
    if (profile_it == cfg.profiles.end()) co_return net::response::error(404, "unknown profile");
    const store::digest_key key{day, profile, query_param(req, "lang", profile_it->second.language)};
    auto load = [key](store::store& s) { return s.load_digest(key); };
    auto stored = co_await db.run(load);
    if (!stored) co_return net::response::error(404, "no digest for " + day + " yet");
    auto d = render::digest_from_json(*stored);
    if (!d) co_return net::response::error(500, "stored digest is unreadable");
    if (format == "json") co_return net::response::json(200, *stored);
    if (format == "md") co_return net::response::text(200, render::markdown(*d), "text/markdown; charset=utf-8");
    co_return net::response::text(200, render::html_page(*d), "text/html; charset=utf-8");
}

awaitable<net::response> feed(store::database& db, net::request& req) {
    auto rows = co_await db.run(list);
    if (rows.size() > 30) rows.resize(30);
    auto load_all = [rows](store::store& s) {
        std::vector<std::string> bodies;
        for (const auto& r : rows)
            if (auto b = s.load_digest(r.key)) bodies.push_back(std::move(*b));
        return bodies;
    };
    auto bodies = co_await db.run(load_all);
    std::vector<core::digest> digests;
    for (const auto& b : bodies)
        if (auto d = render::digest_from_json(b)) digests.push_back(std::move(*d));
    const std::string host(req.header("Host").value_or("localhost"));
    co_return net::response::text(200, render::atom_feed(digests, "http://" + host), "application/atom+xml; charset=utf-8");
}

}  // namespace

void add_archive_routes(net::router& routes, store::database& db, const config::config& cfg) {
    routes.add("GET", "/", [&db, &cfg](net::request&) { return index_page(db, cfg); });
    routes.add("GET", "/digests/{date}", [&db, &cfg](net::request& req) { return digest_page(db, cfg, req); });
    routes.add("GET", "/feed.atom", [&db](net::request& req) { return feed(db, req); });
}

}  // namespace paperboy::app

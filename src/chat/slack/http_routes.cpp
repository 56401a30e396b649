#include "paperboy/chat/slack/http_routes.hpp"

#include <spdlog/spdlog.h>

#include "paperboy/chat/slack/signature.hpp"
#include "paperboy/metrics/registry.hpp"

namespace paperboy::chat::slack {

using boost::asio::awaitable;

namespace {

bool content_type_is(const net::request& req, std::string_view type) {
    auto ct = req.header("Content-Type");
    return ct && ct->substr(0, type.size()) == type;
}

}  // namespace

http_routes::http_routes(std::string signing_secret, const core::clock& clock, dispatcher& handle,
                         metrics::registry& metrics)
    : signing_secret_(std::move(signing_secret)), clock_(clock), handle_(handle), metrics_(metrics) {
    metrics.describe_counter("paperboy_slack_requests_total", "Slack requests by route and outcome.");
}

void http_routes::add_routes(net::router& routes) {
    routes.add("POST", "/slack/commands", [this](net::request& r) { return on_command(r); });
    routes.add("POST", "/slack/events", [this](net::request& r) { return on_event(r); });
    routes.add("POST", "/slack/interactivity", [this](net::request& r) { return on_interactivity(r); });
}

void http_routes::count(const net::request& req, const char* outcome) {
    metrics_.add("paperboy_slack_requests_total", {{"route", req.path}, {"outcome", outcome}});
}

std::optional<net::response> http_routes::reject_unsigned(const net::request& req) {
    const auto v = verify_signature(signing_secret_, req.header("X-Slack-Request-Timestamp").value_or(""),
                                    req.header("X-Slack-Signature").value_or(""), req.body, clock_.now());
    if (v == verdict::ok) return std::nullopt;
    count(req, to_string(v));
    spdlog::warn("slack: rejected {} from {}: {}", req.path, req.remote_address, to_string(v));
    return net::response::error(401, "invalid or stale signature");
}

awaitable<net::response> http_routes::on_command(net::request& req) {
    if (auto r = reject_unsigned(req)) co_return *r;
    if (!content_type_is(req, "application/x-www-form-urlencoded"))
        co_return net::response::error(415, "expected application/x-www-form-urlencoded");
    auto cmd = parse_slash_command(req.body);
    if (!cmd) co_return net::response::error(400, "malformed slash command");
    count(req, "ok");
    auto answer = co_await handle_.command(std::move(*cmd));
    co_return net::response::json(200, std::move(answer));
}

awaitable<net::response> http_routes::on_event(net::request& req) {
    if (auto r = reject_unsigned(req)) co_return *r;
    auto e = parse_event(req.body);
    if (!e) co_return net::response::error(400, "malformed event");
    if (e->type == "url_verification") co_return net::response::text(200, e->challenge);
    const outcome o = co_await handle_.event(std::move(*e));
    if (o == outcome::invalid) co_return net::response::error(400, "event without event_id");
    count(req, to_string(o));
    co_return net::response::json(200, "{}");
}

awaitable<net::response> http_routes::on_interactivity(net::request& req) {
    if (auto r = reject_unsigned(req)) co_return *r;
    auto action = parse_interactivity(req.body);
    if (!action) co_return net::response::error(400, "malformed interactivity payload");
    count(req, "ok");
    handle_.action(std::move(*action));
    co_return net::response{200, "text/plain", "", {}};
}

}  // namespace paperboy::chat::slack

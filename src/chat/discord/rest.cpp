#include "paperboy/chat/discord/rest.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace paperboy::chat::discord {

namespace asio = boost::asio;
using asio::awaitable;
using json = nlohmann::json;

namespace {

// The first nested "_errors" message of a 50035 body, with the path that leads to it.
std::string first_field_error(const json& errors, const std::string& path) {
    if (!errors.is_object()) return {};
    if (auto e = errors.find("_errors"); e != errors.end() && e->is_array() && !e->empty() && e->front().is_object())
        return path + ": " + e->front().value("message", "invalid");
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        auto found = first_field_error(*it, path.empty() ? it.key() : path + "." + it.key());
        if (!found.empty()) return found;
    }
    return {};
}

}  // namespace

std::string describe(const rest_reply& r) {
    if (!r.sent) return r.message;
    if (r.code == 0 && r.message.empty()) return "HTTP " + std::to_string(r.status);
    std::string out = r.code ? std::to_string(r.code) + " " + r.message : r.message;
    if (r.body.is_object())
        if (auto errors = r.body.find("errors"); errors != r.body.end())
            if (auto detail = first_field_error(*errors, ""); !detail.empty()) out += " (" + detail + ")";
    return out;
}

rest_client::rest_client(net::http_client& http, rest_options options) : http_(http), options_(std::move(options)) {}

awaitable<result<rest_reply>> rest_client::call(std::string method, std::string path, std::string body,
                                                bool with_token) {
    const std::string route = route_of(method, path);
    std::chrono::milliseconds wait{0};
    {
        std::lock_guard lock(mutex_);
        if (limits_.paused(route, std::chrono::steady_clock::now())) {
            rest_reply r;
            r.sent = false;
            r.message = "Discord refused " + route + " " + std::to_string(rate_limits::storm_limit) +
                        " times in a row (401/403); paused for " +
                        std::to_string(rate_limits::storm_pause.count()) + " minutes";
            co_return r;
        }
        wait = limits_.wait(route, std::chrono::steady_clock::now());
    }
    if (wait > options_.max_wait) {
        rest_reply r;
        r.status = 429;
        r.sent = false;
        r.message = "rate limited (" + route + ")";
        r.retry_after = wait;
        co_return r;
    }
    if (wait.count() > 0) {
        asio::steady_timer t(co_await asio::this_coro::executor, wait);
        co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    net::client_request req;
    req.method = method;
    req.url = options_.api_base + path;
    req.upstream = "discord";
    req.headers.push_back({"User-Agent", std::string("DiscordBot (https://github.com/paperboy/paperboy, ") +
                                             PAPERBOY_VERSION + ")"});
    if (with_token && options_.bot_token) req.headers.push_back({"Authorization", "Bot " + *options_.bot_token});
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        req.headers.push_back({"Content-Type", "application/json"});
        req.body = std::move(body);
    }
    req.idempotent = method == "GET" || method == "PUT" || method == "PATCH" || method == "DELETE";
    req.max_retries = 0;  // the caller retries, knowing whether a repeat is safe
    auto res = co_await http_.send(std::move(req));
    if (!res) co_return res.err();
    rest_reply r;
    r.status = res->status;
    r.body = json::parse(res->body, nullptr, false);
    if (r.body.is_discarded()) r.body = nullptr;
    if (r.status >= 400 && r.body.is_object()) {
        if (auto c = r.body.find("code"); c != r.body.end() && c->is_number_integer()) r.code = c->get<int>();
        r.message = r.body.value("message", "");
    }
    {
        std::lock_guard lock(mutex_);
        r.retry_after = limits_.update(route, r.status, res->headers, res->body, std::chrono::steady_clock::now());
        if ((r.status == 401 || r.status == 403) && limits_.paused(route, std::chrono::steady_clock::now()))
            spdlog::error("discord: {} refused {} times in a row ({}); pausing it for {} minutes", route,
                          rate_limits::storm_limit, describe(r), rate_limits::storm_pause.count());
    }
    if (r.status == 429) r.message = r.message.empty() ? "rate limited" : r.message;
    co_return r;
}

}  // namespace paperboy::chat::discord

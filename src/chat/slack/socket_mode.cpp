#include "paperboy/chat/slack/socket_mode.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

#include "paperboy/async/semaphore.hpp"
#include "paperboy/chat/slack/payloads.hpp"
#include "paperboy/json/fields.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/websocket.hpp"

namespace paperboy::chat::slack {

namespace asio = boost::asio;
using asio::awaitable;
using std::chrono::milliseconds;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

// One WebSocket to Slack. Everything about it happens on the strand.
struct socket_mode::link {
    link(int number, std::unique_ptr<net::websocket> socket, asio::any_io_executor ex)
        : id(number), ws(std::move(socket)), writes(ex, 1), hello_timer(ex) {}
    const int id;
    std::unique_ptr<net::websocket> ws;
    async::semaphore writes;  // one frame written at a time
    asio::steady_timer hello_timer;
    bool hello = false;
    bool handing_over = false;  // a successor is being opened
    bool retiring = false;      // close once no envelope is being handled
    bool closing = false;
    bool crowded = false;  // too_many_websockets
    int in_flight = 0;     // envelopes handled, not yet acknowledged
};

namespace {

double random01() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// "wss://wss-primary.slack.com/link/?ticket=..." → "wss-primary.slack.com": the ticket is a credential.
std::string host_of(const std::string& url) {
    const auto start = url.find("://");
    const auto from = start == std::string::npos ? 0 : start + 3;
    return url.substr(from, url.find_first_of("/?", from) - from);
}

}  // namespace

bool fatal_open_error(const std::string& error) {
    static const char* fatal[] = {"not_authed",   "invalid_auth",  "account_inactive", "team_disabled",
                                  "user_removed_from_team", "forbidden_team", "access_denied", "token_revoked",
                                  "not_allowed_token_type", "missing_scope"};
    return std::any_of(std::begin(fatal), std::end(fatal), [&](const char* e) { return error == e; });
}

socket_mode::socket_mode(asio::any_io_executor executor, net::http_client& http, dispatcher& handle,
                         metrics::registry& metrics, socket_mode_options options)
    : strand_(asio::make_strand(executor)), http_(http), handle_(handle), metrics_(metrics),
      options_(std::move(options)), all_done_(strand_) {
    options_.connections = std::clamp(options_.connections, 1, 10);
    metrics.describe_gauge("paperboy_slack_socket_connections", "Slack Socket Mode connections open and ready.");
    metrics.describe_counter("paperboy_slack_socket_disconnects_total",
                             "Slack Socket Mode connections that ended, by reason.");
    metrics.set("paperboy_slack_socket_connections", {}, 0);
}

socket_mode::~socket_mode() = default;

std::string socket_mode::problem() const {
    std::lock_guard lock(problem_mutex_);
    return problem_;
}

void socket_mode::fail_for_good(std::string why) {
    spdlog::critical("slack: Socket Mode stopped: {}; commands and thread replies are not seen until this is fixed "
                     "and paperboy restarted",
                     why);
    std::lock_guard lock(problem_mutex_);
    problem_ = "slack socket mode: " + why;
}

void socket_mode::stop() {
    stopping_ = true;
    asio::post(strand_, [this] { shut_down(); });
}

void socket_mode::shut_down() {
    stopping_ = true;
    for (auto* t : pauses_) t->cancel();
    for (const auto& l : links_) {
        l->hello_timer.cancel();
        retire(l);
    }
}

awaitable<void> socket_mode::run() {
    auto on_strand = [](socket_mode* self) -> awaitable<void> {
        for (int i = 0; i < self->options_.connections; ++i) self->start_connection({});
        self->all_done_.expires_at(asio::steady_timer::time_point::max());
        co_await self->all_done_.async_wait(tuple_awaitable);  // cancelled when the last one ends
    };
    co_await asio::co_spawn(strand_, on_strand(this), asio::use_awaitable);
}

void socket_mode::start_connection(std::weak_ptr<link> predecessor) {
    ++keepers_;
    asio::co_spawn(strand_, keep_connection(std::move(predecessor)), [this](std::exception_ptr e) {
        if (e) spdlog::critical("slack: a Socket Mode connection stopped unexpectedly");
        if (--keepers_ == 0) all_done_.cancel();
    });
}

milliseconds socket_mode::backoff(int failures) const {
    auto d = options_.backoff_base;
    for (int i = 1; i < failures && d < options_.backoff_max; ++i) d *= 2;
    d = std::min(d, options_.backoff_max);
    return milliseconds(static_cast<long long>(static_cast<double>(d.count()) * (0.5 + 0.5 * random01())));
}

awaitable<void> socket_mode::pause(milliseconds d) {
    asio::steady_timer t(strand_, d);
    pauses_.insert(&t);
    co_await t.async_wait(tuple_awaitable);
    pauses_.erase(&t);
}

awaitable<std::string> socket_mode::open_url() {
    net::client_request req;
    req.method = "POST";
    req.url = options_.api_base + "/apps.connections.open";
    req.upstream = "slack";
    req.headers.push_back({"Authorization", "Bearer " + options_.app_token});
    req.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    auto res = co_await http_.send(std::move(req));
    if (!res) {
        spdlog::warn("slack: apps.connections.open failed: {}", res.err().message);
        co_return "";
    }
    auto reply = parse_api_reply(res->body);
    std::string url;
    if (reply.ok) url = json_fields::text_at(json_fields::parse(res->body), "url");
    if (!url.empty()) co_return url;
    const std::string error = reply.ok ? "no url in the answer" : reply.error;
    if (fatal_open_error(error)) {
        fail_for_good("apps.connections.open: " + error +
                      " (SLACK_APP_TOKEN must be an app-level token, xapp-..., with connections:write)");
        shut_down();
    } else {
        spdlog::warn("slack: apps.connections.open: HTTP {}, {}", res->status, error);
    }
    co_return "";
}

awaitable<void> socket_mode::keep_connection(std::weak_ptr<link> predecessor) {
    int failures = 0;
    while (!stopping_) {
        const std::string url = co_await open_url();
        if (stopping_) break;
        if (url.empty()) {
            co_await pause(backoff(++failures));
            continue;
        }
        auto ws = co_await net::websocket::connect(http_, url, "slack");
        if (!ws) {
            spdlog::warn("slack: Socket Mode connection to {} failed: {}", host_of(url), ws.err().message);
            co_await pause(backoff(++failures));
            continue;
        }
        (*ws)->keep_alive(options_.idle_timeout);
        auto l = std::make_shared<link>(++next_id_, std::move(*ws), strand_);
        links_.insert(l);
        ++opened_;
        if (stopping_) retire(l);
        const ended how = co_await serve(l, predecessor);
        links_.erase(l);
        if (l->hello) {
            --ready_;
            metrics_.set("paperboy_slack_socket_connections", {}, ready_.load());
        }
        if (how == ended::handed_over || how == ended::stopped) break;
        // A connection that worked starts the backoff anew; Slack saying it has too many waits longer.
        failures = (l->hello ? 0 : failures) + (how == ended::crowded ? 3 : 1);
        co_await pause(backoff(failures));
    }
}

awaitable<void> socket_mode::watch_hello(std::shared_ptr<link> l) {
    l->hello_timer.expires_after(options_.hello_timeout);
    auto [ec] = co_await l->hello_timer.async_wait(tuple_awaitable);
    if (ec || l->hello || l->closing) co_return;
    spdlog::warn("slack: Socket Mode connection {} sent no hello within {} ms; replacing it", l->id,
                 options_.hello_timeout.count());
    l->ws->abort();
}

awaitable<socket_mode::ended> socket_mode::serve(std::shared_ptr<link> l, std::weak_ptr<link>& predecessor) {
    asio::co_spawn(strand_, watch_hello(l), asio::detached);
    for (;;) {
        auto text = co_await l->ws->read();
        if (!text) {
            l->hello_timer.cancel();
            const char* reason = stopping_         ? "stopped"
                                 : l->handing_over ? "refreshed"
                                 : l->crowded      ? "too_many_websockets"
                                 : l->closing      ? "closed"
                                                   : "lost";
            metrics_.add("paperboy_slack_socket_disconnects_total", {{"reason", reason}});
            if (stopping_) co_return ended::stopped;
            if (l->handing_over) co_return ended::handed_over;
            if (l->crowded) co_return ended::crowded;
            spdlog::warn("slack: Socket Mode connection {} ended: {}; reconnecting", l->id, text.err().message);
            co_return ended::dropped;
        }
        auto f = parse_socket_frame(*text);
        if (!f) {
            spdlog::warn("slack: Socket Mode connection {}: {}", l->id, f.err().message);
            metrics_.add("paperboy_slack_requests_total", {{"route", "socket"}, {"outcome", "malformed"}});
            continue;
        }
        if (f->is_envelope()) {
            ++l->in_flight;
            ++in_flight_;
            asio::co_spawn(strand_, handle(l, std::move(*f)), asio::detached);
        } else if (f->type == "hello") {
            l->hello = true;
            l->hello_timer.cancel();
            ++ready_;
            metrics_.set("paperboy_slack_socket_connections", {}, ready_.load());
            spdlog::info("slack: Socket Mode connection {} ready ({} open at Slack, refreshed in about {} s)", l->id,
                         f->num_connections, f->approximate_connection_time);
            if (auto old = predecessor.lock()) retire(old);
            predecessor.reset();
        } else if (f->type == "disconnect" && f->reason == "link_disabled") {
            fail_for_good("Socket Mode was switched off for this app (disconnect: link_disabled); switch it on in "
                          "the app settings or use the HTTP routes");
            shut_down();
        } else if (f->type == "disconnect" && f->reason == "too_many_websockets") {
            spdlog::warn("slack: Socket Mode: Slack counts too many connections for this app (at most 10); closing "
                         "connection {}",
                         l->id);
            l->crowded = true;
            retire(l);
        } else if (f->type == "disconnect") {
            // refresh_requested, warning, or a reason we do not know: a new connection first.
            if (!l->handing_over && !stopping_) {
                spdlog::info("slack: Socket Mode connection {}: disconnect ({}); opening the next one first", l->id,
                             f->reason.empty() ? "no reason" : f->reason);
                l->handing_over = true;
                start_connection(l);
            }
        } else {
            spdlog::debug("slack: Socket Mode frame '{}' ignored", f->type);
        }
    }
}

awaitable<std::string> socket_mode::answer(const socket_frame& f) {
    const std::string route = "socket/" + f.type;
    auto count = [&](const std::string& outcome) {
        metrics_.add("paperboy_slack_requests_total", {{"route", route}, {"outcome", outcome}});
    };
    if (f.type == "slash_commands") {
        auto cmd = slash_command_from(f.payload);
        if (!cmd) {
            spdlog::warn("slack: Socket Mode: {}", cmd.err().message);
            count("malformed");
            co_return "";
        }
        count("ok");
        auto body = co_await handle_.command(std::move(*cmd));
        co_return f.accepts_response_payload ? body : std::string();
    }
    if (f.type == "events_api") {
        auto e = event_from(f.payload);
        if (!e) {
            spdlog::warn("slack: Socket Mode: {}", e.err().message);
            count("malformed");
            co_return "";
        }
        if (f.retry_attempt > 0)
            spdlog::info("slack: event {} redelivered (attempt {}, {})", e->event_id, f.retry_attempt, f.retry_reason);
        const outcome o = co_await handle_.event(std::move(*e));
        count(to_string(o));
        co_return "";
    }
    if (f.type == "interactive") {
        auto action = block_action_from(f.payload);
        if (!action) {
            // view_submission, block_suggestion, ...: paperboy opens no views; acknowledged and dropped.
            spdlog::info("slack: Socket Mode: {}", action.err().message);
            count("ignored");
            co_return "";
        }
        count(to_string(handle_.action(std::move(*action))));
        co_return "";
    }
    spdlog::info("slack: Socket Mode envelope of type '{}' acknowledged and ignored", f.type);
    count("ignored");
    co_return "";
}

awaitable<void> socket_mode::handle(std::shared_ptr<link> l, socket_frame f) {
    std::string payload;
    bool acknowledge = true;
    try {
        payload = co_await answer(f);
    } catch (const std::exception& e) {
        // An event not acknowledged comes again (retry_attempt); a command must be answered now.
        spdlog::error("slack: Socket Mode {} envelope failed: {}", f.type, e.what());
        acknowledge = f.type != "events_api";
    }
    if (acknowledge) {
        auto held = co_await l->writes.hold();
        const std::string ack = ack_frame(f.envelope_id, payload);
        if (auto failed = co_await l->ws->write(ack))
            spdlog::warn("slack: Socket Mode connection {}: acknowledgement of {} lost: {}", l->id, f.envelope_id,
                         failed->message);
    }
    --in_flight_;
    --l->in_flight;
    close_if_idle(l);
}

void socket_mode::retire(const std::shared_ptr<link>& l) {
    l->retiring = true;
    close_if_idle(l);
}

void socket_mode::close_if_idle(const std::shared_ptr<link>& l) {
    if (!l->retiring || l->closing || l->in_flight > 0) return;
    l->closing = true;
    asio::co_spawn(strand_, close_link(l), asio::detached);
}

awaitable<void> socket_mode::close_link(std::shared_ptr<link> l) {
    co_await l->ws->close(1000);
}

}  // namespace paperboy::chat::slack

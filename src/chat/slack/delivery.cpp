#include "paperboy/chat/slack/delivery.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "paperboy/chat/slack/payloads.hpp"
#include "paperboy/chat/slack/web_api.hpp"
#include "paperboy/metrics/registry.hpp"

namespace paperboy::chat::slack {

namespace asio = boost::asio;
using asio::awaitable;

namespace {

constexpr const char* response_platform = "slack-response";  // outbox items sent to a response_url

// Slack errors that another attempt cannot fix.
bool permanent(const std::string& error) {
    return error != "ratelimited" && error != "internal_error" && error != "fatal_error" &&
           error != "service_unavailable" && error != "request_timeout";
}

}  // namespace

delivery::delivery(net::http_client& http, store::database& db, metrics::registry& metrics, std::string api_base,
                   std::optional<std::string> bot_token, std::vector<std::string> response_hosts,
                   std::chrono::milliseconds per_channel_interval)
    : http_(http), db_(db), metrics_(metrics), base_(std::move(api_base)), token_(std::move(bot_token)),
      response_hosts_(std::move(response_hosts)), interval_(per_channel_interval) {
    metrics.describe_counter("paperboy_deliveries_total", "Chat posts by platform and outcome.");
}

awaitable<void> delivery::pace(const std::string& channel) {
    net::pacer::time_point start_at;
    {
        std::lock_guard lock(pacing_mutex_);
        auto it = per_channel_.try_emplace(channel, interval_).first;
        start_at = it->second.reserve(std::chrono::steady_clock::now());
    }
    if (start_at > std::chrono::steady_clock::now()) {
        asio::steady_timer t(co_await asio::this_coro::executor, start_at);
        co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

awaitable<result<std::string>> delivery::post(std::string channel, std::string thread_ts, std::string text,
                                              std::string blocks_json, std::string idempotency_key) {
    if (!token_) co_return error{"no SLACK_BOT_TOKEN configured"};
    store::outbox_item item;
    item.platform = "slack";
    item.channel = channel;
    item.thread = thread_ts;
    item.payload = post_message_body(channel, text, blocks_json, thread_ts);
    item.idempotency_key = std::move(idempotency_key);
    auto enqueue = [item](store::store& s) { return s.enqueue(item); };
    auto stored = co_await db_.run(enqueue);
    if (stored.state == "sent") co_return stored.remote_id;  // a retry of something already posted
    if (stored.state == "failed") co_return error{"slack: " + stored.last_error};
    co_return co_await send(std::move(stored));
}

awaitable<result<bool>> delivery::respond(std::string response_url, std::string text, std::string blocks_json,
                                          bool in_channel, std::string idempotency_key) {
    if (!response_url_allowed(response_url, response_hosts_))
        co_return error{"response_url host is not in PAPERBOY_SLACK_RESPONSE_HOSTS; not contacted"};
    store::outbox_item item;
    item.platform = response_platform;
    item.channel = response_url;
    item.payload = response_url_body(text, blocks_json, in_channel);
    item.idempotency_key = std::move(idempotency_key);
    auto enqueue = [item](store::store& s) { return s.enqueue(item); };
    auto stored = co_await db_.run(enqueue);
    if (stored.state == "sent") co_return true;
    auto sent = co_await send(std::move(stored));
    if (!sent) co_return sent.err();
    co_return true;
}

awaitable<result<std::string>> delivery::send(store::outbox_item item) {
    const bool to_response_url = item.platform == response_platform;
    net::client_request req;
    req.method = "POST";
    req.url = to_response_url ? item.channel : base_ + "/chat.postMessage";
    req.upstream = "slack";
    req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
    if (!to_response_url) req.headers.push_back({"Authorization", "Bearer " + *token_});
    req.body = item.payload;
    req.idempotent = false;  // a repeated post would show twice in the channel
    if (!to_response_url) co_await pace(item.channel);
    auto res = co_await http_.send(std::move(req));

    std::string failure;
    bool final_failure = false;
    std::string ts;
    if (!res) {
        failure = res.err().message;
    } else if (to_response_url) {
        if (res->status != 200) {
            failure = "response_url: HTTP " + std::to_string(res->status) + " " + res->body.substr(0, 100);
            final_failure = res->status >= 400 && res->status < 500 && res->status != 429;
        }
    } else {
        auto reply = parse_api_reply(res->body);
        if (reply.ok) ts = reply.ts;
        else {
            failure = reply.error.empty() ? "HTTP " + std::to_string(res->status) : reply.error;
            final_failure = permanent(reply.error);
        }
    }
    const std::string platform = to_response_url ? "slack_response_url" : "slack";
    if (failure.empty()) {
        auto mark = [id = item.id, ts](store::store& s) { s.mark_sent(id, ts); };
        co_await db_.run(mark);
        metrics_.add("paperboy_deliveries_total", {{"platform", platform}, {"outcome", "sent"}});
        co_return ts;
    }
    auto mark = [id = item.id, failure, final_failure](store::store& s) { s.mark_attempt_failed(id, failure, final_failure); };
    co_await db_.run(mark);
    metrics_.add("paperboy_deliveries_total", {{"platform", platform}, {"outcome", "failed"}});
    spdlog::warn("slack delivery to {} failed: {}", to_response_url ? "response_url" : item.channel, failure);
    co_return error{"slack: " + failure};
}

awaitable<int> delivery::redeliver_pending() {
    auto load = [](store::store& s) { return s.pending_outbox(100); };
    auto pending = co_await db_.run(load);
    int sent = 0;
    for (auto& item : pending) {
        if (item.platform != "slack" && item.platform != response_platform) continue;
        if (item.platform == "slack" && !token_) continue;
        if (item.attempts >= 5) {
            auto give_up = [id = item.id](store::store& s) { s.mark_attempt_failed(id, "gave up after 5 attempts", true); };
            co_await db_.run(give_up);
            continue;
        }
        if (co_await send(std::move(item))) ++sent;
    }
    co_return sent;
}

}  // namespace paperboy::chat::slack

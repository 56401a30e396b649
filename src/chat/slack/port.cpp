#include "paperboy/chat/slack/port.hpp"
#include "paperboy/net/retry.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "paperboy/bot/help.hpp"
#include "paperboy/chat/slack/payloads.hpp"
#include "paperboy/chat/slack/web_api.hpp"
#include "paperboy/render/slack.hpp"

namespace paperboy::chat::slack {

namespace asio = boost::asio;
using asio::awaitable;
using json = nlohmann::json;

namespace {

constexpr const char* response_platform = "slack-response";  // rows sent to a response_url
constexpr const char* metadata_type = "paperboy_post";

std::vector<std::string> payloads(const std::vector<render::slack_message>& messages) {
    std::vector<std::string> out;
    for (const auto& m : messages) out.push_back(post_message_body("", m.text, m.blocks_json, ""));
    return out;
}

// Slack errors worth another attempt, after which the message surely did not post.
bool rate_limited(const std::string& error) { return error == "ratelimited" || error == "rate_limited"; }
// Slack errors after which the message may or may not have posted.
bool server_trouble(const std::string& error) {
    return error == "internal_error" || error == "fatal_error" || error == "service_unavailable" ||
           error == "request_timeout";
}

send_outcome outcome(send_outcome::status s, std::string error = {}, std::string remote = {}) {
    send_outcome o;
    o.what = s;
    o.error = std::move(error);
    o.remote_id = std::move(remote);
    return o;
}

// A failed exchange: may the request have arrived?
send_outcome transport_outcome(const error& e) {
    const auto kind = net::failure_of(e);
    return outcome(net::may_have_arrived(kind) ? send_outcome::status::unclear : send_outcome::status::retry,
                   net::to_string(kind));
}

std::optional<std::chrono::milliseconds> retry_after_of(const net::client_response& r) {
    auto ra = r.header("Retry-After");
    if (!ra) return std::nullopt;
    return net::parse_retry_after(*ra, std::chrono::system_clock::now());
}

std::string query_escape(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') out.push_back(static_cast<char>(c));
        else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

}  // namespace

bool permanent_error(const std::string& error) { return !rate_limited(error) && !server_trouble(error); }

slack_port::slack_port(net::http_client& http, port_options options) : http_(http), options_(std::move(options)) {}

bool slack_port::delivers(const std::string& outbox_platform) const {
    return outbox_platform == "slack" || outbox_platform == response_platform;
}

std::vector<std::string> slack_port::digest_messages(const core::digest& d, const std::string& layout) const {
    return payloads(render::slack_digest(d, layout == "compact" ? render::slack_layout::compact : render::slack_layout::full));
}

std::vector<std::string> slack_port::thread_messages(const core::digest& d) const {
    return payloads(render::slack_thread(d));
}

std::vector<std::string> slack_port::entry_messages(const core::digest_entry& e, const std::string& language) const {
    return payloads(render::slack_entry(e, language));
}

std::string slack_port::text_message(const std::string& text) const {
    return post_message_body("", render::mrkdwn_escape(text), "", "");
}

std::optional<store::outbox_item> slack_port::private_row(const std::string& address, const std::string& payload,
                                                          bool visible, std::size_t) const {
    if (!response_url_allowed(address, options_.response_hosts)) {
        spdlog::warn("slack: response_url host is not in PAPERBOY_SLACK_RESPONSE_HOSTS; not contacted");
        return std::nullopt;
    }
    auto message = json::parse(payload, nullptr, false);
    if (!message.is_object()) return std::nullopt;
    const std::string blocks = message.contains("blocks") ? message["blocks"].dump() : "";
    store::outbox_item row;
    row.platform = response_platform;
    row.channel = address;
    row.payload = response_url_body(message.value("text", ""), blocks, visible);
    return row;
}

std::string slack_port::failure_note(const std::string& error, const std::string& language) const {
    const bool ja = bot::is_japanese(language);
    std::string why;
    if (error == "not_in_channel")
        why = ja ? "paperboy アプリがこのチャンネルに参加していません。`/invite @paperboy` で追加してください。"
                 : "the paperboy app is not in this channel. Add it with `/invite @paperboy` and try again.";
    else if (error == "channel_not_found")
        why = ja ? "チャンネルが見つかりません（非公開チャンネルにはアプリを追加してください）。"
                 : "the channel was not found (add the app to private channels first).";
    else if (error == "is_archived")
        why = ja ? "チャンネルはアーカイブされています。" : "the channel is archived.";
    else
        why = ja ? "Slack が投稿を受け付けませんでした。" : "Slack did not accept the message.";
    return (ja ? "ここに投稿できませんでした（" + error + "）: " : "Could not post here (" + error + "): ") + why;
}

awaitable<void> slack_port::pace(const std::string& channel) {
    std::chrono::steady_clock::time_point start_at;
    {
        std::lock_guard lock(pacing_mutex_);
        start_at = free_at_[channel];
    }
    if (start_at > std::chrono::steady_clock::now()) {
        asio::steady_timer t(co_await asio::this_coro::executor, start_at);
        co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

void slack_port::done(const std::string& channel) {
    std::lock_guard lock(pacing_mutex_);
    free_at_[channel] = std::chrono::steady_clock::now() + options_.per_channel_interval;
}

awaitable<send_outcome> slack_port::send(store::outbox_item item) {
    if (item.platform == response_platform) co_return co_await post_response(item);
    co_return co_await post_message(item);
}

awaitable<send_outcome> slack_port::post_message(const store::outbox_item& item) {
    if (!options_.bot_token) co_return outcome(send_outcome::status::failed, "no SLACK_BOT_TOKEN configured");
    auto body = json::parse(item.payload, nullptr, false);
    if (!body.is_object()) co_return outcome(send_outcome::status::failed, "unreadable outbox payload");
    body["channel"] = item.channel;
    if (!item.thread.empty()) body["thread_ts"] = item.thread;
    body["metadata"] = {{"event_type", metadata_type}, {"event_payload", {{"key", item.idempotency_key}}}};
    net::client_request req;
    req.method = "POST";
    req.url = options_.api_base + "/chat.postMessage";
    req.upstream = "slack";
    req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
    req.headers.push_back({"Authorization", "Bearer " + *options_.bot_token});
    req.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    req.idempotent = false;  // a repeated post would show twice in the channel
    req.max_retries = 0;     // the outbox retries, with its claim and backoff
    co_await pace(item.channel);
    auto res = co_await http_.send(std::move(req));
    done(item.channel);
    if (!res) co_return transport_outcome(res.err());
    if (res->status == 429) {
        auto o = outcome(send_outcome::status::retry, "ratelimited");
        o.retry_after = retry_after_of(*res);
        co_return o;
    }
    auto reply = parse_api_reply(res->body);
    if (reply.ok) co_return outcome(send_outcome::status::sent, "", reply.ts);
    if (res->status >= 500) co_return outcome(res->status == 503 ? send_outcome::status::retry : send_outcome::status::unclear,
                                              "HTTP " + std::to_string(res->status));
    const std::string code = reply.error.empty() ? "HTTP " + std::to_string(res->status) : reply.error;
    if (rate_limited(code)) {
        auto o = outcome(send_outcome::status::retry, code);  // ok:false ratelimited with HTTP 200
        o.retry_after = retry_after_of(*res);
        co_return o;
    }
    if (server_trouble(code)) co_return outcome(send_outcome::status::unclear, code);
    co_return outcome(send_outcome::status::failed, code);
}

awaitable<send_outcome> slack_port::post_response(const store::outbox_item& item) {
    if (!response_url_allowed(item.channel, options_.response_hosts))
        co_return outcome(send_outcome::status::failed, "response_url host not allowed");
    net::client_request req;
    req.method = "POST";
    req.url = item.channel;
    req.upstream = "slack";
    req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
    req.body = item.payload;
    req.idempotent = false;
    req.max_retries = 0;
    auto res = co_await http_.send(std::move(req));
    if (!res) co_return transport_outcome(res.err());
    if (res->status == 200) co_return outcome(send_outcome::status::sent);
    const std::string code = "response_url: HTTP " + std::to_string(res->status);
    if (res->status == 429 || res->status == 503) {
        auto o = outcome(send_outcome::status::retry, code);
        o.retry_after = retry_after_of(*res);
        co_return o;
    }
    co_return outcome(res->status >= 500 ? send_outcome::status::unclear : send_outcome::status::failed, code);
}

awaitable<result<lookup>> slack_port::find_sent(store::outbox_item item) {
    // A response_url has no history to read.
    if (item.platform == response_platform || !options_.bot_token) co_return lookup{lookup::status::cannot_tell, {}};
    const std::string limit = std::to_string(options_.history_limit);
    const std::string base = item.thread.empty()
                                 ? options_.api_base + "/conversations.history?channel=" + query_escape(item.channel)
                                 : options_.api_base + "/conversations.replies?channel=" + query_escape(item.channel) +
                                       "&ts=" + query_escape(item.thread);
    std::string cursor;
    // A few pages: history is newest first, a thread oldest first, so a long thread needs paging.
    for (int page = 0; page < 10; ++page) {
        net::client_request req;
        req.method = "GET";
        req.url = base + "&limit=" + limit + "&include_all_metadata=true" + (cursor.empty() ? "" : "&cursor=" + query_escape(cursor));
        req.upstream = "slack";
        req.headers.push_back({"Authorization", "Bearer " + *options_.bot_token});
        req.max_retries = 0;  // the worker retries, within its lease
        auto res = co_await http_.send(std::move(req));
        if (!res) co_return res.err();
        auto doc = json::parse(res->body, nullptr, false);
        if (!doc.is_object()) co_return error{"unreadable answer (HTTP " + std::to_string(res->status) + ")"};
        if (!doc.value("ok", false)) co_return error{doc.value("error", "HTTP " + std::to_string(res->status))};
        if (auto messages = doc.find("messages"); messages != doc.end() && messages->is_array()) {
            for (const auto& m : *messages) {
                if (!m.is_object() || !m.contains("metadata") || !m["metadata"].is_object()) continue;
                const auto& meta = m["metadata"];
                if (meta.value("event_type", "") != metadata_type || !meta.contains("event_payload") ||
                    !meta["event_payload"].is_object())
                    continue;
                if (meta["event_payload"].value("key", "") == item.idempotency_key)
                    co_return lookup{lookup::status::found, m.value("ts", "")};
            }
        }
        cursor.clear();
        if (auto meta = doc.find("response_metadata"); meta != doc.end() && meta->is_object())
            cursor = meta->value("next_cursor", "");
        if (cursor.empty() || !doc.value("has_more", false)) break;
    }
    co_return lookup{lookup::status::absent, {}};
}

}  // namespace paperboy::chat::slack
